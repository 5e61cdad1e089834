"""Keyset pages both ways: the WHERE and ORDER BY of a page between two sort keys."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import literal, tuple_


def _row(values: Sequence[Any]) -> Any:
    return values[0] if len(values) == 1 else tuple_(*values)


def _key(columns: Sequence[Any], key: Sequence[Any]) -> Any:
    """A sort key as bound values of the columns' own types (UTC instants stay so on
    SQLite, dates are written as the column writes them)."""
    if len(key) != len(columns):
        raise ValueError("a sort key has one value per column")
    return _row([literal(value, column.type) for column, value in zip(columns, key, strict=True)])


def keyset(
    columns: Sequence[Any],
    *,
    after: Sequence[Any] | None,
    before: Sequence[Any] | None = None,
    backward: bool = False,
    descending: bool = False,
) -> tuple[list[Any], list[Any]]:
    """(conditions, order) of a list ordered by `columns`, all ascending (or all
    `descending`), whose last column is unique: the rows strictly after the key `after` and
    strictly before `before` in the list's order, read from the `after` side, or from the
    `before` side when `backward` (nearest first: the caller reverses the page)."""
    row = _row(columns)
    conditions: list[Any] = []
    if after is not None:
        bound = _key(columns, after)
        conditions.append(row < bound if descending else row > bound)
    if before is not None:
        bound = _key(columns, before)
        conditions.append(row > bound if descending else row < bound)
    reverse = backward != descending
    order = [c.desc() if reverse else c.asc() for c in columns]
    return conditions, order
