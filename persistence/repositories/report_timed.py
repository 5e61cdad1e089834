"""Queries of the periodic reports' reminders: the type's row lock, units already reminded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.model import NotificationKind, SubjectType
from persistence import report_tables as r
from persistence.notification_tables import notification_events as ev


class SqlReportDeadlines:
    """ReportDeadlineSource on SQLAlchemy; PostgreSQL locks the report type's row."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_report_type(self, type_id: int) -> bool:
        t = r.report_types
        query = select(t.c.id).where(t.c.id == type_id).with_for_update(skip_locked=True)
        return (await self.session.scalar(query)) is not None

    async def reminded_units(self, type_id: int, threshold: str, due_at: datetime) -> set[int]:
        prefix = f"{threshold}/"
        query = select(ev.c.threshold).where(
            ev.c.subject_type == SubjectType.REPORT,
            ev.c.subject_id == type_id,
            ev.c.kind == NotificationKind.REPORT_DUE,
            ev.c.due_at == due_at,
            ev.c.threshold.startswith(prefix, autoescape=True),
        )
        keys = (await self.session.scalars(query)).all()
        return {int(k[len(prefix) :]) for k in keys if k and k[len(prefix) :].isdigit()}
