"""The Query root."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from resolvers import accounts as account_queries
from resolvers.directory import committees as committee_queries
from resolvers.directory import people as people_queries
from resolvers.directory import units as unit_queries
from schema.accounts import Account, ApiKey
from schema.applicants import ApplicantQuery
from schema.catalog_queries import CatalogQuery
from schema.common import ctx_of, decode_id
from schema.directory import ArticleConnection, Committee, CommitteeConnection
from schema.dossier_queries import DossierQuery
from schema.dossier_stats import DossierStatsQueries
from schema.federation import resolve_node
from schema.notifications import NotificationQuery
from schema.org import HistoricalOrgUnit, OrgLevel, OrgUnit
from schema.people import Person, PersonConnection
from schema.programs import ProgramQuery
from schema.reflection_queries import ReflectionQuery
from schema.reflection_stats import ReflectionStatsQuery
from schema.reports import ReportQuery
from schema.stats import StatsQuery
from schema.task_portal_queries import PortalQuery
from schema.task_queries import TaskQuery


def _optional_id(value: strawberry.ID | None, type_name: str, field: str) -> int | None:
    return decode_id(value, type_name, field) if value is not None else None


@strawberry.type
class Query(
    TaskQuery,
    PortalQuery,
    ReflectionQuery,
    NotificationQuery,
    StatsQuery,
    ReflectionStatsQuery,
    ReportQuery,
    ProgramQuery,
    CatalogQuery,
    ApplicantQuery,
    DossierQuery,
    DossierStatsQueries,
):
    @strawberry.field(description="Any object by its global id")
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The ID of the object.")],
    ) -> relay.Node | None:
        return await resolve_node(info, id)

    @strawberry.field(description="Tiers of the tree, top first")
    async def org_levels(self, info: Info) -> list[OrgLevel]:
        levels = await ctx_of(info).reader.levels()
        return [
            OrgLevel(code=lv.code, name=lv.name, rank=lv.rank, description=lv.description)
            for lv in levels
        ]

    @strawberry.field(description="A unit by global id or by code (give exactly one)")
    async def org_unit(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        code: str | None = None,
    ) -> OrgUnit | None:
        unit = await unit_queries.org_unit(
            ctx_of(info), unit_id=_optional_id(id, "OrgUnit", "id"), code=code
        )
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(
        description="The tree under rootId (default: the province), loaded `depth` levels deep "
        "in one query; nested `children`, `leaders` and `subtreeMemberCount` are batched."
    )
    async def org_tree(
        self, info: Info, root_id: strawberry.ID | None = None, depth: int = 3
    ) -> OrgUnit | None:
        ctx = ctx_of(info)
        root_pk = _optional_id(root_id, "OrgUnit", "rootId")
        if root_pk is None:
            roots = await unit_queries.roots(ctx)
            root = roots[0] if roots else None
        else:
            root = await ctx.loaders.unit_by_id.load(root_pk)
        if root is None:
            return None
        return OrgUnit.from_domain(await unit_queries.org_tree(ctx, root=root, depth=depth))

    @strawberry.field(
        description="The tree as it stood on a date (merged and dissolved units included)"
    )
    async def org_tree_as_of(
        self, info: Info, date: date, root_id: strawberry.ID | None = None
    ) -> list[HistoricalOrgUnit]:
        nodes = await unit_queries.tree_as_of(
            ctx_of(info), root_id=_optional_id(root_id, "OrgUnit", "rootId"), day=date
        )
        return [HistoricalOrgUnit(node=n) for n in nodes]

    @strawberry.field(description="A person (signed-in staff)")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        found = await people_queries.person(ctx_of(info), decode_id(id, "Person"))
        return Person.from_domain(found) if found else None

    @strawberry.field(
        description='Persons by name; diacritics are ignored ("nguyen van" finds "Nguyễn Văn")'
    )
    async def people(
        self,
        info: Info,
        search: str | None = None,
        unit_id: strawberry.ID | None = None,
        include_subtree: bool = False,
        include_inactive: bool = False,
        first: int | None = 20,
        after: str | None = None,
    ) -> PersonConnection:
        page = await people_queries.people(
            ctx_of(info),
            search=search,
            unit_id=_optional_id(unit_id, "OrgUnit", "unitId"),
            include_subtree=include_subtree,
            include_inactive=include_inactive,
            first=first,
            after=after,
        )
        return PersonConnection.from_page(page)

    @strawberry.field(
        description="Steering committees (signed-in staff): all, a standing agency's "
        "(`standingUnitId`), those a person sits on (`memberId`), by name (`search`)"
    )
    async def committees(
        self,
        info: Info,
        standing_unit_id: strawberry.ID | None = None,
        search: str | None = None,
        first: int | None = 20,
        after: str | None = None,
        member_id: strawberry.ID | None = None,
    ) -> CommitteeConnection:
        page = await committee_queries.committees(
            ctx_of(info),
            standing_unit_id=_optional_id(standing_unit_id, "OrgUnit", "standingUnitId"),
            search=search,
            first=first,
            after=after,
            member_id=_optional_id(member_id, "Person", "memberId"),
        )
        return CommitteeConnection.from_page(page)

    @strawberry.field(description="A committee")
    async def committee(self, info: Info, id: strawberry.ID) -> Committee | None:
        people_queries.require_staff(ctx_of(info))
        found = await ctx_of(info).loaders.committee_by_id.load(decode_id(id, "Committee"))
        return Committee.from_domain(found) if found else None

    @strawberry.field(
        description="Articles and speeches, newest first: the province repository by default; "
        "`unitId` gives a unit's repository, its own and every unit's under it (an office "
        "specialist's article is in the department's and the province's)"
    )
    async def articles(
        self,
        info: Info,
        unit_id: strawberry.ID | None = None,
        author_id: strawberry.ID | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> ArticleConnection:
        page = await committee_queries.articles(
            ctx_of(info),
            unit_id=_optional_id(unit_id, "OrgUnit", "unitId"),
            author_id=_optional_id(author_id, "Person", "authorId"),
            first=first,
            after=after,
        )
        return ArticleConnection.from_page(page)

    @strawberry.field(description="The signed-in account, or null")
    async def me(self, info: Info) -> Account | None:
        ctx = ctx_of(info)
        if ctx.principal.account_id is None:
            return None
        found = await ctx.reader.accounts_by_ids([ctx.principal.account_id])
        return Account(domain=found[0]) if found else None

    @strawberry.field(description="Integrator keys in the admin's scope")
    async def api_keys(self, info: Info) -> list[ApiKey]:
        return [ApiKey(domain=k) for k in await account_queries.api_keys(ctx_of(info))]
