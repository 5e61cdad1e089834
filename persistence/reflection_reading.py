"""ReflectionReader on SQLAlchemy: the caller's scope and filters become one indexed query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.paging import Seek
from domain.permissions import ReflectionScope
from domain.reflections.model import (
    ACTIVE_ASSIGNMENT,
    Assignment,
    AssignmentState,
    Category,
    Question,
    Reflection,
    ReflectionEvent,
    ReflectionState,
)
from domain.reflections.reading import (
    FAR_FUTURE,
    Key,
    PublicFilter,
    ReflectionFilter,
    ReflectionSort,
)
from domain.reflections.workflow import OPEN_STATES
from domain.text import fold
from persistence import reflection_feed as feed
from persistence import reflection_tables as rt
from persistence.database import run_locked
from persistence.keyset import keyset
from persistence.tables import org_units

R, RA, U = rt.reflections.c, rt.reflection_assignments.c, org_units.c
Q = rt.reflection_questions.c
PUBLISHED = ReflectionState.PUBLISHED


def _path_match(paths: Sequence[str], *, exact: bool) -> list[Any]:
    return [U.path == p if exact else U.path.startswith(p, autoescape=True) for p in paths]


def _unit_at(column: Any, subtree: Sequence[str], exact: Sequence[str]) -> Any:
    """The unit in `column` lies at or under one of the paths."""
    match = _path_match(subtree, exact=False) + _path_match(exact, exact=True)
    if not match:
        return false()
    return exists(select(1).select_from(org_units).where(U.id == column, or_(*match)))


def _agency_at(subtree: Sequence[str], exact: Sequence[str]) -> Any:
    """Distributed (not withdrawn) to a unit at or under one of the paths."""
    match = _path_match(subtree, exact=False) + _path_match(exact, exact=True)
    if not match:
        return false()
    return exists(
        select(1)
        .select_from(rt.reflection_assignments.join(org_units, U.id == RA.agency_unit_id))
        .where(RA.reflection_id == R.id, RA.state != AssignmentState.WITHDRAWN, or_(*match))
    )


def ioc_area(scope: ReflectionScope) -> Any:
    """Reports in the communes under the caller's IOC grants."""
    return _unit_at(R.commune_unit_id, scope.ioc_paths, scope.ioc_exact_paths)


def scope_predicate(scope: ReflectionScope) -> Any:
    """The row rule of domain.permissions.can_view_reflection, as SQL."""
    clauses: list[Any] = [R.state == PUBLISHED]
    if scope.empty:
        return clauses[0]
    clauses.append(ioc_area(scope))
    clauses.append(_agency_at(scope.agency_subtree_paths, scope.agency_exact_paths))
    clauses.append(
        _unit_at(R.coordinating_unit_id, scope.agency_subtree_paths, scope.agency_exact_paths)
    )
    if scope.own_unit_id is not None:
        clauses.append(R.coordinating_unit_id == scope.own_unit_id)
        clauses.append(
            exists(
                select(1).where(
                    RA.reflection_id == R.id,
                    RA.agency_unit_id == scope.own_unit_id,
                    RA.state != AssignmentState.WITHDRAWN,
                )
            )
        )
    if scope.reporter_account_id is not None:
        clauses.append(R.reporter_account_id == scope.reporter_account_id)
    return or_(*clauses)


def public_conditions(where: PublicFilter, area_path: Any = None) -> list[Any]:
    """The public feed's conditions; `area_path`: the area's path as an SQL expression (the
    compiled read path), instead of `where.area_path`."""
    conditions: list[Any] = [R.state == PUBLISHED, R.is_public, R.secrecy_requested == false()]
    if where.category_ids:
        conditions.append(R.category_id.in_(where.category_ids))
    if area_path is not None:
        conditions.append(
            exists(select(1).where(U.id == R.commune_unit_id, U.path.startswith(area_path)))
        )
    elif where.area_path is not None:
        conditions.append(_unit_at(R.commune_unit_id, [where.area_path], []))
    if where.published_from is not None:
        conditions.append(R.published_at >= where.published_from)
    if where.published_to is not None:
        conditions.append(R.published_at < where.published_to)
    return conditions


def public_count(where: PublicFilter, area_path: Any = None) -> Any:
    """How many reports the public feed lists: the kept cells of the whole days in range,
    plus the rows of its partial days (`area_path` as in public_conditions)."""
    first, stop = feed.day_bounds(where.published_from, where.published_to)
    communes = None
    if area_path is not None:
        communes = select(U.id).where(U.path.startswith(area_path))
    elif where.area_path is not None:
        communes = select(U.id).where(U.path.startswith(where.area_path, autoescape=True))
    categories = where.category_ids or None
    parts = [feed.summed(communes, categories, first, stop).scalar_subquery()]
    edges = feed.partial_days(where.published_from, where.published_to)
    for start, end in edges:
        bounded = replace(where, published_from=start, published_to=end)
        rows = select(func.count()).select_from(rt.reflections)
        parts.append(rows.where(*public_conditions(bounded, area_path)).scalar_subquery())
    return sum(parts[1:], parts[0])


