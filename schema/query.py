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
from schema.descriptions import SEARCH_NAMES, After, Before, First, Last
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


@strawberry.type(
    description="Every read. What a field answers depends on the caller (a bearer token, an "
    "API key, or nobody): rows the caller may not see are left out, restricted fields are "
    "null, and nothing says what was withheld."
)
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
        id: Annotated[
            strawberry.ID | None, strawberry.argument(description="The unit's global id")
        ] = None,
        code: Annotated[
            str | None,
            strawberry.argument(
                description="The unit's code, case and surrounding spaces ignored (UBND-TTH)"
            ),
        ] = None,
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
        self,
        info: Info,
        root_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The unit at the top; null: the province"),
        ] = None,
        depth: Annotated[
            int,
            strawberry.argument(
                description="How many levels of `children` are loaded up front, 0 to 10"
            ),
        ] = 3,
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
        self,
        info: Info,
        date: Annotated[
            date,
            strawberry.argument(
                description="The local date: units alive then, under the parents they had then"
            ),
        ],
        root_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this unit's subtree; null: every root"),
        ] = None,
    ) -> list[HistoricalOrgUnit]:
        nodes = await unit_queries.tree_as_of(
            ctx_of(info), root_id=_optional_id(root_id, "OrgUnit", "rootId"), day=date
        )
        return [HistoricalOrgUnit(node=n) for n in nodes]

    @strawberry.field(
        description="A person (signed-in staff; integrators inside their scope), or null"
    )
    async def person(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The person's global id")],
    ) -> Person | None:
        found = await people_queries.person(ctx_of(info), decode_id(id, "Person"))
        return Person.from_domain(found) if found else None

    @strawberry.field(
        description='Persons by name; diacritics are ignored ("nguyen van" finds "Nguyễn Văn")'
    )
    async def people(
        self,
        info: Info,
        search: Annotated[str | None, strawberry.argument(description=SEARCH_NAMES)] = None,
        unit_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only the members of this unit; null: everyone"),
        ] = None,
        include_subtree: Annotated[
            bool,
            strawberry.argument(
                description="With `unitId`: also the members of every unit under it"
            ),
        ] = False,
        include_inactive: Annotated[
            bool, strawberry.argument(description="Also persons who resigned or retired")
        ] = False,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> PersonConnection:
        page = await people_queries.people(
            ctx_of(info),
            search=search,
            unit_id=_optional_id(unit_id, "OrgUnit", "unitId"),
            include_subtree=include_subtree,
            include_inactive=include_inactive,
            first=first,
            after=after,
            last=last,
            before=before,
        )
        return PersonConnection.from_page(page)

    @strawberry.field(
        description="Steering committees (signed-in staff): all, a standing agency's "
        "(`standingUnitId`), those a person sits on (`memberId`), by name (`search`)"
    )
    async def committees(
        self,
        info: Info,
        standing_unit_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only the committees this unit is standing agency of"),
        ] = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Words of the name, accents and case ignored, at most 100 characters"
            ),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        member_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only the committees this person sits on"),
        ] = None,
    ) -> CommitteeConnection:
        page = await committee_queries.committees(
            ctx_of(info),
            standing_unit_id=_optional_id(standing_unit_id, "OrgUnit", "standingUnitId"),
            search=search,
            first=first,
            after=after,
            last=last,
            before=before,
            member_id=_optional_id(member_id, "Person", "memberId"),
        )
        return CommitteeConnection.from_page(page)

    @strawberry.field(description="A committee (signed-in staff), or null when there is none")
    async def committee(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The committee's global id")],
    ) -> Committee | None:
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
        unit_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="A unit's repository: articles written in it or any unit under "
                "it; null: the whole province"
            ),
        ] = None,
        author_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this person's")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ArticleConnection:
        page = await committee_queries.articles(
            ctx_of(info),
            unit_id=_optional_id(unit_id, "OrgUnit", "unitId"),
            author_id=_optional_id(author_id, "Person", "authorId"),
            first=first,
            after=after,
            last=last,
            before=before,
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
