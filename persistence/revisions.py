"""Revisions: counters bumped in the same transaction as a change, so caches know when they
are stale.

- `directory`: any change to the org tree, people, leadership or committees.
- `access`: any change that can alter who a signed-in caller is or may do: accounts, role
  grants, revoked tokens and API keys (a new token or key needs no bump: no cache holds it).
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.events import Revision
from persistence.tables import revisions

DIRECTORY = Revision.DIRECTORY.value
ACCESS = Revision.ACCESS.value


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
