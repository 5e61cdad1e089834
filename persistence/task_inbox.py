"""The `myWork` inbox in SQL: each side of the chain read by its own index, merged by due time.

One statement per page: every side is cut to the page size in due order before the sides are
merged, so a page reads about `states x page size` index entries however many tasks wait. A
unit side (the office, the lead unit's leader) reads one state at a time, in due order, off
`(state, deadline)` or `(unit, state, deadline, id)` as the planner finds cheaper; the
specialist's side starts from the person's assignments; the tracker's side from the extension
requests still waiting for a decision (a partial index). The count adds the sides up, each
side without the tasks of the sides before it, so a task counts once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    and_,
    exists,
    func,
    not_,
    or_,
    select,
    tuple_,
    union_all,
)

from domain.paging import Seek
from domain.tasks.model import Task, TaskState
from domain.tasks.reading import FAR_FUTURE, Inbox
from persistence import task_tables as tt
from persistence.keyset import keyset
from persistence.tables import org_units

T = tt.tasks.c
U = org_units.c
P = tt.task_progress.c
Key = tuple[datetime, int]  # (due, id) of the last row of the previous page
Extra = Callable[[Any], list[Any]]  # more conditions on a tasks alias


def _units(ids: Sequence[int], exact: Sequence[str], subtree: Sequence[str]) -> Select[Any] | None:
    """Ids of the units with one of the ids, one of the exact paths, or under a subtree path."""
    match: list[ColumnElement[bool]] = []
    if ids:
        match.append(U.id.in_(ids))
    if exact:
        match.append(U.path.in_(exact))
    match += [U.path.startswith(p, autoescape=True) for p in subtree]
    return select(U.id).where(or_(*match)) if match else None


def _pending(task_id: Any) -> list[ColumnElement[bool]]:
    """An extension request on the task that waits for a decision (ix_task_progress_pending)."""
    return [P.task_id == task_id, P.extension_until.is_not(None), P.extension_decision.is_(None)]


@dataclass(frozen=True)
class _Side:
    """One side of the inbox: tasks in `states` for which `where` holds."""

    states: tuple[TaskState, ...]
    column: str | None = None  # office_unit_id or lead_unit_id: a unit side
    units: Select[Any] | None = None
    person_id: int | None = None
    tracker: bool = False

    def where(self, t: Any) -> ColumnElement[bool]:
        """The side's predicate on the tasks table (or an alias of it)."""
        state = t.state.in_(self.states)
        if self.column is not None and self.units is not None:
            return and_(state, t[self.column].in_(self.units))
        if not self.tracker:
            assignee = tt.task_assignees.c
            mine = select(assignee.task_id).where(assignee.person_id == self.person_id)
            return and_(state, t.id.in_(mine))
        tracker = tt.task_trackers.c
        tracked = select(1).where(tracker.task_id == t.id, tracker.person_id == self.person_id)
        return and_(state, exists(tracked), exists(select(1).where(*_pending(t.id))))

    def rows(self, extra: Extra) -> Select[Any]:
        """(id, due) of the side's tasks for which `extra` holds too. A tracker's side starts
        from the person's tracked tasks that have a pending request and then reads each task
        by its key (a task with two requests comes once)."""
        w = tt.tasks.alias("w").c
        if not self.tracker:
            return select(w.id, _due(w).label("due")).where(self.where(w), *extra(w))
        tracker = tt.task_trackers.c
        # correlated to both tables, so that it runs on the joined pairs only
        joined = and_(w.id == tracker.task_id, w.id == P.task_id)
        due = select(_due(w)).where(joined, w.state.in_(self.states), *extra(w)).scalar_subquery()
        tracked = (
            select(tracker.task_id.label("id"), due.label("due"))
            .select_from(tt.task_trackers.join(tt.task_progress, P.task_id == tracker.task_id))
            .where(
                tracker.person_id == self.person_id,
                P.extension_until.is_not(None),
                P.extension_decision.is_(None),
            )
            .subquery()
        )
        return select(tracked.c.id, tracked.c.due).where(tracked.c.due.is_not(None)).distinct()


def sides_of(inbox: Inbox) -> list[_Side]:
    """The inbox's sides that can hold work."""
    found: list[_Side] = []
    office = _units((), inbox.office_paths, inbox.office_subtree_paths)
    if office is not None and inbox.office_states:
        found.append(_Side(inbox.office_states, "office_unit_id", office))
    lead = _units(inbox.leader_unit_ids, inbox.leader_paths, inbox.leader_subtree_paths)
    if lead is not None and inbox.leader_states:
        found.append(_Side(inbox.leader_states, "lead_unit_id", lead))
    if inbox.person_id is not None and inbox.specialist_states:
        found.append(_Side(inbox.specialist_states, person_id=inbox.person_id))
    if inbox.person_id is not None and inbox.tracker_states:
        found.append(_Side(inbox.tracker_states, person_id=inbox.person_id, tracker=True))
    return found


