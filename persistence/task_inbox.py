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

from domain.tasks.model import Task, TaskState
from domain.tasks.reading import FAR_FUTURE, Inbox
from persistence import task_tables as tt
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


def _after(t: Any, after: Key | None) -> list[Any]:
    return [] if after is None else [tuple_(_due(t), t.id) > tuple_(*after)]


def _limited(rows: Select[Any], limit: int) -> Select[Any]:
    cut = rows.subquery()
    return select(cut.c.id, cut.c.due).order_by(cut.c.due, cut.c.id).limit(limit)


def _unit_cuts(
    column: str, units: Select[Any], states: Sequence[TaskState], after: Key | None, limit: int
) -> list[Select[Any]]:
    """A unit side, one state at a time (and, past the first page, with and without a
    deadline apart): each in index order from the keyset, so a LIMIT stops the scan."""
    w = tt.tasks.alias("w").c
    parts: list[tuple[list[Any], list[Any]]] = []  # (conditions, order)
    if after is None:
        parts.append(([], [w.deadline.asc().nulls_last(), w.id]))
    elif after[0] < FAR_FUTURE:
        parts.append(([tuple_(w.deadline, w.id) > tuple_(*after)], [w.deadline, w.id]))
        parts.append(([w.deadline.is_(None)], [w.id]))
    else:
        parts.append(([w.deadline.is_(None), w.id > after[1]], [w.id]))
    cuts = []
    for state in states:
        for conditions, order in parts:
            query = (
                select(w.id, _due(w).label("due"))
                .where(w[column].in_(units), w.state == state, *conditions)
                .order_by(*order)
                .limit(limit)
                .subquery()
            )
            cuts.append(select(query.c.id, query.c.due))
    return cuts


def inbox_page(inbox: Inbox, *, after: tuple[str, int] | None, limit: int) -> Select[Any] | None:
    """One statement: the page of tasks waiting, by due time then id; None when none can."""
    top = inbox_top(inbox, after=after, limit=limit)
    if top is None:
        return None
    return select(Task).join(top, T.id == top.c.id).order_by(top.c.due, top.c.id)


def inbox_top(inbox: Inbox, *, after: tuple[str, int] | None, limit: int) -> Subquery | None:
    """(id, due) of the page's tasks; None when no task can wait for the caller."""
    sides = sides_of(inbox)
    if not sides:
        return None
    key = None if after is None else (datetime.fromisoformat(after[0]), after[1])
    cuts: list[Select[Any]] = []
    for side in sides:
        if side.column is not None and side.units is not None:
            cuts += _unit_cuts(side.column, side.units, side.states, key, limit)
        else:
            rows = side.rows(lambda w: _after(w, key))
            cuts.append(_limited(rows, limit).subquery().select())
    merged = union_all(*cuts).subquery()
    return _limited(select(merged.c.id, merged.c.due).distinct(), limit).subquery()


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
