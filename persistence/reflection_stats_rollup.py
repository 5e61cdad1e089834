"""The field-report statistics cells: `records` reads reports as stored (three statements for
any number), `apply` adds a delta (the reports' projection moves the cells at every commit
that changes reports, persistence.projections); `rebuild` recomputes them all."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite

from domain.calendar import DEFAULT_TIMEZONE
from domain.stats.reflection_rollup import (
    COUNTERS,
    STEP_COUNTERS,
    PartFacts,
    ReflectionDelta,
    ReportFacts,
    ReportRecord,
    StepFacts,
)
from persistence import reflection_stats_sql
from persistence import reflection_tables as rt
from persistence.reflection_stats_tables import (
    CELL_KEYS,
    reflection_stat_cells,
    reflection_stat_steps,
)

_PENDING = "govgraph.reflection_stats"
_CHUNK = 500


def records(conn: Connection, ids: Iterable[int]) -> dict[int, ReportRecord]:
    """The stored reports `ids` with their parts and closed steps (three statements)."""
    wanted = sorted(ids)
    r, a, e = rt.reflections.c, rt.reflection_assignments.c, rt.reflection_events.c
    parts: dict[int, list[PartFacts]] = defaultdict(list)
    steps: dict[int, list[StepFacts]] = defaultdict(list)
    found: dict[int, ReportRecord] = {}
    for part in _chunks(wanted, _CHUNK):
        rows = conn.execute(
            select(a.reflection_id, a.agency_unit_id, a.state)
            .where(a.reflection_id.in_(part))
            .order_by(a.reflection_id, a.agency_unit_id)
        )
        for row in rows:
            parts[row.reflection_id].append(PartFacts(row.agency_unit_id, row.state))
        events = conn.execute(
            select(e.reflection_id, e.action, e.at, e.agency_unit_id, e.step, e.due_at, e.breached)
            .where(e.reflection_id.in_(part), e.step.is_not(None), e.due_at.is_not(None))
            .order_by(e.reflection_id, e.id)
        )
        for ev in events:
            steps[ev.reflection_id].append(
                StepFacts(ev.action, ev.at, ev.agency_unit_id, ev.step, ev.due_at, ev.breached)
            )
        reports = conn.execute(
            select(
                r.id,
                r.submitted_at,
                r.commune_unit_id,
                r.category_id,
                r.channel,
                r.state,
                r.secrecy_requested,
                r.rating,
                r.cancel_reason,
            ).where(r.id.in_(part))
        )
        for rep in reports:
            facts = ReportFacts(
                rep.submitted_at,
                rep.commune_unit_id,
                rep.category_id,
                rep.channel,
                rep.state,
                bool(rep.secrecy_requested),
                rep.rating,
                rep.cancel_reason,
            )
            found[rep.id] = ReportRecord(facts, tuple(parts[rep.id]), tuple(steps[rep.id]))
    return found


def apply(conn: Connection, delta: ReflectionDelta) -> None:
    """Add the delta to the stored cells (upserts, in key order to avoid deadlocks)."""
    _upsert(conn, reflection_stat_cells, list(CELL_KEYS), COUNTERS, sorted(delta.cells.items()))
    _upsert(
        conn,
        reflection_stat_steps,
        [*CELL_KEYS, "step"],
        STEP_COUNTERS,
        sorted(delta.steps.items()),
    )


def _upsert(
    conn: Connection,
    table: Table,
    keys: list[str],
    counters: Sequence[str],
    items: Sequence[tuple[tuple[Any, ...], Any]],
) -> None:
    """One compiled upsert, executed for many rows (a multi-VALUES statement would be
    compiled anew for every batch)."""
    if not items:
        return
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=keys, set_={c: table.c[c] + stmt.excluded[c] for c in counters}
    )
    for part in _chunks(items, 5_000):
        rows = [
            {**dict(zip(keys, key, strict=True)), **{c: counts.get(c, 0) for c in counters}}
            for key, counts in part
        ]
        conn.execute(stmt, rows)


def rebuild(
    conn: Connection,
    time_zone: str = DEFAULT_TIMEZONE,
    advance: Callable[[int], None] | None = None,
) -> int:
    """Recompute every field-report cell from the reports (after bulk loads and upgrades);
    returns the reports counted. PostgreSQL: in SQL (persistence.reflection_stats_sql), in
    one statement (`advance` is told once, at the end)."""
    if conn.dialect.name == "postgresql":
        counted = reflection_stats_sql.fill(conn, time_zone)
        if advance is not None:
            advance(counted)
        return counted
    return recount(conn, time_zone, advance=advance)


def recount(
    conn: Connection,
    time_zone: str = DEFAULT_TIMEZONE,
    chunk: int = 20_000,
    advance: Callable[[int], None] | None = None,
) -> int:
    """Recompute every cell report by report with domain.stats.reflection_rollup, `chunk`
    reports at a time (their sums added to the cells, so memory stays bounded)."""
    tz = ZoneInfo(time_zone)
    conn.execute(delete(reflection_stat_cells))
    conn.execute(delete(reflection_stat_steps))
    ids = list(conn.execute(select(rt.reflections.c.id).order_by(rt.reflections.c.id)).scalars())
    for part in _chunks(ids, chunk):
        delta = ReflectionDelta()
        for record in records(conn, part).values():
            delta.add(record, 1, tz)
        apply(conn, delta.pruned())
        if advance is not None:
            advance(len(part))
    if conn.dialect.name == "postgresql":  # fresh statistics for the planner
        conn.execute(text("ANALYZE reflection_stat_cells"))
        conn.execute(text("ANALYZE reflection_stat_steps"))
    return len(ids)


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


STAT_TABLES: tuple[Table, ...] = (reflection_stat_cells, reflection_stat_steps)
