"""What a notification is: an event about a subject, and one inbox row per recipient."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class NotificationKind(StrEnum):
    """Why someone is told (issue 5; 000 Art. 6.5 for birthdays)."""

    NEW_ASSIGNMENT = "NEW_ASSIGNMENT"
    DEADLINE_WARNING = "DEADLINE_WARNING"
    OVERDUE = "OVERDUE"
    RETURNED = "RETURNED"
    APPROVED = "APPROVED"
    PUBLISHED = "PUBLISHED"
    ESCALATED = "ESCALATED"
    REPORT_DUE = "REPORT_DUE"
    BIRTHDAY = "BIRTHDAY"


class SubjectType(StrEnum):
    """What a notification is about."""

    TASK = "TASK"
    REFLECTION = "REFLECTION"
    REPORT = "REPORT"
    PERSON = "PERSON"
    DOSSIER = "DOSSIER"


@dataclass(frozen=True)
class Summary:
    """The payload: only fields every recipient and every permitted dashboard may read.

    Never notes, drafts or reporter data: a subject's title (a task's content is readable by
    every party of the task), the step taken, the state reached, the due time and priority,
    and for scheduled warnings the threshold that fired.
    """

    title: str = ""
    action: str | None = None
    state: str | None = None
    due_at: datetime | None = None
    priority: str | None = None
    threshold: str | None = None

    def to_json(self) -> str:
        """The stored form."""
        data: dict[str, Any] = asdict(self)
        data["due_at"] = self.due_at.isoformat() if self.due_at else None
        return json.dumps(
            {k: v for k, v in data.items() if v not in (None, "")}, ensure_ascii=False
        )

    @classmethod
    def from_json(cls, text: str) -> Summary:
        """Read the stored form back."""
        data: dict[str, Any] = json.loads(text or "{}")
        due = data.pop("due_at", None)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known, due_at=datetime.fromisoformat(due) if due else None)


TITLE_LENGTH = 140


def title_of(text: str) -> str:
    """A short title from a longer text."""
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1] + "…"


@dataclass
class NotificationEvent:
    """Something happened to a subject in a unit; the outbox record of dashboards.

    `threshold` and `due_at` are set by timed rules: with the subject and kind they form the
    key that makes a scheduled warning happen once (a moved deadline arms a new one).
    """

    kind: NotificationKind
    subject_type: SubjectType
    subject_id: int
    unit_id: int | None
    unit_path: str | None
    summary: Summary
    occurred_at: datetime
    threshold: str | None = None
    due_at: datetime | None = None
    id: int = field(default=0)


@dataclass
class Notification:
    """One person's copy of an event: the inbox row, with an increasing id."""

    event_id: int
    person_id: int
    kind: NotificationKind
    subject_type: SubjectType
    subject_id: int
    unit_id: int | None
    summary: Summary
    created_at: datetime
    read_at: datetime | None = None
    id: int = field(default=0)

    @property
    def read(self) -> bool:
        """True once the person marked it read."""
        return self.read_at is not None


class ReporterMessageKind(StrEnum):
    """What a reporter is told about their field report (001 Art. 9, 12, 13)."""

    RESULT = "RESULT"  # published, or answered privately (secrecy, non-public)
    VERIFY = "VERIFY"  # the IOC asks the reporter to confirm the details
    EDIT = "EDIT"  # the IOC asks the reporter to complete the report
    ANSWER = "ANSWER"  # an agency answered a follow-up question
    CANCELLED = "CANCELLED"  # the report was cancelled, with its reason


@dataclass
class ReporterMessage:
    """A message owed to a report's reporter. It holds no address and no text: both are
    read from the report when it is sent (the report is the record)."""

    reflection_id: int
    kind: ReporterMessageKind
    created_at: datetime
    question_id: int | None = None
    dispatched_at: datetime | None = None
    id: int = field(init=False)
