"""Mutations of periodic occurrences, the press digest and citizen questions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.tasks import model, periods, portal_model
from domain.tasks.portal_commands import (
    Forward,
    Forwarded,
    ForwardPressItem,
    ForwardQuestion,
    NewPressItem,
    NewQuestion,
    OccurrenceReport,
    PublishPressDigest,
    ReopenOccurrence,
    ReportOccurrence,
    TakeInQuestion,
)
from resolvers.tasks.queries import aware
from schema.common import UserError, ctx_of, decode_id, dispatch, errors_of
from schema.mutations.task_inputs import TrackerInput, ids, trackers
from schema.mutations.tasks import Version
from schema.task_occurrences import TaskOccurrence
from schema.task_portal import CitizenQuestion, PressDigest, PressItem
from schema.tasks import Task


@strawberry.input(description="Where forwarded work goes: sent at once, its deadline running")
class ForwardInput:
    lead_unit_id: strawberry.ID
    coordinating_unit_ids: list[strawberry.ID] | None = None
    trackers: list[TrackerInput] | None = strawberry.field(
        default=None, description="The office specialist following it, and leaders"
    )
    hard_case: bool = strawberry.field(
        default=False, description="A hard multi-agency case: 10 working days instead of 5"
    )
    priority: model.Priority = model.Priority.NORMAL
    note: str | None = None

    def to_domain(self) -> Forward:
        """The domain's Forward, ids decoded."""
        return Forward(
            lead_unit_id=decode_id(self.lead_unit_id, "OrgUnit", "leadUnitId"),
            coordinating_unit_ids=ids(self.coordinating_unit_ids, "OrgUnit", "coordinatingUnitIds"),
            trackers=trackers(self.trackers),
            hard_case=self.hard_case,
            priority=self.priority,
            note=self.note,
        )


@strawberry.input
class PressItemInput:
    headline: str
    outlet: str
    summary: str
    url: str | None = None
    article_date: date | None = None


@strawberry.input
class CitizenQuestionInput:
    office_unit_id: strawberry.ID
    title: str
    question: str
    asker_name: str
    submitted_at: datetime | None = strawberry.field(
        default=None, description="When the asker sent it on the portal (default: now)"
    )
    asker_email: str | None = None
    asker_phone: str | None = None
    asker_address: str | None = None

    def to_domain(self, info: Info) -> NewQuestion:
        """The domain's NewQuestion, ids decoded, a time without offset read locally."""
        return NewQuestion(
            office_unit_id=decode_id(self.office_unit_id, "OrgUnit", "officeUnitId"),
            title=self.title,
            question=self.question,
            asker_name=self.asker_name,
            submitted_at=aware(ctx_of(info), self.submitted_at),
            asker_email=self.asker_email,
            asker_phone=self.asker_phone,
            asker_address=self.asker_address,
        )


@strawberry.type
class TaskOccurrencePayload:
    occurrence: TaskOccurrence | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: periods.TaskOccurrence | DomainError) -> TaskOccurrencePayload:
        """The period as reported or reopened, or why not."""
        found = None if isinstance(result, DomainError) else TaskOccurrence(domain=result)
        return cls(occurrence=found, errors=errors_of(result))


@strawberry.type
class PressDigestPayload:
    digest: PressDigest | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: portal_model.PressDigest | DomainError) -> PressDigestPayload:
        """The digest posted, or why not."""
        found = None if isinstance(result, DomainError) else PressDigest(domain=result)
        return cls(digest=found, errors=errors_of(result))


@strawberry.type
class PressItemPayload:
    item: PressItem | None
    task: Task | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: Forwarded[portal_model.PressItem] | DomainError) -> PressItemPayload:
        """The item forwarded with its task, or why not."""
        if isinstance(result, DomainError):
            return cls(item=None, task=None, errors=errors_of(result))
        return cls(
            item=PressItem(domain=result.source), task=Task.from_domain(result.task), errors=[]
        )


TakenIn = portal_model.CitizenQuestion | Forwarded[portal_model.CitizenQuestion]
"""A question taken in, or forwarded with its task."""


@strawberry.type
class CitizenQuestionPayload:
    question: CitizenQuestion | None
    task: Task | None
    errors: list[UserError]

    @classmethod
    def of(
        cls,
        result: portal_model.CitizenQuestion
        | Forwarded[portal_model.CitizenQuestion]
        | DomainError,
    ) -> CitizenQuestionPayload:
        """The question taken in, or forwarded with its task, or why not."""
        if isinstance(result, DomainError):
            return cls(question=None, task=None, errors=errors_of(result))
        if isinstance(result, Forwarded):
            return cls(
                question=CitizenQuestion(domain=result.source),
                task=Task.from_domain(result.task),
                errors=[],
            )
        return cls(question=CitizenQuestion(domain=result), task=None, errors=[])


@strawberry.type
class PortalMutations:
    @strawberry.mutation(
        description="The lead unit reports one period of a periodic task: progress (its "
        "specialists or leader), or with final: true the period's result (its leader)"
    )
    async def report_task_occurrence(
        self,
        info: Info,
        id: strawberry.ID,
        content: str,
        progress_percent: int | None = None,
        final: bool = False,
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
        self, info: Info, id: strawberry.ID, reason: str, version: Version = None
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
        office_unit_id: strawberry.ID,
        items: list[PressItemInput],
        day: Annotated[date | None, strawberry.argument(name="date")] = None,
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
        self, info: Info, id: strawberry.ID, to: ForwardInput, version: Version = None
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
        self, info: Info, input: CitizenQuestionInput
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
        self, info: Info, id: strawberry.ID, to: ForwardInput, version: Version = None
    ) -> CitizenQuestionPayload:
        return CitizenQuestionPayload.of(
            await dispatch(
                info,
                lambda: ForwardQuestion(decode_id(id, "CitizenQuestion"), version, to.to_domain()),
            )
        )
