"""Query fields of the press digest, citizen questions and published answers."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from resolvers.tasks import portal
from schema.common import ctx_of, decode_id
from schema.descriptions import After, Before, First, Last
from schema.task_portal_pages import (
    CitizenQuestionConnection,
    PressDigestConnection,
    PublishedAnswerConnection,
)


@strawberry.type
class PortalQuery:
    @strawberry.field(
        description="Daily press digests, newest first, between two dates inclusive: shared "
        "to every unit (signed-in staff and unit accounts)"
    )
    async def press_digests(
        self,
        info: Info,
        from_: Annotated[
            date | None,
            strawberry.argument(name="from", description="First local date; null: no bound"),
        ] = None,
        to: Annotated[
            date | None, strawberry.argument(description="Last local date; null: no bound")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> PressDigestConnection:
        page = await portal.press_digests(
            ctx_of(info), start=from_, end=to, first=first, after=after, last=last, before=before
        )
        return PressDigestConnection.from_page(page)

    @strawberry.field(
        description="An office's citizen questions, latest intake first, with the askers' "
        "data: its task creators and overseers only. forwarded: only (un)forwarded ones"
    )
    async def citizen_questions(
        self,
        info: Info,
        office_unit_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The office that takes the questions in"),
        ],
        forwarded: Annotated[
            bool | None,
            strawberry.argument(
                description="True: only those forwarded as tasks; false: only those not yet; "
                "null: all"
            ),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> CitizenQuestionConnection:
        page = await portal.citizen_questions(
            ctx_of(info),
            office_unit_id=decode_id(office_unit_id, "OrgUnit", "officeUnitId"),
            forwarded=forwarded,
            first=first,
            after=after,
            last=last,
            before=before,
        )
        return CitizenQuestionConnection.from_page(page)

    @strawberry.field(
        description="Published answers to citizen questions, newest first: public (no sign-in), "
        'never the askers\' personal data; search ignores diacritics ("thu tuc dat dai")'
    )
    async def published_answers(
        self,
        info: Info,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Words of the title or the question, accents and case ignored; at most "
                "100 characters"
            ),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> PublishedAnswerConnection:
        page = await portal.published_answers(
            ctx_of(info), search=search, first=first, after=after, last=last, before=before
        )
        return PublishedAnswerConnection.from_page(page)
