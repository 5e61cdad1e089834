"""`tasks` and `myWork` on the compiled read path: the rows and counts of
persistence/task_reading.py and persistence/task_inbox.py (the same predicates as the field
path), as one Relay connection built in the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Text,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    select,
)

from domain.permissions.read_rules import ReadRules
from domain.selection import NotCompiled, RootRead
from domain.tasks.field_rules import TaskFieldRules
from domain.tasks.model import StatusClass, TaskKind, TaskState
from domain.tasks.reading import FAR_FUTURE, TaskFilter, TaskSort
from persistence import task_tables as tt
from persistence.compiled.objects import Build
from persistence.compiled.pages import PageQuery, connection
from persistence.compiled.sqljson import json_string
from persistence.compiled.stats import task_stats
from persistence.compiled.task_rules import unit_path
from persistence.compiled.tasks import task_spec
from persistence.tables import org_units
from persistence.task_inbox import inbox_count, inbox_top
from persistence.task_reading import (
    filter_conditions,
    forward_keyset,
    scope_predicate,
    units_under,
)

FAR_FUTURE_TEXT = FAR_FUTURE.isoformat()
"""Where a task without a deadline sorts in a cursor (domain.tasks.reading.sort_key)."""


def _rules(build: Build) -> TaskFieldRules:
    found = build.rules
    assert isinstance(found, ReadRules)
    if not found.tasks.signed_in:
        raise NotCompiled("the field path refuses tasks to the public")
    return found.tasks


def tasks(build: Build, read: RootRead) -> ColumnElement[Any]:
    """tasks(filter, sort, first, after); null when the filter's unit does not exist (the
    field path then answers NOT_FOUND)."""
    rules = _rules(build)
    due_from, due_to = read.arg("dueFrom"), read.arg("dueTo")
    if due_from is not None and due_to is not None and due_to < due_from:
        raise NotCompiled("dueTo is before dueFrom")
    where = TaskFilter(
        kinds=tuple(TaskKind(k) for k in read.arg("kinds")),
        states=tuple(TaskState(s) for s in read.arg("states")),
        status_classes=tuple(StatusClass(c) for c in read.arg("statusClasses")),
        due_from=due_from,
        due_to=due_to,
        tracker_person_id=read.arg("trackerId"),
        directive_id=read.arg("directiveId"),
        search=read.arg("search"),
    )
    conditions = filter_conditions(where, now=build.now)
    scope = scope_predicate(rules.scope)
    unit_id = read.arg("unitId")
    if unit_id is not None:
        subtree = read.arg("includeSubtree")
        path = unit_path(unit_id)
        conditions.append(units_under(path, exact=not subtree))
        # where an OVERSEER grant covers the filter's unit, the filter keeps rows in scope
        # (persistence.task_reading._scope_implied): said first, so the row checks are skipped
        implied = [path.startswith(p, autoescape=True) for p in rules.scope.subtree_paths]
        if not subtree:
            implied += [path == p for p in rules.scope.exact_paths]
        if implied:
            scope = or_(*implied, scope)
    sort = TaskSort(read.arg("sort"))
    after = read.arg("after")
    after_conditions, _ = forward_keyset(sort, after)
    order: tuple[Any, ...] = (
        (lambda r: r.c.id.desc(),)
        if sort is TaskSort.NEWEST
        else (lambda r: func.coalesce(r.c.deadline, FAR_FUTURE), lambda r: r.c.id)
    )
    page = PageQuery(
        rows=select(tt.tasks).where(scope, *conditions, *after_conditions),
        order=order,
        size=read.arg("first"),
        after=after is not None,
        cursor=_newest_cursor if sort is TaskSort.NEWEST else _due_cursor,
        node=task_spec(),
        count=select(func.count()).select_from(tt.tasks).where(scope, *conditions),
    )
    made = connection(build, page, read.picks)
    if unit_id is None:
        return made
    unit = org_units.alias()
    return case((exists().where(unit.c.id == unit_id), made), else_=null())


def my_work(build: Build, read: RootRead) -> ColumnElement[Any]:
    """myWork(first, after): the inbox's page, by due time then id."""
    rules = _rules(build)
    size, after = read.arg("first"), read.arg("after")
    top = inbox_top(rules.inbox, after=after, limit=size + 1)
    if top is None:
        rows = select(tt.tasks).where(false())
    else:
        rows = select(tt.tasks).join(top, tt.tasks.c.id == top.c.id)
    count = inbox_count(rules.inbox)
    page = PageQuery(
        rows=rows,
        order=(lambda r: func.coalesce(r.c.deadline, FAR_FUTURE), lambda r: r.c.id),
        size=size,
        after=after is not None,
        cursor=_due_cursor,
        node=task_spec(),
        count=count if count is not None else select(literal(0)),
    )
    return connection(build, page, read.picks)


def _due_cursor(build: Build, row: FromClause) -> ColumnElement[Any]:
    """'["due", id]' as json.dumps writes domain.tasks.reading.sort_key (DEADLINE)."""
    due = func.coalesce(build.json.datetime(row.c.deadline), FAR_FUTURE_TEXT)
    return "[" + json_string(build.json, due) + ", " + cast(row.c.id, Text) + "]"


def _newest_cursor(build: Build, row: FromClause) -> ColumnElement[Any]:
    """'["", id]' (NEWEST)."""
    return '["", ' + cast(row.c.id, Text) + "]"


TASK_ROOTS = {"tasks": tasks, "myWork": my_work, "taskStats": task_stats}
TASKS_REFUSED_WHEN_NULL = frozenset({"tasks", "taskStats"})
