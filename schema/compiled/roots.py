"""The root fields the compiled path takes, with their arguments decoded and checked as the
field path does; anything the field path would refuse (a malformed id, a depth out of range)
is left to it, so its errors stay the same."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.errors import DomainError
from domain.selection import NotCompiled
from resolvers.directory.people import MAX_PEOPLE_SEARCH
from resolvers.directory.units import MAX_TREE_DEPTH
from resolvers.pagination import Shape, Window, decode_cursor, page_size, window
from resolvers.reflections.queries import cursor_key
from schema.common import decode_id
from schema.compiled.task_roots import TASK_ROOTS

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


def _window(args: Mapping[str, Any], shape: Shape) -> Window:
    """first/after/last/before as resolvers.pagination reads them; what it refuses is left
    to the field path."""
    try:
        return window(
            first=args.get("first"),
            after=args.get("after"),
            last=args.get("last"),
            before=args.get("before"),
            shape=shape,
        )
    except DomainError as error:
        raise NotCompiled(error.message) from error


def people(args: Mapping[str, Any]) -> dict[str, Any]:
    """people(search, unitId, includeSubtree, includeInactive, first, after, last, before):
    the page as `size` and the keyset bounds as `after`, `before` and `backward`."""
    search = args.get("search")
    if search is not None and len(search) > MAX_PEOPLE_SEARCH:
        raise NotCompiled("search too long")
    asked = _window(args, (str, int))
    keys = asked.seek.map(lambda key, _field: (str(key[0]), int(key[1])))
    return {
        "search": search,
        "unitId": _id(args.get("unitId"), "OrgUnit"),
        "includeSubtree": bool(args.get("includeSubtree", False)),
        "includeInactive": bool(args.get("includeInactive", False)),
        "size": asked.size,
        "after": keys.after,
        "before": keys.before,
        "backward": keys.backward,
    }


def _first(args: Mapping[str, Any]) -> int:
    """`first` of a forward-only page; backward pages (`last`, `before`) are left to the
    field path."""
    if args.get("last") is not None or args.get("before") is not None:
        raise NotCompiled("backward paging")
    try:
        return page_size(args.get("first"))
    except DomainError as error:
        raise NotCompiled(error.message) from error


def _after(args: Mapping[str, Any]) -> Any:
    try:
        return decode_cursor(args.get("after"))
    except DomainError as error:
        raise NotCompiled(error.message) from error


def _instant(value: Any) -> datetime | None:
    """A date-time with its offset (one without is read in the province's time zone by the
    field path: left to it)."""
    if value is None:
        return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise NotCompiled("a date-time without an offset")
    return value


def _keyset(args: Mapping[str, Any]) -> tuple[str, int] | None:
    """A field report list's cursor: [iso instant, id]."""
    try:
        return cursor_key(_after(args))
    except DomainError as error:
        raise NotCompiled(error.message) from error


def public_reflections(args: Mapping[str, Any]) -> dict[str, Any]:
    """publicReflections(categoryIds, areaId, publishedFrom, publishedTo, first, after)."""
    categories = tuple(_id(v, "ReflectionCategory") for v in args.get("categoryIds") or ())
    area = args.get("areaId")
    return {
        "categoryIds": categories,
        "areaId": _id(area, "OrgUnit") if area else None,
        "publishedFrom": _instant(args.get("publishedFrom")),
        "publishedTo": _instant(args.get("publishedTo")),
        "first": _first(args),
        "after": _keyset(args),
    }


def reflection_work_queue(args: Mapping[str, Any]) -> dict[str, Any]:
    """reflectionWorkQueue(agencyId, first, after)."""
    return {
        "agencyId": _id(args.get("agencyId"), "OrgUnit"),
        "first": _first(args),
        "after": _keyset(args),
    }


ROOTS: dict[str, Decode] = {
    "orgTree": org_tree,
    "orgUnit": org_unit,
    "people": people,
    **TASK_ROOTS,
    "publicReflections": public_reflections,
    "reflectionWorkQueue": reflection_work_queue,
}


def localized(args: dict[str, Any], time_zone: str) -> dict[str, Any]:
    """Decoded arguments with every date-time given without an offset read in the
    province's time zone, as resolvers.tasks.queries.aware reads them."""
    zone = ZoneInfo(time_zone)
    return {
        k: v.replace(tzinfo=zone) if isinstance(v, datetime) and v.tzinfo is None else v
        for k, v in args.items()
    }
