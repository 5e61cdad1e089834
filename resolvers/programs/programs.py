"""Work programs: register, compile, edit, issue, report results (one transaction each), and
reads inside the caller's scope (items and results fetched in one statement each)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from domain import permissions
from domain.accounts.model import Role
from domain.errors import DomainError, ErrorCode, Unauthenticated
from domain.ports import UnitOfWork
from domain.programs import results as program_results
from domain.programs import services
from domain.programs.model import ItemResult, ItemStatus, ProgramItem, ProgramKind, WorkProgram
from domain.programs.ports import ProgramUnitOfWork
from domain.programs.services import NewItem
from domain.stats.periods import parse_period
from domain.tasks.model import Period
from resolvers.context import RequestContext, run_use_case

T = TypeVar("T")


async def _run(
    ctx: RequestContext, use_case: Callable[[ProgramUnitOfWork], Awaitable[T]]
) -> T | DomainError:
    return await run_use_case(ctx, lambda uow: use_case(_programs_uow(uow)))


def _programs_uow(uow: UnitOfWork) -> ProgramUnitOfWork:
    return cast(ProgramUnitOfWork, uow)


@dataclass(frozen=True)
class ProgramView:
    """A program with its items and each item's results."""

    program: WorkProgram
    items: list[ProgramItem]
    results: dict[int, list[ItemResult]]


async def _viewed(
    ctx: RequestContext, use_case: Callable[[ProgramUnitOfWork], Awaitable[WorkProgram]]
) -> ProgramView | DomainError:
    """Run a use case that writes a program; the view is read in the same transaction."""

    async def run(uow: ProgramUnitOfWork) -> ProgramView:
        written = await use_case(uow)
        return ProgramView(written, await uow.programs.items_of([written.id]), {})

    return await _run(ctx, run)


async def register(
    ctx: RequestContext, unit_id: int, period: Period, period_name: str, items: list[NewItem]
) -> ProgramView | DomainError:
    """A unit registers its program."""
    return await _viewed(
        ctx,
        lambda uow: services.register_program(
            uow=uow,
            actor=ctx.principal,
            unit_id=unit_id,
            period=period,
            period_name=period_name,
            items=items,
            now=ctx.now(),
        ),
    )


@dataclass(frozen=True)
class Compilation:
    """What the office compiles."""

    office_unit_id: int
    level_unit_id: int
    period: Period
    period_name: str
    title: str
    items: list[NewItem]


async def compile_program(ctx: RequestContext, c: Compilation) -> ProgramView | DomainError:
    """The office drafts its level's program."""
    return await _viewed(
        ctx,
        lambda uow: services.compile_program(
            uow=uow,
            actor=ctx.principal,
            office_unit_id=c.office_unit_id,
            level_unit_id=c.level_unit_id,
            period=c.period,
            period_name=c.period_name,
            title=c.title,
            items=c.items,
            now=ctx.now(),
        ),
    )


async def edit_item(
    ctx: RequestContext, item_id: int, version: int | None, new: NewItem
) -> ProgramItem | DomainError:
    """The office edits an item of its draft."""
    return await _run(
        ctx,
        lambda uow: services.edit_item(
            uow=uow, actor=ctx.principal, item_id=item_id, version=version, new=new
        ),
    )


async def issue(
    ctx: RequestContext, program_id: int, version: int | None
) -> ProgramView | DomainError:
    """Issue a draft: its items become tasks of their units."""
    calendar = await ctx.calendars.get()
    return await _viewed(
        ctx,
        lambda uow: services.issue_program(
            uow=uow,
            actor=ctx.principal,
            calendar=calendar,
            program_id=program_id,
            version=version,
            now=ctx.now(),
        ),
    )


async def report(
    ctx: RequestContext,
    item_id: int,
    *,
    period: str,
    status: ItemStatus,
    result: str,
    version: int | None,
) -> ItemResult | DomainError:
    """The item's unit reports a result."""
    return await _run(
        ctx,
        lambda uow: program_results.report_result(
            uow=uow,
            actor=ctx.principal,
            item_id=item_id,
            period=period,
            status=status,
            result=result,
            version=version,
            now=ctx.now(),
        ),
    )


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
