"""The task statistics cells, moved by every TaskChanged: the task as loaded is taken away,
the task as it is now is added (domain.stats.rollup)."""

from __future__ import annotations

from domain.stats.rollup import RollupDelta, change, facts_of
from domain.tasks.events import TaskChanged
from domain.tasks.model import Task
from persistence import stats_rollup
from persistence.projections.changes import Changes


async def project(changes: Changes) -> None:
    """Apply the tasks' changes to the cells (upserts in key order)."""
    ids = sorted({event.task_id for event in changes.of(TaskChanged)})
    if not ids:
        return
    session = changes.session
    tz = stats_rollup.zone_of(session.sync_session)
    delta = RollupDelta()
    for task_id in ids:
        if task_id not in changes.task_before:
            raise RuntimeError(f"Task {task_id} changed without being loaded for writing")
        task = await session.get(Task, task_id)
        moved = change(changes.task_before[task_id], facts_of(task) if task else None, tz)
        for key, counts in moved.cells.items():
            delta.cells.setdefault(key, type(counts)()).update(counts)
        delta.histogram.update(moved.histogram)
    pruned = delta.pruned()
    if pruned.cells or pruned.histogram:
        await session.run_sync(lambda sync: stats_rollup.apply(sync.connection(), pruned))
