"""Object types of the compiled read path: how each GraphQL field of a type is built in SQL.

An ObjectSpec maps field names to builders; `json_of` turns the picks of a selection into one
JSON object expression over a row. A field without a builder, or with arguments its builder
does not take, raises NotCompiled: the request then takes the field path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    FromClause,
    Select,
    String,
    case,
    literal,
    null,
    select,
)

from domain.selection import NotCompiled, Pick
from persistence.compiled import request_params
from persistence.compiled.sqljson import JsonSql


@dataclass
class Build:
    """What every builder of one request needs: the dialect's JSON functions and the
    caller's rules as data (see persistence/compiled/rules.py)."""

    json: JsonSql
    rules: Any
    names: dict[str, int] = field(default_factory=dict)
    params: dict[str, BindParameter[Any]] = field(default_factory=dict)

    def param(self, name: str) -> BindParameter[Any]:
        """A value of the request (persistence/compiled/request_params.py), set on each run."""
        if name not in self.params:
            self.params[name] = request_params.placeholder(name)
        return self.params[name]

    @property
    def now(self) -> BindParameter[Any]:
        """The request's instant (status classes)."""
        return self.param(request_params.NOW)

    def unique(self, prefix: str) -> str:
        """A name no other part of the statement uses (common table expressions)."""
        self.names[prefix] = self.names.get(prefix, 0) + 1
        return f"{prefix}_{self.names[prefix]}"


Builder = Callable[[Build, FromClause, Pick], ColumnElement[Any]]

"""The instant a statement is built with; the reader replaces it on every run."""


@dataclass(frozen=True)
class ObjectSpec:
    """A GraphQL object type over a table."""

    type_name: str
    fields: Mapping[str, Builder]


def json_of(
    build: Build, spec: ObjectSpec, row: FromClause, picks: Sequence[Pick]
) -> ColumnElement[Any]:
    """The JSON object of the picked fields of `row`, keys in the order picked."""
    pairs: list[tuple[str, ColumnElement[Any]]] = []
    for pick in picks:
        if pick.name == "__typename":
            pairs.append((pick.key, literal(spec.type_name, String)))
            continue
        builder = spec.fields.get(pick.name)
        if builder is None:
            raise NotCompiled(f"{spec.type_name}.{pick.name}")
        pairs.append((pick.key, builder(build, row, pick)))
    return build.json.obj(pairs)


def no_args(pick: Pick) -> None:
    """Fields that take no arguments."""
    if pick.args:
        raise NotCompiled(f"arguments on {pick.name}")


def plain(column: str) -> Builder:
    """A text or number column as it is."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        return row.c[column]

    return built


def formatted(column: str, kind: str) -> Builder:
    """A column formatted by the JSON functions: datetime, date, boolean."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        return getattr(build.json, kind)(row.c[column])  # type: ignore[no-any-return]

    return built


def global_id(type_name: str, column: str = "id") -> Builder:
    """The Relay global id of the row."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        return build.json.global_id(type_name, row.c[column])

    return built


def guarded(
    rule: Callable[[Build, FromClause], ColumnElement[bool] | bool], inner: Builder
) -> Builder:
    """A restricted field: null where the caller's rule does not allow it (the SQL twin of
    the field's VisibleTo rule)."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        allowed = rule(build, row)
        if allowed is False:
            no_args(pick)
            return null()
        value = inner(build, row, pick)
        if allowed is True:
            return value
        return case((allowed, value), else_=null())

    return built


def one(
    spec: Callable[[], ObjectSpec],
    target: Callable[[], FromClause],
    join: Callable[[FromClause, FromClause], ColumnElement[bool]],
    *,
    where: Callable[[Build, FromClause], ColumnElement[bool] | bool] = lambda b, o: True,
) -> Builder:
    """A nested object: the one row of `target` joined to this row that `where` lets the
    caller see, or null."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        other = target().alias()
        allowed = where(build, other)
        if allowed is False:
            return null()
        query: Select[Any] = select(json_of(build, spec(), other, pick.picks))
        query = query.where(join(row, other)).correlate(row)
        if allowed is not True:
            query = query.where(allowed)
        return build.json.nested(query.limit(1).scalar_subquery())

    return built


def many(
    spec: Callable[[], ObjectSpec],
    target: Callable[[], FromClause],
    join: Callable[[FromClause, FromClause], ColumnElement[bool]],
    order_by: Callable[[FromClause], Sequence[Any]],
    *,
    where: Callable[[Build, FromClause], Sequence[ColumnElement[bool]]] = lambda b, o: (),
) -> Builder:
    """A nested list: the rows of `target` joined to this row, in order."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        other = target().alias()
        query: Select[Any] = select(other).where(join(row, other), *where(build, other))
        query = query.correlate(row)
        return build.json.array(query, json_of(build, spec(), other, pick.picks), order_by(other))

    return built
