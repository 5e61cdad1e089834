"""The directory's revision: bumped in the same transaction as any change to the org tree,
people, leadership or committees, so caches of directory reads know when they are stale."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.directory.model import Committee, CommitteeDocument, CommitteeMember
from domain.org.model import Leadership, OrgLevel, OrgUnit, UnitLineage, UnitPlacement
from domain.people.model import Membership, Person
from persistence.tables import revisions

DIRECTORY = "directory"
_DIRECTORY_CLASSES = (
    OrgLevel,
    OrgUnit,
    UnitPlacement,
    UnitLineage,
    Leadership,
    Person,
    Membership,
    Committee,
    CommitteeMember,
    CommitteeDocument,
)


async def bump_revision_if_changed(session: AsyncSession) -> None:
    """Increase the directory revision when this transaction changes directory rows."""
    changed = [*session.new, *session.dirty, *session.deleted]
    if any(isinstance(obj, _DIRECTORY_CLASSES) for obj in changed):
        bumped = await session.execute(
            update(revisions)
            .where(revisions.c.name == DIRECTORY)
            .values(value=revisions.c.value + 1)
        )
        if not getattr(bumped, "rowcount", 1):
            await session.execute(insert(revisions).values(name=DIRECTORY, value=1))


async def directory_revision(session: AsyncSession) -> int:
    """The current directory revision."""
    value = await session.scalar(select(revisions.c.value).where(revisions.c.name == DIRECTORY))
    return int(value or 0)
