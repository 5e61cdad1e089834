"""Mutations of periodic occurrences, the press digest and citizen questions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.tasks.portal_commands import (
    ForwardPressItem,
    ForwardQuestion,
    NewPressItem,
    OccurrenceReport,
    PublishPressDigest,
    ReopenOccurrence,
    ReportOccurrence,
    TakeInQuestion,
)
from schema.common import decode_id, dispatch
from schema.descriptions import Version
from schema.mutations.task_portal_inputs import (
    CitizenQuestionInput,
    CitizenQuestionPayload,
    ForwardInput,
    PressDigestPayload,
    PressItemInput,
    PressItemPayload,
    TaskOccurrencePayload,
)


@strawberry.type
class PortalMutations:
    @strawberry.mutation(
        description="The lead unit reports one period of a periodic task: progress (its "
        "specialists or leader), or with final: true the period's result (its leader)"
    )
    async def report_task_occurrence(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="The period (TaskOccurrence.id)")
        ],
        content: Annotated[
            str,
            strawberry.argument(
                description="The period's report, at most 10,000 characters; until final only "
                "the unit's staff on the task, its leader and the trackers read it"
            ),
        ],
        progress_percent: Annotated[
            int | None,
            strawberry.argument(
                description="0 to 100; null: keep the last one. A final report sets 100"
            ),
        ] = None,
        final: Annotated[
            bool,
            strawberry.argument(
                description="True: this is the period's result (the leader), the period is DONE"
            ),
        ] = False,
        version: Version = None,
    ) -> TaskOccurrencePayload:
        return TaskOccurrencePayload.of(
            await dispatch(
                info,
                lambda: ReportOccurrence(
                    decode_id(id, "TaskOccurrence"),
                    version,
                    OccurrenceReport(content, progress_percent, final),
                ),
            )
        )

    @strawberry.mutation(
        description="The office sends a period's reported result back to the unit with the "
        "reason; the period is open again"
    )
    async def reopen_task_occurrence(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="The period (TaskOccurrence.id)")
        ],
        reason: Annotated[
            str,
            strawberry.argument(description="Why, at most 5,000 characters; required"),
        ],
        version: Version = None,
    ) -> TaskOccurrencePayload:
        return TaskOccurrencePayload.of(
            await dispatch(
                info, lambda: ReopenOccurrence(decode_id(id, "TaskOccurrence"), version, reason)
            )
        )

    @strawberry.mutation(
        description="Post the day's press digest (task creators of the office: the portal's "
        "editors), or add items to it; posted after 11:00 it is flagged publishedLate"
    )
    async def publish_press_digest(
        self,
        info: Info,
        office_unit_id: Annotated[
            strawberry.ID, strawberry.argument(description="The office posting the digest")
        ],
        items: Annotated[
            list[PressItemInput],
            strawberry.argument(description="1 to 50 press items, added to the day's digest"),
        ],
        day: Annotated[
            date | None,
            strawberry.argument(
                name="date",
                description="The working day it covers, not in the future; null: today",
            ),
        ] = None,
        version: Version = None,
    ) -> PressDigestPayload:
        return PressDigestPayload.of(
            await dispatch(
                info,
                lambda: PublishPressDigest(
                    decode_id(office_unit_id, "OrgUnit", "officeUnitId"),
                    day,
                    tuple(
                        NewPressItem(i.headline, i.outlet, i.summary, i.url, i.article_date)
                        for i in items
                    ),
                    version,
                ),
            )
        )

    @strawberry.mutation(
        description="Forward a press item that needs action as a PRESS_INCIDENT task, sent at "
        "once: 5 working days, 10 for hard multi-agency cases"
    )
    async def forward_press_item(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The press item")],
        to: Annotated[ForwardInput, strawberry.argument(description="Where the task goes")],
        version: Version = None,
    ) -> PressItemPayload:
        return PressItemPayload.of(
            await dispatch(
                info, lambda: ForwardPressItem(decode_id(id, "PressItem"), version, to.to_domain())
            )
        )

    @strawberry.mutation(
        description="Record a question from the public portal (task creators of the office); "
        "its intake batch (10:00 or 16:00) and forwarding slot (07:30 or 14:00) follow"
    )
    async def take_in_citizen_question(
        self,
        info: Info,
        input: Annotated[
            CitizenQuestionInput, strawberry.argument(description="The question and its asker")
        ],
    ) -> CitizenQuestionPayload:
        return CitizenQuestionPayload.of(
            await dispatch(info, lambda: TakeInQuestion(input.to_domain(info)))
        )

    @strawberry.mutation(
        description="Forward a citizen question as a CITIZEN_QUESTION task, sent at once (5, at "
        "most 10 working days); after its forwarding slot it is flagged forwardedLate. Once "
        "the office confirms the task, the answer is published"
    )
    async def forward_citizen_question(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="The question, not forwarded yet")
        ],
        to: Annotated[ForwardInput, strawberry.argument(description="Where the task goes")],
        version: Version = None,
    ) -> CitizenQuestionPayload:
        return CitizenQuestionPayload.of(
            await dispatch(
                info,
                lambda: ForwardQuestion(decode_id(id, "CitizenQuestion"), version, to.to_domain()),
            )
        )
