"""Revisions: counters bumped in the same transaction as a change, so caches know when they
are stale.

- `directory`: any change to the org tree, people, leadership or committees.
- `access`: any change that can alter who a signed-in caller is or may do: accounts, role
  grants, revoked tokens and API keys (a new token or key needs no bump: no cache holds it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from domain.accounts.model import Account, ApiKey, RoleGrant, SessionToken
from domain.directory.model import Committee, CommitteeDocument, CommitteeMember
from domain.org.model import Leadership, OrgLevel, OrgUnit, UnitLineage, UnitPlacement
from domain.people.model import Membership, Person
from persistence.tables import revisions

DIRECTORY = "directory"
ACCESS = "access"
_DUE = "govgraph.revisions_due"
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


_ACCESS_CLASSES = (Account, RoleGrant)
_ACCESS_CHANGED_CLASSES = (SessionToken, ApiKey)  # only once they exist: revoked, expired


def changed_revisions(session: Session) -> set[str]:
    """The revisions the session's pending changes touch."""
    found: set[str] = set()
    changed = [*session.new, *session.dirty, *session.deleted]
    if any(isinstance(obj, _DIRECTORY_CLASSES) for obj in changed):
        found.add(DIRECTORY)
    existing = [*session.dirty, *session.deleted]
    if any(isinstance(obj, _ACCESS_CLASSES) for obj in changed) or any(
        isinstance(obj, _ACCESS_CHANGED_CLASSES) for obj in existing
    ):
        found.add(ACCESS)
    return found


def note_flushed_changes(session: Session, _flush: Any, _instances: Any) -> None:
    """Before each flush: remember which revisions it touches (flushed rows leave
    `session.new` and `session.dirty` before the commit looks)."""
    session.info.setdefault(_DUE, set()).update(changed_revisions(session))


async def bump_revision_if_changed(session: AsyncSession) -> None:
    """Increase the revisions whose rows this transaction changes."""
    due = changed_revisions(session.sync_session) | session.info.pop(_DUE, set())
    for name in sorted(due):
        await bump_revision(session, name)


async def bump_revision(session: AsyncSession, name: str) -> None:
    """Increase one revision (created at 1 the first time)."""
    bumped = await session.execute(
        update(revisions).where(revisions.c.name == name).values(value=revisions.c.value + 1)
    )
    if not getattr(bumped, "rowcount", 1):
        await session.execute(insert(revisions).values(name=name, value=1))


async def access_revisions(session: AsyncSession) -> tuple[int, int]:
    """(access, directory): what a resolved caller depends on."""
    rows = await session.execute(
        select(revisions.c.name, revisions.c.value).where(revisions.c.name.in_((ACCESS, DIRECTORY)))
    )
    values = {name: int(value) for name, value in rows}
    return values.get(ACCESS, 0), values.get(DIRECTORY, 0)


async def directory_revision(session: AsyncSession) -> int:
    """The current directory revision."""
    value = await session.scalar(select(revisions.c.value).where(revisions.c.name == DIRECTORY))
    return int(value or 0)
