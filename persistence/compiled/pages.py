"""Relay connections on the compiled path: edges, pageInfo and totalCount of one keyset page,
either way, with the same cursors, page size and flags as resolvers/pagination.py.

Rows are numbered (`_n`, from 1) in reading order: the list's order forward, its reverse
backward; the page is `_n <= size`, answered in the list's order either way."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Select, String, func, literal, null, select

from domain.selection import NotCompiled, Pick
from persistence.compiled.objects import Build, Builder, ObjectSpec, json_of, no_args
from persistence.compiled.sqljson import base64url, constant_bool

Cursor = Callable[[Build, FromClause], ColumnElement[Any]]
"""The JSON text of a row's sort key (what resolvers/pagination.py encodes)."""


@dataclass(frozen=True)
class PageQuery:
    """One page of a filtered list."""

    rows: Select[Any]
    """The filtered rows, every column of the node's table, no order or limit."""
    order: Sequence[Callable[[FromClause], Any]]
    """The keyset order, as expressions over a row of `rows`."""
    size: int
    after: bool
    """Whether the request gave an `after` cursor (its keyset predicate is already in
    `rows`)."""
    cursor: Cursor
    node: ObjectSpec
    count: Select[Any] | ColumnElement[Any]
    """How many rows the whole list has (no keyset predicate, no limit): a query, or an
    expression."""
    edge_fields: Mapping[str, Builder] = field(default_factory=dict)
    """Fields of the edge besides cursor and node, over the page's row."""
    type_name: str | None = None
    """The connection's GraphQL type (default: the node's type + "Connection")."""
    edge_type_name: str | None = None
    """The edge's GraphQL type (default: the node's type + "Edge")."""
    before: bool = False
    """Whether the request gave a `before` cursor (its predicate is in `rows` too)."""
    backward: bool = False
    """`last`/`before`: the page is the `size` rows nearest the end of `rows` (the
    resolvers' backward read); they are still answered in the list's order."""


def connection(build: Build, page: PageQuery, picks: Sequence[Pick]) -> ColumnElement[Any]:
    """The connection's JSON object."""
    ordered = page.rows.subquery()
    reading = [o(ordered).desc() if page.backward else o(ordered) for o in page.order]
    numbered = select(ordered, func.row_number().over(order_by=reading).label("_n"))
    fetch = page.size + 1 if page.size else 0  # no page: nothing fetched, no more pages
    numbered = numbered.order_by(*reading).limit(fetch)
    rows = numbered.cte(build.unique("page"))
    pairs: list[tuple[str, ColumnElement[Any]]] = []
    for pick in picks:
        if pick.name == "__typename":
            name = page.type_name or f"{page.node.type_name}Connection"
            pairs.append((pick.key, literal(name, String)))
        elif pick.name == "totalCount":
            no_args(pick)
            count = page.count
            pairs.append(
                (pick.key, count.scalar_subquery() if isinstance(count, Select) else count)
            )
        elif pick.name == "pageInfo":
            no_args(pick)
            pairs.append((pick.key, build.json.nested(_page_info(build, page, rows, pick))))
        elif pick.name == "edges":
            no_args(pick)
            pairs.append((pick.key, _edges(build, page, rows, pick)))
        else:
            raise NotCompiled(f"connection field {pick.name}")
    return build.json.obj(pairs)


def _edges(build: Build, page: PageQuery, rows: FromClause, pick: Pick) -> ColumnElement[Any]:
    pairs: list[tuple[str, ColumnElement[Any]]] = []
    for inner in pick.picks:
        if inner.name == "__typename":
            name = page.edge_type_name or f"{page.node.type_name}Edge"
            pairs.append((inner.key, literal(name, String)))
        elif inner.name == "cursor":
            pairs.append((inner.key, base64url(build.json, page.cursor(build, rows))))
        elif inner.name == "node":
            pairs.append((inner.key, json_of(build, page.node, rows, inner.picks)))
        elif inner.name in page.edge_fields:
            pairs.append((inner.key, page.edge_fields[inner.name](build, rows, inner)))
        else:
            raise NotCompiled(f"edge field {inner.name}")
    edge = build.json.obj(pairs)
    query = select(rows).where(rows.c._n <= page.size)
    return build.json.array(query, edge, [rows.c._n.desc() if page.backward else rows.c._n])


def _page_info(build: Build, page: PageQuery, rows: FromClause, pick: Pick) -> ColumnElement[Any]:
    fetched = select(func.count()).select_from(rows).scalar_subquery()
    more = build.json.boolean(fetched > page.size)  # a row past the page: the list goes on
    last = select(func.max(rows.c._n)).where(rows.c._n <= page.size).scalar_subquery()

    def cursor_at(position: ColumnElement[Any] | int) -> ColumnElement[Any]:
        found = select(base64url(build.json, page.cursor(build, rows))).where(rows.c._n == position)
        return found.scalar_subquery()

    pairs: list[tuple[str, ColumnElement[Any]]] = []
    for inner in pick.picks:
        no_args(inner)
        if inner.name == "__typename":
            value: ColumnElement[Any] = literal("PageInfo", String)
        elif inner.name == "hasNextPage":
            value = more if not page.backward else constant_bool(build.json, page.before)
        elif inner.name == "hasPreviousPage":
            value = more if page.backward else constant_bool(build.json, page.after)
        elif inner.name == "startCursor":
            value = cursor_at(last if page.backward else 1) if page.size else null()
        elif inner.name == "endCursor":
            value = cursor_at(1 if page.backward else last) if page.size else null()
        else:
            raise NotCompiled(f"pageInfo field {inner.name}")
        pairs.append((inner.key, value))
    return select(build.json.obj(pairs)).scalar_subquery()
