"""An applicant's profile (linked one-to-one to a CITIZEN sign-in account), the account
office's queue of requests, and the messages owed to the applicant by email or SMS."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class ApplicantKind(StrEnum):
    """Who holds the account (002 Art. 10: citizens, organisations, businesses)."""

    CITIZEN = "CITIZEN"
    ORGANISATION = "ORGANISATION"
    BUSINESS = "BUSINESS"


class ApplicantStatus(StrEnum):
    """Where an account stands (Art. 10.1, 10.3)."""

    UNVERIFIED = "UNVERIFIED"  # registered; the email or SMS code is not confirmed yet
    PENDING_APPROVAL = "PENDING_APPROVAL"  # verified; the account office approves in 1 day
    ACTIVE = "ACTIVE"  # approved: submits and follows dossiers
    SUSPENDED = "SUSPENDED"  # paused on request; may ask for reactivation
    CANCELLED = "CANCELLED"  # cancelled on request: signs in no more
    REFUSED = "REFUSED"  # the account office refused the registration


SIGNS_IN = frozenset(
    {ApplicantStatus.PENDING_APPROVAL, ApplicantStatus.ACTIVE, ApplicantStatus.SUSPENDED}
)
"""Statuses whose account may sign in (the others' account row is disabled)."""


class VerifyChannel(StrEnum):
    """Where the verification code goes."""

    EMAIL = "EMAIL"
    SMS = "SMS"


class RequestKind(StrEnum):
    """What the account office is asked to do (each within 1 working day)."""

    REGISTRATION = "REGISTRATION"  # approve a verified registration (Art. 10.1b)
    EDIT = "EDIT"  # check and apply edited account data (Art. 10.2c)
    SUSPEND = "SUSPEND"  # pause the account (Art. 10.3a)
    CANCEL = "CANCEL"  # cancel the account (Art. 10.3a)
    REACTIVATE = "REACTIVATE"  # reactivate a suspended account (Art. 10.3c)


class RequestStatus(StrEnum):
    """A request's decision."""

    OPEN = "OPEN"
    APPROVED = "APPROVED"
    REFUSED = "REFUSED"


@dataclass
class Applicant:
    """The profile of a public-service account. Identity number, address, phone, email and
    date of birth are confidential (PERMISSIONS.md: the applicant, the account office,
    admins; the agencies handling one of its dossiers)."""

    account_id: int
    kind: ApplicantKind
    status: ApplicantStatus
    full_name: str
    search_name: str
    identity_number: str
    address: str
    email: str | None
    phone: str | None
    verify_channel: VerifyChannel
    registered_at: datetime
    date_of_birth: date | None = None
    representative: str | None = None
    code_hash: str | None = None
    code_sent_at: datetime | None = None
    code_attempts: int = 0
    verified_at: datetime | None = None
    approved_at: datetime | None = None
    status_changed_at: datetime | None = None
    version: int = 1
    id: int = field(init=False)


@dataclass
class ApplicantRequest:
    """One item of the account office's queue, due 1 working day after it was made."""

    applicant_id: int
    kind: RequestKind
    status: RequestStatus
    submitted_at: datetime
    due_at: datetime
    reason: str | None = None  # the applicant's own words (suspension, cancellation...)
    changes: str | None = None  # EDIT: the proposed data, JSON (applied when approved)
    decided_at: datetime | None = None
    decided_by: int | None = None  # the office's account
    note: str | None = None  # the office's reason, told to the applicant
    version: int = 1
    id: int = field(init=False)

    def late(self, now: datetime) -> bool:
        """Decided after its due time, or open past it."""
        return (self.decided_at or now) > self.due_at


class MessageKind(StrEnum):
    """What an applicant is told by email or SMS."""

    VERIFY_CODE = "VERIFY_CODE"  # the code, to the channel chosen at registration only
    APPROVED = "APPROVED"
    REFUSED = "REFUSED"
    EDIT_APPLIED = "EDIT_APPLIED"
    EDIT_REFUSED = "EDIT_REFUSED"
    SUSPENDED = "SUSPENDED"
    CANCELLED = "CANCELLED"
    REACTIVATED = "REACTIVATED"
    REQUEST_REFUSED = "REQUEST_REFUSED"


@dataclass
class ApplicantMessage:
    """A message owed to an applicant: no address and no personal data here (both read from
    the profile when it is sent). `secret` holds a verification code until it is sent."""

    applicant_id: int
    kind: MessageKind
    created_at: datetime
    secret: str | None = None
    request_id: int | None = None
    dispatched_at: datetime | None = None
    id: int = field(init=False)