def filter_conditions(where: ReflectionFilter, scope: ReflectionScope) -> list[Any]:
    """The filter's conditions (a reporter filter keeps to the caller's IOC area)."""
    c: list[Any] = []
    if where.states:
        c.append(R.state.in_(where.states))
    if where.category_ids:
        c.append(R.category_id.in_(where.category_ids))
    if where.agency_path is not None:
        path = [where.agency_path]
        c.append(_agency_at(path, []) if where.agency_subtree else _agency_at([], path))
    if where.area_path is not None:
        c.append(_unit_at(R.commune_unit_id, [where.area_path], []))
    if where.submitted_from is not None:
        c.append(R.submitted_at >= where.submitted_from)
    if where.submitted_to is not None:
        c.append(R.submitted_at < where.submitted_to)
    c.extend(_waiting_conditions(where))
    for column, values in (
        (R.channel, where.channels),
        (R.rating, where.ratings),
        (R.priority, where.priorities),
    ):
        if values:
            c.append(column.in_(values))
    if where.search:
        for word in fold(where.search).split()[:6]:
            c.append(R.search_text.contains(word, autoescape=True))
    if where.reporter_phone is not None:
        c.append(R.reporter_phone == where.reporter_phone)
        c.append(ioc_area(scope))
    return c


def _waiting_conditions(where: ReflectionFilter) -> list[Any]:
    """Reports past their running step's due time, or with a question not yet answered."""
    c: list[Any] = []
    if where.overdue_at is not None:
        c.append(R.state.in_(OPEN_STATES))
        c.append(R.step_due < where.overdue_at)
    if where.awaiting_answer:
        c.append(exists().where(Q.reflection_id == R.id, Q.answered_at.is_(None)))
    return c


def _instants(seek: Seek[Key]) -> Seek[tuple[datetime, int]]:
    return seek.map(lambda key, _field: (datetime.fromisoformat(key[0]), key[1]))


def _order(sort: ReflectionSort, seek: Seek[Key]) -> tuple[list[Any], list[Any]]:
    """(conditions, order) of a page between two cursors: NEWEST by submission, newest
    first; DUE by the running step's due time (none last), soonest first; then id."""
    keys = _instants(seek)
    if sort is ReflectionSort.NEWEST:
        return keyset(
            (R.submitted_at, R.id),
            after=keys.after,
            before=keys.before,
            backward=keys.backward,
            descending=True,
        )
    due = func.coalesce(R.step_due, FAR_FUTURE)
    return keyset((due, R.id), after=keys.after, before=keys.before, backward=keys.backward)


class SqlReflectionReader:
    """ReflectionReader on one AsyncSession."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, query: Any) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.scalars(query))

    async def _count(self, query: Any) -> int:
        rows = await run_locked(self.session, lambda: self.session.execute(query))
        return int(rows[0][0])

    async def public(
        self,
        where: PublicFilter,
        *,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[Reflection]:
        keys = _instants(Seek(after, before, backward))
        conditions, order = keyset(
            (R.published_at, R.id),
            after=keys.after,
            before=keys.before,
            backward=backward,
            descending=True,
        )
        query = (
            select(Reflection)
            .where(*public_conditions(where), *conditions)
            .order_by(*order)
            .limit(limit)
        )
        return await self._all(query)

    async def count_public(self, where: PublicFilter) -> int:
        """The kept cells of the whole days in range, plus the rows of its partial days."""
        return await self._count(select(public_count(where)))

    async def reflections(
        self,
        where: ReflectionFilter,
        scope: ReflectionScope,
        *,
        sort: ReflectionSort,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[Reflection]:
        keys, order = _order(sort, Seek(after, before, backward))
        query = (
            select(Reflection)
            .where(scope_predicate(scope), *filter_conditions(where, scope), *keys)
            .order_by(*order)
            .limit(limit)
        )
        return await self._all(query)

    async def count(self, where: ReflectionFilter, scope: ReflectionScope) -> int:
        query = (
            select(func.count())
            .select_from(rt.reflections)
            .where(scope_predicate(scope), *filter_conditions(where, scope))
        )
        return await self._count(query)

    async def queue(
        self,
        agency_ids: Sequence[int],
        *,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[Assignment]:
        # open parts always have a due time: the partial index serves the order directly
        keys = _instants(Seek(after, before, backward))
        bounds, order = keyset(
            (RA.due_at, RA.id), after=keys.after, before=keys.before, backward=backward
        )
        conditions: list[Any] = [
            RA.agency_unit_id.in_(agency_ids),
            RA.state.in_(ACTIVE_ASSIGNMENT),
            *bounds,
        ]
        query = select(Assignment).where(*conditions).order_by(*order).limit(limit)
        return await self._all(query)

    async def count_queue(self, agency_ids: Sequence[int]) -> int:
        query = (
            select(func.count())
            .select_from(rt.reflection_assignments)
            .where(RA.agency_unit_id.in_(agency_ids), RA.state.in_(ACTIVE_ASSIGNMENT))
        )
        return await self._count(query)

    async def by_ids(self, ids: Sequence[int]) -> list[Reflection]:
        if not ids:
            return []
        return await self._all(select(Reflection).where(R.id.in_(ids)))

    async def assignments_of(self, ids: Sequence[int]) -> list[Assignment]:
        if not ids:
            return []
        query = select(Assignment).where(RA.reflection_id.in_(ids)).order_by(RA.id)
        return await self._all(query)

    async def events_of(self, ids: Sequence[int]) -> list[ReflectionEvent]:
        if not ids:
            return []
        e = rt.reflection_events.c
        query = select(ReflectionEvent).where(e.reflection_id.in_(ids)).order_by(e.at, e.id)
        return await self._all(query)

    async def questions_of(self, ids: Sequence[int]) -> list[Question]:
        if not ids:
            return []
        q = rt.reflection_questions.c
        query = select(Question).where(q.reflection_id.in_(ids)).order_by(q.id)
        return await self._all(query)

    async def categories(self) -> list[Category]:
        c = rt.reflection_categories.c
        return await self._all(select(Category).order_by(c.code))

    async def by_tracking_hash(self, tracking_hash: str) -> Reflection | None:
        query = select(Reflection).where(R.tracking_hash == tracking_hash)
        found = await self._all(query)
        return found[0] if found else None
