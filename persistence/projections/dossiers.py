"""The dossier statistics cells, moved by every DossierChanged: the dossier as stored when it
was loaded is taken away, the dossier (with its survey) as stored after the flush is added."""

from __future__ import annotations

from domain.dossiers.events import DossierChanged
from domain.stats.dossier_rollup import DossierDelta, change
from persistence import dossier_stats, stats_rollup
from persistence.projections.changes import Changes


async def project(changes: Changes) -> None:
    """Apply the dossiers' changes to the cells (upserts in key order)."""
    ids = sorted({event.dossier_id for event in changes.of(DossierChanged)})
    if not ids:
        return
    missing = [did for did in ids if did not in changes.dossier_before]
    if missing:
        raise RuntimeError(f"Dossiers {missing} changed without being loaded for writing")
    session = changes.session
    after = await session.run_sync(lambda sync: dossier_stats.records(sync.connection(), ids))
    tz = stats_rollup.zone_of(session.sync_session)
    delta = DossierDelta()
    for did in ids:
        delta.merge(change(changes.dossier_before[did], after.get(did), tz))
    cells = delta.pruned()
    if cells.cells:
        await session.run_sync(lambda sync: dossier_stats.apply(sync.connection(), cells))
