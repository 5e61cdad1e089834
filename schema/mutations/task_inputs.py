"""Inputs and payloads of the task chain's mutations, and their conversion to the domain's."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from domain.calendar import DeclaredDay
from domain.errors import DomainError
from domain.tasks import model
from domain.tasks.commands import Attachment, NewDirective, NewTask, ReportedProgress
from domain.tasks.services import MAX_ATTACHMENTS
from resolvers.context import RequestContext
from resolvers.tasks.queries import aware
from schema.common import UserError, decode_id, errors_of
from schema.descriptions import ERRORS
from schema.task_parts import CalendarDay, ProgressUpdate
from schema.tasks import Directive, Task


@strawberry.input(description="Metadata of an attached file (the file lives elsewhere)")
class AttachmentInput:
    name: str = strawberry.field(description="The file's name, at most 255 characters")
    url: str | None = strawberry.field(
        default=None, description="Where the file can be fetched, at most 1,000 characters"
    )
    mime_type: str | None = strawberry.field(
        default=None, description="Its media type (application/pdf...), at most 100"
    )
    size_bytes: int | None = strawberry.field(default=None, description="Its size in bytes")


@strawberry.input(description="A directive document to enter (task creators of the office)")
class CreateDirectiveInput:
    doc_type: model.DirectiveType = strawberry.field(description="What kind of document it is")
    number_symbol: str = strawberry.field(
        description='Number and symbol ("45/CT-UBND"), at most 60 characters'
    )
    issued_on: date = strawberry.field(description="Local date it was issued; not in the future")
    issuer: str = strawberry.field(
        description="Who issued it, as written on it, at most 255 characters"
    )
    summary: str = strawberry.field(
        description="What it is about (trích yếu), at most 5,000 characters"
    )
    office_unit_id: strawberry.ID = strawberry.field(
        description="The office entering it (the caller must be its task creator)"
    )
    received_at: datetime | None = strawberry.field(
        default=None, description="When the office received it (default: now)"
    )
    secret: bool = strawberry.field(
        default=False,
        description="Secret documents are never entered (004 Art. 3.3): true is refused",
    )
    attachments: list[AttachmentInput] | None = strawberry.field(
        default=None, description=f"The files attached to it, at most {MAX_ATTACHMENTS}"
    )


@strawberry.input(description="A person who follows a task, and on whose behalf")
class TrackerInput:
    person_id: strawberry.ID = strawberry.field(description="The person")
    role: model.TrackerRole = strawberry.field(description="On whose behalf they follow it")


@strawberry.input(description="A task to enter (task creators of the office)")
class CreateTaskInput:
    kind: model.TaskKind = strawberry.field(
        description="What work it is; a DIRECTIVE task needs `directiveId`, a VOTER_PETITION "
        "its `petitionLevel`"
    )
    content: str = strawberry.field(description="What the unit must do, at most 10,000 characters")
    office_unit_id: strawberry.ID = strawberry.field(
        description="The office creating and tracking it (the caller must be its task creator)"
    )
    lead_unit_id: strawberry.ID = strawberry.field(
        description="The active unit responsible for the result"
    )
    coordinating_unit_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Active units that help the lead unit; null: none"
    )
    directive_id: strawberry.ID | None = strawberry.field(
        default=None, description="The directive document it comes from (of the same office)"
    )
    deadline: datetime | None = strawberry.field(
        default=None,
        description="When the result is due, in the future (DEADLINE_IN_PAST). Null: the "
        "kind's rule sets it when sent (5 working days for press incidents, citizen questions, "
        "voter petitions; 10 for hard cases), else no deadline",
    )
    priority: model.Priority = strawberry.field(
        default=model.Priority.NORMAL, description="How urgent it is"
    )
    trackers: list[TrackerInput] | None = strawberry.field(
        default=None, description="Who follows it for the office and the leaders; null: nobody"
    )
    petition_level: model.PetitionLevel | None = strawberry.field(
        default=None, description="The level a voter petition sits at (required for those)"
    )
    hard_case: bool = strawberry.field(
        default=False, description="A hard multi-agency case: 10 working days instead of 5"
    )
    period: model.Period | None = strawberry.field(
        default=None,
        description="Makes it a periodic task, reported once per period; null: one-time",
    )


@strawberry.type(description="The task after the step, or why it was refused")
class TaskPayload:
    task: Task | None = strawberry.field(description="The task as it is now")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: model.Task | DomainError) -> TaskPayload:
        """The task after the change, or why not."""
        task = None if isinstance(result, DomainError) else Task.from_domain(result)
        return cls(task=task, errors=errors_of(result))


@strawberry.type(description="The directive entered, or why it was refused")
class DirectivePayload:
    directive: Directive | None = strawberry.field(description="The directive entered")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: model.Directive | DomainError) -> DirectivePayload:
        """The directive entered, or why not."""
        found = None if isinstance(result, DomainError) else Directive.from_domain(result)
        return cls(directive=found, errors=errors_of(result))


@strawberry.type(description="A progress report or an extension decision, or why it was refused")
class TaskProgressPayload:
    progress: ProgressUpdate | None = strawberry.field(
        description="The progress report (with the decision, once decided)"
    )
    task: Task | None = strawberry.field(
        description="The task after it (its deadline moved when an extension was granted)"
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: ReportedProgress | DomainError) -> TaskProgressPayload:
        """The update reported with its task, or why not."""
        if isinstance(result, DomainError):
            return cls(progress=None, task=None, errors=errors_of(result))
        return cls(
            progress=ProgressUpdate(domain=result.update),
            task=Task.from_domain(result.task),
            errors=[],
        )


@strawberry.type(description="The day declared or withdrawn, or why it was refused")
class CalendarDayPayload:
    day: CalendarDay | None = strawberry.field(description="The declaration made or withdrawn")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: DeclaredDay | DomainError) -> CalendarDayPayload:
        """The day declared or withdrawn, or why not."""
        day = None if isinstance(result, DomainError) else CalendarDay.from_domain(result)
        return cls(day=day, errors=errors_of(result))


def ids(values: list[strawberry.ID] | None, type_name: str, field: str) -> tuple[int, ...]:
    return tuple(decode_id(v, type_name, field) for v in values or ())


def trackers(values: list[TrackerInput] | None) -> tuple[tuple[int, model.TrackerRole], ...]:
    """The (person, role) pairs of tracker inputs, ids decoded."""
    return tuple((decode_id(t.person_id, "Person", "trackers"), t.role) for t in values or ())


def new_directive(ctx: RequestContext, value: CreateDirectiveInput) -> NewDirective:
    return NewDirective(
        doc_type=value.doc_type,
        number_symbol=value.number_symbol,
        issued_on=value.issued_on,
        issuer=value.issuer,
        summary=value.summary,
        office_unit_id=decode_id(value.office_unit_id, "OrgUnit", "officeUnitId"),
        received_at=aware(ctx, value.received_at),
        secret=value.secret,
        attachments=tuple(
            Attachment(a.name, a.url, a.mime_type, a.size_bytes) for a in value.attachments or ()
        ),
    )


def new_task(ctx: RequestContext, value: CreateTaskInput) -> NewTask:
    return NewTask(
        kind=value.kind,
        content=value.content,
        office_unit_id=decode_id(value.office_unit_id, "OrgUnit", "officeUnitId"),
        lead_unit_id=decode_id(value.lead_unit_id, "OrgUnit", "leadUnitId"),
        coordinating_unit_ids=ids(value.coordinating_unit_ids, "OrgUnit", "coordinatingUnitIds"),
        directive_id=(
            decode_id(value.directive_id, "Directive", "directiveId")
            if value.directive_id
            else None
        ),
        deadline=aware(ctx, value.deadline),
        priority=value.priority,
        trackers=trackers(value.trackers),
        petition_level=value.petition_level,
        hard_case=value.hard_case,
        period=value.period.value if value.period else None,
    )
