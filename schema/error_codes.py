"""What each error code means, as clients read it in GraphiQL."""

from __future__ import annotations

from domain.errors import ErrorCode

E = ErrorCode

DESCRIPTIONS: dict[ErrorCode, str] = {
    E.NOT_FOUND: "The record does not exist, or the caller may not know it does",
    E.FORBIDDEN: "The caller may not do this",
    E.UNAUTHENTICATED: "Sign in first",
    E.INVALID_INPUT: "A value is malformed or out of range (`field` names it)",
    E.INVALID_EMAIL: "Not a valid email address",
    E.INVALID_PHONE: "Not a valid phone number",
    E.TOO_LONG: "A text is longer than allowed",
    E.DUPLICATE_CODE: "The code is taken",
    E.DUPLICATE_LOGIN: "The login is taken",
    E.CYCLE: "The move would put a unit under itself",
    E.INVALID_STATE: "The record's state does not allow this now",
    E.COMMITTEE_EXISTS: "A committee of that name exists",
    E.PERSON_NOT_SERVING: "The person resigned or retired",
    E.STALE_VERSION: "Someone changed the record since you read it: reload and try again",
    E.WEAK_PASSWORD: "The password does not meet the policy",
    E.INVALID_CREDENTIALS: "Wrong login or password",
    E.ACCOUNT_LOCKED: "Too many failed sign-ins: the account is locked for a while",
    E.RATE_LIMITED: "Too many attempts: wait and try again",
    E.PASSWORD_CHANGE_REQUIRED: "Change the password first (changePassword)",
    E.INVALID_TRANSITION: "This step is not allowed from the record's state",
    E.NOT_IN_COMPETENCE: "Not the competence of this unit",
    E.DEADLINE_IN_PAST: "The deadline has passed already",
    E.SECRET_DOCUMENT_REFUSED: "Secret documents are not handled here",
    E.INVALID_PERIOD: "Not a period of this report",
    E.OUT_OF_SCOPE: "Outside the caller's scope",
    E.UNKNOWN_REPORT_TYPE: "No such report type",
    E.REPORT_CLOSED: "The report's round is closed",
    E.OUTSIDE_PROVINCE: "The place is outside the province",
    E.MEDIA_REJECTED: "A file was refused (type, size, number, or it belongs to another record)",
    E.RESULT_NOT_IN_TEMPLATE: "The result does not follow its template",
    E.CONFLICT: "A concurrent change got in the way: try again",
    E.INVALID_CODE: "The verification code is wrong or has expired",
    E.APPLICANT_NOT_ACTIVE: "The applicant account is not approved, or is suspended or cancelled",
    E.UNKNOWN_PROCEDURE: "No such procedure, or it is not offered online",
    E.MISSING_COMPONENTS: "A required component of the procedure has no file",
    E.FILE_TYPE_REJECTED: "The file's type is not one its component takes",
    E.APOLOGY_REQUIRED: "The applicant is owed an apology letter before the dossier goes on "
    "(apologizeForDossier)",
}
