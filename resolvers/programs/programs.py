"""Reads of work programs inside the caller's scope (items and results fetched in one
statement each); the writes are commands (domain/programs/commands.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from domain import permissions
from domain.accounts.model import Role
from domain.errors import DomainError, ErrorCode, Unauthenticated
from domain.programs import results as program_results
from domain.programs.model import ItemResult, ProgramItem, ProgramKind, ProgramView, WorkProgram
from domain.stats.periods import parse_period
from resolvers.context import RequestContext


async def _may_read(ctx: RequestContext, program: WorkProgram) -> bool:
    ids = [program.unit_id] + ([program.office_unit_id] if program.office_unit_id else [])
    units = {u.id: u for u in await ctx.reader.units_by_ids(ids)}
    unit = units.get(program.unit_id)
    office = units.get(program.office_unit_id or 0)
    if unit is not None and permissions.can_view_reports(ctx.principal, unit.path, unit.id):
        return True
    return office is not None and ctx.principal.has(Role.TASK_CREATOR, office.path)


async def program(ctx: RequestContext, program_id: int) -> ProgramView | None:
    """One program with its items and results, when the caller may read it."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    found = await ctx.programs.get(program_id)
    if found is None or not await _may_read(ctx, found):
        return None
    items = await ctx.programs.items_of([found.id])
    results: dict[int, list[ItemResult]] = defaultdict(list)
    for r in await ctx.programs.results_of([i.id for i in items], None) if items else []:
        results[r.item_id].append(r)
    return ProgramView(found, items, dict(results))


async def programs(
    ctx: RequestContext, unit_id: int, kind: ProgramKind | None, period_name: str | None
) -> list[ProgramView]:
    """Programs of a unit's subtree (registrations and compiled), with their items."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    unit = await ctx.loaders.unit_by_id.load(unit_id)
    if unit is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "unitId")
    if not permissions.can_view_reports(ctx.principal, unit.path, unit.id):
        raise DomainError(ErrorCode.OUT_OF_SCOPE, "The unit is outside your scope", "unitId")
    found = await ctx.programs.programs([unit.path], kind, period_name)
    items: dict[int, list[ProgramItem]] = defaultdict(list)
    for item in await ctx.programs.items_of([p.id for p in found]) if found else []:
        items[item.program_id].append(item)
    return [ProgramView(p, items[p.id], {}) for p in found]


@dataclass(frozen=True)
class ProgramReport:
    """An issued program at one period: each item's result and the tallies."""

    view: ProgramView
    period: str
    tally: dict[str, int]
    by_unit: dict[int, dict[str, int]]


async def program_report(ctx: RequestContext, program_id: int, period: str) -> ProgramReport:
    """The office's aggregate of the results reported for one period."""
    view = await program(ctx, program_id)
    if view is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Work program not found", "id")
    named = parse_period(period)
    items = view.items
    results = await ctx.programs.results_of([i.id for i in items], named.name) if items else []
    per_item = {r.item_id: [r] for r in results}
    owners: dict[int, list[ProgramItem]] = defaultdict(list)
    for item in items:
        owners[item.owner_unit_id].append(item)
    by_unit = {
        unit_id: program_results.tally([r for r in results if r.unit_id == unit_id], owned)
        for unit_id, owned in owners.items()
    }
    return ProgramReport(
        ProgramView(view.program, items, per_item),
        named.name,
        program_results.tally(results, items),
        by_unit,
    )
