"""Projections: what the recorded domain events change besides the aggregates themselves.

At commit the unit of work flushes the aggregates, then runs every projection below in this
fixed order inside the same transaction (statistics cells, counts kept on write, cache
revisions), and writes the outbox last. Each projection takes its locks in key order, so
concurrent commits always lock in one global order: aggregates, task cells, report cells,
feed cells, dossier cells, revisions, the outbox lock.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from persistence.projections import dossiers, reflections, revisions, task_stats
from persistence.projections.changes import Changes

__all__ = ["PROJECTIONS", "Changes", "project"]

Projection = Callable[[Changes], Awaitable[None]]

PROJECTIONS: tuple[Projection, ...] = (
    task_stats.project,
    reflections.project,
    dossiers.project,
    revisions.project,
)


async def project(changes: Changes) -> None:
    """Run every projection, in order."""
    for projection in PROJECTIONS:
        await projection(changes)
