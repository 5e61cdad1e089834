"""Inputs and payloads of the portal's mutations: periodic occurrences, the press digest
and citizen questions."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.tasks import model, periods, portal_model
from domain.tasks.portal_commands import Forward, Forwarded, NewQuestion
from resolvers.tasks.queries import aware
from schema.common import UserError, ctx_of, decode_id, errors_of
from schema.descriptions import ERRORS
from schema.mutations.task_inputs import TrackerInput, ids, trackers
from schema.task_occurrences import TaskOccurrence
from schema.task_portal import CitizenQuestion, PressDigest, PressItem
from schema.tasks import Task


@strawberry.input(description="Where forwarded work goes: sent at once, its deadline running")
class ForwardInput:
    lead_unit_id: strawberry.ID = strawberry.field(
        description="The active unit responsible for the work"
    )
    coordinating_unit_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Active units that help it; null: none"
    )
    trackers: list[TrackerInput] | None = strawberry.field(
        default=None, description="The office specialist following it, and leaders"
    )
    hard_case: bool = strawberry.field(
        default=False, description="A hard multi-agency case: 10 working days instead of 5"
    )
    priority: model.Priority = strawberry.field(
        default=model.Priority.NORMAL, description="How urgent the task is"
    )
    note: str | None = strawberry.field(
        default=None, description="A remark for the task's timeline when it is sent"
    )

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


@strawberry.input(description="A press article about the province, for the day's digest")
class PressItemInput:
    headline: str = strawberry.field(description="Its headline, at most 500 characters")
    outlet: str = strawberry.field(description="The newspaper or site, at most 255 characters")
    summary: str = strawberry.field(description="What it says, at most 5,000 characters")
    url: str | None = strawberry.field(
        default=None, description="Its address, at most 1,000 characters"
    )
    article_date: date | None = strawberry.field(default=None, description="Local date it appeared")


@strawberry.input(description="A question received on the public portal")
class CitizenQuestionInput:
    office_unit_id: strawberry.ID = strawberry.field(
        description="The office that takes it in (the caller must be its task creator)"
    )
    title: str = strawberry.field(description="Its title, at most 500 characters")
    question: str = strawberry.field(description="The question, at most 10,000 characters")
    asker_name: str = strawberry.field(description="The asker's name, at most 255 characters")
    submitted_at: datetime | None = strawberry.field(
        default=None,
        description="When the asker sent it on the portal, not in the future (default: now)",
    )
    asker_email: str | None = strawberry.field(
        default=None, description="The asker's email (INVALID_EMAIL if malformed)"
    )
    asker_phone: str | None = strawberry.field(
        default=None, description="The asker's phone (INVALID_PHONE if malformed)"
    )
    asker_address: str | None = strawberry.field(
        default=None, description="The asker's address, at most 500 characters"
    )

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


@strawberry.type(description="A period as reported or reopened, or why it was refused")
class TaskOccurrencePayload:
    occurrence: TaskOccurrence | None = strawberry.field(description="The period as it is now")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: periods.TaskOccurrence | DomainError) -> TaskOccurrencePayload:
        """The period as reported or reopened, or why not."""
        found = None if isinstance(result, DomainError) else TaskOccurrence(domain=result)
        return cls(occurrence=found, errors=errors_of(result))


@strawberry.type(description="The digest posted or added to, or why it was refused")
class PressDigestPayload:
    digest: PressDigest | None = strawberry.field(description="The day's digest, all its items")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: portal_model.PressDigest | DomainError) -> PressDigestPayload:
        """The digest posted, or why not."""
        found = None if isinstance(result, DomainError) else PressDigest(domain=result)
        return cls(digest=found, errors=errors_of(result))


@strawberry.type(description="A press item forwarded with its task, or why it was refused")
class PressItemPayload:
    item: PressItem | None = strawberry.field(description="The item, now forwarded")
    task: Task | None = strawberry.field(description="The PRESS_INCIDENT task it became, sent")
    errors: list[UserError] = strawberry.field(description=ERRORS)

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


@strawberry.type(
    description="A citizen question taken in or forwarded (with its task), or why it was refused"
)
class CitizenQuestionPayload:
    question: CitizenQuestion | None = strawberry.field(description="The question")
    task: Task | None = strawberry.field(
        description="The CITIZEN_QUESTION task it became, sent; null when only taken in"
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)

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
