"""The commands of the org tree; each is handled by one use case of domain.org.services or
domain.org.restructure. A missing `effective` date means today in the province."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.commands import Command
from domain.org.fields import UnitInfo
from domain.org.model import OrgUnit, UnitKind


@dataclass(frozen=True)
class NewUnit:
    """What it takes to create a unit."""

    code: str
    level_code: str
    kind: UnitKind
    info: UnitInfo


@dataclass(frozen=True, slots=True)
class CreateUnit(Command[OrgUnit]):
    """Create a unit under a parent; only the system itself (`system`: the command line, the
    test and demo loaders, never a request) creates a root or skips the permission check."""

    parent_id: int | None
    new: NewUnit
    effective: date | None = None
    system: bool = False


@dataclass(frozen=True, slots=True)
class UpdateUnit(Command[OrgUnit]):
    """Edit a unit's basic info and details."""

    unit_id: int
    info: UnitInfo
    version: int | None = None


@dataclass(frozen=True, slots=True)
class MoveUnit(Command[OrgUnit]):
    """Place a unit with its whole subtree under another parent."""

    unit_id: int
    new_parent_id: int
    version: int | None = None
    effective: date | None = None


@dataclass(frozen=True, slots=True)
class SplitUnit(Command[list[OrgUnit]]):
    """Split a unit into new units under the same parent."""

    unit_id: int
    into: tuple[NewUnit, ...]
    version: int | None = None
    effective: date | None = None


@dataclass(frozen=True, slots=True)
class MergeUnits(Command[OrgUnit]):
    """Merge units into an existing unit (`into_id`) or a new one (`new_unit`)."""

    source_ids: tuple[int, ...]
    into_id: int | None = None
    new_unit: NewUnit | None = None
    parent_id: int | None = None
    effective: date | None = None


@dataclass(frozen=True, slots=True)
class DissolveUnit(Command[OrgUnit]):
    """Dissolve a unit; with a successor, its children and members move there."""

    unit_id: int
    successor_id: int | None = None
    version: int | None = None
    effective: date | None = None