def _due(t: Any) -> Any:
    return func.coalesce(t.deadline, FAR_FUTURE)


def _bounds(t: Any, seek: Seek[Key]) -> list[Any]:
    """The page's conditions on (due, id) of a tasks alias."""
    conditions, _order = keyset((_due(t), t.id), after=seek.after, before=seek.before)
    return conditions


def _limited(rows: Select[Any], limit: int, backward: bool) -> Select[Any]:
    cut = rows.subquery()
    _conditions, order = keyset((cut.c.due, cut.c.id), after=None, backward=backward)
    return select(cut.c.id, cut.c.due).order_by(*order).limit(limit)


Part = tuple[list[Any], list[Any]]  # (conditions, order) of one index-ordered read


def _unit_parts(w: Any, seek: Seek[Key]) -> list[Part]:
    """The reads of a unit side, each in index order from the cursor so a LIMIT stops the
    scan: the first page either way is one read (tasks without a deadline at the far end);
    past a cursor, tasks with a deadline and those without are read apart."""
    back = seek.backward
    if seek.after is None and seek.before is None:
        deadline = w.deadline.desc().nulls_first() if back else w.deadline.asc().nulls_last()
        return [([], [deadline, w.id.desc() if back else w.id])]
    dated: list[Any] | None = [w.deadline.is_not(None)]
    undated: list[Any] | None = [w.deadline.is_(None)]
    for key, later in ((seek.after, True), (seek.before, False)):
        if key is None:
            continue
        if key[0] < FAR_FUTURE:  # a task with a deadline: every task without one follows it
            row, bound = tuple_(w.deadline, w.id), tuple_(*key)
            if dated is not None:
                dated.append(row > bound if later else row < bound)
            undated = undated if later else None
        else:  # a task without a deadline: every task with one precedes it
            dated = None if later else dated
            if undated is not None:
                undated.append(w.id > key[1] if later else w.id < key[1])
    parts: list[Part] = []
    if dated is not None:
        parts.append((dated, [w.deadline.desc(), w.id.desc()] if back else [w.deadline, w.id]))
    if undated is not None:
        parts.append((undated, [w.id.desc() if back else w.id]))
    return parts


def _unit_cuts(
    column: str, units: Select[Any], states: Sequence[TaskState], seek: Seek[Key], limit: int
) -> list[Select[Any]]:
    """A unit side, one state at a time, each read in index order (`_unit_parts`)."""
    w = tt.tasks.alias("w").c
    cuts = []
    for state in states:
        for conditions, order in _unit_parts(w, seek):
            query = (
                select(w.id, _due(w).label("due"))
                .where(w[column].in_(units), w.state == state, *conditions)
                .order_by(*order)
                .limit(limit)
                .subquery()
            )
            cuts.append(select(query.c.id, query.c.due))
    return cuts


def inbox_page(
    inbox: Inbox,
    *,
    after: tuple[str, int] | None,
    limit: int,
    before: tuple[str, int] | None = None,
    backward: bool = False,
) -> Select[Any] | None:
    """One statement: the page of tasks waiting, by due time then id, between two cursors
    (read from the `before` side, nearest first, when `backward`); None when none can."""
    top = inbox_top(inbox, after=after, limit=limit, before=before, backward=backward)
    if top is None:
        return None
    _conditions, order = keyset((top.c.due, top.c.id), after=None, backward=backward)
    return select(Task).join(top, T.id == top.c.id).order_by(*order)


def inbox_top(
    inbox: Inbox,
    *,
    after: tuple[str, int] | None,
    limit: int,
    before: tuple[str, int] | None = None,
    backward: bool = False,
) -> Subquery | None:
    """(id, due) of the page's tasks; None when no task can wait for the caller."""
    sides = sides_of(inbox)
    if not sides:
        return None
    seek = Seek(after, before, backward).map(
        lambda key, _field: (datetime.fromisoformat(key[0]), key[1])
    )
    cuts: list[Select[Any]] = []
    for side in sides:
        if side.column is not None and side.units is not None:
            cuts += _unit_cuts(side.column, side.units, side.states, seek, limit)
        else:
            rows = side.rows(lambda w: _bounds(w, seek))
            cuts.append(_limited(rows, limit, backward).subquery().select())
    merged = union_all(*cuts).subquery()
    return _limited(select(merged.c.id, merged.c.due).distinct(), limit, backward).subquery()


def inbox_count(inbox: Inbox) -> Select[Any] | None:
    """One statement: how many tasks wait; the sides counted apart and added up, each without
    the tasks of the sides before it (a task counts once)."""
    sides = sides_of(inbox)
    if not sides:
        return None
    total: Any = None
    for n, side in enumerate(sides):

        def unique(w: Any, before: list[_Side] = sides[:n]) -> list[Any]:
            return [not_(or_(*(s.where(w) for s in before)))] if before else []

        rows = side.rows(unique).subquery()
        count = select(func.count()).select_from(rows).scalar_subquery()
        total = count if total is None else total + count
    return select(total)
