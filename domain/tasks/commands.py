"""The commands of the task chain and the working calendar; each is handled by one use case
of this package (the portal's are in `portal_commands`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.calendar import DayKind, DeclaredDay
from domain.commands import Command
from domain.tasks.model import (
    Directive,
    DirectiveType,
    PetitionLevel,
    Priority,
    ProgressUpdate,
    Task,
    TaskKind,
    TrackerRole,
)
from domain.tasks.workflow import Action


@dataclass(frozen=True)
class Attachment:
    """Metadata of a file attached to a directive (the file lives in the document system)."""

    name: str
    url: str | None = None
    mime_type: str | None = None
    size_bytes: int | None = None


@dataclass(frozen=True)
class NewDirective:
    """A directive document as entered by the office."""

    doc_type: DirectiveType
    number_symbol: str
    issued_on: date
    issuer: str
    summary: str
    office_unit_id: int
    received_at: datetime | None = None
    secret: bool = False
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class NewTask:
    """A task as entered by the office."""

    kind: TaskKind
    content: str
    office_unit_id: int
    lead_unit_id: int
    coordinating_unit_ids: tuple[int, ...] = ()
    directive_id: int | None = None
    deadline: datetime | None = None
    priority: Priority = Priority.NORMAL
    trackers: tuple[tuple[int, TrackerRole], ...] = ()
    petition_level: PetitionLevel | None = None
    hard_case: bool = False
    period: str | None = None


@dataclass(frozen=True)
class Step:
    """What the caller sends with an action."""

    action: Action
    note: str | None = None
    lead_specialist_id: int | None = None
    coordinating_specialist_ids: tuple[int, ...] = ()
    content: str | None = None
    reply_number: str | None = None
    reply_date: date | None = None
    escalate_to_unit_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReportedProgress:
    """A progress update and the task it is about."""

    update: ProgressUpdate
    task: Task


@dataclass(frozen=True, slots=True)
class CreateDirective(Command[Directive]):
    """Enter a directive document (never a secret one)."""

    new: NewDirective


@dataclass(frozen=True, slots=True)
class CreateTask(Command[Task]):
    """Enter a task for a lead unit."""

    new: NewTask


@dataclass(frozen=True, slots=True)
class CorrectTask(Command[Task]):
    """The office corrects or reassigns a task it holds; None leaves a field as it is."""

    task_id: int
    version: int | None
    content: str | None = None
    deadline: datetime | None = None
    lead_unit_id: int | None = None
    coordinating_unit_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class ActOnTask(Command[Task]):
    """Move a task one step along the chain."""

    task_id: int
    version: int | None
    step: Step


@dataclass(frozen=True, slots=True)
class ReportProgress(Command[ReportedProgress]):
    """The lead unit reports progress, perhaps asking for more time."""

    task_id: int
    content: str
    delay_reason: str | None = None
    proposals: str | None = None
    extension_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class DecideExtension(Command[Task]):
    """A tracker or the office grants or refuses an extension request."""

    progress_id: int
    grant: bool
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DeclareCalendarDay(Command[DeclaredDay]):
    """Declare a day off or a make-up working day."""

    day: date
    kind: DayKind
    reason: str


@dataclass(frozen=True, slots=True)
class RemoveCalendarDay(Command[DeclaredDay]):
    """Withdraw a declared day."""

    day: date
