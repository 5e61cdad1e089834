"""Checks that the counts kept on write equal a full recount from the rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, select

from govgraph.container import Container
from persistence import reflection_feed, reflection_stats_rollup, stats_rollup
from persistence.reflection_feed import reflection_feed_days

KEPT: tuple[Table, ...] = (
    *stats_rollup.STAT_TABLES,
    *reflection_stats_rollup.STAT_TABLES,
    reflection_feed_days,
)


def _cells(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every non-zero cell of every kept table, sorted."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    for table in KEPT:
        keys = [c for c in table.columns if c.primary_key]
        counts = [c for c in table.columns if not c.primary_key]
        rows = conn.execute(select(*keys, *counts))
        found[table.name] = sorted(
            tuple(row) for row in rows if any(row[len(keys) :])
        )  # a cell moved back to zero is the same as no cell
    return found


def _recounted(conn: Connection, time_zone: str) -> dict[str, list[tuple[Any, ...]]]:
    stats_rollup.rebuild(conn, time_zone)
    reflection_stats_rollup.recount(conn, time_zone)
    reflection_feed.rebuild(conn)
    return _cells(conn)


async def kept_and_recounted(
    container: Container,
) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, list[tuple[Any, ...]]]]:
    """(the cells as kept on write, the cells a full recount gives); nothing is changed."""
    zone = container.settings.time_zone
    async with container.engine.connect() as conn:
        transaction = await conn.begin()
        try:
            kept = await conn.run_sync(_cells)
            recounted = await conn.run_sync(lambda sync: _recounted(sync, zone))
        finally:
            await transaction.rollback()
    return kept, recounted
