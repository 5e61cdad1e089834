"""Timed rules: deadline warnings, overdue notices and birthdays, each raised once.

Warnings look ahead with indexed range queries on the deadline: a task is warned for a
threshold when its deadline falls within that threshold of now on the working calendar. The
larger threshold's window stops where the smaller one's starts, so a task entering late gets
only the warning that still makes sense. Moving a deadline arms the warnings again (the
once-key holds the due time). After downtime the next run raises what is still ahead, and
OVERDUE for deadlines passed within the catch-up window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.calendar import Sla, WorkingCalendar
from domain.notifications.model import NotificationEvent, NotificationKind, SubjectType, Summary
from domain.notifications.ports import DeadlineSource, DueSubject
from domain.notifications.task_rules import leaders_of
from domain.tasks.model import TaskState as S
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.workflow import OPEN_STATES

K = NotificationKind
OVERDUE_THRESHOLD = "DUE"
# Warnings while the unit holds the work; overdue notices for any open task (the office's
# too: a task it has not sent or took back can be late as well).
WARNED_STATES = frozenset({S.SENT, S.RECEIVED, S.ASSIGNED, S.IN_PROGRESS, S.DRAFTED, S.APPROVED})
BIRTHDAY_THRESHOLD = "DAY"


class TimedUnitOfWork(TaskUnitOfWork, Protocol):
    """A unit of work that also runs the timed rules' queries."""

    timed: DeadlineSource


@dataclass(frozen=True)
class Threshold:
    """How long before a deadline to warn; `urgent_only` for URGENT work alone."""

    name: str
    sla: Sla
    urgent_only: bool = False


DEFAULT_THRESHOLDS = (
    Threshold("1_WORKING_DAY", Sla.working_days(1)),
    Threshold("2_WORKING_HOURS", Sla.working_hours(2)),
    Threshold("10_MINUTES", Sla.wall_clock_minutes(10), urgent_only=True),
)

_CLOCKS = {
    "WD": ("WORKING_DAY", Sla.working_days),
    "WH": ("WORKING_HOURS", Sla.working_hours),
    "WM": ("WORKING_MINUTES", Sla.working_minutes),
    "M": ("MINUTES", Sla.wall_clock_minutes),
}


def parse_thresholds(text: str, *, urgent: str = "") -> tuple[Threshold, ...]:
    """Thresholds from settings: "1WD,2WH" (working days, working hours, working minutes WM,
    wall-clock minutes M); `urgent` the same for URGENT work alone ("10M")."""
    found: list[Threshold] = []
    for spec, urgent_only in ((text, False), (urgent, True)):
        for part in filter(None, (p.strip().upper() for p in spec.split(","))):
            suffix = next((s for s in ("WD", "WH", "WM", "M") if part.endswith(s)), None)
            amount = part[: -len(suffix)] if suffix else ""
            if suffix is None or not amount.isdigit():
                raise ValueError(f"Unknown deadline threshold {part!r} (use e.g. 1WD, 2WH, 10M)")
            label, make = _CLOCKS[suffix]
            found.append(Threshold(f"{amount}_{label}", make(int(amount)), urgent_only))
    return tuple(found)


async def _task_recipients(uow: TimedUnitOfWork, due: DueSubject, *, office: bool) -> set[int]:
    """The lead unit's leaders, the assigned specialists, trackers (and the creator)."""
    people = await leaders_of(uow.notifications, due.unit_id, due.unit_path)
    people |= {a.person_id for a in await uow.tasks.assignees_of(due.subject_id)}
    people |= {t.person_id for t in await uow.tasks.trackers_of(due.subject_id)}
    if office:
        task = await uow.tasks.get(due.subject_id)
        creator = await uow.notifications.person_of_account(task.created_by if task else None)
        people |= {creator} if creator else set()
    return people


async def _raise_for(
    uow: TimedUnitOfWork, due: DueSubject, kind: NotificationKind, threshold: str, now: datetime
) -> int:
    recipients = await _task_recipients(uow, due, office=kind is K.OVERDUE)
    event = NotificationEvent(
        kind=kind,
        subject_type=SubjectType.TASK,
        subject_id=due.subject_id,
        unit_id=due.unit_id,
        unit_path=due.unit_path,
        summary=Summary(
            title=due.title,
            state=due.state,
            due_at=due.due_at,
            priority=due.priority,
            threshold=threshold,
        ),
        occurred_at=now,
        threshold=threshold,
        due_at=due.due_at,
    )
    await uow.notifications.record(event, sorted(recipients))
    return 1


