"""What a read asks for, as plain data: the fields of a GraphQL selection set after aliases,
fragments and @skip/@include are resolved, with their argument values.

The compiled read path hands this to the storage layer, which answers a whole selection
with one statement that builds the response JSON in the database.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Pick:
    """One field of a selection: the key it answers under, the field, its arguments and,
    for an object or a list of objects, the fields picked inside it."""

    key: str
    name: str
    args: Mapping[str, Any] = field(default_factory=dict)
    picks: tuple[Pick, ...] = ()

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
    args: Mapping[str, Any]
    picks: tuple[Pick, ...]
