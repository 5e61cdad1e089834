"""What a compiled statement takes anew on every run: the request's instant, the province's
date and the starts (local midnights) of the current week and month. A statement holds them
as named parameters; the reader sets them from the request's RequestTime, so a kept
statement serves every request, and its key never holds a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, Date, bindparam
from sqlalchemy.types import TypeEngine

from domain.selection import RequestTime
from domain.stats.periods import Grain, period_of
from persistence.types import UTCDateTime

NOW = "request_now"
TODAY = "request_today"
WEEK_START = "request_week_start"
MONTH_START = "request_month_start"


def _today(at: RequestTime) -> date:
    return at.now.astimezone(ZoneInfo(at.time_zone)).date()


def _start_of(grain: Grain) -> Callable[[RequestTime], datetime]:
    """The local midnight that starts the current period of `grain`, as an instant."""

    def start(at: RequestTime) -> datetime:
        first = period_of(grain, _today(at)).start
        return datetime.combine(first, time(), ZoneInfo(at.time_zone))

    return start


PARAMS: dict[str, tuple[Callable[[], TypeEngine[Any]], Callable[[RequestTime], Any]]] = {
    NOW: (UTCDateTime, lambda at: at.now),
    TODAY: (Date, _today),
    WEEK_START: (UTCDateTime, _start_of(Grain.WEEK)),
    MONTH_START: (UTCDateTime, _start_of(Grain.MONTH)),
}


def placeholder(name: str) -> BindParameter[Any]:
    """The parameter `name` of a statement (its value here only stands in while compiling)."""
    kind, _ = PARAMS[name]
    stand_in = datetime(2000, 1, 1, tzinfo=UTC)
    value = stand_in.date() if name == TODAY else stand_in
    return bindparam(name, value=value, type_=kind())


def value(name: str, at: RequestTime) -> Any:
    """The parameter's value for one request."""
    return PARAMS[name][1](at)
