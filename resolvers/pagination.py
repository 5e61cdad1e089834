"""Relay-style pages on keyset cursors; `first` is capped at 100."""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from domain.errors import DomainError, ErrorCode

T = TypeVar("T")

MAX_PAGE = 100
DEFAULT_PAGE = 20


@dataclass
class Page(Generic[T]):
    """One page of a list, its cursors, and a way to count the whole list on demand."""

    items: list[T]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    count: Callable[[], Awaitable[int]]


def page_size(first: int | None) -> int:
    """Validate `first`: 0..100, default 20."""
    if first is None:
        return DEFAULT_PAGE
    if first < 0 or first > MAX_PAGE:
        raise DomainError(
            ErrorCode.INVALID_INPUT, f"first must be between 0 and {MAX_PAGE}", "first"
        )
    return first


def encode_cursor(key: Any) -> str:
    """An opaque cursor for a sort key."""
    return base64.urlsafe_b64encode(json.dumps(key, ensure_ascii=False).encode()).decode()


def decode_cursor(cursor: str | None) -> Any:
    """The sort key inside a cursor; a malformed cursor is a typed error."""
    if cursor is None:
        return None
    try:
        return json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", "after") from exc


async def paginate(
    fetch: Callable[[Any, int], Awaitable[list[T]]],
    key: Callable[[T], Any],
    *,
    first: int | None,
    after: str | None,
    count: Callable[[], Awaitable[int]],
) -> Page[T]:
    """Fetch one more row than asked to know whether a next page exists."""
    size = page_size(first)
    after_key = decode_cursor(after)
    rows = await fetch(after_key, size + 1) if size else []
    items = rows[:size]
    return Page(
        items=items,
        cursors=[encode_cursor(key(item)) for item in items],
        has_next=len(rows) > size,
        has_previous=after_key is not None,
        count=count,
    )
