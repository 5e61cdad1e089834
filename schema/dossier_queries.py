"""Queries of the dossiers: the staff's queues, an applicant's own, one by id, the public
lookup by tracking code."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo

import strawberry
from strawberry.types import Info

from domain.dossiers.reading import DossierFilter, DossierSort
from domain.dossiers.tracking import normalise
from domain.stats.periods import parse_period
from resolvers.context import RequestContext
from resolvers.dossiers import queries
from schema.common import ctx_of, decode_id
from schema.descriptions import After, Before, First, Last
from schema.dossier_parts import DossierSortType, DossierStateType, StatusClassType
from schema.dossiers import Dossier, DossierConnection, PublicDossier, prime


@strawberry.input(description="Which dossiers a list shows (always inside what the caller may see)")
class DossierFilterInput:
    agency_id: strawberry.ID | None = strawberry.field(
        default=None, description="Received by this agency (its desk's dossiers)"
    )
    include_subtree: bool = strawberry.field(
        default=False, description="With `agencyId`: the agencies under it too"
    )
    holder_id: strawberry.ID | None = strawberry.field(
        default=None, description="Held by this agency now (its leaders' and clerks' queue)"
    )
    assigned_to_me: bool = strawberry.field(
        default=False, description="Only those assigned to the caller (a specialist's queue)"
    )
    states: list[DossierStateType] | None = strawberry.field(
        default=None, description="In one of these states"
    )
    status_classes: list[StatusClassType] | None = strawberry.field(
        default=None, description="In one of these national reporting classes, now"
    )
    overdue: bool | None = strawberry.field(
        default=None, description="Past (true) or within (false) their running limit now"
    )
    procedure_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Of these procedures"
    )
    period: str | None = strawberry.field(
        default=None,
        description='Submitted in this period, local time: "2026-11-23", "2026-W47", '
        '"2026-11", "2026-Q4" or "2026"',
    )
    tracking_code: str | None = strawberry.field(
        default=None, description="The dossier with this tracking code"
    )


NOWHERE = "/-/"
"""A path no unit has: the filter of an unknown unit matches nothing."""


async def _unit(
    ctx: RequestContext, value: strawberry.ID | None, field: str
) -> tuple[int, str] | None:
    """(id, path) of a unit the filter names; an unknown one matches nothing."""
    if value is None:
        return None
    unit = await ctx.loaders.unit_by_id.load(decode_id(value, "OrgUnit", field))
    return (unit.id, unit.path) if unit else (0, NOWHERE)


async def build_filter(ctx: RequestContext, given: DossierFilterInput | None) -> DossierFilter:
    """The domain filter of the input (ids decoded, the period turned into instants)."""
    now = ctx.now()
    if given is None:
        return DossierFilter(now=now)
    started = ended = None
    if given.period is not None:
        period = parse_period(given.period, days=True)
        zone = ZoneInfo(ctx.time_zone)
        started = datetime.combine(period.start, time(), zone).astimezone(UTC)
        ended = datetime.combine(period.end, time(), zone).astimezone(UTC)
    code = None
    if given.tracking_code is not None:
        code = normalise(given.tracking_code) or "-"
    return DossierFilter(
        states=tuple(given.states or ()),
        agency=await _unit(ctx, given.agency_id, "agencyId"),
        agency_subtree=given.include_subtree,
        holder_id=holder[0] if (holder := await _unit(ctx, given.holder_id, "holderId")) else None,
        holder_person_id=(ctx.principal.person_id or -1) if given.assigned_to_me else None,
        procedure_ids=tuple(
            decode_id(p, "Procedure", "procedureIds") for p in given.procedure_ids or ()
        ),
        status_classes=tuple(given.status_classes or ()),
        overdue=given.overdue,
        submitted_from=started,
        submitted_to=ended,
        tracking_code=code,
        now=now,
    )


@strawberry.type
class DossierQuery:
    @strawberry.field(
        description="Dossiers the caller may see (signed in: the staff of the agencies of "
        "their procedures' chains, an applicant its own), filtered; by the running limit "
        "(the queues' order) unless sorted otherwise. A desk's queue: `filter: {agencyId, "
        "states: [SUBMITTED]}`; a specialist's: `filter: {assignedToMe: true}`"
    )
    async def dossiers(
        self,
        info: Info,
        filter: Annotated[
            DossierFilterInput | None, strawberry.argument(description="Which dossiers")
        ] = None,
        sort: Annotated[
            DossierSortType, strawberry.argument(description="The order (default DUE)")
        ] = DossierSort.DUE,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> DossierConnection:
        ctx = ctx_of(info)
        where = await build_filter(ctx, filter)
        page = await queries.dossiers(
            ctx, where, sort=sort, first=first, after=after, last=last, before=before
        )
        await prime(info, page.items)
        return DossierConnection.from_page(page)

    @strawberry.field(description="The signed-in applicant's own dossiers, newest first")
    async def my_dossiers(
        self,
        info: Info,
        states: Annotated[
            list[DossierStateType] | None, strawberry.argument(description="In these states")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> DossierConnection:
        ctx = ctx_of(info)
        where = DossierFilter(states=tuple(states or ()), now=ctx.now())
        page = await queries.my_dossiers(
            ctx, where, first=first, after=after, last=last, before=before
        )
        await prime(info, page.items)
        return DossierConnection.from_page(page)

    @strawberry.field(
        description="A dossier by id; null when it does not exist or is not yours to see"
    )
    async def dossier(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The Dossier id")],
    ) -> Dossier | None:
        found = await queries.dossier(ctx_of(info), decode_id(id, "Dossier"))
        return Dossier.from_domain(found) if found else None

    @strawberry.field(
        description="Anyone, with a tracking code: the dossier's status and steps only (no "
        "applicant, files, notes or names); null for an unknown code"
    )
    async def dossier_by_tracking_code(
        self,
        info: Info,
        code: Annotated[
            str, strawberry.argument(description="The tracking code, e.g. HS-7K2M-9QXD-4T0B")
        ],
    ) -> PublicDossier | None:
        found = await queries.by_tracking_code(ctx_of(info), code)
        return PublicDossier(domain=found) if found else None
