"""Checks of what an applicant writes about itself, per kind (identity number formats),
and the stored form of an edit waiting for the office."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, replace
from datetime import date

from domain.applicants.commands import ApplicantData, DataChanges
from domain.applicants.model import Applicant, ApplicantKind, VerifyChannel
from domain.errors import DomainError, ErrorCode
from domain.text import clean_email, clean_optional, clean_phone, clean_text, fold

# citizen identity card (12 digits) or the older identity card (9); tax code of a business
# (10 digits, a branch 10-3); an organisation's establishment decision or code
_IDENTITY = {
    ApplicantKind.CITIZEN: re.compile(r"^(\d{12}|\d{9})$"),
    ApplicantKind.BUSINESS: re.compile(r"^\d{10}(-\d{3})?$"),
    ApplicantKind.ORGANISATION: re.compile(r"^[A-Z0-9][A-Z0-9./-]{2,19}$"),
}
_IDENTITY_HINT = {
    ApplicantKind.CITIZEN: "a citizen identity number of 12 digits (or 9)",
    ApplicantKind.BUSINESS: "a tax code of 10 digits (a branch: 10-3)",
    ApplicantKind.ORGANISATION: "3-20 letters, digits, dots, slashes or dashes",
}
OLDEST_BIRTH = date(1900, 1, 1)


def _invalid(message: str, field: str) -> DomainError:
    return DomainError(ErrorCode.INVALID_INPUT, message, field)


def identity(kind: ApplicantKind, value: str) -> str:
    """The identity number, checked against the kind's format."""
    cleaned = clean_text(value, field="identityNumber", max_length=20, required=True).upper()
    cleaned = cleaned.replace(" ", "")
    if not _IDENTITY[kind].match(cleaned):
        raise _invalid(f"Expected {_IDENTITY_HINT[kind]}", "identityNumber")
    return cleaned


def check(kind: ApplicantKind, data: ApplicantData, today: date) -> ApplicantData:
    """The data cleaned: names and address required, the identity number's format, a
    representative for organisations and businesses, a birth date in the past."""
    born = data.date_of_birth
    if born is not None and not OLDEST_BIRTH <= born <= today:
        raise _invalid("The date of birth is not plausible", "dateOfBirth")
    representative = clean_optional(data.representative, field="representative", max_length=255)
    if kind is not ApplicantKind.CITIZEN and representative is None:
        raise _invalid("Name the legal representative", "representative")
    return ApplicantData(
        full_name=clean_text(data.full_name, field="fullName", max_length=255, required=True),
        identity_number=identity(kind, data.identity_number),
        address=clean_text(data.address, field="address", max_length=500, required=True),
        email=clean_email(data.email, field="email"),
        phone=clean_phone(data.phone, field="phone"),
        date_of_birth=born if kind is ApplicantKind.CITIZEN else None,
        representative=representative,
    )


def reachable(data: ApplicantData, channel: VerifyChannel) -> None:
    """The chosen channel has its address."""
    if channel is VerifyChannel.EMAIL and data.email is None:
        raise _invalid("Give the email address the code goes to", "email")
    if channel is VerifyChannel.SMS and data.phone is None:
        raise _invalid("Give the phone number the code goes to", "phone")


def current(applicant: Applicant) -> ApplicantData:
    """The profile's data as it stands."""
    return ApplicantData(
        full_name=applicant.full_name,
        identity_number=applicant.identity_number,
        address=applicant.address,
        email=applicant.email,
        phone=applicant.phone,
        date_of_birth=applicant.date_of_birth,
        representative=applicant.representative,
    )


def merged(applicant: Applicant, changes: DataChanges, today: date) -> ApplicantData:
    """The profile's data with the changes, checked as a whole (nothing to change: refused)."""
    given = {k: v for k, v in asdict(changes).items() if v is not None}
    if not given:
        raise _invalid("Nothing to change", "changes")
    data = check(applicant.kind, replace(current(applicant), **given), today)
    reachable(data, applicant.verify_channel)
    return data


def dump(data: ApplicantData) -> str:
    """The stored form of proposed data."""
    found = asdict(data)
    born = data.date_of_birth
    found["date_of_birth"] = born.isoformat() if born else None
    return json.dumps(found, ensure_ascii=False)


def load(text: str) -> ApplicantData:
    """Proposed data read back."""
    found = json.loads(text)
    born = found.pop("date_of_birth", None)
    return ApplicantData(**found, date_of_birth=date.fromisoformat(born) if born else None)


def apply(applicant: Applicant, data: ApplicantData) -> None:
    """Write the data onto the profile."""
    applicant.full_name, applicant.search_name = data.full_name, fold(data.full_name)
    applicant.identity_number, applicant.address = data.identity_number, data.address
    applicant.email, applicant.phone = data.email, data.phone
    applicant.date_of_birth, applicant.representative = data.date_of_birth, data.representative
