"""Cache revisions, bumped once per transaction for every revision an event touched."""

from __future__ import annotations

from domain.events import RevisionTouched
from persistence.projections.changes import Changes
from persistence.revisions import bump_revision


async def project(changes: Changes) -> None:
    """Bump the touched revisions, in name order."""
    for name in sorted({event.revision.value for event in changes.of(RevisionTouched)}):
        await bump_revision(changes.session, name)
