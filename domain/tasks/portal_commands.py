"""The commands of periodic occurrences, the press digest and citizen questions; each is
handled by one use case of this package."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from domain.commands import Command
from domain.tasks.model import Priority, Task, TrackerRole
from domain.tasks.periods import TaskOccurrence
from domain.tasks.portal_model import CitizenQuestion, PressDigest, PressItem

T = TypeVar("T")


@dataclass(frozen=True)
class Forward:
    """Where the office sends the work: units, trackers (the office specialist), urgency."""

    lead_unit_id: int
    coordinating_unit_ids: tuple[int, ...] = ()
    trackers: tuple[tuple[int, TrackerRole], ...] = ()
    hard_case: bool = False
    priority: Priority = Priority.NORMAL
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Forwarded(Generic[T]):
    """Portal work (a press item, a citizen question) and the task it was forwarded as."""

    source: T
    task: Task


@dataclass(frozen=True)
class OccurrenceReport:
    """What the unit reports for a period: the text, how far it got, whether it is final."""

    content: str
    progress_percent: int | None = None
    final: bool = False


@dataclass(frozen=True)
class NewPressItem:
    """A press item as the editors enter it."""

    headline: str
    outlet: str
    summary: str
    url: str | None = None
    article_date: date | None = None


@dataclass(frozen=True)
class NewQuestion:
    """A question as the portal received it."""

    office_unit_id: int
    title: str
    question: str
    asker_name: str
    submitted_at: datetime | None = None
    asker_email: str | None = None
    asker_phone: str | None = None
    asker_address: str | None = None


@dataclass(frozen=True, slots=True)
class ReportOccurrence(Command[TaskOccurrence]):
    """The lead unit reports one period of a periodic task."""

    occurrence_id: int
    version: int | None
    report: OccurrenceReport


@dataclass(frozen=True, slots=True)
class ReopenOccurrence(Command[TaskOccurrence]):
    """The office sends a period's result back."""

    occurrence_id: int
    version: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class PublishPressDigest(Command[PressDigest]):
    """Post the day's press digest (default: today), or add items to it."""

    office_unit_id: int
    day: date | None
    items: tuple[NewPressItem, ...]
    version: int | None = None


@dataclass(frozen=True, slots=True)
class ForwardPressItem(Command[Forwarded[PressItem]]):
    """Forward a press item as a PRESS_INCIDENT task, sent at once."""

    item_id: int
    version: int | None
    forward: Forward


@dataclass(frozen=True, slots=True)
class TakeInQuestion(Command[CitizenQuestion]):
    """Record a question from the portal."""

    new: NewQuestion


@dataclass(frozen=True, slots=True)
class ForwardQuestion(Command[Forwarded[CitizenQuestion]]):
    """Forward a citizen question as a CITIZEN_QUESTION task, sent at once."""

    question_id: int
    version: int | None
    forward: Forward
