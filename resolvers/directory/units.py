"""Queries on the org tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain import permissions
from domain.errors import DomainError, ErrorCode
from domain.org.model import Leadership, OrgUnit, UnitLineage
from domain.paging import Seek
from domain.reading import UnitFilter
from resolvers.context import RequestContext
from resolvers.pagination import Page, paginate

MAX_TREE_DEPTH = 10
MAX_TREE_UNITS = 20_000


async def org_unit(ctx: RequestContext, *, unit_id: int | None, code: str | None) -> OrgUnit | None:
    """A unit by id or by code (exactly one)."""
    if (unit_id is None) == (code is None):
        raise DomainError(ErrorCode.INVALID_INPUT, "Give either id or code", "id")
    found: OrgUnit | None
    if unit_id is not None:
        found = await ctx.loaders.unit_by_id.load(unit_id)
    else:
        assert code is not None
        found = await ctx.loaders.unit_by_code.load(code.strip().upper())
    return found


async def roots(ctx: RequestContext) -> list[OrgUnit]:
    """Top-level units (normally the province)."""
    return await ctx.reader.roots()


async def org_tree(ctx: RequestContext, *, root: OrgUnit, depth: int) -> OrgUnit:
    """Load the subtree under `root` down to `depth` levels in one statement."""
    if depth < 0 or depth > MAX_TREE_DEPTH:
        raise DomainError(
            ErrorCode.INVALID_INPUT, f"depth must be between 0 and {MAX_TREE_DEPTH}", "depth"
        )
    max_depth = root.depth + depth
    units = await ctx.reader.units(
        UnitFilter(path=root.path, min_depth=root.depth, max_depth=max_depth),
        after=None,
        limit=MAX_TREE_UNITS,
    )
    ctx.loaders.prime_tree(units, max_depth)
    # Everything the dashboard nests is loaded now, so its fields resolve without awaiting.
    groups = await ctx.loaders.leaders_by_unit_id.load_many([u.id for u in units])
    if permissions.can_view_work_contact(ctx.principal):
        await ctx.loaders.person_by_id.load_many(
            list({lead.person_id for group in groups for lead in group})
        )
    await ctx.loaders.level_by_code.load_many(list({u.level_code for u in units}))
    return root


@dataclass(frozen=True)
class HistoricalNode:
    """A unit as it stood in the tree on a date, with its children then."""

    unit: OrgUnit
    children: list[HistoricalNode]


async def tree_as_of(
    ctx: RequestContext, *, root_id: int | None, day: date
) -> list[HistoricalNode]:
    """The tree as it stood on `day`: units alive then, placed under their parents of then."""
    rows = await ctx.reader.tree_as_of(day)
    by_parent: dict[int | None, list[OrgUnit]] = {}
    alive = {unit.id for unit, _parent in rows}
    for unit, parent_id in rows:
        by_parent.setdefault(parent_id if parent_id in alive else None, []).append(unit)

    def build(unit: OrgUnit) -> HistoricalNode:
        kids = sorted(by_parent.get(unit.id, []), key=lambda u: (u.level_code, u.name, u.id))
        return HistoricalNode(unit, [build(kid) for kid in kids])

    if root_id is None:
        return [build(unit) for unit in by_parent.get(None, [])]
    return [build(unit) for unit, _parent in rows if unit.id == root_id]


async def ancestors(ctx: RequestContext, unit: OrgUnit) -> list[OrgUnit]:
    """From the root down to the parent."""
    found = await ctx.loaders.unit_by_id.load_many(unit.ancestor_ids())
    return [u for u in found if u is not None]


async def descendants(
    ctx: RequestContext,
    unit: OrgUnit,
    *,
    levels: list[str] | None,
    include_inactive: bool,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[OrgUnit]:
    """Every unit under `unit` at any depth: one indexed prefix query on the path."""
    where = UnitFilter(
        path=unit.path,
        min_depth=unit.depth + 1,
        levels=tuple(levels or ()),
        include_inactive=include_inactive,
    )

    async def fetch(seek: Seek[list[int]], limit: int) -> list[OrgUnit]:
        keys = seek.map(lambda key, _field: (int(key[0]), int(key[1])))
        return await ctx.reader.units(
            where, after=keys.after, before=keys.before, backward=keys.backward, limit=limit
        )

    async def count() -> int:
        return await ctx.reader.count_units(where)

    return await paginate(
        fetch,
        lambda u: [u.depth, u.id],
        first=first,
        after=after,
        last=last,
        before=before,
        count=count,
        shape=(int, int),
    )


async def leaders(ctx: RequestContext, unit: OrgUnit) -> list[Leadership]:
    """Current head and deputies."""
    return await ctx.loaders.leaders_by_unit_id.load(unit.id)


async def lineage(
    ctx: RequestContext, unit: OrgUnit
) -> tuple[list[UnitLineage], list[UnitLineage]]:
    """(links from predecessors, links to successors)."""
    links = await ctx.loaders.lineage_by_unit_id.load(unit.id)
    return (
        [lk for lk in links if lk.successor_id == unit.id],
        [lk for lk in links if lk.predecessor_id == unit.id],
    )
