"""Queries of the dossiers' timed rules: open dossiers by their running limit, indexed and
locked (ix_dossiers_open_due)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, exists, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dossiers.model import DossierState
from domain.notifications.dossier_rules import dossier_title
from domain.notifications.dossier_timed import WATCHED, DueDossier
from domain.notifications.model import NotificationKind, SubjectType
from persistence import catalog_tables as ct
from persistence import dossier_tables as dt
from persistence.notification_tables import notification_events as ev
from persistence.tables import org_units

D, U, V = dt.dossiers.c, org_units.c, ct.procedure_versions.c


class SqlDossierDeadlines:
    """DossierDeadlineSource on SQLAlchemy; PostgreSQL locks the rows it hands out."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def dossiers_due(
        self,
        *,
        after: datetime,
        until: datetime,
        kind: NotificationKind,
        threshold: str,
        limit: int,
    ) -> list[DueDossier]:
        told = exists().where(
            ev.c.subject_type == SubjectType.DOSSIER,
            ev.c.subject_id == D.id,
            ev.c.kind == kind,
            ev.c.threshold == literal(threshold),
            ev.c.due_at == D.due_at,
        )
        picked = (
            select(D.id)
            .where(
                D.due_at > after,  # ix_dossiers_open_due
                D.due_at <= until,
                D.paused_at.is_(None),
                D.state.in_(WATCHED),
                ~told,
            )
            .order_by(D.due_at, D.id)
            .limit(limit)
            .with_for_update(of=dt.dossiers, skip_locked=True)
        )
        ids = list((await self.session.scalars(picked)).all())
        if not ids:
            return []
        unit = case((D.state == DossierState.SUBMITTED, D.agency_unit_id), else_=D.holder_unit_id)
        rows = await self.session.execute(
            select(
                D.id, D.state, D.due_at, D.holder_person_id, U.id.label("unit_id"), U.path, V.name
            )
            .join(org_units, U.id == unit)
            .join(ct.procedure_versions, V.id == D.procedure_version_id)
            .where(D.id.in_(ids))
            .order_by(D.due_at, D.id)
        )
        return [
            DueDossier(
                dossier_id=row.id,
                state=DossierState(row.state),
                due_at=row.due_at,
                unit_id=row.unit_id,
                unit_path=row.path,
                holder_person_id=row.holder_person_id,
                title=dossier_title(row.id, row.name),
            )
            for row in rows
        ]
