"""The org tree: levels (data, not code), units, their placement history and lineage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class UnitKind(StrEnum):
    """What sort of body a unit is; levels say where it sits, kinds say what it is."""

    GOVERNMENT = "GOVERNMENT"
    IOC = "IOC"
    CENTRAL_AGENCY = "CENTRAL_AGENCY"
    PUBLIC_SERVICE_COMPANY = "PUBLIC_SERVICE_COMPANY"
    OTHER = "OTHER"


class UnitStatus(StrEnum):
    """Lifecycle state; only ACTIVE units take new work."""

    ACTIVE = "ACTIVE"
    MERGED = "MERGED"
    SPLIT = "SPLIT"
    DISSOLVED = "DISSOLVED"


class LineageKind(StrEnum):
    """How a unit became another."""

    MERGED_INTO = "MERGED_INTO"
    SPLIT_INTO = "SPLIT_INTO"


class LeaderRank(StrEnum):
    """Head of a unit or one of the deputies."""

    HEAD = "HEAD"
    DEPUTY = "DEPUTY"


@dataclass
class OrgLevel:
    """A tier of the tree (PROVINCE, DEPARTMENT, DISTRICT, OFFICE, COMMUNE...), stored as data."""

    code: str
    name: str
    rank: int
    description: str = ""


@dataclass
class OrgUnit:
    """A unit of the province: committee, department, district, office, commune, IOC..."""

    code: str
    name: str
    level_code: str
    kind: UnitKind
    valid_from: date
    parent_id: int | None = None
    path: str = ""
    depth: int = 0
    short_name: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    website: str | None = None
    introduction: str | None = None
    functions: str | None = None
    duties: str | None = None
    status: UnitStatus = UnitStatus.ACTIVE
    valid_to: date | None = None
    member_count: int = 0
    subtree_member_count: int = 0
    version: int = 1
    id: int = field(init=False)

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent, read off the materialized path."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    def parent_path(self) -> str | None:
        """The parent's materialized path, read off this unit's path (None for a root)."""
        if self.parent_id is None:
            return None
        return self.path[: self.path.rstrip("/").rfind("/") + 1]

    def is_within(self, other_path: str) -> bool:
        """True when this unit is `other_path`'s unit or sits under it."""
        return self.path.startswith(other_path)


@dataclass
class UnitPlacement:
    """Where a unit sat in the tree during a period: the history behind "as of date D"."""

    unit_id: int
    parent_id: int | None
    valid_from: date
    valid_to: date | None = None
    id: int = field(init=False)


@dataclass
class UnitLineage:
    """A predecessor-successor link left by a merge or split."""

    predecessor_id: int
    successor_id: int
    kind: LineageKind
    effective_date: date
    id: int = field(init=False)


@dataclass
class UnitEvent:
    """One entry of a unit's audit trail."""

    unit_id: int
    action: str
    at: datetime
    actor_account_id: int | None
    note: str = ""
    id: int = field(init=False)


@dataclass
class Leadership:
    """A person holding a leadership position (head or deputy) of a unit during a period."""

    unit_id: int
    person_id: int
    title: str
    rank: LeaderRank
    valid_from: date
    valid_to: date | None = None
    id: int = field(init=False)


def child_path(parent_path: str, unit_id: int) -> str:
    """The materialized path of a unit: its ancestors' ids and its own, slash-delimited."""
    return f"{parent_path or '/'}{unit_id}/"
