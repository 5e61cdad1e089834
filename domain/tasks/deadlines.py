"""SLA rules of the chain, on the working-time calendar (004 Art. 9; 000 Annex IV-VI)."""

from __future__ import annotations

from datetime import date, datetime, time

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
