"""SLA rules of the chain, on the working-time calendar (004 Art. 9; 000 Annex IV-VI)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from domain.calendar import Sla, WorkingCalendar
from domain.tasks.model import TaskKind

# Entering a task: 1 working day after the directive, 2 when it holds many tasks or units.
ENTRY = Sla.working_days(1)
ENTRY_BUSY = Sla.working_days(2)
BUSY_TASKS = 5
BUSY_UNITS = 3

# Press incidents, citizen questions and voter petitions: 5 working days, 10 for hard cases.
KIND_SLA: dict[TaskKind, tuple[Sla, Sla]] = {
    TaskKind.PRESS_INCIDENT: (Sla.working_days(5), Sla.working_days(10)),
    TaskKind.CITIZEN_QUESTION: (Sla.working_days(5), Sla.working_days(10)),
    TaskKind.VOTER_PETITION: (Sla.working_days(5), Sla.working_days(10)),
}

# The unit records its result within 1 working day of its official reply.
RESPONSE_RECORDING = Sla.working_days(1)


def entry_due(
    calendar: WorkingCalendar, received_at: datetime, *, tasks: int, units: int
) -> datetime:
    """When the office must have sent a directive's tasks."""
    busy = tasks >= BUSY_TASKS or units >= BUSY_UNITS
    return (ENTRY_BUSY if busy else ENTRY).due(calendar, received_at)


def default_deadline(
    calendar: WorkingCalendar, kind: TaskKind, sent_at: datetime, *, hard_case: bool
) -> datetime | None:
    """The deadline a kind's regulation sets from the moment of assignment, if any."""
    rule = KIND_SLA.get(kind)
    if rule is None:
        return None
    return (rule[1] if hard_case else rule[0]).due(calendar, sent_at)


def recording_due(calendar: WorkingCalendar, reply_date: date) -> datetime:
    """The end of the first working day after the official reply's date."""
    noon = datetime.combine(reply_date, time(12, 0), tzinfo=calendar.timezone)
    return RESPONSE_RECORDING.due(calendar, noon)


# 000 Annex IV: the daily press digest is posted on working days by 11:00.
PRESS_DIGEST_BY = time(11, 0)
# 000 Annex V: citizen questions are taken in at 10:00 and 16:00 and forwarded by the office
# leader at 07:30 and 14:00, on working days.
QUESTION_INTAKE_TIMES = (time(10, 0), time(16, 0))
QUESTION_FORWARD_TIMES = (time(7, 30), time(14, 0))


def press_digest_due(calendar: WorkingCalendar, day: date) -> datetime:
    """11:00 of the digest's (working) day, as UTC."""
    return _at(calendar, day, PRESS_DIGEST_BY)


def next_slot(
    calendar: WorkingCalendar, instant: datetime, times: tuple[time, ...], *, strict: bool
) -> datetime:
    """The first of the daily `times` on a working day at (or, `strict`, after) `instant`."""
    day = calendar.local_date(instant)
    for _ in range(3700):
        if calendar.is_working_day(day):
            for clock in times:
                slot = _at(calendar, day, clock)
                if slot > instant or (slot == instant and not strict):
                    return slot
        day += timedelta(days=1)
    raise ValueError("no working day within ten years; check the calendar")


def question_intake(calendar: WorkingCalendar, submitted_at: datetime) -> datetime:
    """The intake batch (10:00 or 16:00 of a working day) that takes a question in."""
    return next_slot(calendar, submitted_at, QUESTION_INTAKE_TIMES, strict=False)


def question_forwarding(calendar: WorkingCalendar, intake_at: datetime) -> datetime:
    """When the office leader forwards a batch: the next 07:30 or 14:00 of a working day."""
    return next_slot(calendar, intake_at, QUESTION_FORWARD_TIMES, strict=True)


def _at(calendar: WorkingCalendar, day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=calendar.timezone).astimezone(UTC)
