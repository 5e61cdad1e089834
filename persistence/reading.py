"""DirectoryReader on SQLAlchemy: one statement per batch, keyset pagination."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.model import Account, ApiKey, RoleGrant
from domain.directory.model import Article, Committee, CommitteeDocument, CommitteeMember
from domain.org.model import Leadership, OrgLevel, OrgUnit, UnitEvent, UnitLineage, UnitStatus
from domain.people.model import Membership, Person, PersonStatus
from domain.reading import PeopleFilter, UnitFilter
from domain.text import fold
from persistence import tables as t
from persistence.database import driver_rows, run_locked
from persistence.keyset import keyset
from persistence.revisions import ACCESS, DIRECTORY

REVISIONS_SQL = f"SELECT name, value FROM revisions WHERE name IN ('{ACCESS}', '{DIRECTORY}')"  # noqa: S608
"""The two revisions a request depends on (constant names, no parameter)."""


def _one(key: int | None) -> tuple[int] | None:
    return None if key is None else (key,)


class SqlDirectoryReader:
    """Read queries for one request's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, query: Any) -> list[Any]:
        return await self._run(lambda: self.session.scalars(query))

    async def _rows(self, query: Any) -> list[Any]:
        return await self._run(lambda: self.session.execute(query))

    async def _run(self, statement: Callable[[], Awaitable[Iterable[Any]]]) -> list[Any]:
        """One statement at a time on the request's session (persistence.database)."""
        return await run_locked(self.session, statement)

    async def access_revisions(self) -> tuple[int, int]:
        """(access, directory), in one statement: every request reads them, so the driver
        gets the SQL text as is (no statement to build or compile)."""

        rows = await self._run(lambda: driver_rows(self.session, REVISIONS_SQL))
        values = {name: int(value) for name, value in rows}
        return values.get(ACCESS, 0), values.get(DIRECTORY, 0)

    async def directory_revision(self) -> int:
        rows = await self._all(select(t.revisions.c.value).where(t.revisions.c.name == DIRECTORY))
        return int(rows[0]) if rows else 0

    async def levels(self) -> list[OrgLevel]:
        return await self._all(select(OrgLevel).order_by(t.org_levels.c.rank))

    async def units_by_ids(self, ids: Sequence[int]) -> list[OrgUnit]:
        return await self._all(select(OrgUnit).where(t.org_units.c.id.in_(set(ids))))

    async def units_by_codes(self, codes: Sequence[str]) -> list[OrgUnit]:
        return await self._all(select(OrgUnit).where(t.org_units.c.code.in_(set(codes))))

    async def children_of(self, parent_ids: Sequence[int]) -> list[OrgUnit]:
        u = t.org_units.c
        return await self._all(
            select(OrgUnit)
            .where(u.parent_id.in_(set(parent_ids)), u.status == UnitStatus.ACTIVE)
            .order_by(u.level_code, u.name, u.id)
        )

    async def roots(self) -> list[OrgUnit]:
        u = t.org_units.c
        return await self._all(
            select(OrgUnit)
            .where(u.parent_id.is_(None), u.status == UnitStatus.ACTIVE)
            .order_by(u.id)
        )

    def _unit_conditions(self, where: UnitFilter) -> list[Any]:
        u = t.org_units.c
        conditions: list[Any] = [
            u.path.startswith(where.path, autoescape=True),
            u.depth >= where.min_depth,
        ]
        if where.max_depth is not None:
            conditions.append(u.depth <= where.max_depth)
        if where.levels:
            conditions.append(u.level_code.in_(where.levels))
        if not where.include_inactive:
            conditions.append(u.status == UnitStatus.ACTIVE)
        return conditions

    async def units(
        self,
        where: UnitFilter,
        *,
        after: tuple[int, int] | None,
        limit: int,
        before: tuple[int, int] | None = None,
        backward: bool = False,
    ) -> list[OrgUnit]:
        u = t.org_units.c
        keys, order = keyset((u.depth, u.id), after=after, before=before, backward=backward)
        query = select(OrgUnit).where(*self._unit_conditions(where), *keys)
        return await self._all(query.order_by(*order).limit(limit))

    async def count_units(self, where: UnitFilter) -> int:
        query = select(func.count()).select_from(t.org_units).where(*self._unit_conditions(where))
        return int((await self._rows(query))[0][0])

    async def current_leaders(self, unit_ids: Sequence[int]) -> list[Leadership]:
        lead = t.leaderships.c
        return await self._all(
            select(Leadership)
            .where(lead.unit_id.in_(set(unit_ids)), lead.valid_to.is_(None))
            .order_by(lead.unit_id, lead.rank.desc(), lead.valid_from, lead.id)
        )

    async def leadership_history(self, unit_ids: Sequence[int]) -> list[Leadership]:
        lead = t.leaderships.c
        return await self._all(
            select(Leadership)
            .where(lead.unit_id.in_(set(unit_ids)))
            .order_by(lead.unit_id, lead.valid_from, lead.id)
        )

    async def lineage(self, unit_ids: Sequence[int]) -> list[UnitLineage]:
        lin = t.unit_lineage.c
        ids = set(unit_ids)
        return await self._all(
            select(UnitLineage)
            .where(or_(lin.predecessor_id.in_(ids), lin.successor_id.in_(ids)))
            .order_by(lin.effective_date, lin.id)
        )

    async def unit_events(self, unit_ids: Sequence[int]) -> list[UnitEvent]:
        ev = t.unit_events.c
        return await self._all(
            select(UnitEvent).where(ev.unit_id.in_(set(unit_ids))).order_by(ev.at, ev.id)
        )

    async def tree_as_of(self, day: date) -> list[tuple[OrgUnit, int | None]]:
        u, p = t.org_units.c, t.unit_placements.c
        query = (
            select(OrgUnit, p.parent_id)
            .join(t.unit_placements, p.unit_id == u.id)
            .where(
                u.valid_from <= day,
                or_(u.valid_to.is_(None), u.valid_to > day),
                p.valid_from <= day,
                or_(p.valid_to.is_(None), p.valid_to > day),
            )
            .order_by(u.id)
        )
        return [(row[0], row[1]) for row in await self._rows(query)]

    async def persons_by_ids(self, ids: Sequence[int]) -> list[Person]:
        return await self._all(select(Person).where(t.persons.c.id.in_(set(ids))))

    async def people(
        self,
        where: PeopleFilter,
        *,
        after: tuple[str, int] | None,
        limit: int,
        before: tuple[str, int] | None = None,
        backward: bool = False,
    ) -> list[Person]:
        p = t.persons.c
        keys, order = keyset((p.search_name, p.id), after=after, before=before, backward=backward)
        query = people_query(where, Person).where(*keys)
        return await self._all(query.order_by(*order).limit(limit))

    async def count_people(self, where: PeopleFilter) -> int:
        query = people_query(where, func.count()).select_from(t.persons)
        return int((await self._rows(query))[0][0])

    async def memberships(self, person_ids: Sequence[int]) -> list[Membership]:
        m = t.memberships.c
        return await self._all(
            select(Membership)
            .where(m.person_id.in_(set(person_ids)))
            .order_by(m.person_id, m.valid_from, m.id)
        )

    async def committees(
        self,
        *,
        unit_id: int | None,
        search: str | None,
        after: int | None,
        limit: int,
        member_id: int | None = None,
        before: int | None = None,
        backward: bool = False,
    ) -> list[Committee]:
        c = t.committees.c
        query = select(Committee)
        if unit_id is not None:
            query = query.where(c.standing_unit_id == unit_id)
        if search:
            query = query.where(c.search_name.contains(fold(search), autoescape=True))
        if member_id is not None:
            m = t.committee_members.c
            seated = select(m.committee_id).where(m.person_id == member_id)
            query = query.where(c.id.in_(seated))
        keys, order = keyset((c.id,), after=_one(after), before=_one(before), backward=backward)
        return await self._all(query.where(*keys).order_by(*order).limit(limit))

    async def committees_by_ids(self, ids: Sequence[int]) -> list[Committee]:
        return await self._all(select(Committee).where(t.committees.c.id.in_(set(ids))))

    async def committee_members(self, committee_ids: Sequence[int]) -> list[CommitteeMember]:
        m = t.committee_members.c
        return await self._all(
            select(CommitteeMember)
            .where(m.committee_id.in_(set(committee_ids)))
            .order_by(m.committee_id, m.id)
        )

    async def seats_of(self, person_ids: Sequence[int]) -> list[CommitteeMember]:
        m = t.committee_members.c
        return await self._all(
            select(CommitteeMember).where(m.person_id.in_(set(person_ids))).order_by(m.id)
        )

    async def committee_documents(self, committee_ids: Sequence[int]) -> list[CommitteeDocument]:
        d = t.committee_documents.c
        return await self._all(
            select(CommitteeDocument)
            .where(d.committee_id.in_(set(committee_ids)))
            .order_by(d.committee_id, d.id)
        )

    async def articles(
        self,
        *,
        unit_path: str | None,
        author_id: int | None,
        after: int | None,
        limit: int,
        before: int | None = None,
        backward: bool = False,
    ) -> list[Article]:
        a = t.articles.c
        query = select(Article)
        if unit_path is not None:  # the unit's repository holds every level under it
            units = t.org_units.c
            under = select(units.id).where(units.path.startswith(unit_path, autoescape=True))
            query = query.where(a.unit_id.in_(under))
        if author_id is not None:
            query = query.where(a.author_id == author_id)
        keys, order = keyset(
            (a.id,), after=_one(after), before=_one(before), backward=backward, descending=True
        )
        return await self._all(query.where(*keys).order_by(*order).limit(limit))

    async def articles_by_ids(self, ids: Sequence[int]) -> list[Article]:
        return await self._all(select(Article).where(t.articles.c.id.in_(set(ids))))

    async def accounts_by_ids(self, ids: Sequence[int]) -> list[Account]:
        return await self._all(select(Account).where(t.accounts.c.id.in_(set(ids))))

    async def grants_of(self, account_ids: Sequence[int]) -> list[RoleGrant]:
        g = t.role_grants.c
        return await self._all(
            select(RoleGrant).where(g.account_id.in_(set(account_ids))).order_by(g.id)
        )

    async def api_keys(self, unit_paths: Sequence[str]) -> list[ApiKey]:
        k, u = t.api_keys.c, t.org_units.c
        conditions = [u.path.startswith(path, autoescape=True) for path in unit_paths]
        query = (
            select(ApiKey)
            .join(t.org_units, u.id == k.unit_id)
            .where(or_(*conditions) if conditions else t.api_keys.c.id.is_(None))
            .order_by(k.id)
        )
        return await self._all(query)


def people_query(where: PeopleFilter, columns: Any) -> Any:
    """The persons a filter selects (one place for the row filter: the field path and the
    compiled path both build on it)."""
    p, u = t.persons.c, t.org_units.c
    query = select(columns)
    if where.unit_path is not None or where.within is not None or where.subtree_of is not None:
        query = query.join(t.org_units, u.id == p.unit_id)
    if where.unit_path is not None:
        query = query.where(u.path.startswith(where.unit_path, autoescape=True))
    if where.subtree_of is not None:  # paths hold digits and slashes: no LIKE wildcard
        top = t.org_units.alias()
        path = select(top.c.path).where(top.c.id == where.subtree_of).scalar_subquery()
        query = query.where(u.path.like(path + "%"))
    if where.within is not None:
        reach = [
            u.path.startswith(path, autoescape=True) if subtree else u.path == path
            for path, subtree in where.within
        ]
        query = query.where(or_(*reach) if reach else false())
    if where.unit_id is not None:
        query = query.where(p.unit_id == where.unit_id)
    if not where.include_inactive:
        query = query.where(p.status == PersonStatus.ACTIVE)
    if where.search:
        for word in fold(where.search).split()[:6]:
            query = query.where(p.search_name.contains(word, autoescape=True))
    return query
