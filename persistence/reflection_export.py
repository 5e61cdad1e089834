"""The field-report export query: counts' columns only (domain.stats.exports), never the
reporter, the content, the address, the media, the result or the tracking code."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from domain.reflections.workflow import ANSWERED_STATES, OPEN_STATES
from domain.stats.exports import ExportRange
from persistence import reflection_tables as rt
from persistence.tables import org_units

R = rt.reflections.c


def reflection_export(where: ExportRange, now: datetime) -> Any:
    """Reports located in the subtree, received in the range, by receipt then id."""
    commune, category = aliased(org_units), rt.reflection_categories
    return (
        select(
            R.id,
            R.channel,
            category.c.code,
            commune.c.code,
            commune.c.name,
            R.priority,
            R.sensitive,
            R.secrecy_requested,
            R.state,
            R.state.in_(sorted(ANSWERED_STATES)),
            R.submitted_at,
            R.published_at,
            R.step,
            R.step_due,
            and_(R.state.in_(sorted(OPEN_STATES)), R.step_due < now),
            R.rating,
            R.cancel_reason,
            category.c.name,
        )
        .select_from(
            rt.reflections.join(commune, commune.c.id == R.commune_unit_id).outerjoin(
                category, category.c.id == R.category_id
            )
        )
        .where(
            commune.c.path.startswith(where.unit_path, autoescape=True),
            R.submitted_at >= where.since,
            R.submitted_at < where.until,
        )
        .order_by(R.submitted_at, R.id)
    )
