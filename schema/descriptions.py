"""Descriptions written once and used wherever the same thing appears in the schema.

Paging arguments, optimistic-concurrency versions, payload errors and the parts of a Relay
connection mean the same everywhere, so clients read the same words everywhere. Enums that
the domain defines (it imports no Strawberry) get their value descriptions here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Annotated, TypeVar

import strawberry

from resolvers.pagination import DEFAULT_PAGE, MAX_PAGE

E = TypeVar("E", bound=type[Enum])


def describe_enum(cls: E, name: str, description: str, values: Mapping[Enum, str]) -> E:
    """Register a domain enum with Strawberry, with a description for every value.

    The domain's enums cannot carry `strawberry.enum_value` (the domain imports no
    framework), so the descriptions come as a mapping; a value left out, or one the enum
    does not have, is an error at import time rather than an undescribed value."""
    members = set(cls.__members__.values())
    if set(values) != members:
        raise ValueError(
            f"{name}: describe exactly its values (missing {members - set(values)}, "
            f"unknown {set(values) - members})"
        )
    earlier = getattr(cls, "__strawberry_definition__", None)
    strawberry.enum(cls, name=name, description=description)
    described = [cls.__strawberry_definition__]  # type: ignore[attr-defined]
    if earlier is not None:  # Strawberry named it after the class when a type used it first
        earlier.description = earlier.description or description
        described.append(earlier)
    for definition in described:
        for value in definition.values:
            value.description = values[cls[value.name]]
    return cls


# --- Relay connections ----------------------------------------------------------------------

FIRST = (
    f"Page forward: how many items to return from the start of the list, or after `after` "
    f"(0 to {MAX_PAGE}; default {DEFAULT_PAGE} when neither `first` nor `last` is given). "
    "Cannot be combined with `last`."
)
AFTER = (
    "Page forward: return items after this cursor (an edge's `cursor` or "
    "`pageInfo.endCursor` of the same list with the same arguments). Null: from the start."
)
LAST = (
    f"Page backward: how many items to return from the end of the list, or before `before` "
    f"(0 to {MAX_PAGE}); the items keep the list's order. Cannot be combined with `first`."
)
BEFORE = (
    "Page backward: return items before this cursor (an edge's `cursor` or "
    "`pageInfo.startCursor` of the same list with the same arguments). Null: up to the end."
)

First = Annotated[int | None, strawberry.argument(description=FIRST)]
After = Annotated[str | None, strawberry.argument(description=AFTER)]
Last = Annotated[int | None, strawberry.argument(description=LAST)]
Before = Annotated[str | None, strawberry.argument(description=BEFORE)]

EDGES = "The items of this page, each with its cursor, in the list's order"
PAGE_INFO = (
    "Where this page stands in the list: cursors to continue from, and whether there is more"
)
CURSOR = "Opaque position of this item in the list; pass it as `after` or `before` to page on"
NODE = "The item"
TOTAL_COUNT = (
    "How many items the whole list holds with these filters, over every page (counted only "
    "when asked: one more query)"
)

SEARCH_NAMES = (
    'Words of the name, accents and case ignored ("nguyen van" finds "Nguyễn Văn"); at most '
    "100 characters. Null: everyone."
)

# --- Statistics -------------------------------------------------------------------------

PERIOD = (
    'A reporting period by name, in the province\'s local calendar: "2026-W47" (ISO week), '
    '"2026-11" (month), "2026-Q4" (quarter), "2026" (year); field-report statistics also take '
    '"2026-11-23" (day). A name that is no real period is INVALID_PERIOD.'
)
SERIES_FROM = (
    "The first period of the series, named in the series' grain (2026-W01, 2026-01...); at most "
    "120 periods from it to `to`"
)
SERIES_TO = "The last period of the series, inclusive, named in the same grain"
Period = Annotated[str, strawberry.argument(description=PERIOD)]
SeriesFrom = Annotated[str, strawberry.argument(name="from", description=SERIES_FROM)]
SeriesTo = Annotated[str, strawberry.argument(description=SERIES_TO)]
GRAIN = "How long each period of the series is"

# --- Writes ---------------------------------------------------------------------------------

VERSION_ARG = (
    "Optimistic concurrency: the `version` the client last read. When given and the record "
    "changed since, nothing is written and the payload holds STALE_VERSION. Null: no check."
)
VERSION_FIELD = (
    "Increases with every change of the record; send it back as `version` when editing so "
    "a change made meanwhile by someone else is not overwritten"
)
ERRORS = (
    "Why the operation was refused, empty on success. A refusal writes nothing; the other "
    "fields of the payload are then null or empty."
)

Version = Annotated[int | None, strawberry.argument(description=VERSION_ARG)]

EFFECTIVE = (
    "The day the change takes effect in the record's history (a local date in the "
    "province); null: today. History queries (`orgTreeAsOf`, validFrom/validTo) use it."
)
Effective = Annotated[date | None, strawberry.argument(description=EFFECTIVE)]
