"""JSON built in the database, the same on PostgreSQL and SQLite.

Values are formatted exactly as the GraphQL field path serializes them (global ids, ISO
datetimes in UTC, dates, enum names, booleans), so a compiled answer equals the field
path's answer byte for byte after canonical encoding.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Numeric,
    Select,
    String,
    Text,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import JSON as PG_JSON
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.types import TypeEngine

SQLITE_BASE64 = "govgraph_b64"
"""The SQLite function that base64-encodes text (registered on every connection)."""


def sqlite_base64(value: str | None) -> str | None:
    """Standard base64 of UTF-8 text, as Strawberry encodes global ids."""
    return None if value is None else base64.b64encode(value.encode()).decode()


SQLITE_FLOAT = "govgraph_float"
"""The SQLite function that writes a double as Python does (registered on every connection:
SQLite's own JSON keeps 15 digits)."""


def sqlite_float(value: float | None) -> str | None:
    """A double as JSON, as Python writes it (shortest round trip; 16.0 stays a float)."""
    return None if value is None else repr(float(value))


class JsonSql:
    """The JSON functions of one dialect."""

    def __init__(self, dialect: str) -> None:
        self.postgres = dialect == "postgresql"

    def obj(self, pairs: Sequence[tuple[str, ColumnElement[Any]]]) -> ColumnElement[Any]:
        """A JSON object with the keys in the order given."""
        args: list[Any] = []
        for key, value in pairs:
            args.extend((literal(key, String), value))
        made = func.json_build_object(*args) if self.postgres else func.json_object(*args)
        return type_coerce(made, self._json_type())

    def nested(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        """A JSON value coming out of a subquery, embedded as JSON (SQLite would make it a
        string otherwise)."""
        return value if self.postgres else func.json(value)

    def parse(self, text: ColumnElement[Any]) -> ColumnElement[Any]:
        """JSON text built in the statement, embedded as JSON."""
        if self.postgres:
            return cast(text, PG_JSON)
        return func.json(text)

    def array(
        self, query: Select[Any], value: ColumnElement[Any], order_by: Sequence[Any]
    ) -> ColumnElement[Any]:
        """The JSON array of `value` over the rows of `query`, in order; [] when none."""
        if self.postgres:
            agg = (
                func.json_agg(aggregate_order_by(value, *order_by))
                if order_by
                else func.json_agg(value)
            )
            made = func.coalesce(agg, literal_column("'[]'::json"))
            return query.with_only_columns(made).scalar_subquery()
        # the order's keys are columns of the inner query: SQLite resolves a correlated name
        # in its select list, not in an ORDER BY of a subquery in FROM
        columns, keys = [value.label("j")], []
        for n, item in enumerate(order_by):
            element, descending = item, False
            if isinstance(item, UnaryExpression) and item.modifier is operators.desc_op:
                element, descending = item.element, True
            key = element.label(f"k{n}")
            columns.append(key)
            keys.append(key.desc() if descending else key)
        inner = query.with_only_columns(*columns).order_by(*keys).subquery()
        return func.json(select(func.json_group_array(func.json(inner.c.j))).scalar_subquery())

    def boolean(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        """true, false or null."""
        if self.postgres:
            return cast(value, Boolean)
        return case(
            (value.is_(None), None),
            (value != 0, func.json("true")),
            else_=func.json("false"),
        )

    def global_id(self, type_name: str, pk: ColumnElement[Any]) -> ColumnElement[Any]:
        """Strawberry's global id: base64 of "Type:pk"."""
        text = literal(f"{type_name}:", String) + cast(pk, Text)
        if self.postgres:
            return func.encode(func.convert_to(text, "UTF8"), "base64")
        encoded: ColumnElement[Any] = getattr(func, SQLITE_BASE64)(text)
        return encoded

    def datetime(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        """An aware UTC datetime as Python's isoformat() writes it."""
        if self.postgres:
            utc = func.timezone("UTC", value)
            whole = func.to_char(utc, 'YYYY-MM-DD"T"HH24:MI:SS')
            micro = func.to_char(utc, "US")
            return case(
                (value.is_(None), None),
                (micro == "000000", whole + "+00:00"),
                else_=whole + "." + micro + "+00:00",
            )
        stored = cast(value, Text)  # "YYYY-MM-DD HH:MM:SS.ffffff", UTC
        day, clock = func.substr(stored, 1, 10), func.substr(stored, 12, 8)
        fraction = func.substr(stored, 21, 6)
        return case(
            (value.is_(None), None),
            (func.coalesce(fraction, "").in_(("", "000000")), day + "T" + clock + "+00:00"),
            else_=day + "T" + clock + "." + fraction + "+00:00",
        )

    def double(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        """A double precision number, parsed back to the same float (a whole number keeps
        its ".0", as Python writes it)."""
        if self.postgres:
            whole = cast(cast(value, Numeric), Text) + ".0"
            text = case((value == func.trunc(value), whole), else_=cast(value, Text))
            return cast(text, PG_JSON)
        return func.json(getattr(func, SQLITE_FLOAT)(value))

    def date(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        """A date as YYYY-MM-DD."""
        if self.postgres:
            return func.to_char(value, "YYYY-MM-DD")
        return cast(value, Text)

    def text(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        """A text value as it is."""
        return value

    def _json_type(self) -> TypeEngine[Any]:
        return PG_JSON() if self.postgres else Text()


def constant_bool(json: JsonSql, value: bool) -> ColumnElement[Any]:
    """A constant true or false."""
    if json.postgres:
        return literal(value, Boolean)
    return func.json("true" if value else "false")


def base64url(json: JsonSql, text: ColumnElement[Any]) -> ColumnElement[Any]:
    """URL-safe base64 (with padding) of UTF-8 text, as resolvers/pagination.py encodes
    cursors."""
    if json.postgres:
        plain = func.encode(func.convert_to(text, "UTF8"), "base64")
        return func.translate(plain, literal("+/\n"), literal("-_"))
    plain = getattr(func, SQLITE_BASE64)(text)
    return func.replace(func.replace(plain, "+", "-"), "/", "_")


def json_string(json: JsonSql, text: ColumnElement[Any]) -> ColumnElement[Any]:
    """Text as a JSON string literal, escaped as Python's json.dumps(ensure_ascii=False)."""
    if json.postgres:
        return cast(func.to_json(text), Text)
    return func.json_quote(text)
