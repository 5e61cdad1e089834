"""The dossier statistics cells (domain.stats.dossier_rollup): the table, what a dossier is
as the statistics read it, `apply` (the projection's upserts) and `rebuild`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Column,
    Connection,
    Date,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    Table,
    delete,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite

from domain.calendar import DEFAULT_TIMEZONE
from domain.dossiers.model import DossierState, SubmissionChannel
from domain.stats.dossier_rollup import COUNTERS, CRITERIA, DossierDelta, DossierRecord
from domain.stats.periods import Grain
from persistence.dossier_tables import dossier_surveys, dossiers
from persistence.tables import _enum, metadata

_KEYS = ("grain", "bucket", "agency_unit_id", "procedure_id")

dossier_stat_cells = Table(
    "dossier_stat_cells",
    metadata,
    Column("grain", _enum(Grain, "stat_grain"), nullable=False),
    Column("bucket", Date, nullable=False),
    Column("agency_unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("procedure_id", ForeignKey("procedures.id"), nullable=False),
    *(Column(name, Integer, nullable=False, server_default="0") for name in COUNTERS),
    PrimaryKeyConstraint(*_KEYS, name="pk_dossier_stat_cells"),
    Index("ix_dossier_stat_cells_agency", "agency_unit_id", "grain", "bucket"),
)

D, SV = dossiers.c, dossier_surveys.c
_COLUMNS = (
    D.id,
    D.agency_unit_id,
    D.procedure_id,
    D.channel,
    D.state,
    D.received_at,
    D.processing_due,
    D.finished_at,
    D.supplement_requests,
    SV.id.label("survey_id"),
    *(SV[c] for c in CRITERIA),
)


def _record(row: Any) -> DossierRecord:
    return DossierRecord(
        agency_unit_id=row.agency_unit_id,
        procedure_id=row.procedure_id,
        channel=SubmissionChannel(row.channel),
        state=DossierState(row.state),
        received_at=row.received_at,
        processing_due=row.processing_due,
        finished_at=row.finished_at,
        supplement_requests=row.supplement_requests,
        scores=None if row.survey_id is None else tuple(getattr(row, c) for c in CRITERIA),
    )


def _select() -> Any:
    return select(*_COLUMNS).select_from(dossiers.outerjoin(dossier_surveys, SV.dossier_id == D.id))


def records(conn: Connection, ids: Sequence[int]) -> dict[int, DossierRecord]:
    """The dossiers as stored now (after the flush), with their surveys."""
    rows = conn.execute(_select().where(D.id.in_(list(ids))))
    return {row.id: _record(row) for row in rows}


def apply(conn: Connection, delta: DossierDelta) -> None:
    """Add the delta to the stored cells (upserts, in key order to avoid deadlocks)."""
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    cells = [
        {**dict(zip(_KEYS, key, strict=True)), **{c: counts.get(c, 0) for c in COUNTERS}}
        for key, counts in sorted(delta.cells.items())
    ]
    for start in range(0, len(cells), 500):
        stmt = insert(dossier_stat_cells).values(cells[start : start + 500])
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=list(_KEYS),
                set_={c: dossier_stat_cells.c[c] + stmt.excluded[c] for c in COUNTERS},
            )
        )


def rebuild(
    conn: Connection,
    time_zone: str = DEFAULT_TIMEZONE,
    chunk: int = 5_000,
    advance: Callable[[int], None] | None = None,
) -> int:
    """Recompute every cell from the dossiers (after bulk loads); returns dossiers read."""
    tz = ZoneInfo(time_zone)
    conn.execute(delete(dossier_stat_cells))
    delta = DossierDelta()
    seen = 0
    for row in conn.execute(_select().where(D.received_at.is_not(None))):
        delta.add(_record(row), 1, tz)
        seen += 1
        if advance is not None and seen % chunk == 0:
            advance(chunk)
    if advance is not None:
        advance(seen % chunk)
    rows = [
        {**dict(zip(_KEYS, key, strict=True)), **{c: counts.get(c, 0) for c in COUNTERS}}
        for key, counts in sorted(delta.pruned().cells.items())
    ]
    for start in range(0, len(rows), chunk):  # the table is empty: plain inserts
        conn.execute(dossier_stat_cells.insert(), rows[start : start + chunk])
    if conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE dossier_stat_cells"))
    return seen
