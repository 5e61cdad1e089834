"""The account's transitions: which request an applicant may make in which status, and
where an approved request takes the account (002 Art. 10). Each request is decided by the
account office within 1 working day."""

from __future__ import annotations

from datetime import datetime

from domain.accounts.model import Account
from domain.applicants.model import (
    SIGNS_IN,
    Applicant,
    ApplicantStatus,
    MessageKind,
    RequestKind,
)
from domain.calendar import Sla, WorkingCalendar

S, K, M = ApplicantStatus, RequestKind, MessageKind

DECISION_SLA = Sla.working_days(1)
"""Approval, edit checks, suspension, cancellation, reactivation: 1 working day each."""

REQUESTABLE: dict[RequestKind, frozenset[ApplicantStatus]] = {
    K.REGISTRATION: frozenset({S.UNVERIFIED}),  # made by the verification itself
    K.EDIT: frozenset({S.ACTIVE, S.SUSPENDED}),
    K.SUSPEND: frozenset({S.ACTIVE}),
    K.CANCEL: frozenset({S.ACTIVE, S.SUSPENDED}),
    K.REACTIVATE: frozenset({S.SUSPENDED}),
}
"""The statuses in which each request may be made."""

DECIDABLE: dict[RequestKind, frozenset[ApplicantStatus]] = {
    **REQUESTABLE,
    K.REGISTRATION: frozenset({S.PENDING_APPROVAL}),  # verified, awaiting approval
}
"""The statuses in which the office may decide each request."""

APPROVED_TO: dict[RequestKind, ApplicantStatus | None] = {
    K.REGISTRATION: S.ACTIVE,
    K.EDIT: None,  # the data changes, the status stays
    K.SUSPEND: S.SUSPENDED,
    K.CANCEL: S.CANCELLED,
    K.REACTIVATE: S.ACTIVE,
}
REFUSED_TO: dict[RequestKind, ApplicantStatus | None] = {K.REGISTRATION: S.REFUSED}

TOLD: dict[tuple[RequestKind, bool], MessageKind] = {
    (K.REGISTRATION, True): M.APPROVED,
    (K.REGISTRATION, False): M.REFUSED,
    (K.EDIT, True): M.EDIT_APPLIED,
    (K.EDIT, False): M.EDIT_REFUSED,
    (K.SUSPEND, True): M.SUSPENDED,
    (K.CANCEL, True): M.CANCELLED,
    (K.REACTIVATE, True): M.REACTIVATED,
}
"""What the applicant is told of a decision (other refusals: REQUEST_REFUSED)."""


def due(calendar: WorkingCalendar, submitted_at: datetime) -> datetime:
    """When the office must have decided a request made at `submitted_at`."""
    return DECISION_SLA.due(calendar, submitted_at)


def move(applicant: Applicant, account: Account, status: ApplicantStatus, now: datetime) -> None:
    """Put the account in `status`; its sign-in account follows (disabled unless the status
    signs in)."""
    applicant.status, applicant.status_changed_at = status, now
    account.disabled = status not in SIGNS_IN
