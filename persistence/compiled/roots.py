"""The root fields the compiled read path answers, each as one JSON expression."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Text,
    case,
    cast,
    exists,
    func,
    null,
    select,
)

from domain.org.model import UnitStatus
from domain.reading import PeopleFilter
from domain.selection import NotCompiled, RootRead
from persistence import tables as t
from persistence.compiled.directory import person_spec, unit_spec
from persistence.compiled.objects import Build, json_of
from persistence.compiled.pages import PageQuery, connection
from persistence.compiled.reflection_roots import public_reflections, reflection_work_queue
from persistence.compiled.sqljson import json_string
from persistence.compiled.task_roots import TASK_ROOTS, TASKS_REFUSED_WHEN_NULL
from persistence.keyset import keyset
from persistence.reading import people_query

Root = Callable[[Build, RootRead], ColumnElement[Any]]


def org_tree(build: Build, read: RootRead) -> ColumnElement[Any]:
    """The tree under `rootId`, or under the first active top-level unit."""
    unit = t.org_units.alias()
    query = select(json_of(build, unit_spec(), unit, read.picks))
    root_id = read.arg("rootId")
    if root_id is None:
        query = query.where(unit.c.parent_id.is_(None), unit.c.status == UnitStatus.ACTIVE.name)
        query = query.order_by(unit.c.id)
    else:
        query = query.where(unit.c.id == root_id)
    return query.limit(1).scalar_subquery()


def org_unit(build: Build, read: RootRead) -> ColumnElement[Any]:
    """A unit by id or by code."""
    unit = t.org_units.alias()
    query = select(json_of(build, unit_spec(), unit, read.picks))
    if read.arg("id") is not None:
        query = query.where(unit.c.id == read.arg("id"))
    else:
        query = query.where(unit.c.code == read.arg("code"))
    return query.limit(1).scalar_subquery()


def people(build: Build, read: RootRead) -> ColumnElement[Any]:
    """people(search, unitId, includeSubtree, includeInactive, and the page: size, after,
    before, backward); null when the unit does not exist (the field path then answers
    NOT_FOUND)."""
    rules = build.rules.directory
    if not rules.work_contact:
        raise NotCompiled("the field path refuses people to this caller")
    unit_id, subtree = read.arg("unitId"), read.arg("includeSubtree", False)
    where = PeopleFilter(
        search=read.arg("search"),
        include_inactive=read.arg("includeInactive", False),
        within=rules.person_scope,
        unit_id=unit_id if unit_id is not None and not subtree else None,
        subtree_of=unit_id if unit_id is not None and subtree else None,
    )
    p = t.persons.c
    after, before = read.arg("after"), read.arg("before")
    bounds, _order = keyset((p.search_name, p.id), after=after, before=before)
    page = PageQuery(
        rows=people_query(where, t.persons).where(*bounds),
        order=(lambda r: r.c.search_name, lambda r: r.c.id),
        size=read.arg("size"),
        after=after is not None,
        before=before is not None,
        backward=read.arg("backward", False),
        cursor=_person_cursor,
        node=person_spec(),
        count=people_query(where, func.count()).select_from(t.persons),
    )
    made = connection(build, page, read.picks)
    if unit_id is None:
        return made
    unit = t.org_units.alias()
    return case((exists().where(unit.c.id == unit_id), made), else_=null())


def _person_cursor(build: Build, row: FromClause) -> ColumnElement[Any]:
    """'["search name", id]' as json.dumps writes the sort key."""
    return "[" + json_string(build.json, row.c.search_name) + ", " + cast(row.c.id, Text) + "]"


REFUSED_WHEN_NULL = (
    frozenset({"people", "publicReflections", "reflectionWorkQueue"}) | TASKS_REFUSED_WHEN_NULL
)
"""Roots whose null answer means the field path would refuse the request."""


ROOTS: dict[str, Root] = {
    "orgTree": org_tree,
    "orgUnit": org_unit,
    "people": people,
    **TASK_ROOTS,
    "publicReflections": public_reflections,
    "reflectionWorkQueue": reflection_work_queue,
}
