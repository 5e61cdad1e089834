"""Typed domain errors: every refusal carries a machine-readable code."""

from __future__ import annotations

import math
from enum import StrEnum


class ErrorCode(StrEnum):
    """Codes shared by every payload error and GraphQL error extension."""

    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_PHONE = "INVALID_PHONE"
    TOO_LONG = "TOO_LONG"
    DUPLICATE_CODE = "DUPLICATE_CODE"
    DUPLICATE_LOGIN = "DUPLICATE_LOGIN"
    CYCLE = "CYCLE"
    INVALID_STATE = "INVALID_STATE"
    COMMITTEE_EXISTS = "COMMITTEE_EXISTS"
    PERSON_NOT_SERVING = "PERSON_NOT_SERVING"
    STALE_VERSION = "STALE_VERSION"
    WEAK_PASSWORD = "WEAK_PASSWORD"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    RATE_LIMITED = "RATE_LIMITED"
    PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    NOT_IN_COMPETENCE = "NOT_IN_COMPETENCE"
    DEADLINE_IN_PAST = "DEADLINE_IN_PAST"
    SECRET_DOCUMENT_REFUSED = "SECRET_DOCUMENT_REFUSED"
    INVALID_PERIOD = "INVALID_PERIOD"
    OUT_OF_SCOPE = "OUT_OF_SCOPE"
    UNKNOWN_REPORT_TYPE = "UNKNOWN_REPORT_TYPE"
    REPORT_CLOSED = "REPORT_CLOSED"
    OUTSIDE_PROVINCE = "OUTSIDE_PROVINCE"
    MEDIA_REJECTED = "MEDIA_REJECTED"
    RESULT_NOT_IN_TEMPLATE = "RESULT_NOT_IN_TEMPLATE"
    CONFLICT = "CONFLICT"
    UNKNOWN_PROCEDURE = "UNKNOWN_PROCEDURE"
    MISSING_COMPONENTS = "MISSING_COMPONENTS"
    FILE_TYPE_REJECTED = "FILE_TYPE_REJECTED"
    APOLOGY_REQUIRED = "APOLOGY_REQUIRED"
    INVALID_CODE = "INVALID_CODE"
    APPLICANT_NOT_ACTIVE = "APPLICANT_NOT_ACTIVE"


class DomainError(Exception):
    """A rule refused the operation; nothing was written."""

    def __init__(self, code: ErrorCode, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class RateLimited(DomainError):
    """Too many attempts within a sliding window; `retry_after_seconds`: when the window
    lets the next one in (HTTP `Retry-After`)."""

    def __init__(self, message: str, retry_after_seconds: float) -> None:
        super().__init__(ErrorCode.RATE_LIMITED, message)
        self.retry_after_seconds = max(1, math.ceil(retry_after_seconds))


class NotFound(DomainError):
    """The referenced record does not exist (or the caller may not know it does)."""

    def __init__(self, what: str, field: str | None = None) -> None:
        super().__init__(ErrorCode.NOT_FOUND, f"{what} not found", field)


class Forbidden(DomainError):
    """The caller lacks the right for this operation."""

    def __init__(self, message: str = "You are not allowed to do this") -> None:
        super().__init__(ErrorCode.FORBIDDEN, message)


class Unauthenticated(DomainError):
    """The operation needs a signed-in caller."""

    def __init__(self) -> None:
        super().__init__(ErrorCode.UNAUTHENTICATED, "Sign in first")


class PasswordChangeRequired(DomainError):
    """The account must change its password before anything else (004: first sign-in of a
    unit account; the rotation period has passed)."""

    def __init__(self) -> None:
        super().__init__(
            ErrorCode.PASSWORD_CHANGE_REQUIRED,
            "Change your password first (changePassword)",
        )


class StaleVersion(DomainError):
    """Someone else changed the record since the caller read it."""

    def __init__(self, what: str) -> None:
        super().__init__(
            ErrorCode.STALE_VERSION,
            f"{what} was changed by someone else; reload and try again",
            "version",
        )


class RetryableConflict(DomainError):
    """The database broke a lock cycle or a serialization conflict: run the command again.

    The dispatcher retries it; a caller only sees it when every try failed."""

    def __init__(self) -> None:
        super().__init__(
            ErrorCode.CONFLICT, "The system is busy with a concurrent change; try again"
        )
