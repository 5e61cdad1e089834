"""The public feed's counts, kept on write: how many published reports each UTC day holds,
in four rollups (all; per category; per commune; per commune and category), so
`publicReflections.totalCount` sums at most a few hundred cells a year instead of counting a
million rows.

A report is in the feed when published, public and not secret. Every flush that creates or
changes reports moves its cells in the same transaction (as the task statistics do); `ALL`
(0) stands for "any commune" or "any category". A count reads the one rollup its filters
need, sums the whole UTC days inside its range and counts the rows of the partial days at its
ends off the published-time index; `rebuild` recomputes every cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Integer,
    Table,
    delete,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from domain.reflections.model import Reflection, ReflectionState, in_public_feed
from persistence.reflection_tables import reflections
from persistence.tables import metadata

Cell = tuple[int, int, date]
ALL = 0

reflection_feed_days = Table(
    "reflection_feed_days",
    metadata,
    Column("commune_unit_id", Integer, primary_key=True),  # ALL: every commune
    Column("category_id", Integer, primary_key=True),  # ALL: every category
    Column("day", Date, primary_key=True),
    Column("reports", Integer, nullable=False),
)
_FIELDS = (
    "state",
    "is_public",
    "secrecy_requested",
    "published_at",
    "commune_unit_id",
    "category_id",
)


def cell_of(values: dict[str, Any]) -> Cell | None:
    """The feed cell of a report's values; None when it is not in the public feed."""
    published = values["published_at"]
    listed = in_public_feed(values["state"], values["is_public"], values["secrecy_requested"])
    if not listed or published is None:
        return None
    return (values["commune_unit_id"], values["category_id"], published.astimezone(UTC).date())


def cell_of_report(reflection: Reflection) -> Cell | None:
    """The feed cell of a report as it is now."""
    return cell_of({name: getattr(reflection, name) for name in _FIELDS})


def rollups(cell: Cell | None) -> list[Cell]:
    """The four cells a report in `cell` counts in."""
    if cell is None:
        return []
    commune, category, day = cell
    return [(commune, category, day), (ALL, category, day), (commune, ALL, day), (ALL, ALL, day)]


def apply(conn: Connection, changes: dict[Cell, int]) -> None:
    """Add the changes to the stored cells (upserts, in key order to avoid deadlocks)."""
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    rows = [
        {"commune_unit_id": c, "category_id": k, "day": d, "reports": n}
        for (c, k, d), n in sorted(changes.items())
    ]
    stmt = insert(reflection_feed_days).values(rows)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["commune_unit_id", "category_id", "day"],
            set_={"reports": reflection_feed_days.c.reports + stmt.excluded.reports},
        )
    )


def rebuild(
    conn: Connection, chunk: int = 1_000, advance: Callable[[int], None] | None = None
) -> int:
    """Recompute every cell from the reports (after bulk loads); returns the feed's size.
    `advance` is told of the published reports read (progress)."""
    r = reflections
    conn.execute(delete(reflection_feed_days))
    cells: Counter[Cell] = Counter()
    query = select(*(r.c[name] for name in _FIELDS)).where(r.c.state == ReflectionState.PUBLISHED)
    for seen, row in enumerate(conn.execute(query), 1):
        for cell in rollups(cell_of(dict(row._mapping))):
            cells[cell] += 1
        if advance is not None and seen % chunk == 0:
            advance(chunk)
    ordered = sorted(cells.items())
    for start in range(0, len(ordered), chunk):
        apply(conn, dict(ordered[start : start + chunk]))
    return sum(n for (commune, category, _day), n in ordered if commune == category == ALL)


def day_bounds(
    published_from: datetime | None, published_to: datetime | None
) -> tuple[date | None, date | None]:
    """The whole UTC days inside [from, to): (first day, day after the last) — a None end is
    open; equal days mean none."""
    first = None
    if published_from is not None:
        start = published_from.astimezone(UTC)
        first = start.date() if start.time() == time(0) else start.date() + timedelta(days=1)
    stop = published_to.astimezone(UTC).date() if published_to is not None else None
    if first is not None and stop is not None and stop < first:
        stop = first
    return first, stop


def partial_days(
    published_from: datetime | None, published_to: datetime | None
) -> list[tuple[datetime, datetime]]:
    """The non-empty stretches of [from, to) outside its whole UTC days."""
    first, stop = day_bounds(published_from, published_to)
    lo, hi = published_from, published_to
    edges = []
    if lo is not None and first is not None:
        edges.append((lo, midnight(first) if hi is None else min(midnight(first), hi)))
    if hi is not None and stop is not None:
        edges.append((midnight(stop) if lo is None else max(midnight(stop), lo), hi))
    return [(start, end) for start, end in edges if start < end]


def midnight(day: date) -> datetime:
    """The UTC start of a day."""
    return datetime.combine(day, time(0), tzinfo=UTC)


def summed(
    communes: Any | None, categories: Any | None, first: date | None, stop: date | None
) -> Any:
    """The sum over [first, stop) of the rollup the filters need: `communes` and `categories`
    are None (no filter) or what the key must be in."""
    c = reflection_feed_days.c
    where = [
        c.commune_unit_id == ALL if communes is None else c.commune_unit_id.in_(communes),
        c.category_id == ALL if categories is None else c.category_id.in_(categories),
    ]
    if first is not None:
        where.append(c.day >= first)
    if stop is not None:
        where.append(c.day < stop)
    return select(func.coalesce(func.sum(c.reports), 0)).where(*where)
