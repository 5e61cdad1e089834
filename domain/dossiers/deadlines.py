"""A dossier's limits on the working calendar, its stopped clock and its status class.

- Reception (002 Art. 12.1a): within 60 working minutes of the submission; one that arrives
  outside sessions, or in a session's last 60 minutes, within 60 minutes of the next
  session's start (`WorkingCalendar.dossier_reception_due`).
- Processing: the procedure's working days, counted from the reception (the end of the N-th
  working day after the reception's date). While the applicant supplements, the clock stops:
  when the supplement arrives, the working time that was left runs again from that instant
  (national one-stop practice). A dossier already overdue when the clock stopped stays due
  when it was: a supplement does not undo lateness.
- Status classes, as national reporting counts a received dossier: done early (on a day
  before the due date), done on time (on the due date, by the due time), done late; open
  within its deadline, open overdue (a stopped clock counts as it stood when it stopped).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.calendar import WorkingCalendar
from domain.dossiers.model import Dossier, DossierState, StatusClass
from domain.dossiers.workflow import PROCESSING_STATES

_MINUTE = timedelta(minutes=1)


def reception_due(calendar: WorkingCalendar, submitted_at: datetime) -> datetime:
    """When the desk must have accepted or refused a dossier submitted at `submitted_at`."""
    return calendar.dossier_reception_due(submitted_at)


def processing_due(calendar: WorkingCalendar, received_at: datetime, days: int) -> datetime:
    """When a dossier received at `received_at` must be done, on a procedure of `days`."""
    return calendar.add_working_days(received_at, days)


@dataclass(frozen=True)
class Resumed:
    """The clock after a supplement: the new due time and the working minutes it stood."""

    due: datetime
    paused_minutes: int


def resume(
    calendar: WorkingCalendar, *, due: datetime, paused_at: datetime, resumed_at: datetime
) -> Resumed:
    """Restart a clock stopped at `paused_at`: the working time that was left before `due`
    runs again from `resumed_at` (rounded up to the minute, in the applicant's favour)."""
    stood = calendar.working_time_between(paused_at, resumed_at)
    paused_minutes = max(0, math.ceil(stood / _MINUTE))
    left = calendar.working_time_between(paused_at, due)
    if left <= timedelta(0):
        return Resumed(due, paused_minutes)
    due = calendar.add_working_minutes(resumed_at, math.ceil(left / _MINUTE))
    return Resumed(due, paused_minutes)


def running_due(dossier: Dossier) -> datetime | None:
    """The limit that runs now (kept on the dossier as `due_at`, the queues' order): the
    reception's until it is received, then the processing's; None while the applicant
    completes a refused dossier, and once done or withdrawn."""
    if dossier.state is DossierState.SUBMITTED:
        return dossier.reception_due
    if dossier.state in PROCESSING_STATES:
        return dossier.processing_due
    return None


def is_overdue(dossier: Dossier, now: datetime) -> bool:
    """Open and past its limit: reception before it is received, processing after; a stopped
    clock as it stood when it stopped."""
    if dossier.state is DossierState.SUBMITTED:
        return now > dossier.reception_due
    due = dossier.processing_due
    if due is None or dossier.finished_at is not None or dossier.state not in PROCESSING_STATES:
        return False
    return (dossier.paused_at or now) > due


def status_class(dossier: Dossier, now: datetime, calendar: WorkingCalendar) -> StatusClass | None:
    """The dossier's class; None when it does not count (not received, or withdrawn)."""
    due = dossier.processing_due
    if due is None or dossier.state is DossierState.WITHDRAWN:
        return None
    if dossier.finished_at is not None:
        return class_of_finish(calendar, dossier.finished_at, due)
    if is_overdue(dossier, now):
        return StatusClass.OPEN_OVERDUE
    return StatusClass.OPEN_WITHIN_DEADLINE


def class_of_finish(calendar: WorkingCalendar, finished_at: datetime, due: datetime) -> StatusClass:
    """Early, on time or late: a result registered at `finished_at` on a limit `due`."""
    if finished_at > due:
        return StatusClass.DONE_LATE
    if calendar.local_date(finished_at) < calendar.local_date(due):
        return StatusClass.DONE_EARLY
    return StatusClass.DONE_ON_TIME
