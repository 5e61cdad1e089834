"""The task chain's root fields on the compiled path (`tasks`, `myWork`, `taskStats`), their
arguments checked as resolvers/tasks/queries.py and resolvers/stats/queries.py check them;
what those would refuse is left to them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.errors import DomainError
from domain.selection import NotCompiled
from domain.stats.periods import parse_period
from domain.tasks.reading import TaskSort
from resolvers.pagination import decode_cursor, page_size
from resolvers.tasks.queries import MAX_SEARCH, cursor_key
from schema.common import decode_id


def _id(value: Any, type_name: str) -> int | None:
    if value is None:
        return None
    try:
        return decode_id(value, type_name)
    except DomainError as error:
        raise NotCompiled(error.message) from error


def _page(args: Mapping[str, Any], sort: TaskSort) -> dict[str, Any]:
    """first and after, checked; the cursor's key as (due or "", id). Backward pages
    (`last`, `before`) are left to the field path."""
    if args.get("last") is not None or args.get("before") is not None:
        raise NotCompiled("backward paging")
    try:
        first = page_size(args.get("first", 20))
        after = cursor_key(decode_cursor(args.get("after")), sort)
    except DomainError as error:
        raise NotCompiled(error.message) from error
    return {"first": first, "after": after}


def _names(values: Any) -> tuple[str, ...]:
    return tuple(str(v.value) for v in values or ())


def tasks(args: Mapping[str, Any]) -> dict[str, Any]:
    """tasks(filter, sort, first, after). Date-times without an offset are read in the
    province's time zone by the extension (schema/compiled/extension.py)."""
    found = dict(args.get("filter") or ())
    search = found.get("search")
    if search is not None and len(search) > MAX_SEARCH:
        raise NotCompiled("search too long")
    sort = args.get("sort", TaskSort.DEADLINE)
    if not isinstance(sort, TaskSort):
        raise NotCompiled("sort")
    return {
        "unitId": _id(found.get("unitId") or None, "OrgUnit"),
        "includeSubtree": bool(found.get("includeSubtree", True)),
        "kinds": _names(found.get("kinds")),
        "states": _names(found.get("states")),
        "statusClasses": _names(found.get("statusClasses")),
        "dueFrom": found.get("dueFrom"),
        "dueTo": found.get("dueTo"),
        "trackerId": _id(found.get("trackerId") or None, "Person"),
        "directiveId": _id(found.get("directiveId") or None, "Directive"),
        "search": search,
        "sort": sort.value,
        **_page(args, sort),
    }


def my_work(args: Mapping[str, Any]) -> dict[str, Any]:
    """myWork(first, after)."""
    return _page(args, TaskSort.DEADLINE)


def task_stats(args: Mapping[str, Any]) -> dict[str, Any]:
    """taskStats(unitId, period, kinds): the period by its parts (name, first day, the day
    after its last, grain)."""
    try:
        period = parse_period(args.get("period") or "")
    except DomainError as error:
        raise NotCompiled(error.message) from error
    return {
        "unitId": _id(args.get("unitId"), "OrgUnit"),
        "period": period.name,
        "start": period.start,
        "end": period.end,
        "grain": period.grain.value,
        "kinds": _names(args.get("kinds")),
    }


TASK_ROOTS = {"tasks": tasks, "myWork": my_work, "taskStats": task_stats}
