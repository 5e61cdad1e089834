"""The commands of the directory's people and leadership; each is handled by one use case of
domain.people.services. A missing `effective` date means today in the province."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.commands import Command
from domain.org.model import LeaderRank, Leadership, OrgUnit
from domain.people.fields import PersonInfo
from domain.people.model import Person, PersonStatus


@dataclass(frozen=True, slots=True)
class CreatePerson(Command[Person]):
    """Add a person to a unit."""

    unit_id: int
    info: PersonInfo


@dataclass(frozen=True, slots=True)
class UpdatePerson(Command[Person]):
    """Edit a person: their own contact data, or everything for a directory editor."""

    person_id: int
    info: PersonInfo
    version: int | None = None


@dataclass(frozen=True, slots=True)
class TransferPerson(Command[Person]):
    """Move a person to another unit, with a new position and duties if given."""

    person_id: int
    to_unit_id: int
    position: str | None = None
    duties: str | None = None
    version: int | None = None
    effective: date | None = None


@dataclass(frozen=True, slots=True)
class EndEmployment(Command[Person]):
    """Record a resignation or retirement."""

    person_id: int
    status: PersonStatus
    version: int | None = None
    effective: date | None = None


@dataclass(frozen=True, slots=True)
class AppointLeader(Command[OrgUnit]):
    """Name a member of a unit as its head or a deputy."""

    unit_id: int
    person_id: int
    title: str
    rank: LeaderRank
    effective: date | None = None


@dataclass(frozen=True, slots=True)
class EndLeadership(Command[Leadership]):
    """End a leadership position."""

    leadership_id: int
    effective: date | None = None
