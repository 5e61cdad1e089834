"""Periodic tasks (004 Art. 8): each period an occurrence with its own due date and report.

A period is a calendar window (ISO week from Monday, month, quarter, year) in the province's
time zone. Its occurrence is due when the last working session of the window's last working
day ends (a window without a working day, a Tết week, is due at the end of the first working
day after it). The first occurrence is the window the task was sent in, unless that one is
due less than 1 working day after sending: then the next window. Occurrences are made when
the task is sent and, after that, by `generate_next_occurrences` (a scheduler's job) up to
the window holding "now", never for windows starting after the task's deadline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.calendar import Sla, WorkingCalendar
from domain.tasks.model import Period, StatusClass, Task, TaskEvent, TaskState, classify
from domain.tasks.ports import TaskUnitOfWork

FIRST_NOTICE = Sla.working_days(1)
MAX_PER_CALL = 60
"""At most this many occurrences are made for one task in one call (a long-idle task
catches up over several scheduler runs)."""

# Tasks whose periods still run: sent, and neither finished nor gone elsewhere.
ENDED = frozenset({TaskState.COMPLETED, TaskState.CANCELLED, TaskState.ESCALATED})


class OccurrenceState(StrEnum):
    """Where one period's report stands."""

    OPEN = "OPEN"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"


@dataclass
class TaskOccurrence:
    """One period of a periodic task: its window, due instant and report."""

    task_id: int
    seq: int
    period_start: date
    period_end: date
    due: datetime
    created_at: datetime
    state: OccurrenceState = OccurrenceState.OPEN
    progress_percent: int = 0
    report: str | None = None
    reported_at: datetime | None = None
    reported_by: int | None = None
    done_at: datetime | None = None
    version: int = 1
    id: int = field(init=False)

    def status_class(self, now: datetime) -> StatusClass:
        """Done on time or late, open within its due instant or overdue."""
        return classify(self.due, self.done_at, now)

    @property
    def label(self) -> str:
        """The window, e.g. "2026-11-01..2026-11-30"."""
        return f"{self.period_start.isoformat()}..{self.period_end.isoformat()}"


def window(period: Period, day: date) -> tuple[date, date]:
    """The calendar window of `period` that holds `day` (first and last date)."""
    if period is Period.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if period is Period.YEARLY:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    months = 3 if period is Period.QUARTERLY else 1
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    return start, _month_after(start, months) - timedelta(days=1)


def next_window(period: Period, current: tuple[date, date]) -> tuple[date, date]:
    """The window right after `current`."""
    return window(period, current[1] + timedelta(days=1))


def window_due(calendar: WorkingCalendar, start: date, end: date) -> datetime:
    """End of the last session of the window's last working day (else of the next one)."""
    day = end
    while day >= start:
        if calendar.is_working_day(day):
            return calendar.sessions_on(day)[-1][1]
        day -= timedelta(days=1)
    return calendar.sessions_on(calendar.next_working_day(end))[-1][1]


def first_window(calendar: WorkingCalendar, period: Period, sent_at: datetime) -> tuple[date, date]:
    """The window of the first occurrence: the one sent in, unless due within 1 working day."""
    current = window(period, calendar.local_date(sent_at))
    if window_due(calendar, *current) < FIRST_NOTICE.due(calendar, sent_at):
        return next_window(period, current)
    return current


def plan_windows(
    calendar: WorkingCalendar,
    task: Task,
    last: TaskOccurrence | None,
    now: datetime,
) -> list[tuple[date, date]]:
    """The windows still to open for a task, up to the one holding `now` (at least the first)."""
    if task.period is None or task.sent_at is None or task.state in ENDED:
        return []
    if last is None:
        current = first_window(calendar, task.period, task.sent_at)
    else:
        current = next_window(task.period, (last.period_start, last.period_end))
    today = calendar.local_date(now)
    until = calendar.local_date(task.deadline) if task.deadline else None
    planned: list[tuple[date, date]] = []
    while len(planned) < MAX_PER_CALL:
        if until is not None and current[0] > until:
            break
        if current[0] > today and (planned or last is not None):
            break
        planned.append(current)
        current = next_window(task.period, current)
    return planned


async def ensure_occurrences(
    uow: TaskUnitOfWork, calendar: WorkingCalendar, task: Task, now: datetime
) -> list[TaskOccurrence]:
    """Open the task's missing occurrences up to now; each one writes a timeline event."""
    existing = await uow.tasks.occurrences_of(task.id)
    last = existing[-1] if existing else None
    made: list[TaskOccurrence] = []
    seq = last.seq if last else 0
    for start, end in plan_windows(calendar, task, last, now):
        seq += 1
        occurrence = TaskOccurrence(
            task.id, seq, start, end, window_due(calendar, start, end), created_at=now
        )
        await uow.tasks.add_occurrence(occurrence)
        await uow.tasks.add_event(
            TaskEvent(
                task.id,
                "OCCURRENCE_OPENED",
                task.state,
                task.state,
                now,
                None,
                None,
                f"period {occurrence.label}",
            )
        )
        made.append(occurrence)
    return made


@dataclass(frozen=True)
class OccurrenceRun:
    """What one scheduler call did, and where the next call starts."""

    created: list[TaskOccurrence]
    last_task_id: int
    done: bool


async def generate_next_occurrences(
    *,
    uow: TaskUnitOfWork,
    calendar: WorkingCalendar,
    now: datetime,
    after_task_id: int = 0,
    limit: int = 200,
) -> OccurrenceRun:
    """The scheduler's entry point: open the occurrences due by `now` for up to `limit`
    running periodic tasks with ids above `after_task_id` (call again from `last_task_id`
    until `done`; the caller commits each call's unit of work)."""
    tasks = await uow.tasks.running_periodic_tasks(after_task_id, limit)
    created: list[TaskOccurrence] = []
    for task in tasks:
        created += await ensure_occurrences(uow, calendar, task, now)
    last = tasks[-1].id if tasks else after_task_id
    return OccurrenceRun(created=created, last_task_id=last, done=len(tasks) < limit)


def _month_after(start: date, months: int) -> date:
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)
