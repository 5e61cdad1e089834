"""Relay cursor connections on keyset cursors, both ways: `first`/`after` read forward,
`last`/`before` backward; a page holds at most 100 items.

Per the Relay Cursor Connections spec: `after` and `before` bound the list (both may be
given), `first` takes from the start of what they leave and `last` from its end; `first`
and `last` together are refused (the spec discourages them: the page would be neither).
`hasNextPage` is true when a forward read found more than `first` items, or when `before`
was given to a backward one (the item at `before` follows); `hasPreviousPage` mirrors it.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from domain.errors import DomainError, ErrorCode
from domain.paging import Seek
from domain.text import unprintable

T = TypeVar("T")

MAX_PAGE = 100
DEFAULT_PAGE = 20
MAX_CURSOR_PARTS = 8
MAX_CURSOR_TEXT = 200


@dataclass
class Page(Generic[T]):
    """One page of a list, its cursors, and a way to count the whole list on demand."""

    items: list[T]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    count: Callable[[], Awaitable[int]]


def page_size(first: int | None, field: str = "first") -> int:
    """Validate a page size (`first` or `last`): 0..100, default 20."""
    if first is None:
        return DEFAULT_PAGE
    if first < 0 or first > MAX_PAGE:
        raise DomainError(
            ErrorCode.INVALID_INPUT, f"{field} must be between 0 and {MAX_PAGE}", field
        )
    return first


@dataclass(frozen=True)
class Window:
    """What a connection's arguments ask for: how many items, from where, which way."""

    size: int
    seek: Seek[Any]


def window(
    *,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
    shape: Shape | None = None,
) -> Window:
    """The connection arguments checked and decoded, else a typed error naming the one at
    fault. Without `first` or `last`, a page of 20: backward from `before` when only it is
    given, forward otherwise."""
    if first is not None and last is not None:
        raise DomainError(
            ErrorCode.INVALID_INPUT,
            "Give first (to page forward) or last (to page backward), not both",
            "last",
        )
    backward = last is not None or (first is None and before is not None and after is None)
    size = page_size(last, "last") if last is not None else page_size(first)
    seek: Seek[Any] = Seek(
        after=_bound(after, "after", shape),
        before=_bound(before, "before", shape),
        backward=backward,
    )
    return Window(size=size, seek=seek)


def _bound(cursor: str | None, field: str, shape: Shape | None) -> Any:
    key = decode_cursor(cursor, field)
    if key is not None and shape is not None and not has_shape(key, shape):
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field)
    return key


def encode_cursor(key: Any) -> str:
    """An opaque cursor for a sort key."""
    return base64.urlsafe_b64encode(json.dumps(key, ensure_ascii=False).encode()).decode()


def decode_cursor(cursor: str | None, field: str = "after") -> Any:
    """The sort key inside a cursor; a malformed cursor is a typed error.

    A cursor comes back from the client, so what it holds is checked like any input: a
    number, a short text, or a short list of them, ids within 64 bits."""
    if cursor is None:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field) from exc
    if not _plain(key):
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field)
    return key


Shape = type | tuple[type, ...]


def has_shape(key: Any, shape: Shape) -> bool:
    """True when a cursor's key is of the type, or a list of the types (bools are no ints)."""
    if isinstance(shape, tuple):
        return (
            isinstance(key, list)
            and len(key) == len(shape)
            and all(has_shape(k, s) for k, s in zip(key, shape, strict=True))
        )
    return isinstance(key, shape) and not (shape is int and isinstance(key, bool))


def _instant_fits(text: str) -> bool:
    """False for an ISO date-time with an offset that falls off the calendar in UTC."""
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return True  # not an instant: the list's own checks decide
    try:
        return at.tzinfo is None or at.astimezone(UTC).year >= 1
    except OverflowError:
        return False


def _plain(value: Any, depth: int = 0) -> bool:
    """True for what encode_cursor writes: scalars, or a short flat list of them."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return len(value) <= MAX_CURSOR_TEXT and not unprintable(value) and _instant_fits(value)
    if isinstance(value, list) and depth == 0:
        return len(value) <= MAX_CURSOR_PARTS and all(_plain(v, depth + 1) for v in value)
    return False


async def paginate(
    fetch: Callable[[Seek[Any], int], Awaitable[list[T]]],
    key: Callable[[T], Any],
    *,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
    count: Callable[[], Awaitable[int]],
    shape: Shape | None = None,
) -> Page[T]:
    """One page of a list. `fetch(seek, limit)` reads at most `limit` rows the way the seek
    says (see domain.paging.Seek: a backward read comes nearest `before` first); one more
    row than the page is asked for, to know whether the list goes on. A cursor whose key
    does not have the list's `shape` (a type, or a tuple of types) is malformed."""
    asked = window(first=first, after=after, last=last, before=before, shape=shape)
    size, seek = asked.size, asked.seek
    rows = await fetch(seek, size + 1) if size else []
    items = rows[:size]
    more = len(rows) > size
    if seek.backward:
        items.reverse()
    return Page(
        items=items,
        cursors=[encode_cursor(key(item)) for item in items],
        has_next=seek.before is not None if seek.backward else more,
        has_previous=more if seek.backward else seek.after is not None,
        count=count,
    )
