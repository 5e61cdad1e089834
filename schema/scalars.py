"""Date and DateTime as govgraph reads them: ISO 8601, within the years it keeps records of.

Strawberry's own scalars accept any year from 1 to 9999; such a value falls off the
calendar as soon as it is moved to UTC or a day is added to it (OverflowError in the
driver or the working-time calendar). These keep the same names, formats and output and
refuse, while the variables are coerced, years outside EARLIEST_YEAR..LATEST_YEAR.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from strawberry.schema.types.base_scalars import isoformat, wrap_parser
from strawberry.types.scalar import ScalarDefinition

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


def _within(value: dt.date) -> None:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"the year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")


def parse_date(text: str) -> dt.date:
    """An ISO date within the years govgraph keeps."""
    value = dt.date.fromisoformat(text)
    _within(value)
    return value


def parse_datetime(text: str) -> dt.datetime:
    """An ISO date-time (with or without an offset) within the years govgraph keeps."""
    value = dt.datetime.fromisoformat(text)
    _within(value)
    return value


DATE = ScalarDefinition(
    name="Date",
    description="A calendar date, ISO 8601 (2026-11-20), years 1900 to 2200. Dates are local "
    "dates of the province (Asia/Ho_Chi_Minh): a day off, a period's first day, a date of "
    "birth.",
    specified_by_url=None,
    serialize=isoformat,
    parse_value=wrap_parser(parse_date, "Date"),
    parse_literal=None,
    origin=dt.date,
)
DATE_TIME = ScalarDefinition(
    name="DateTime",
    description="An instant, ISO 8601, years 1900 to 2200. Answers are in UTC with their "
    "offset (2026-11-20T03:00:00+00:00); an input may carry any offset, and one without an "
    "offset is read in the province's time zone (Asia/Ho_Chi_Minh).",
    specified_by_url=None,
    serialize=isoformat,
    parse_value=wrap_parser(parse_datetime, "DateTime", exceptions=(ValueError, OverflowError)),
    parse_literal=None,
    origin=dt.datetime,
)
OVERRIDES: dict[object, Any] = {dt.date: DATE, dt.datetime: DATE_TIME}
"""The schema's scalar_overrides."""
