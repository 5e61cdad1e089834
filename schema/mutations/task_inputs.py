"""Inputs and payloads of the task chain's mutations, and their conversion to the domain's."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from domain.calendar import DeclaredDay
from domain.errors import DomainError
from domain.tasks import model
from domain.tasks.commands import Attachment, NewDirective, NewTask, ReportedProgress
from resolvers.context import RequestContext
from resolvers.tasks.queries import aware
from schema.common import UserError, decode_id, errors_of
from schema.task_parts import CalendarDay, ProgressUpdate
from schema.tasks import Directive, Task


@strawberry.input(description="Metadata of an attached file (the file lives elsewhere)")
class AttachmentInput:
    name: str
    url: str | None = None
    mime_type: str | None = None
    size_bytes: int | None = None


@strawberry.input
class CreateDirectiveInput:
    doc_type: model.DirectiveType
    number_symbol: str
    issued_on: date
    issuer: str
    summary: str
    office_unit_id: strawberry.ID
    received_at: datetime | None = strawberry.field(
        default=None, description="When the office received it (default: now)"
    )
    secret: bool = strawberry.field(
        default=False,
        description="Secret documents are never entered (004 Art. 3.3): true is refused",
    )
    attachments: list[AttachmentInput] | None = None


@strawberry.input
class TrackerInput:
    person_id: strawberry.ID
    role: model.TrackerRole


@strawberry.input
class CreateTaskInput:
    kind: model.TaskKind
    content: str
    office_unit_id: strawberry.ID
    lead_unit_id: strawberry.ID
    coordinating_unit_ids: list[strawberry.ID] | None = None
    directive_id: strawberry.ID | None = None
    deadline: datetime | None = strawberry.field(
        default=None,
        description="None: the kind's rule sets it when sent (5 working days for press "
        "incidents, citizen questions, voter petitions; 10 for hard cases), else no deadline",
    )
    priority: model.Priority = model.Priority.NORMAL
    trackers: list[TrackerInput] | None = None
    petition_level: model.PetitionLevel | None = None
    hard_case: bool = False
    period: model.Period | None = None


@strawberry.type
class TaskPayload:
    task: Task | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: model.Task | DomainError) -> TaskPayload:
        """The task after the change, or why not."""
        task = None if isinstance(result, DomainError) else Task.from_domain(result)
        return cls(task=task, errors=errors_of(result))


@strawberry.type
class DirectivePayload:
    directive: Directive | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: model.Directive | DomainError) -> DirectivePayload:
        """The directive entered, or why not."""
        found = None if isinstance(result, DomainError) else Directive.from_domain(result)
        return cls(directive=found, errors=errors_of(result))


@strawberry.type
class TaskProgressPayload:
    progress: ProgressUpdate | None
    task: Task | None
    errors: list[UserError]

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


@strawberry.type
class CalendarDayPayload:
    day: CalendarDay | None
    errors: list[UserError]

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
