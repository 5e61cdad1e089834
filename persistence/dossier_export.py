"""The dossier export query: statistics' columns only (domain.stats.dossier_export), never the
applicant, the tracking code, the address, the files or the result number."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, or_, select

from domain.dossiers.workflow import PROCESSING_STATES
from domain.stats.exports import ExportRange
from persistence import catalog_tables as ct
from persistence import dossier_tables as dt
from persistence.tables import org_units

D, P, U = dt.dossiers.c, ct.procedures.c, org_units.c


def status_class(now: datetime) -> tuple[Any, Any]:
    """schema.dossiers.status_of as SQL, and whether the dossier is open past its limit."""
    running = and_(D.paused_at.is_(None), D.due_at < now)
    stopped = and_(D.paused_at.is_not(None), D.paused_at > D.processing_due)
    late = and_(D.due_at.is_not(None), or_(running, stopped))
    return case(
        (D.finish_class.is_not(None), D.finish_class),
        (
            D.state.in_(PROCESSING_STATES),
            case((late, "OPEN_OVERDUE"), else_="OPEN_WITHIN_DEADLINE"),
        ),
        else_=None,
    ), and_(D.state.in_(PROCESSING_STATES), D.finish_class.is_(None), late)


def dossier_export(where: ExportRange, now: datetime) -> Any:
    """Dossiers received by an agency of the subtree, submitted in the range."""
    klass, overdue = status_class(now)
    return (
        select(
            D.id,
            P.code,
            ct.procedure_versions.c.name,
            U.code,
            U.name,
            D.channel,
            D.payment,
            D.delivery,
            D.state,
            klass,
            D.submitted_at,
            D.received_at,
            D.processing_due,
            D.finished_at,
            D.delivered_at,
            overdue,
            D.processing_days,
            D.paused_minutes,
            D.refusals,
            D.supplement_requests,
            D.result_kind,
            D.rated,
        )
        .select_from(
            dt.dossiers.join(org_units, U.id == D.agency_unit_id)
            .join(ct.procedures, P.id == D.procedure_id)
            .join(ct.procedure_versions, ct.procedure_versions.c.id == D.procedure_version_id)
        )
        .where(
            U.path.startswith(where.unit_path, autoescape=True),
            D.submitted_at >= where.since,
            D.submitted_at < where.until,
        )
        .order_by(D.submitted_at, D.id)
    )
