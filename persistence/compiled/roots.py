"""The root fields the compiled read path answers, each as one JSON expression."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, select

from domain.org.model import UnitStatus
from domain.selection import RootRead
from persistence import tables as t
from persistence.compiled.directory import unit_spec
from persistence.compiled.objects import Build, json_of

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


ROOTS: dict[str, Root] = {"orgTree": org_tree, "orgUnit": org_unit}
