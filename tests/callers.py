"""The caller context of a use case run directly by a test."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.calendar import WorkingCalendar
from domain.commands import Caller
from domain.permissions import Principal

DEFAULT_CALENDAR = WorkingCalendar()


def caller(
    actor: Principal, now: datetime | None = None, calendar: WorkingCalendar | None = None
) -> Caller:
    """Who acts, when (default: now) and on which calendar (default: weekends, holidays and
    the default sessions)."""
    return Caller(actor, now or datetime.now(UTC), calendar or DEFAULT_CALENDAR)
