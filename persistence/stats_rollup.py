"""The task statistics cells: `apply` adds a delta (the task-stats projection moves them at
every commit that changes tasks, persistence.projections); `rebuild` recomputes them all."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Table, bindparam, delete, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain.calendar import DEFAULT_TIMEZONE, WorkingCalendar
from domain.stats.rollup import COUNTERS, RollupDelta, TaskFacts, handling_tenths
from domain.tasks.model import TaskKind, TaskState
from persistence import task_tables
from persistence.stats_tables import task_stat_cells, task_stat_handling

TIME_ZONE_KEY = "govgraph.time_zone"
_FACT_FIELDS = (
    "kind",
    "lead_unit_id",
    "state",
    "created_at",
    "deadline",
    "completed_at",
    "handling_tenths",
)
_CELL_KEYS = ("grain", "bucket", "unit_id", "kind")


def zone_of(session: Session) -> ZoneInfo:
    """The province's time zone the session was made for."""
    return ZoneInfo(str(session.info.get(TIME_ZONE_KEY, DEFAULT_TIMEZONE)))


def apply(conn: Connection, delta: RollupDelta) -> None:
    """Add the delta to the stored cells (upserts, in key order to avoid deadlocks)."""
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    cells = [
        {**dict(zip(_CELL_KEYS, key, strict=True)), **{c: counts.get(c, 0) for c in COUNTERS}}
        for key, counts in sorted(delta.cells.items())
    ]
    if cells:
        stmt = insert(task_stat_cells).values(cells)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=list(_CELL_KEYS),
                set_={c: task_stat_cells.c[c] + stmt.excluded[c] for c in COUNTERS},
            )
        )
    hist = [
        {**dict(zip(_CELL_KEYS, key[:4], strict=True)), "tenths": key[4], "tasks": count}
        for key, count in sorted(delta.histogram.items())
    ]
    if hist:
        stmt = insert(task_stat_handling).values(hist)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=[*_CELL_KEYS, "tenths"],
                set_={"tasks": task_stat_handling.c.tasks + stmt.excluded.tasks},
            )
        )


def rebuild(
    conn: Connection,
    time_zone: str = DEFAULT_TIMEZONE,
    chunk: int = 1_000,
    advance: Callable[[int], None] | None = None,
) -> int:
    """Recompute every cell from the tasks (after bulk loads and upgrades); returns tasks.
    `advance` is told of the tasks read, a chunk at a time (progress)."""
    tz = ZoneInfo(time_zone)
    conn.execute(delete(task_stat_cells))
    conn.execute(delete(task_stat_handling))
    t = task_tables.tasks
    delta = RollupDelta()
    seen = 0
    for row in conn.execute(select(*(t.c[name] for name in _FACT_FIELDS))):
        delta.add(_row_facts(row._mapping), 1, tz)
        seen += 1
        if advance is not None and seen % chunk == 0:
            advance(chunk)
    if advance is not None:
        advance(seen % chunk)
    delta = delta.pruned()
    for part in _chunks(sorted(delta.cells), chunk):
        apply(conn, RollupDelta({k: delta.cells[k] for k in part}))
    for hpart in _chunks(sorted(delta.histogram), chunk):
        sub = RollupDelta()
        sub.histogram.update({k: delta.histogram[k] for k in hpart})
        apply(conn, sub)
    if conn.dialect.name == "postgresql":  # fresh statistics for the planner
        conn.execute(text("ANALYZE task_stat_cells"))
        conn.execute(text("ANALYZE task_stat_handling"))
    return seen


def backfill(conn: Connection, time_zone: str = DEFAULT_TIMEZONE) -> int:
    """Give completed tasks without one their handling time (default calendar), then rebuild
    every cell; used when upgrading a database that already holds tasks."""
    t = task_tables.tasks
    calendar = WorkingCalendar(timezone=time_zone)
    rows = conn.execute(
        select(t.c.id, t.c.sent_at, t.c.created_at, t.c.completed_at).where(
            t.c.state == TaskState.COMPLETED,
            t.c.completed_at.is_not(None),
            t.c.handling_tenths.is_(None),
        )
    ).all()
    values = [
        {"tid": r.id, "h": handling_tenths(calendar, r.sent_at or r.created_at, r.completed_at)}
        for r in rows
    ]
    if values:
        conn.execute(
            update(t).where(t.c.id == bindparam("tid")).values(handling_tenths=bindparam("h")),
            values,
        )
    return rebuild(conn, time_zone)


def _row_facts(row: Any) -> TaskFacts:
    values = dict(row)
    values["kind"] = TaskKind(values["kind"])
    values["state"] = TaskState(values["state"])
    return TaskFacts(**values)


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


STAT_TABLES: tuple[Table, ...] = (task_stat_cells, task_stat_handling)
