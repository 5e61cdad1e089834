"""TaskReader on SQLAlchemy: the caller's scope and filters become one indexed query."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.paging import Seek
from domain.tasks.model import (
    Directive,
    ProgressUpdate,
    StatusClass,
    Task,
    TaskAssignee,
    TaskEvent,
    TaskResponse,
    TaskState,
    TaskTracker,
    TaskUnit,
)
from domain.tasks.policies import TaskScope
from domain.tasks.reading import FAR_FUTURE, Inbox, TaskFilter, TaskSort, sort_key
from domain.tasks.workflow import OPEN_STATES
from domain.text import fold
from persistence import task_tables as tt
from persistence.database import run_locked
from persistence.keyset import keyset
from persistence.tables import org_units
from persistence.task_inbox import inbox_count, inbox_page

T, TU = tt.tasks.c, tt.task_units.c
__all__ = ["FAR_FUTURE", "SqlTaskReader", "scope_predicate", "sort_key"]


def _unit_ids(paths: Sequence[str], *, exact: bool) -> Any:
    """Ids of the units at (or under) one of the paths: one indexed lookup of org_units."""
    unit = org_units.c
    if exact:
        return select(unit.id).where(unit.path.in_(paths))
    return select(unit.id).where(or_(*(unit.path.startswith(p, autoescape=True) for p in paths)))


def _unit_under(paths: Sequence[str], *, exact: bool, t: Any = T) -> Any:
    """Tasks with an assigned unit at (or under) one of the paths (checked row by row)."""
    if not paths:
        return false()
    return exists(
        select(1).where(TU.task_id == t.id, TU.unit_id.in_(_unit_ids(paths, exact=exact)))
    )


def units_under(path: Any, *, exact: bool, t: Any = T) -> Any:
    """Tasks with an assigned unit at (or under) the unit at `path` (text, or an SQL
    expression), read from the units' side: the subtree's unit ids first, then their
    task_units rows (a filter, not the scope)."""
    unit = org_units.c
    if exact:
        ids = select(unit.id).where(unit.path == path)
    elif isinstance(path, str):
        ids = select(unit.id).where(unit.path.startswith(path, autoescape=True))
    else:  # a path read in the statement: digits and slashes, nothing to escape
        ids = select(unit.id).where(unit.path.startswith(path))
    return t.id.in_(select(TU.task_id).where(TU.unit_id.in_(ids)))


def _office_under(paths: Sequence[str], *, exact: bool, t: Any = T) -> Any:
    if not paths:
        return false()
    return t.office_unit_id.in_(_unit_ids(paths, exact=exact))


def scope_predicate(scope: TaskScope, t: Any = T) -> Any:
    """The row rule of domain.tasks.policies.task_scope, as SQL (on the tasks table, or on
    the columns `t` of an alias of it)."""
    if scope.empty:
        return false()
    clauses = [
        _unit_under(scope.subtree_paths, exact=False, t=t),
        _unit_under(scope.exact_paths, exact=True, t=t),
        _office_under(scope.office_subtree_paths, exact=False, t=t),
        _office_under(scope.office_exact_paths, exact=True, t=t),
    ]
    if scope.own_unit_id is not None:
        clauses.append(t.office_unit_id == scope.own_unit_id)
        clauses.append(exists(select(1).where(TU.task_id == t.id, TU.unit_id == scope.own_unit_id)))
    if scope.person_id is not None:
        for table in (tt.task_trackers.c, tt.task_assignees.c):
            clauses.append(
                exists(select(1).where(table.task_id == t.id, table.person_id == scope.person_id))
            )
    return or_(*clauses)


_UNCOUNTED = (TaskState.CANCELLED.value, TaskState.ESCALATED.value)


def _status(cls: StatusClass, now: Any) -> Any:
    """The SQL of domain.tasks.model.Task.status_class (cancelled and escalated: no class)."""
    open_states = [s.value for s in OPEN_STATES] + [TaskState.REPORTED.value]
    if cls is StatusClass.NO_DEADLINE:
        return and_(T.deadline.is_(None), T.state.not_in(_UNCOUNTED))
    if cls is StatusClass.DONE_ON_TIME:
        return and_(T.state == TaskState.COMPLETED, T.completed_at <= T.deadline)
    if cls is StatusClass.DONE_LATE:
        return and_(T.state == TaskState.COMPLETED, T.completed_at > T.deadline)
    if cls is StatusClass.OPEN_OVERDUE:
        return and_(T.state.in_(open_states), T.deadline < now)
    return and_(T.state.in_(open_states), T.deadline >= now)


def filter_conditions(where: TaskFilter, *, now: Any = None) -> list[Any]:
    """The filter's conditions; `now` (an instant or an SQL parameter) for status classes,
    else the filter's own."""
    conditions: list[Any] = []
    if where.unit_path is not None:
        conditions.append(units_under(where.unit_path, exact=not where.include_subtree))
    if where.kinds:
        conditions.append(T.kind.in_(where.kinds))
    if where.states:
        conditions.append(T.state.in_(where.states))
    if where.status_classes:
        at = now if now is not None else where.now or datetime.now(UTC)
        conditions.append(or_(*(_status(c, at) for c in where.status_classes)))
    if where.due_from is not None:
        conditions.append(T.deadline >= where.due_from)
    if where.due_to is not None:
        conditions.append(T.deadline < where.due_to)
    if where.tracker_person_id is not None:
        tracker = tt.task_trackers.c
        conditions.append(
            exists(
                select(1).where(
                    tracker.task_id == T.id, tracker.person_id == where.tracker_person_id
                )
            )
        )
    if where.directive_id is not None:
        conditions.append(T.directive_id == where.directive_id)
    if where.search:
        for word in fold(where.search).split()[:6]:
            conditions.append(T.search_text.contains(word, autoescape=True))
    return conditions


