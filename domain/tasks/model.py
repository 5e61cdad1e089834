"""Directive documents and the tasks they give units (004 Art. 2, 3, 8-12; 000 Annex IV-VI)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class DirectiveType(StrEnum):
    """Kinds of directive documents a task can come from."""

    DECISION = "DECISION"
    DIRECTIVE = "DIRECTIVE"
    PLAN = "PLAN"
    SCHEME = "SCHEME"
    PROGRAM = "PROGRAM"
    TELEGRAM = "TELEGRAM"
    OFFICIAL_LETTER = "OFFICIAL_LETTER"
    MEETING_CONCLUSION = "MEETING_CONCLUSION"
    OTHER = "OTHER"


class TaskKind(StrEnum):
    """What work a task is; all share the assignment chain."""

    DIRECTIVE = "DIRECTIVE"
    PRESS_INCIDENT = "PRESS_INCIDENT"
    CITIZEN_QUESTION = "CITIZEN_QUESTION"
    VOTER_PETITION = "VOTER_PETITION"
    WORK_PROGRAM_ITEM = "WORK_PROGRAM_ITEM"


class TaskState(StrEnum):
    """Where a task stands in the chain."""

    CREATED = "CREATED"
    SENT = "SENT"
    RETURNED = "RETURNED"
    RECEIVED = "RECEIVED"
    ASSIGNED = "ASSIGNED"
    IN_PROGRESS = "IN_PROGRESS"
    DRAFTED = "DRAFTED"
    APPROVED = "APPROVED"
    REPORTED = "REPORTED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"
    ESCALATED = "ESCALATED"


class Priority(StrEnum):
    """How urgent a task is."""

    NORMAL = "NORMAL"
    HIGH = "HIGH"
    URGENT = "URGENT"


class UnitRole(StrEnum):
    """A unit's part in a task."""

    LEAD = "LEAD"
    COORDINATING = "COORDINATING"


class TrackerRole(StrEnum):
    """Who follows a task on the office's and leaders' side (004 Art. 8)."""

    SPECIALIST = "SPECIALIST"
    SECTION_LEADER = "SECTION_LEADER"
    OFFICE_LEADER = "OFFICE_LEADER"
    CHAIRMAN = "CHAIRMAN"
    VICE_CHAIRMAN = "VICE_CHAIRMAN"


class AssigneeRole(StrEnum):
    """A specialist's part inside the lead unit."""

    LEAD_SPECIALIST = "LEAD_SPECIALIST"
    COORDINATING_SPECIALIST = "COORDINATING_SPECIALIST"


class Period(StrEnum):
    """Recurrence of periodic tasks."""

    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"
    YEARLY = "YEARLY"


class PetitionLevel(StrEnum):
    """Level of government a voter petition sits at (000 Annex VI)."""

    COMMUNE = "COMMUNE"
    DISTRICT = "DISTRICT"
    PROVINCE = "PROVINCE"


class StatusClass(StrEnum):
    """How national task-tracking reports class a task."""

    DONE_ON_TIME = "DONE_ON_TIME"
    DONE_LATE = "DONE_LATE"
    OPEN_WITHIN_DEADLINE = "OPEN_WITHIN_DEADLINE"
    OPEN_OVERDUE = "OPEN_OVERDUE"
    NO_DEADLINE = "NO_DEADLINE"


@dataclass
class Directive:
    """A directive document (never a secret one: 004 Art. 3.3)."""

    doc_type: DirectiveType
    number_symbol: str
    issued_on: date
    issuer: str
    summary: str
    office_unit_id: int
    received_at: datetime
    created_at: datetime
    created_by: int | None = None
    attachments: str = "[]"
    version: int = 1
    id: int = field(init=False)


@dataclass
class Task:
    """One task: content, deadline, units, trackers, state."""

    directive_id: int | None
    kind: TaskKind
    content: str
    office_unit_id: int
    lead_unit_id: int
    created_at: datetime
    created_by: int | None
    state: TaskState = TaskState.CREATED
    priority: Priority = Priority.NORMAL
    deadline: datetime | None = None
    period: Period | None = None
    sent_at: datetime | None = None
    entry_due: datetime | None = None
    entry_late: bool = False
    completed_at: datetime | None = None
    petition_level: PetitionLevel | None = None
    hard_case: bool = False
    search_text: str = ""
    escalated_from_id: int | None = None
    escalated_to_id: int | None = None
    version: int = 1
    id: int = field(init=False)

    def status_class(self, now: datetime) -> StatusClass | None:
        """Done on time or late, open within deadline or overdue, or no deadline at all.

        None for cancelled and escalated tasks: the reports count neither (an escalated
        petition is counted at the level it went to).
        """
        if self.state in (TaskState.CANCELLED, TaskState.ESCALATED):
            return None
        done = self.completed_at if self.state is TaskState.COMPLETED else None
        return classify(self.deadline, done, now)


def classify(due: datetime | None, done_at: datetime | None, now: datetime) -> StatusClass:
    """The national report's class of work due at `due`, done at `done_at` (None: open)."""
    if due is None:
        return StatusClass.NO_DEADLINE
    if done_at is not None:
        return StatusClass.DONE_ON_TIME if done_at <= due else StatusClass.DONE_LATE
    return StatusClass.OPEN_OVERDUE if now > due else StatusClass.OPEN_WITHIN_DEADLINE


@dataclass
class TaskUnit:
    """A unit's part in a task (one LEAD, any number COORDINATING)."""

    task_id: int
    unit_id: int
    role: UnitRole
    id: int = field(init=False)


@dataclass
class TaskTracker:
    """A person following the task for the office or the province's leaders."""

    task_id: int
    person_id: int
    role: TrackerRole
    id: int = field(init=False)


@dataclass
class TaskAssignee:
    """A specialist of the lead unit named by its leader."""

    task_id: int
    person_id: int
    role: AssigneeRole
    id: int = field(init=False)


@dataclass
class TaskEvent:
    """One transition: who, when, from, to, a note. Audit trail, timeline and SLA history."""

    task_id: int
    action: str
    from_state: TaskState | None
    to_state: TaskState
    at: datetime
    actor_account_id: int | None
    actor_person_id: int | None = None
    note: str = ""
    id: int = field(init=False)


@dataclass
class ProgressUpdate:
    """A progress report on unfinished work (004 Art. 10.3), possibly asking for more time."""

    task_id: int
    content: str
    at: datetime
    author_account_id: int | None
    delay_reason: str | None = None
    proposals: str | None = None
    extension_until: datetime | None = None
    extension_decision: str | None = None
    decided_at: datetime | None = None
    id: int = field(init=False)


@dataclass
class TaskResponse:
    """The result: draft content, then the official reply (004 Art. 8.2)."""

    task_id: int
    content: str
    drafted_at: datetime
    drafted_by: int | None
    approved_at: datetime | None = None
    approved_by: int | None = None
    reply_number: str | None = None
    reply_date: date | None = None
    recorded_at: datetime | None = None
    recorded_late: bool = False
    id: int = field(init=False)
