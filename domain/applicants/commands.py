"""The commands of applicant accounts; each is handled by one use case of this package
(registration: domain.applicants.registration; the applicant's own requests and the
account office's decisions: domain.applicants.office)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from domain.accounts.config import AuthConfig
from domain.applicants.model import (
    Applicant,
    ApplicantKind,
    ApplicantRequest,
    RequestKind,
    VerifyChannel,
)
from domain.commands import Command
from domain.errors import DomainError


@dataclass(frozen=True)
class ApplicantData:
    """What an applicant writes about itself (all of it confidential but the name)."""

    full_name: str
    identity_number: str
    address: str
    email: str | None = None
    phone: str | None = None
    date_of_birth: date | None = None
    representative: str | None = None


@dataclass(frozen=True)
class DataChanges:
    """An edit of the account data: None leaves a field as it is."""

    full_name: str | None = None
    identity_number: str | None = None
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    date_of_birth: date | None = None
    representative: str | None = None


@dataclass(frozen=True, slots=True)
class CountApplicantWrite(Command[int]):
    """Count an anonymous write (register, verify, resend) against the client address;
    the count within the last hour (committed on its own, refused writes count too)."""

    sign_in: ClassVar[bool] = False
    address: str
    purpose: str


@dataclass(frozen=True, slots=True)
class RegisterApplicant(Command[Applicant]):
    """Register online; a code goes to the email or phone chosen (Art. 10.1a)."""

    sign_in: ClassVar[bool] = False
    login_name: str
    password: str
    kind: ApplicantKind
    data: ApplicantData
    verify_channel: VerifyChannel
    config: AuthConfig


@dataclass(frozen=True)
class VerifyOutcome:
    """The verified applicant, or the refusal (returned, so a wrong code stays counted)."""

    applicant: Applicant | None = None
    error: DomainError | None = None


@dataclass(frozen=True, slots=True)
class VerifyApplicant(Command[VerifyOutcome]):
    """Confirm the code sent at registration: the account goes to the office's queue."""

    sign_in: ClassVar[bool] = False
    login_name: str
    code: str


@dataclass(frozen=True, slots=True)
class ResendApplicantCode(Command[None]):
    """Send a new code to an unverified registration (says nothing about whether the login
    exists)."""

    sign_in: ClassVar[bool] = False
    login_name: str


@dataclass(frozen=True, slots=True)
class RequestAccountChange(Command[ApplicantRequest]):
    """The signed-in applicant asks the office to edit, suspend, cancel or reactivate its
    account; `version` is the profile's version it read."""

    kind: RequestKind
    version: int | None
    reason: str | None = None
    changes: DataChanges | None = None


@dataclass(frozen=True, slots=True)
class DecideApplicantRequest(Command[ApplicantRequest]):
    """The account office approves or refuses a request (a refusal gives its reason)."""

    request_id: int
    version: int | None
    approve: bool
    note: str | None = None