def _due_key() -> Any:
    return func.coalesce(T.deadline, FAR_FUTURE)


def forward_keyset(sort: TaskSort, after: tuple[str, int] | None) -> tuple[list[Any], list[Any]]:
    """The conditions of the rows after the cursor's key, and the list's order."""
    return _keyset(sort, Seek(after, None, False))


def _keyset(sort: TaskSort, seek: Seek[tuple[str, int]]) -> tuple[list[Any], list[Any]]:
    """(conditions, order) of a page between two cursors: NEWEST by id, DEADLINE by due
    time (no deadline last) then id."""
    if sort is TaskSort.NEWEST:
        ids = seek.map(lambda key, _field: (key[1],))
        return keyset(
            (T.id,), after=ids.after, before=ids.before, backward=seek.backward, descending=True
        )
    due = seek.map(lambda key, _field: (datetime.fromisoformat(key[0]), key[1]))
    return keyset((_due_key(), T.id), after=due.after, before=due.before, backward=seek.backward)


def _scope_implied(where: TaskFilter, scope: TaskScope) -> bool:
    """True when the unit filter alone keeps rows inside the scope: each task it lets through
    has a unit at or under the filter's unit, which an OVERSEER/ADMIN grant covers."""
    path = where.unit_path
    if path is None:
        return False
    return any(path.startswith(p) for p in scope.subtree_paths) or (
        not where.include_subtree and path in scope.exact_paths
    )


def _scoped(where: TaskFilter, scope: TaskScope) -> list[Any]:
    """The filter's conditions and the scope's (left out where the filter implies it: its
    row-by-row checks cost more than the rest of a subtree list)."""
    conditions = filter_conditions(where)
    return conditions if _scope_implied(where, scope) else [scope_predicate(scope), *conditions]


class SqlTaskReader:
    """Read queries of the task chain for one request's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, query: Any) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.scalars(query))

    async def _count(self, query: Any) -> int:
        rows = await run_locked(self.session, lambda: self.session.execute(query))
        return int(rows[0][0])

    async def tasks(
        self,
        where: TaskFilter,
        scope: TaskScope,
        *,
        sort: TaskSort,
        after: tuple[str, int] | None,
        limit: int,
        before: tuple[str, int] | None = None,
        backward: bool = False,
    ) -> list[Task]:
        after_conditions, order = _keyset(sort, Seek(after, before, backward))
        query = (
            select(Task)
            .where(*_scoped(where, scope), *after_conditions)
            .order_by(*order)
            .limit(limit)
        )
        return await self._all(query)

    async def count_tasks(self, where: TaskFilter, scope: TaskScope) -> int:
        query = select(func.count()).select_from(tt.tasks).where(*_scoped(where, scope))
        return await self._count(query)

    async def inbox(
        self,
        inbox: Inbox,
        *,
        after: tuple[str, int] | None,
        limit: int,
        before: tuple[str, int] | None = None,
        backward: bool = False,
    ) -> list[Task]:
        query = inbox_page(inbox, after=after, before=before, backward=backward, limit=limit)
        return [] if query is None else await self._all(query)

    async def count_inbox(self, inbox: Inbox) -> int:
        query = inbox_count(inbox)
        return 0 if query is None else await self._count(query)

    async def tasks_by_ids(self, ids: Sequence[int]) -> list[Task]:
        return await self._all(select(Task).where(T.id.in_(set(ids))))

    async def visible_task_ids(self, ids: Sequence[int], scope: TaskScope) -> set[int]:
        query = select(T.id).where(T.id.in_(set(ids)), scope_predicate(scope))
        return set(await self._all(query))

    async def units_of(self, task_ids: Sequence[int]) -> list[TaskUnit]:
        return await self._all(
            select(TaskUnit).where(TU.task_id.in_(set(task_ids))).order_by(TU.task_id, TU.id)
        )

    async def trackers_of(self, task_ids: Sequence[int]) -> list[TaskTracker]:
        c = tt.task_trackers.c
        return await self._all(
            select(TaskTracker).where(c.task_id.in_(set(task_ids))).order_by(c.id)
        )

    async def assignees_of(self, task_ids: Sequence[int]) -> list[TaskAssignee]:
        c = tt.task_assignees.c
        return await self._all(
            select(TaskAssignee).where(c.task_id.in_(set(task_ids))).order_by(c.id)
        )

    async def events_of(self, task_ids: Sequence[int]) -> list[TaskEvent]:
        c = tt.task_events.c
        return await self._all(
            select(TaskEvent).where(c.task_id.in_(set(task_ids))).order_by(c.task_id, c.at, c.id)
        )

    async def progress_of(self, task_ids: Sequence[int]) -> list[ProgressUpdate]:
        c = tt.task_progress.c
        return await self._all(
            select(ProgressUpdate).where(c.task_id.in_(set(task_ids))).order_by(c.at, c.id)
        )

    async def responses_of(self, task_ids: Sequence[int]) -> list[TaskResponse]:
        c = tt.task_responses.c
        return await self._all(select(TaskResponse).where(c.task_id.in_(set(task_ids))))

    async def directives_by_ids(self, ids: Sequence[int]) -> list[Directive]:
        return await self._all(select(Directive).where(tt.directives.c.id.in_(set(ids))))
