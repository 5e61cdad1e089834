"""Task and field-report rows for exports (CSV, XLSX) and BI: no content, no person (no
reporter, no tracking code, no address), only what statistics use."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.errors import DomainError, ErrorCode
from domain.stats.export_columns import REFLECTIONS, TASKS

MAX_EXPORT_DAYS = 3 * 366
# The machine format's headers (the stable snake_case keys; domain.stats.export_columns).
COLUMNS = TASKS.machine
REFLECTION_COLUMNS = REFLECTIONS.machine


@dataclass(frozen=True)
class ExportRange:
    """Tasks of a subtree due (created, without a deadline), or field reports located in a
    subtree received, between two local dates."""

    unit_path: str
    since: datetime
    until: datetime


def export_range(unit_path: str, first: str, last: str, tz: str) -> ExportRange:
    """The range from ISO dates `first` to `last` inclusive, or INVALID_PERIOD."""
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        raise DomainError(
            ErrorCode.INVALID_PERIOD, "from and to are dates (YYYY-MM-DD)", "from"
        ) from None
    if end < start:
        raise DomainError(ErrorCode.INVALID_PERIOD, "to is before from", "to")
    if (end - start).days > MAX_EXPORT_DAYS:
        raise DomainError(ErrorCode.INVALID_PERIOD, "Export at most three years at once", "to")
    zone = ZoneInfo(tz)
    return ExportRange(
        unit_path,
        datetime.combine(start, time(), zone),
        datetime.combine(end + timedelta(days=1), time(), zone),
    )


class ExportReader(Protocol):
    """Streams export rows (one server-side cursor)."""

    def task_rows(self, where: ExportRange, now: datetime) -> AsyncIterator[tuple[object, ...]]:
        """Rows in TASKS.columns order, by deadline then id."""
        ...

    def reflection_rows(
        self, where: ExportRange, now: datetime
    ) -> AsyncIterator[tuple[object, ...]]:
        """Rows in REFLECTIONS.columns order, by receipt then id."""
        ...

    def dossier_rows(self, where: ExportRange, now: datetime) -> AsyncIterator[tuple[object, ...]]:
        """Rows in DOSSIERS.columns order (domain.stats.dossier_export), by submission then id."""
        ...
