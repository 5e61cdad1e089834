"""DossierReader on SQLAlchemy: the caller's scope and the filters become one indexed query."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dossiers.model import (
    ApologyLetter,
    Dossier,
    DossierComponent,
    DossierStep,
    OverdueNotice,
    StatusClass,
    Supplement,
    Survey,
)
from domain.dossiers.reading import (
    FAR_FUTURE,
    ApplicantContact,
    DossierFilter,
    DossierSort,
    Key,
)
from domain.dossiers.workflow import PROCESSING_STATES
from domain.paging import Seek
from domain.permissions import DossierScope
from persistence import applicant_tables as at
from persistence import catalog_tables as ct
from persistence import dossier_tables as dt
from persistence.database import run_locked
from persistence.keyset import keyset
from persistence.tables import accounts, org_units

D, U, PA = dt.dossiers.c, org_units.c, ct.procedure_agencies.c
DONE = (StatusClass.DONE_EARLY, StatusClass.DONE_ON_TIME, StatusClass.DONE_LATE)


def _paths(subtree: Sequence[str], exact: Sequence[str]) -> list[Any]:
    return [U.path.startswith(p, autoescape=True) for p in subtree] + [U.path == p for p in exact]


def scope_predicate(scope: DossierScope) -> Any:
    """The row rule of domain.permissions.can_view_dossier, as SQL."""
    clauses: list[Any] = []
    if scope.applicant_account_id is not None:
        clauses.append(D.applicant_account_id == scope.applicant_account_id)
    if scope.person_id is not None:
        clauses.append(D.holder_person_id == scope.person_id)
    units = _paths(scope.subtree_paths, scope.exact_paths)
    if scope.unit_id is not None:
        units.append(U.id == scope.unit_id)
    if units:
        chain = ct.procedure_agencies.join(org_units, U.id == PA.unit_id)
        clauses.append(
            exists(
                select(1)
                .select_from(chain)
                .where(PA.version_id == D.procedure_version_id, or_(*units))
            )
        )
    return or_(*clauses) if clauses else false()


def _unit_at(column: Any, path: str, subtree: bool) -> Any:
    match = U.path.startswith(path, autoescape=True) if subtree else U.path == path
    return exists(select(1).select_from(org_units).where(U.id == column, match))


def overdue_condition(now: datetime) -> Any:
    """Open and past its running limit (a stopped clock as it stood when it stopped)."""
    running = and_(D.paused_at.is_(None), D.due_at < now)
    stopped = and_(D.paused_at.is_not(None), D.paused_at > D.processing_due)
    return and_(D.due_at.is_not(None), or_(running, stopped))


def _class_condition(classes: Sequence[StatusClass], now: datetime) -> Any:
    found: list[Any] = []
    done = [c for c in classes if c in DONE]
    if done:
        found.append(D.finish_class.in_(done))
    processing = and_(D.finish_class.is_(None), D.state.in_(PROCESSING_STATES))
    if StatusClass.OPEN_OVERDUE in classes:
        found.append(and_(processing, overdue_condition(now)))
    if StatusClass.OPEN_WITHIN_DEADLINE in classes:
        found.append(and_(processing, ~overdue_condition(now)))
    return or_(*found)


def filter_conditions(where: DossierFilter) -> list[Any]:
    """The filter's conditions."""
    c: list[Any] = []
    if where.states:
        c.append(D.state.in_(where.states))
    if where.agency is not None:
        unit_id, path = where.agency
        if where.agency_subtree:
            c.append(_unit_at(D.agency_unit_id, path, True))
        else:  # one agency: its queue straight from ix_dossiers_agency_queue, in order
            c.append(D.agency_unit_id == unit_id)
    if where.holder_id is not None:
        c.append(D.holder_unit_id == where.holder_id)
    if where.holder_person_id is not None:
        c.append(D.holder_person_id == where.holder_person_id)
    if where.procedure_ids:
        c.append(D.procedure_id.in_(where.procedure_ids))
    if where.status_classes:
        c.append(_class_condition(where.status_classes, where.now))
    if where.overdue is not None:
        late = overdue_condition(where.now)
        c.append(late if where.overdue else ~late)
    if where.submitted_from is not None:
        c.append(D.submitted_at >= where.submitted_from)
    if where.submitted_to is not None:
        c.append(D.submitted_at < where.submitted_to)
    if where.tracking_code is not None:
        c.append(D.tracking_code == where.tracking_code)
    return c


def _instants(seek: Seek[Key]) -> Seek[tuple[datetime, int]]:
    return seek.map(lambda key, _field: (datetime.fromisoformat(key[0]), key[1]))


def _after_due(key: tuple[datetime, int]) -> Any:
    """The rows after `key` in the queue order (dossiers without a limit come last)."""
    if key[0] == FAR_FUTURE:  # past the last limit: the ones without one, by id
        return and_(D.due_at.is_(None), D.id > key[1])
    conditions, _ = keyset((D.due_at, D.id), after=key)
    return or_(*conditions, D.due_at.is_(None))


def _before_due(key: tuple[datetime, int]) -> Any:
    """The rows before `key` in the queue order."""
    if key[0] == FAR_FUTURE:  # every dossier with a limit, and those without one before it
        return or_(D.due_at.is_not(None), D.id < key[1])
    conditions, _ = keyset((D.due_at, D.id), after=None, before=key)
    return and_(*conditions)  # a row without a limit compares as NULL: left out


