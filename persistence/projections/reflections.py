"""The field-report statistics cells and the public feed's counts, moved by every
ReflectionChanged: the report as stored when it was loaded is taken away, the report as
stored after the flush is added."""

from __future__ import annotations

from collections import Counter

from domain.reflections.events import ReflectionChanged
from domain.reflections.model import Reflection
from domain.stats.reflection_rollup import ReflectionDelta, change
from persistence import reflection_feed, reflection_stats_rollup, stats_rollup
from persistence.projections.changes import Changes


async def project(changes: Changes) -> None:
    """Apply the reports' changes to the statistics cells, then to the feed cells."""
    ids = sorted({event.reflection_id for event in changes.of(ReflectionChanged)})
    if not ids:
        return
    session = changes.session
    missing = [rid for rid in ids if rid not in changes.reflection_before]
    if missing:
        raise RuntimeError(f"Reports {missing} changed without being loaded for writing")
    after = await session.run_sync(
        lambda sync: reflection_stats_rollup.records(sync.connection(), ids)
    )
    tz = stats_rollup.zone_of(session.sync_session)
    delta = ReflectionDelta()
    feed: Counter[reflection_feed.Cell] = Counter()
    for rid in ids:
        before = changes.reflection_before[rid]
        delta.merge(change(before.record, after.get(rid), tz))
        reflection = await session.get(Reflection, rid)
        now_cell = reflection_feed.cell_of_report(reflection) if reflection else None
        if before.feed_cell != now_cell:
            for cell in reflection_feed.rollups(before.feed_cell):
                feed[cell] -= 1
            for cell in reflection_feed.rollups(now_cell):
                feed[cell] += 1
    cells = delta.pruned()
    if cells.cells or cells.steps:
        await session.run_sync(lambda sync: reflection_stats_rollup.apply(sync.connection(), cells))
    moved = {cell: n for cell, n in feed.items() if n}
    if moved:
        await session.run_sync(lambda sync: reflection_feed.apply(sync.connection(), moved))
