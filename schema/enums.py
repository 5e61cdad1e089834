"""Enums with a description on every value (clients read them in GraphiQL)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=Enum)


def described(cls: type[E], *, name: str, description: str, values: Mapping[E, str]) -> type[E]:
    """Register a domain enum with GraphQL, each value described (all must be)."""
    missing = [member.name for member in cls if member not in values]
    if missing:
        raise ValueError(f"{name}: no description for {', '.join(missing)}")
    strawberry.enum(cls, name=name, description=description)
    definition = cls.__strawberry_definition__  # type: ignore[attr-defined]
    for value in definition.values:
        value.description = values[cls[value.name]]
    return cls
