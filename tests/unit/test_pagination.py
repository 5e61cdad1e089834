"""Connection arguments as resolvers.pagination reads them, and pages over an in-memory
list read the way a repository reads them (domain.paging.Seek)."""

from __future__ import annotations

from typing import Any

import pytest

from domain.errors import DomainError, ErrorCode
from domain.paging import Seek
from resolvers.pagination import DEFAULT_PAGE, encode_cursor, paginate, window

ITEMS = list(range(1, 8))


async def fetch(seek: Seek[Any], limit: int) -> list[int]:
    """What a repository does: the rows between the bounds, nearest the start (forward) or
    nearest `before` first (backward), at most `limit`."""
    rows = [
        n
        for n in ITEMS
        if (seek.after is None or n > seek.after) and (seek.before is None or n < seek.before)
    ]
    return (rows[::-1] if seek.backward else rows)[:limit]


async def page(**arguments: Any) -> tuple[list[int], bool, bool]:
    async def count() -> int:
        return len(ITEMS)

    found = await paginate(fetch, lambda n: n, count=count, shape=int, **arguments)
    assert found.cursors == [encode_cursor(n) for n in found.items]
    return found.items, found.has_previous, found.has_next


def at(n: int) -> str:
    return encode_cursor(n)


async def test_forward_and_backward_pages() -> None:
    assert await page(first=3, after=None) == ([1, 2, 3], False, True)
    assert await page(first=3, after=at(3)) == ([4, 5, 6], True, True)
    assert await page(first=3, after=at(6)) == ([7], True, False)
    assert await page(first=None, after=None, last=3) == ([5, 6, 7], True, False)
    assert await page(first=None, after=None, last=3, before=at(5)) == ([2, 3, 4], True, True)
    assert await page(first=None, after=None, last=3, before=at(2)) == ([1], False, True)


async def test_between_two_cursors_either_way() -> None:
    assert await page(first=2, after=at(1), before=at(6)) == ([2, 3], True, True)
    assert await page(first=9, after=at(1), before=at(6)) == ([2, 3, 4, 5], True, False)
    assert await page(first=None, after=at(1), last=2, before=at(6)) == ([4, 5], True, True)
    assert await page(first=None, after=at(1), last=9, before=at(6)) == ([2, 3, 4, 5], False, True)


async def test_without_a_size() -> None:
    assert await page(first=None, after=None) == (ITEMS, False, False)
    assert await page(first=None, after=None, before=at(3)) == ([1, 2], False, True)
    assert await page(first=None, after=at(2), before=at(5)) == ([3, 4], True, False)
    assert await page(first=0, after=None) == ([], False, False)
    assert await page(first=None, after=None, last=0, before=at(4)) == ([], False, True)
    assert window(first=None, after=None).size == DEFAULT_PAGE


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"first": 1, "last": 1}, "last"),
        ({"first": 0, "last": 0}, "last"),
        ({"first": None, "last": 101}, "last"),
        ({"first": None, "last": -1}, "last"),
        ({"first": 101}, "first"),
        ({"first": None, "before": "not a cursor"}, "before"),
        ({"first": None, "before": encode_cursor("text")}, "before"),
        ({"first": 1, "after": encode_cursor([1, 2])}, "after"),
    ],
)
def test_refusals_name_the_argument(arguments: dict[str, Any], field: str) -> None:
    with pytest.raises(DomainError) as refused:
        window(**({"after": None} | arguments), shape=int)
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID_INPUT, field)


def test_a_seek_converts_its_bounds_naming_each() -> None:
    seen: list[str] = []

    def convert(key: int, field: str) -> str:
        seen.append(field)
        return str(key)

    assert Seek(1, 2, True).map(convert) == Seek("1", "2", True)
    assert seen == ["after", "before"]
    assert Seek[int](None, 3).map(convert) == Seek(None, "3", False)
