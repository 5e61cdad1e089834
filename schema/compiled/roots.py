"""The root fields the compiled path takes, with their arguments decoded and checked as the
field path does; anything the field path would refuse (a malformed id, a depth out of range)
is left to it, so its errors stay the same."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from domain.errors import DomainError
from domain.selection import NotCompiled
from resolvers.directory.units import MAX_TREE_DEPTH
from schema.common import decode_id

Decode = Callable[[Mapping[str, Any]], dict[str, Any]]
"""Checks a root field's arguments (by name) and gives them decoded (by name)."""


def _id(value: Any, type_name: str) -> int | None:
    if value is None:
        return None
    try:
        return decode_id(value, type_name)
    except DomainError as error:
        raise NotCompiled(error.message) from error


def org_tree(args: Mapping[str, Any]) -> dict[str, Any]:
    """orgTree(rootId, depth)."""
    depth = args.get("depth", 3)
    if not isinstance(depth, int) or not 0 <= depth <= MAX_TREE_DEPTH:
        raise NotCompiled("depth")
    return {"rootId": _id(args.get("rootId") or args.get("root_id"), "OrgUnit")}


def org_unit(args: Mapping[str, Any]) -> dict[str, Any]:
    """orgUnit(id | code)."""
    unit_id, code = _id(args.get("id"), "OrgUnit"), args.get("code")
    if (unit_id is None) == (code is None):
        raise NotCompiled("give either id or code")
    return {"id": unit_id, "code": None if code is None else str(code).strip().upper()}


ROOTS: dict[str, Decode] = {"orgTree": org_tree, "orgUnit": org_unit}
