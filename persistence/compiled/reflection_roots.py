"""The field reports' root fields on the compiled read path: the public feed and an agency's
work queue, each one JSON expression with the field path's rows, order, cursors and counts
(persistence/reflection_reading.py shares the feed's filter and count)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    String,
    Text,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
    null,
    select,
    tuple_,
)

from domain.reflections.model import ACTIVE_ASSIGNMENT
from domain.reflections.reading import FAR_FUTURE, PublicFilter
from domain.selection import NotCompiled, RootRead
from persistence import reflection_tables as rt
from persistence import tables as t
from persistence.compiled import reflection_rules as rules
from persistence.compiled.objects import Build
from persistence.compiled.pages import PageQuery, connection
from persistence.compiled.reflection_parts import part_spec
from persistence.compiled.reflections import flagged, reflection_spec, report_of
from persistence.compiled.sqljson import json_string
from persistence.reflection_reading import public_conditions, public_count

OPEN_PARTS: tuple[ColumnElement[Any], ...] = tuple(
    literal_column(f"'{state.value}'") for state in sorted(ACTIVE_ASSIGNMENT)
)
"""The open parts' states written out, so the queue's partial index always applies."""


def _key_cursor(column: str) -> Any:
    """'["<iso instant, or the far future>", id]' as json.dumps writes a keyset position."""

    def cursor(build: Build, row: FromClause) -> ColumnElement[Any]:
        far = literal(FAR_FUTURE.isoformat(), String)
        at = func.coalesce(build.json.datetime(row.c[column]), far)
        return "[" + json_string(build.json, at) + ", " + cast(row.c.id, Text) + "]"

    return cursor


def _position(read: RootRead) -> tuple[datetime, int] | None:
    after = read.arg("after")
    return None if after is None else (datetime.fromisoformat(after[0]), int(after[1]))


def public_reflections(build: Build, read: RootRead) -> ColumnElement[Any]:
    """publicReflections(categoryIds, areaId, publishedFrom, publishedTo, first, after): null
    when the area does not exist (the field path then answers NOT_FOUND)."""
    where = PublicFilter(
        category_ids=tuple(read.arg("categoryIds") or ()),
        published_from=read.arg("publishedFrom"),
        published_to=read.arg("publishedTo"),
    )
    area_id = read.arg("areaId")
    area_path = None
    if area_id is not None:
        area = t.org_units.alias()
        area_path = select(area.c.path).where(area.c.id == area_id).scalar_subquery()
    r = rt.reflections.c
    nodes = [n for e in read.picks if e.name == "edges" for n in e.picks if n.name == "node"]
    columns = flagged(build, rt.reflections, [p for node in nodes for p in node.picks])
    rows = select(*columns).where(*public_conditions(where, area_path))
    after = _position(read)
    if after is not None:
        rows = rows.where(tuple_(r.published_at, r.id) < tuple_(*after))
    page = PageQuery(
        rows=rows,
        order=(lambda row: row.c.published_at.desc(), lambda row: row.c.id.desc()),
        size=read.arg("first"),
        after=after is not None,
        cursor=_key_cursor("published_at"),
        node=reflection_spec(),
        count=public_count(where, area_path),
    )
    made = connection(build, page, read.picks)
    if area_id is None:
        return made
    unit = t.org_units.alias()
    return case((exists().where(unit.c.id == area_id), made), else_=null())


def reflection_work_queue(build: Build, read: RootRead) -> ColumnElement[Any]:
    """reflectionWorkQueue(agencyId, first, after): null unless the caller works in or over
    the agency (the field path then answers FORBIDDEN)."""
    found = rules.field_rules(build)
    if not found.signed_in or not found.works_somewhere:
        raise NotCompiled("the field path refuses the work queue to this caller")
    agency_id = read.arg("agencyId")
    part = rt.reflection_assignments.c
    mine = (part.agency_unit_id == agency_id, part.state.in_(OPEN_PARTS))
    rows = select(rt.reflection_assignments).where(*mine)
    after = _position(read)
    if after is not None:
        rows = rows.where(tuple_(part.due_at, part.id) > tuple_(*after))
    page = PageQuery(
        rows=rows,
        order=(lambda row: row.c.due_at, lambda row: row.c.id),
        size=read.arg("first"),
        after=after is not None,
        cursor=_key_cursor("due_at"),
        node=part_spec(),
        count=select(func.count()).select_from(rt.reflection_assignments).where(*mine),
        edge_fields={"reflection": report_of("reflection_id")},
        type_name="WorkQueueConnection",
        edge_type_name="WorkItemEdge",
    )
    agency = t.org_units.alias()
    allowed = rules.works_in_or_over(found, agency)
    assert allowed is not None  # works somewhere
    permitted = exists(select(1).where(agency.c.id == agency_id).where(allowed))
    return case((permitted, connection(build, page, read.picks)), else_=null())
