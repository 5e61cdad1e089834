"""Persons of the directory and their membership history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Gender(StrEnum):
    """As recorded in the personnel file."""

    MALE = "MALE"
    FEMALE = "FEMALE"
    OTHER = "OTHER"


class PersonStatus(StrEnum):
    """Whether a person still works in the province."""

    ACTIVE = "ACTIVE"
    RESIGNED = "RESIGNED"
    RETIRED = "RETIRED"


class MembershipEnd(StrEnum):
    """Why a membership ended."""

    TRANSFERRED = "TRANSFERRED"
    RESIGNED = "RESIGNED"
    RETIRED = "RETIRED"
    UNIT_CLOSED = "UNIT_CLOSED"


@dataclass
class Person:
    """A civil servant or official (000 Annex I: all fields of the personal page)."""

    full_name: str
    search_name: str
    gender: Gender
    unit_id: int | None
    position: str | None = None
    duties: str | None = None
    date_of_birth: date | None = None
    birth_month_day: str | None = None
    home_address: str | None = None
    work_phone: str | None = None
    personal_phone: str | None = None
    fax: str | None = None
    email: str | None = None
    civil_servant_code: str | None = None
    id_photo_url: str | None = None
    status: PersonStatus = PersonStatus.ACTIVE
    version: int = 1
    id: int = field(init=False)


@dataclass
class Membership:
    """A period of a person's work in a unit, with the position and duties held."""

    person_id: int
    unit_id: int
    position: str | None
    duties: str | None
    valid_from: date
    valid_to: date | None = None
    end_reason: MembershipEnd | None = None
    id: int = field(init=False)
