"""Query fields of the field reports (merged into the Query root)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.reflections import model
from domain.reflections.reading import ReflectionSort
from resolvers.reflections import queries
from resolvers.reflections.queries import ReflectionListArgs
from schema.common import ctx_of, decode_id
from schema.descriptions import After, Before, First, Last
from schema.reflection_pages import ReflectionConnection, WorkQueueConnection
from schema.reflection_parts import ReflectionCategory
from schema.reflections import Reflection, prime_parties


def _ids(values: list[strawberry.ID] | None) -> tuple[int, ...]:
    return tuple(decode_id(v, "ReflectionCategory", "categoryIds") for v in values or ())


@strawberry.input(description="Which reports a staff list shows; always inside the caller's scope")
class ReflectionFilterInput:
    states: list[model.ReflectionState] | None = strawberry.field(
        default=None, description="Only reports in these states; null or empty: any"
    )
    category_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only reports of these categories; null or empty: any"
    )
    agency_id: strawberry.ID | None = strawberry.field(
        default=None, description="Reports distributed to this unit (and its subtree)"
    )
    agency_subtree: bool = strawberry.field(
        default=True, description="With agencyId: also the units under it; false: it alone"
    )
    area_id: strawberry.ID | None = strawberry.field(
        default=None, description="Reports in this commune, or any commune under this unit"
    )
    submitted_from: datetime | None = strawberry.field(
        default=None, description="Only reports received at or after this instant"
    )
    submitted_to: datetime | None = strawberry.field(
        default=None, description="Only reports received before this instant"
    )
    overdue: bool = strawberry.field(default=False, description="Only reports past their due")
    awaiting_answer: bool = strawberry.field(
        default=False,
        description="Only reports with a follow-up question not yet answered (due in 1 day)",
    )
    channels: list[model.Channel] | None = strawberry.field(
        default=None, description="Only reports that came in on these channels; null: any"
    )
    ratings: list[model.Rating] | None = strawberry.field(
        default=None, description="Only reports the reporter rated so; null: any"
    )
    priorities: list[model.ReflectionPriority] | None = strawberry.field(
        default=None, description="Only reports of these priorities; null: any"
    )
    search: str | None = strawberry.field(
        default=None, description="Words of the content or address; diacritics ignored"
    )
    reporter_phone: str | None = strawberry.field(
        default=None, description="IOC operators only (FORBIDDEN to anyone else)"
    )

    def to_args(self) -> ReflectionListArgs:
        """The resolver's arguments, ids decoded."""
        return ReflectionListArgs(
            states=tuple(self.states or ()),
            category_ids=_ids(self.category_ids),
            agency_id=decode_id(self.agency_id, "OrgUnit", "agencyId") if self.agency_id else None,
            agency_subtree=self.agency_subtree,
            area_id=decode_id(self.area_id, "OrgUnit", "areaId") if self.area_id else None,
            submitted_from=self.submitted_from,
            submitted_to=self.submitted_to,
            overdue=self.overdue,
            awaiting_answer=self.awaiting_answer,
            channels=tuple(self.channels or ()),
            ratings=tuple(self.ratings or ()),
            priorities=tuple(self.priorities or ()),
            search=self.search,
            reporter_phone=self.reporter_phone,
        )


@strawberry.type(description="Another report that looks like this one")
class LikelyDuplicate:
    reflection: Reflection = strawberry.field(description="The other report")
    score: float = strawberry.field(description="How alike the two are, 0 to 1 (1: the same)")
    reasons: list[str] = strawberry.field(
        description="Why: SAME_REPORTER, SIMILAR_TEXT, NEARBY (one or more)"
    )


@strawberry.type
class ReflectionQuery:
    @strawberry.field(
        description="Published reports, newest first: anyone, signed in or not. Never reporter "
        "data, never non-public or secret reports."
    )
    async def public_reflections(
        self,
        info: Info,
        category_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="Only these categories; null or empty: any"),
        ] = None,
        area_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only reports in this commune, or any commune under this unit"
            ),
        ] = None,
        published_from: Annotated[
            datetime | None,
            strawberry.argument(description="Only reports published at or after this instant"),
        ] = None,
        published_to: Annotated[
            datetime | None,
            strawberry.argument(description="Only reports published before this instant"),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ReflectionConnection:
        page = await queries.public_reflections(
            ctx_of(info),
            category_ids=_ids(category_ids),
            area_id=decode_id(area_id, "OrgUnit", "areaId") if area_id else None,
            published_from=published_from,
            published_to=published_to,
            first=first,
            after=after,
            last=last,
            before=before,
        )
        await prime_parties(info, page.items)
        return ReflectionConnection.from_page(page)

    @strawberry.field(
        description="Reports the caller may see, filtered (NEWEST: last received first; DUE: "
        "soonest due first). Signed-in callers."
    )
    async def reflections(
        self,
        info: Info,
        filter: Annotated[
            ReflectionFilterInput | None,
            strawberry.argument(description="Which reports; null: every report the caller sees"),
        ] = None,
        sort: Annotated[
            ReflectionSort, strawberry.argument(description="The list's order")
        ] = ReflectionSort.NEWEST,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ReflectionConnection:
        args = filter.to_args() if filter else ReflectionListArgs()
        page = await queries.reflections(
            ctx_of(info), args, sort=sort, first=first, after=after, last=last, before=before
        )
        await prime_parties(info, page.items)
        return ReflectionConnection.from_page(page)

    @strawberry.field(description="A report, when the caller may see it; else null")
    async def reflection(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The report's global id")],
    ) -> Reflection | None:
        [found] = await queries.visible(ctx_of(info), [decode_id(id, "Reflection")])
        return Reflection.from_domain(found) if found else None

    @strawberry.field(
        description="The reporter's own report, by the tracking code given at submission"
    )
    async def reflection_by_tracking_code(
        self,
        info: Info,
        code: Annotated[
            str,
            strawberry.argument(
                description="The tracking code submitReflection answered to the reporter"
            ),
        ],
    ) -> Reflection | None:
        found = await queries.by_tracking_code(ctx_of(info), code)
        return Reflection.from_domain(found) if found else None

    @strawberry.field(
        description="An agency's open parts (to accept, handle, approve), soonest due first: "
        "its staff and the units over it"
    )
    async def reflection_work_queue(
        self,
        info: Info,
        agency_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The agency whose open parts are listed"),
        ],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> WorkQueueConnection:
        ctx = ctx_of(info)
        page = await queries.work_queue(
            ctx,
            agency_id=decode_id(agency_id, "OrgUnit", "agencyId"),
            first=first,
            after=after,
            last=last,
            before=before,
        )
        reports = await queries.reports_of(ctx, page.items)
        await prime_parties(info, reports.values())
        return WorkQueueConnection.from_page(page, reports)

    @strawberry.field(description="The catalog of report categories")
    async def reflection_categories(self, info: Info) -> list[ReflectionCategory]:
        return [ReflectionCategory.from_domain(c) for c in await queries.categories(ctx_of(info))]

    @strawberry.field(
        description="Reports of the last 14 days that look like this one: same reporter, "
        "similar text, nearby (IOC operators)"
    )
    async def likely_duplicate_reflections(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="The report to compare with others")
        ],
    ) -> list[LikelyDuplicate]:
        found = await queries.likely_duplicates(ctx_of(info), decode_id(id, "Reflection"))
        return [
            LikelyDuplicate(
                reflection=Reflection.from_domain(d.reflection),
                score=d.score,
                reasons=[r.value for r in d.reasons],
            )
            for d in found
        ]
