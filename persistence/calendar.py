"""The province's working calendar: settings plus the days declared in the database."""

from __future__ import annotations

import time
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.calendar import DayKind, DeclaredDay, WorkingCalendar
from persistence.task_tables import calendar_days

REFRESH_SECONDS = 60.0


class CalendarSettings(Protocol):
    """What the calendar needs from settings."""

    @property
    def time_zone(self) -> str: ...

    @property
    def working_sessions(self) -> str: ...


class CalendarSource:
    """Builds the WorkingCalendar, re-reading declared days at most once a minute.

    `invalidate()` after a declaration makes this process see it at once; other processes
    see it within REFRESH_SECONDS.
    """

    def __init__(
        self, settings: CalendarSettings, sessions: async_sessionmaker[AsyncSession]
    ) -> None:
        self._settings = settings
        self._sessions = sessions
        self._calendar: WorkingCalendar | None = None
        self._loaded_at = 0.0

    def invalidate(self) -> None:
        """Forget the cached calendar."""
        self._calendar = None

    async def get(self) -> WorkingCalendar:
        """The current calendar."""
        fresh = time.monotonic() - self._loaded_at < REFRESH_SECONDS
        if self._calendar is not None and fresh:
            return self._calendar
        async with self._sessions() as session:
            rows = (await session.execute(select(calendar_days))).all()
        declared = [DeclaredDay(row.date, DayKind(row.kind), row.reason) for row in rows]
        self._calendar = WorkingCalendar(
            timezone=self._settings.time_zone,
            sessions=self._settings.working_sessions,
            declared_days=declared,
        )
        self._loaded_at = time.monotonic()
        return self._calendar
