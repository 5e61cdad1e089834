"""Relay connections walked both ways: the same items, the same cursors, the right flags.

`Read` asks one page of a connection with paging arguments (`first`, `after`, `last`,
`before`) and returns the connection's JSON; its selection must hold
`edges { cursor node { ... } }` and `pageInfo { PAGE_INFO }`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from resolvers.pagination import encode_cursor

PAGE_INFO = "hasNextPage hasPreviousPage startCursor endCursor"

Read = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]
Post = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


def _bounds_match(page: dict[str, Any]) -> None:
    info, edges = page["pageInfo"], page["edges"]
    if edges:
        assert (info["startCursor"], info["endCursor"]) == (edges[0]["cursor"], edges[-1]["cursor"])
    else:
        assert (info["startCursor"], info["endCursor"]) == (None, None)


async def forward(read: Read, size: int) -> list[dict[str, Any]]:
    """Every edge, page by page with `first`/`after`."""
    edges: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        page = await read({"first": size, "after": after})
        info = page["pageInfo"]
        _bounds_match(page)
        assert info["hasPreviousPage"] is (after is not None)
        edges += page["edges"]
        if not info["hasNextPage"]:
            assert len(page["edges"]) <= size
            return edges
        assert len(page["edges"]) == size
        after = info["endCursor"]


async def backward(read: Read, size: int) -> list[dict[str, Any]]:
    """Every edge, page by page with `last`/`before` from the end, in the list's order."""
    edges: list[dict[str, Any]] = []
    before: str | None = None
    while True:
        page = await read({"last": size, "before": before})
        info = page["pageInfo"]
        _bounds_match(page)
        assert info["hasNextPage"] is (before is not None)
        edges = page["edges"] + edges
        if not info["hasPreviousPage"]:
            assert len(page["edges"]) <= size
            return edges
        assert len(page["edges"]) == size
        before = info["startCursor"]


async def walk_both_ways(read: Read, size: int, *, at_least: int = 3) -> list[dict[str, Any]]:
    """Walk forward and backward: the same edges (nodes and cursors) in the same order, the
    flags right at both ends; then pages between two cursors, either way. Returns the edges."""
    ahead = await forward(read, size)
    assert len(ahead) >= at_least, "a walk over too few items proves little"
    assert len(ahead) > size, "the walk must take more than one page"
    assert await backward(read, size) == ahead
    cursors = [edge["cursor"] for edge in ahead]
    assert len(set(cursors)) == len(cursors)

    between = {"after": cursors[0], "before": cursors[-1]}
    inner = await read({"first": 100} | between)
    assert inner["edges"] == ahead[1:-1]
    assert (inner["pageInfo"]["hasPreviousPage"], inner["pageInfo"]["hasNextPage"]) == (True, False)
    inner = await read({"last": 100} | between)
    assert inner["edges"] == ahead[1:-1]
    assert (inner["pageInfo"]["hasPreviousPage"], inner["pageInfo"]["hasNextPage"]) == (False, True)
    one = await read({"last": 1, "before": cursors[-1]})
    assert one["edges"] == ahead[-2:-1]
    assert (one["pageInfo"]["hasPreviousPage"], one["pageInfo"]["hasNextPage"]) == (True, True)
    head = await read({"before": cursors[1]})  # no size: backward, the default page
    assert head["edges"] == ahead[:1]
    assert head["pageInfo"]["hasPreviousPage"] is False
    tail = await read({"last": size})
    assert tail["edges"] == ahead[-size:]
    assert tail["pageInfo"]["hasNextPage"] is False
    none = await read({"last": 0})
    assert (none["edges"], none["pageInfo"]["hasPreviousPage"]) == ([], False)
    return ahead


async def refusals(post: Post) -> None:
    """Paging arguments a connection refuses, each a typed INVALID_INPUT naming the argument
    in `extensions.field`."""
    cases: list[tuple[dict[str, Any], str]] = [
        ({"first": 2, "last": 2}, "last"),
        ({"first": 0, "last": 0}, "last"),
        ({"last": 101}, "last"),
        ({"last": -1}, "last"),
        ({"before": "not a cursor"}, "before"),
        ({"last": 5, "before": encode_cursor({"not": "a key"})}, "before"),
        ({"first": 5, "after": "%%%"}, "after"),
    ]
    for variables, argument in cases:
        body = await post(variables)
        refused = [(e["extensions"]["code"], e["extensions"].get("field")) for e in body["errors"]]
        assert refused == [("INVALID_INPUT", argument)], (variables, body)
