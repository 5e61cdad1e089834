"""Mutations of periodic occurrences, the press digest and citizen questions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.tasks import model, portal_model
from domain.tasks.forwarding import Forward
from domain.tasks.occurrence_reports import OccurrenceReport
from domain.tasks.press import NewPressItem
from domain.tasks.questions import NewQuestion
from resolvers.tasks import portal as run
from schema.common import UserError, attempt, ctx_of, decode_id, errors_of
from schema.mutations.task_inputs import TrackerInput, ids
from schema.task_occurrences import TaskOccurrence
from schema.task_portal import CitizenQuestion, PressDigest, PressItem
from schema.tasks import Task

Version = Annotated[
    int | None,
    strawberry.argument(description="The version read; a stale one is refused (STALE_VERSION)"),
]


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
            trackers=tuple(
                (decode_id(t.person_id, "Person", "trackers"), t.role) for t in self.trackers or ()
            ),
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


@strawberry.type
class TaskOccurrencePayload:
    occurrence: TaskOccurrence | None
    errors: list[UserError]


@strawberry.type
class PressDigestPayload:
    digest: PressDigest | None
    errors: list[UserError]


@strawberry.type
class PressItemPayload:
    item: PressItem | None
    task: Task | None
    errors: list[UserError]


@strawberry.type
class CitizenQuestionPayload:
    question: CitizenQuestion | None
    task: Task | None
    errors: list[UserError]


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
        ctx = ctx_of(info)
        result = await attempt(
            lambda: run.report_occurrence(
                ctx,
                occurrence_id=decode_id(id, "TaskOccurrence"),
                version=version,
                report=OccurrenceReport(content, progress_percent, final),
            )
        )
        occurrence = None if isinstance(result, DomainError) else TaskOccurrence(domain=result)
        return TaskOccurrencePayload(occurrence=occurrence, errors=errors_of(result))

    @strawberry.mutation(
        description="The office sends a period's reported result back to the unit with the "
        "reason; the period is open again"
    )
    async def reopen_task_occurrence(
        self, info: Info, id: strawberry.ID, reason: str, version: Version = None
    ) -> TaskOccurrencePayload:
        ctx = ctx_of(info)
        result = await attempt(
            lambda: run.reopen_occurrence(
                ctx, occurrence_id=decode_id(id, "TaskOccurrence"), version=version, reason=reason
            )
        )
        occurrence = None if isinstance(result, DomainError) else TaskOccurrence(domain=result)
        return TaskOccurrencePayload(occurrence=occurrence, errors=errors_of(result))

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
        ctx = ctx_of(info)
        result = await attempt(
            lambda: run.publish_digest(
                ctx,
                office_unit_id=decode_id(office_unit_id, "OrgUnit", "officeUnitId"),
                day=day,
                items=tuple(
                    NewPressItem(i.headline, i.outlet, i.summary, i.url, i.article_date)
                    for i in items
                ),
                version=version,
            )
        )
        digest = None if isinstance(result, DomainError) else PressDigest(domain=result)
        return PressDigestPayload(digest=digest, errors=errors_of(result))

    @strawberry.mutation(
        description="Forward a press item that needs action as a PRESS_INCIDENT task, sent at "
        "once: 5 working days, 10 for hard multi-agency cases"
    )
    async def forward_press_item(
        self, info: Info, id: strawberry.ID, to: ForwardInput, version: Version = None
    ) -> PressItemPayload:
        ctx = ctx_of(info)
        result = await attempt(
            lambda: run.forward_press_item(
                ctx, item_id=decode_id(id, "PressItem"), version=version, to=to.to_domain()
            )
        )
        if isinstance(result, DomainError):
            return PressItemPayload(item=None, task=None, errors=errors_of(result))
        item, task = result
        return PressItemPayload(item=PressItem(domain=item), task=Task.from_domain(task), errors=[])

    @strawberry.mutation(
        description="Record a question from the public portal (task creators of the office); "
        "its intake batch (10:00 or 16:00) and forwarding slot (07:30 or 14:00) follow"
    )
    async def take_in_citizen_question(
        self, info: Info, input: CitizenQuestionInput
    ) -> CitizenQuestionPayload:
        ctx = ctx_of(info)

        async def make() -> portal_model.CitizenQuestion | DomainError:
            new = NewQuestion(
                office_unit_id=decode_id(input.office_unit_id, "OrgUnit", "officeUnitId"),
                title=input.title,
                question=input.question,
                asker_name=input.asker_name,
                submitted_at=input.submitted_at,
                asker_email=input.asker_email,
                asker_phone=input.asker_phone,
                asker_address=input.asker_address,
            )
            return await run.take_in_question(ctx, new)

        result = await attempt(make)
        if isinstance(result, DomainError):
            return CitizenQuestionPayload(question=None, task=None, errors=errors_of(result))
        return CitizenQuestionPayload(question=CitizenQuestion(domain=result), task=None, errors=[])

    @strawberry.mutation(
        description="Forward a citizen question as a CITIZEN_QUESTION task, sent at once (5, at "
        "most 10 working days); after its forwarding slot it is flagged forwardedLate. Once "
        "the office confirms the task, the answer is published"
    )
    async def forward_citizen_question(
        self, info: Info, id: strawberry.ID, to: ForwardInput, version: Version = None
    ) -> CitizenQuestionPayload:
        ctx = ctx_of(info)
        result = await attempt(
            lambda: run.forward_question(
                ctx,
                question_id=decode_id(id, "CitizenQuestion"),
                version=version,
                to=to.to_domain(),
            )
        )
        if isinstance(result, DomainError):
            return CitizenQuestionPayload(question=None, task=None, errors=errors_of(result))
        question, task = result
        return CitizenQuestionPayload(
            question=CitizenQuestion(domain=question), task=Task.from_domain(task), errors=[]
        )
