"""What a read asks for, as plain data: the fields of a GraphQL selection set after aliases,
fragments and @skip/@include are resolved, with their argument values.

The compiled read path hands this to the storage layer, which answers a whole selection
with one statement that builds the response JSON in the database.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

Args = tuple[tuple[str, Any], ...]
"""Argument values by name, frozen (lists as tuples, input objects as Args) so that a
selection can key a cache of compiled statements."""


def freeze(value: Any) -> Any:
    """A hashable copy of an argument value."""
    if isinstance(value, Mapping):
        return tuple((k, freeze(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


@dataclass(frozen=True, slots=True)
class Pick:
    """One field of a selection: the key it answers under, the field, its arguments and,
    for an object or a list of objects, the fields picked inside it. Hashable."""

    key: str
    name: str
    args: Args = ()
    picks: tuple[Pick, ...] = ()

    def arg(self, name: str, default: Any = None) -> Any:
        """One argument's value."""
        return next((v for k, v in self.args if k == name), default)

    def named(self, name: str) -> Iterator[Pick]:
        """The picks of the field `name` inside this one (several when aliased)."""
        return (p for p in self.picks if p.name == name)


class NotCompiled(Exception):
    """The selection asks for something the compiled path does not cover: take the field
    path instead."""


@dataclass(frozen=True, slots=True)
class RootRead:
    """One root field of a query for the compiled path: its arguments, decoded and checked
    as the field path would, and what it picks."""

    root: str
    args: Args
    picks: tuple[Pick, ...]

    def arg(self, name: str, default: Any = None) -> Any:
        """One argument's value."""
        return next((v for k, v in self.args if k == name), default)


@dataclass(frozen=True, slots=True)
class RequestTime:
    """When a read is answered: the request's instant and the province's time zone. What
    depends on it (status classes, today's overdue tasks) is a parameter of a compiled
    statement, never part of the statement or of the key it is kept under."""

    now: datetime
    time_zone: str
