"""Org tree types: OrgUnit (a federation entity and Relay node), levels, leaders, lineage."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, cast

import strawberry
from strawberry import relay
from strawberry.types import Info

from domain import permissions
from domain.org import model
from resolvers.context import RequestContext
from resolvers.directory import people as people_queries
from resolvers.directory import units as unit_queries
from resolvers.pagination import Page
from schema.common import PageInfo, ctx_of, decode_id, from_loader
from schema.descriptions import (
    CURSOR,
    EDGES,
    NODE,
    PAGE_INFO,
    SEARCH_NAMES,
    TOTAL_COUNT,
    VERSION_FIELD,
    After,
    Before,
    First,
    Last,
    describe_enum,
)

if TYPE_CHECKING:
    from schema.people import Person, PersonConnection

describe_enum(
    model.UnitKind,
    "UnitKind",
    "What sort of body a unit is (its level says where it sits in the tree)",
    {
        model.UnitKind.GOVERNMENT: "A body of the people's committees: the province, its "
        "departments, districts, offices, communes and wards",
        model.UnitKind.IOC: "The Intelligent Operations Center, which receives and routes "
        "citizens' field reports",
        model.UnitKind.CENTRAL_AGENCY: "A central agency's branch in the province (tax, "
        "customs, police...) that takes part in the directory and the flows",
        model.UnitKind.PUBLIC_SERVICE_COMPANY: "A public-service company (water, power, "
        "lighting, environment) that handles field reports in its domain",
        model.UnitKind.OTHER: "Any other body listed in the directory",
    },
)
UnitKindType: TypeAlias = model.UnitKind
describe_enum(
    model.UnitStatus,
    "UnitStatus",
    "Where a unit stands in its lifecycle; units are never deleted, only closed",
    {
        model.UnitStatus.ACTIVE: "In operation: it takes new work, members and child units",
        model.UnitStatus.MERGED: "Closed by a merge on `validTo`; `successors` names the unit "
        "it merged into",
        model.UnitStatus.SPLIT: "Closed by a split on `validTo`; `successors` names the new units",
        model.UnitStatus.DISSOLVED: "Closed on `validTo` without being merged or split "
        "(`successors` names the unit that took its members, if any)",
    },
)
UnitStatusType: TypeAlias = model.UnitStatus
describe_enum(
    model.LeaderRank,
    "LeaderRank",
    "The place of a leadership position in the unit",
    {
        model.LeaderRank.HEAD: "The head of the unit (Chairman, Director, Chief...)",
        model.LeaderRank.DEPUTY: "One of the deputies (Vice-chairman, Deputy director...)",
    },
)
LeaderRankType: TypeAlias = model.LeaderRank
describe_enum(
    model.LineageKind,
    "LineageKind",
    "How one unit became another",
    {
        model.LineageKind.MERGED_INTO: "The earlier unit merged into the later one",
        model.LineageKind.SPLIT_INTO: "The earlier unit split, the later one being one of "
        "the new units",
    },
)
LineageKindType: TypeAlias = model.LineageKind


@strawberry.type(
    description="A tier of the tree. Levels are data: provinces may add or retire them."
)
class OrgLevel:
    code: str = strawberry.field(
        description="Stable code (PROVINCE, DEPARTMENT, DISTRICT, OFFICE, COMMUNE...) that "
        "units' `levelCode` and list filters use"
    )
    name: str = strawberry.field(description="Display name of the tier, in Vietnamese")
    rank: int = strawberry.field(description="0 for the top; deeper tiers have higher ranks")
    description: str = strawberry.field(
        description="What units of this tier are, as the province describes them; may be empty"
    )


@strawberry.federation.type(
    keys=["id"],
    name="OrgUnit",
    description="A unit of the province: committee, department, district, office, commune, IOC...",
)
class OrgUnit(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.OrgUnit]
    code: str = strawberry.field(
        description="Short unique code (upper case: UBND-TTH, SNV...), usable in "
        "`orgUnit(code:)`; it never changes"
    )
    name: str = strawberry.field(description="Full official name, in Vietnamese")
    short_name: str | None = strawberry.field(
        description="Abbreviated name for narrow displays; null when it has none"
    )
    level_code: str = strawberry.field(description="Code of the unit's OrgLevel")
    kind: UnitKindType = strawberry.field(description="What sort of body the unit is")
    status: UnitStatusType = strawberry.field(
        description="Active, or how it was closed (merged, split, dissolved)"
    )
    depth: int = strawberry.field(description="0 at the root")
    valid_from: date = strawberry.field(
        description="Local date the unit came into being (or entered the directory)"
    )
    valid_to: date | None = strawberry.field(
        description="Local date it was merged, split or dissolved; null while active"
    )
    address: str | None = strawberry.field(
        description="Office address, public; null when not recorded"
    )
    phone: str | None = strawberry.field(description="Public switchboard number; null if none")
    fax: str | None = strawberry.field(description="Public fax number; null if none")
    email: str | None = strawberry.field(description="Official email address; null if none")
    website: str | None = strawberry.field(description="Website URL; null if none")
    introduction: str | None = strawberry.field(
        description="Free-text introduction of the unit, as it publishes it; null if none"
    )
    functions: str | None = strawberry.field(
        description="The unit's functions (chức năng) as the directory records them; null if "
        "not recorded"
    )
    duties: str | None = strawberry.field(
        description="The unit's duties and powers (nhiệm vụ, quyền hạn) as the directory "
        "records them; null if not recorded"
    )
    version: int = strawberry.field(description=VERSION_FIELD)
    member_count: int = strawberry.field(description="Current members of this unit itself")
    subtree_member_count: int = strawberry.field(
        description="Current members of this unit and every unit under it (kept on write)"
    )

    @classmethod
    def from_domain(cls, unit: model.OrgUnit) -> OrgUnit:
        """Build from the domain unit."""
        return cls(
            id=unit.id,
            domain=unit,
            code=unit.code,
            name=unit.name,
            short_name=unit.short_name,
            level_code=unit.level_code,
            kind=unit.kind,
            status=unit.status,
            depth=unit.depth,
            valid_from=unit.valid_from,
            valid_to=unit.valid_to,
            address=unit.address,
            phone=unit.phone,
            fax=unit.fax,
            email=unit.email,
            website=unit.website,
            introduction=unit.introduction,
            functions=unit.functions,
            duties=unit.duties,
            version=unit.version,
            member_count=unit.member_count,
            subtree_member_count=unit.subtree_member_count,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # Node declares overloads on `required`
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[OrgUnit | None]:
        units = await ctx_of(info).loaders.unit_by_id.load_many([int(i) for i in node_ids])
        return [cls.from_domain(u) if u else None for u in units]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(decode_id(id, "OrgUnit"))
        return cls.from_domain(unit) if unit else None

    @strawberry.field(description="The unit's level")
    def level(self, info: Info) -> OrgLevel:
        return from_loader(ctx_of(info).loaders.level_by_code, self.level_code, _level)

    @strawberry.field(description="The unit directly above (today's placement); null for a root")
    def parent(self, info: Info) -> OrgUnit | None:
        if self.domain.parent_id is None:
            return None
        return from_loader(ctx_of(info).loaders.unit_by_id, self.domain.parent_id, unit_or_none)

    @strawberry.field(description="Active units directly under this one")
    def children(self, info: Info) -> list[OrgUnit]:
        return from_loader(ctx_of(info).loaders.children_by_unit_id, self.id, _units)

    @strawberry.field(description="From the root down to the parent")
    async def ancestors(self, info: Info) -> list[OrgUnit]:
        return [
            OrgUnit.from_domain(u) for u in await unit_queries.ancestors(ctx_of(info), self.domain)
        ]

    @strawberry.field(description="Units under this one at any depth, by depth then id")
    async def descendants(
        self,
        info: Info,
        levels: Annotated[
            list[str] | None,
            strawberry.argument(description="Only units of these level codes; null: every level"),
        ] = None,
        include_inactive: Annotated[
            bool,
            strawberry.argument(description="Also units that were merged, split or dissolved"),
        ] = False,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> OrgUnitConnection:
        page = await unit_queries.descendants(
            ctx_of(info),
            self.domain,
            levels=levels,
            include_inactive=include_inactive,
            first=first,
            after=after,
            last=last,
            before=before,
        )
        return OrgUnitConnection.from_page(page)

    @strawberry.field(
        description="Current members, by name (signed-in staff; integrators inside their scope)"
    )
    async def members(
        self,
        info: Info,
        search: Annotated[str | None, strawberry.argument(description=SEARCH_NAMES)] = None,
        include_subtree: Annotated[
            bool,
            strawberry.argument(description="Also the members of every unit under this one"),
        ] = False,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Annotated[PersonConnection, strawberry.lazy("schema.people")]:
        from schema.people import PersonConnection

        page = await people_queries.people(
            ctx_of(info),
            search=search,
            unit_id=self.id,
            include_subtree=include_subtree,
            include_inactive=False,
            first=first,
            after=after,
            last=last,
            before=before,
        )
        return PersonConnection.from_page(page)

    @strawberry.field(description="Current head and deputies")
    def leaders(self, info: Info) -> list[Leader]:
        return from_loader(
            ctx_of(info).loaders.leaders_by_unit_id,
            self.id,
            lambda found: [Leader.from_domain(lead) for lead in found],
        )

    @strawberry.field(description="Every leadership position the unit has had")
    async def leadership_history(self, info: Info) -> list[Leader]:
        found = await ctx_of(info).loaders.leadership_history_by_unit_id.load(self.id)
        return [Leader.from_domain(lead) for lead in found]

    @strawberry.field(description="Units that merged or split into this one")
    async def predecessors(self, info: Info) -> list[LineageLink]:
        before, _after = await unit_queries.lineage(ctx_of(info), self.domain)
        return [LineageLink(domain=lk, other_id=lk.predecessor_id) for lk in before]

    @strawberry.field(description="Units this one merged or split into")
    async def successors(self, info: Info) -> list[LineageLink]:
        _before, after = await unit_queries.lineage(ctx_of(info), self.domain)
        return [LineageLink(domain=lk, other_id=lk.successor_id) for lk in after]


@strawberry.type(description="A leadership position (head or deputy) held by a person")
class Leader:
    domain: strawberry.Private[model.Leadership]
    title: str = strawberry.field(
        description="The position's title as the unit names it (Giám đốc, Phó Chủ tịch...)"
    )
    rank: LeaderRankType = strawberry.field(description="Head or deputy")
    since: date = strawberry.field(description="Local date the person took the position")
    until: date | None = strawberry.field(
        description="Local date the position ended; null while it is held"
    )

    @classmethod
    def from_domain(cls, lead: model.Leadership) -> Leader:
        """Build from the domain leadership."""
        return cls(
            domain=lead,
            title=lead.title,
            rank=lead.rank,
            since=lead.valid_from,
            until=lead.valid_to,
        )

    @strawberry.field(description="Leadership position id (for endLeadership)")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.domain.id))

    @strawberry.field(description="The leader (signed-in staff; integrators inside their scope)")
    def person(self, info: Info) -> Annotated[Person, strawberry.lazy("schema.people")] | None:
        from schema.people import Person

        ctx = ctx_of(info)
        if not permissions.can_view_work_contact(ctx.principal):
            return None
        if permissions.person_scope(ctx.principal) is not None:
            return cast(Person | None, self._scoped_person(ctx))
        return from_loader(
            ctx.loaders.person_by_id,
            self.domain.person_id,
            lambda found: Person.from_domain(found) if found else None,
        )

    async def _scoped_person(
        self, ctx: RequestContext
    ) -> Annotated[Person, strawberry.lazy("schema.people")] | None:
        from schema.people import Person

        found = await people_queries.visible(
            ctx, await ctx.loaders.person_by_id.load(self.domain.person_id)
        )
        return Person.from_domain(found) if found else None

    @strawberry.field(description="The unit the position is in")
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(description="A merge or split that links two units, with its effective date")
class LineageLink:
    domain: strawberry.Private[model.UnitLineage]
    other_id: strawberry.Private[int]

    @strawberry.field(description="Whether the earlier unit merged or split into the later")
    def kind(self) -> LineageKindType:
        return self.domain.kind

    @strawberry.field(description="Local date the merge or split took effect")
    def effective_date(self) -> date:
        return self.domain.effective_date

    @strawberry.field(description="The unit on the other side of the link")
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.other_id)
        return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(description="A unit in a page of units, with its cursor")
class OrgUnitEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: OrgUnit = strawberry.field(description=NODE)


@strawberry.type(description="A page of units")
class OrgUnitConnection:
    edges: list[OrgUnitEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.OrgUnit]) -> OrgUnitConnection:
        """Build from a resolver page."""
        return cls(
            edges=[
                OrgUnitEdge(cursor=c, node=OrgUnit.from_domain(u))
                for u, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type(description="A unit as it stood on a past date, with its children then")
class HistoricalOrgUnit:
    node: strawberry.Private[unit_queries.HistoricalNode]

    @strawberry.field(
        description="The unit (its fields as they are today: names and status are current)"
    )
    def unit(self) -> OrgUnit:
        return OrgUnit.from_domain(self.node.unit)

    @strawberry.field(description="The units placed directly under it on that date")
    def children(self) -> list[HistoricalOrgUnit]:
        return [HistoricalOrgUnit(node=kid) for kid in self.node.children]


def _level(lv: model.OrgLevel | None) -> OrgLevel:
    assert lv is not None, "every unit's level exists (foreign key)"
    return OrgLevel(code=lv.code, name=lv.name, rank=lv.rank, description=lv.description)


def unit_or_none(unit: model.OrgUnit | None) -> OrgUnit | None:
    """The GraphQL unit of a loaded unit, or None."""
    return OrgUnit.from_domain(unit) if unit else None


def _units(units: list[model.OrgUnit]) -> list[OrgUnit]:
    return [OrgUnit.from_domain(u) for u in units]