def windows(
    calendar: WorkingCalendar, thresholds: tuple[Threshold, ...], now: datetime
) -> list[tuple[Threshold, datetime, datetime]]:
    """(threshold, after, until): each regular threshold's window stops where the next smaller
    one's starts; urgent-only thresholds look from now."""
    regular = sorted(
        (t for t in thresholds if not t.urgent_only),
        key=lambda t: t.sla.due(calendar, now),
        reverse=True,
    )
    ends = [(t, t.sla.due(calendar, now)) for t in regular]
    found = [
        (threshold, ends[i + 1][1] if i + 1 < len(ends) else now, until)
        for i, (threshold, until) in enumerate(ends)
    ]
    urgent = [(t, now, t.sla.due(calendar, now)) for t in thresholds if t.urgent_only]
    return found + urgent


async def raise_deadline_warnings(
    uow: TimedUnitOfWork,
    *,
    calendar: WorkingCalendar,
    thresholds: tuple[Threshold, ...],
    now: datetime,
    batch: int = 200,
) -> int:
    """DEADLINE_WARNING for open tasks entering a threshold; how many were raised."""
    raised = 0
    for threshold, after, until in windows(calendar, thresholds, now):
        raised += await _raise_window(
            uow, threshold, after=after, until=until, now=now, batch=batch
        )
    return raised


async def _raise_window(
    uow: TimedUnitOfWork,
    threshold: Threshold,
    *,
    after: datetime,
    until: datetime,
    now: datetime,
    batch: int,
) -> int:
    due = await uow.timed.open_tasks_due(
        after=after,
        until=until,
        kind=K.DEADLINE_WARNING,
        threshold=threshold.name,
        urgent_only=threshold.urgent_only,
        states=WARNED_STATES,
        limit=batch,
    )
    return sum([await _raise_for(uow, d, K.DEADLINE_WARNING, threshold.name, now) for d in due])


async def raise_overdue(
    uow: TimedUnitOfWork, *, now: datetime, catch_up: timedelta, batch: int = 200
) -> int:
    """OVERDUE for open tasks whose deadline passed (within the catch-up window)."""
    due = await uow.timed.open_tasks_due(
        after=now - catch_up,
        until=now,
        kind=K.OVERDUE,
        threshold=OVERDUE_THRESHOLD,
        urgent_only=False,
        states=OPEN_STATES,
        limit=batch,
    )
    return sum([await _raise_for(uow, d, K.OVERDUE, OVERDUE_THRESHOLD, now) for d in due])


def birthday_keys(day: date) -> list[str]:
    """MM-DD keys celebrated on `day` (29 February falls on the 28th in common years)."""
    keys = [day.strftime("%m-%d")]
    if day.month == 2 and day.day == 28 and not _leap(day.year):
        keys.append("02-29")
    return keys


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


async def raise_birthdays(
    uow: TimedUnitOfWork, *, time_zone: str, now: datetime, batch: int = 500
) -> int:
    """BIRTHDAY to the colleagues of persons born on today's local date (000 Art. 6.5).

    The payload is the name alone: colleagues see the day and month, never the year."""
    zone = ZoneInfo(time_zone)
    today = now.astimezone(zone).date()
    midnight = datetime.combine(today, time(0), tzinfo=zone)
    raised = 0
    for key in birthday_keys(today):
        for person_id, unit_id, name in await uow.timed.birthdays(key, midnight, batch):
            colleagues = await uow.timed.colleagues(person_id, unit_id)
            event = NotificationEvent(
                kind=K.BIRTHDAY,
                subject_type=SubjectType.PERSON,
                subject_id=person_id,
                unit_id=unit_id,
                unit_path=None,
                summary=Summary(title=name, due_at=midnight),
                occurred_at=now,
                threshold=BIRTHDAY_THRESHOLD,
                due_at=midnight,
            )
            await uow.notifications.record(event, sorted(colleagues))
            raised += 1
    return raised