def _order(sort: DossierSort, seek: Seek[Key]) -> tuple[list[Any], list[Any]]:
    """(conditions, order) of a page between two keys, read from the seek's side."""
    keys = _instants(seek)
    if sort is DossierSort.NEWEST:
        return keyset(
            (D.submitted_at, D.id),
            after=keys.after,
            before=keys.before,
            backward=keys.backward,
            descending=True,
        )
    # the running limit first, dossiers without one last: the queues' indexes give this
    # order, and read backwards its reverse
    conditions = [] if keys.after is None else [_after_due(keys.after)]
    if keys.before is not None:
        conditions.append(_before_due(keys.before))
    if keys.backward:
        return conditions, [D.due_at.desc().nulls_first(), D.id.desc()]
    return conditions, [D.due_at.asc().nulls_last(), D.id]


class SqlDossierReader:
    """DossierReader on one AsyncSession."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, query: Any) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.scalars(query))

    async def dossiers(
        self,
        where: DossierFilter,
        scope: DossierScope,
        *,
        sort: DossierSort,
        seek: Seek[Key],
        limit: int,
    ) -> list[Dossier]:
        bounds, order = _order(sort, seek)
        query = (
            select(Dossier)
            .where(scope_predicate(scope), *filter_conditions(where), *bounds)
            .order_by(*order)
            .limit(limit)
        )
        return await self._all(query)

    async def count(self, where: DossierFilter, scope: DossierScope) -> int:
        query = (
            select(func.count())
            .select_from(dt.dossiers)
            .where(scope_predicate(scope), *filter_conditions(where))
        )
        rows = await run_locked(self.session, lambda: self.session.execute(query))
        return int(rows[0][0])

    async def by_ids(self, ids: Sequence[int]) -> list[Dossier]:
        if not ids:
            return []
        return await self._all(select(Dossier).where(D.id.in_(list(ids))))

    async def by_tracking_code(self, code: str) -> Dossier | None:
        found = await self._all(select(Dossier).where(D.tracking_code == code))
        return found[0] if found else None

    async def chains(self, version_ids: Sequence[int]) -> dict[int, tuple[tuple[int, str], ...]]:
        if not version_ids:
            return {}
        query = (
            select(PA.version_id, PA.unit_id, U.path)
            .join(org_units, U.id == PA.unit_id)
            .where(PA.version_id.in_(list(version_ids)))
            .order_by(PA.version_id, PA.position)
        )
        rows = await run_locked(self.session, lambda: self.session.execute(query))
        found: dict[int, list[tuple[int, str]]] = {v: [] for v in version_ids}
        for row in rows:
            found[row.version_id].append((row.unit_id, row.path))
        return {v: tuple(links) for v, links in found.items()}

    async def _of(self, cls: type, table: Any, ids: Sequence[int], *order: Any) -> list[Any]:
        if not ids:
            return []
        c = table.c
        return await self._all(
            select(cls).where(c.dossier_id.in_(list(ids))).order_by(*order, c.id)
        )

    async def steps_of(self, ids: Sequence[int]) -> list[DossierStep]:
        return await self._of(DossierStep, dt.dossier_steps, ids, dt.dossier_steps.c.at)

    async def components_of(self, ids: Sequence[int]) -> list[DossierComponent]:
        return await self._of(DossierComponent, dt.dossier_components, ids)

    async def supplements_of(self, ids: Sequence[int]) -> list[Supplement]:
        return await self._of(Supplement, dt.dossier_supplements, ids)

    async def apologies_of(self, ids: Sequence[int]) -> list[ApologyLetter]:
        return await self._of(ApologyLetter, dt.dossier_apologies, ids)

    async def apology(self, letter_id: int) -> ApologyLetter | None:
        found = await self._all(select(ApologyLetter).where(dt.dossier_apologies.c.id == letter_id))
        return found[0] if found else None

    async def notices_of(self, ids: Sequence[int]) -> list[OverdueNotice]:
        return await self._of(OverdueNotice, dt.dossier_notices, ids)

    async def surveys_of(self, ids: Sequence[int]) -> list[Survey]:
        return await self._of(Survey, dt.dossier_surveys, ids)

    async def applicants(self, account_ids: Sequence[int]) -> list[ApplicantContact]:
        if not account_ids:
            return []
        a = at.applicants.c
        query = select(a.account_id, a.kind, a.full_name, a.address, a.email, a.phone).where(
            a.account_id.in_(list(account_ids))
        )
        rows = await run_locked(self.session, lambda: self.session.execute(query))
        return [
            ApplicantContact(r.account_id, str(r.kind), r.full_name, r.address, r.email, r.phone)
            for r in rows
        ]

    async def persons_of_accounts(self, account_ids: Sequence[int]) -> dict[int, int]:
        if not account_ids:
            return {}
        a = accounts.c
        query = select(a.id, a.person_id).where(
            a.id.in_(list(account_ids)), a.person_id.is_not(None)
        )
        rows = await run_locked(self.session, lambda: self.session.execute(query))
        return {r.id: r.person_id for r in rows}
