"""The person repository."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.people.model import Membership, Person, PersonStatus
from persistence.tables import memberships, persons


class SqlPersonRepository:
    """PersonRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, person_id: int) -> Person | None:
        return await self.session.get(Person, person_id)

    async def add(self, person: Person) -> Person:
        self.session.add(person)
        await self.session.flush()
        return person

    async def add_membership(self, membership: Membership) -> None:
        self.session.add(membership)

    async def current_membership(self, person_id: int) -> Membership | None:
        await self.session.flush()
        result = await self.session.scalars(
            select(Membership).where(
                memberships.c.person_id == person_id, memberships.c.valid_to.is_(None)
            )
        )
        return result.first()

    async def active_in_units(self, unit_ids: Sequence[int]) -> list[Person]:
        result = await self.session.scalars(
            select(Person).where(
                persons.c.unit_id.in_(list(unit_ids)), persons.c.status == PersonStatus.ACTIVE
            )
        )
        return list(result)
