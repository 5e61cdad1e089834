"""Working time: the one calendar every SLA of govgraph is computed on.

``WorkingCalendar`` knows the sessions (default 07:30-11:30, 13:30-17:00, Asia/Ho_Chi_Minh),
Saturdays and Sundays, Vietnamese public holidays from the ``holidays`` package (see
``days``) and the province's ``DeclaredDay`` list. ``Sla`` names its clock and computes
due instants on it. Returned instants are UTC; conventions in ``working_calendar``.
"""

from domain.calendar.days import DayKind, DeclaredDay, public_year
from domain.calendar.sessions import DEFAULT_SESSIONS, Session, parse_sessions
from domain.calendar.sla import Sla, SlaClock
from domain.calendar.working_calendar import (
    DEFAULT_TIMEZONE,
    RECEPTION_MINUTES,
    WorkingCalendar,
)

__all__ = [
    "DEFAULT_SESSIONS",
    "DEFAULT_TIMEZONE",
    "RECEPTION_MINUTES",
    "DayKind",
    "DeclaredDay",
    "Session",
    "Sla",
    "SlaClock",
    "WorkingCalendar",
    "parse_sessions",
    "public_year",
]
