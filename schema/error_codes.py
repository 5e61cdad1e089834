"""The ErrorCode enum as clients read it: when each code is returned."""

from __future__ import annotations

from domain.errors import ErrorCode
from schema.descriptions import describe_enum

describe_enum(
    ErrorCode,
    "ErrorCode",
    "Why an operation was refused: the `code` of a payload's UserError, and the "
    "`extensions.code` of a GraphQL error. Nothing is written when a code is returned. "
    "GraphQL errors may also carry codes of the transport and of query protection that are "
    "not values of this enum (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, "
    "QUERY_TOO_COMPLEX, PERSISTED_QUERY_NOT_FOUND, INTERNAL_SERVER_ERROR...).",
    {
        ErrorCode.NOT_FOUND: "The record an argument names does not exist, or the caller may "
        "not know that it does (the same answer either way, so nothing leaks).",
        ErrorCode.FORBIDDEN: "The caller is signed in but has no role, in the right unit, for "
        "this operation or record.",
        ErrorCode.UNAUTHENTICATED: "The operation needs a signed-in caller (a bearer token or "
        "an API key) and none was given, or the token has expired or been revoked.",
        ErrorCode.INVALID_INPUT: "An argument is malformed or out of range: a global id of "
        "the wrong type, a cursor this list did not write, a page size outside 0..100, a "
        "control character, a date outside 1900-2200, arguments that exclude each other.",
        ErrorCode.INVALID_EMAIL: "An email address field does not hold a valid address.",
        ErrorCode.INVALID_PHONE: "A phone or fax number field holds something other than "
        "8 to 20 digits with an optional leading +, spaces, dots, dashes or parentheses.",
        ErrorCode.TOO_LONG: "A text is longer than its field allows (the message gives the "
        "limit); any string over 100,000 characters is refused before it is read.",
        ErrorCode.DUPLICATE_CODE: "The code is already used: another unit, or another "
        "periodic report type, has it.",
        ErrorCode.DUPLICATE_LOGIN: "Another account already signs in with this login.",
        ErrorCode.CYCLE: "The change would make the org tree loop: a unit moved under itself "
        "or its own subtree, merged into itself or into a unit under it, or given a "
        "successor that sits under it.",
        ErrorCode.INVALID_STATE: "The record is not in a state that allows this: a closed "
        "unit, a person who has left, an item already forwarded, a question already "
        "answered, the province's last admin, a feature not available on this server...",
        ErrorCode.COMMITTEE_EXISTS: "An active steering committee with the same name (accents "
        "and case ignored) is already registered.",
        ErrorCode.PERSON_NOT_SERVING: "The person has resigned or retired and cannot be "
        "seated on a committee.",
        ErrorCode.STALE_VERSION: "The record changed since the client read it: the `version` "
        "sent is not the current one. Read the record again and retry the change on it.",
        ErrorCode.WEAK_PASSWORD: "The new password breaks the password policy: too short or "
        "too long, a common password, containing the login, fewer than 4 different "
        "characters, or (when changing it) the same as the current one.",
        ErrorCode.INVALID_CREDENTIALS: "Wrong login or password at sign-in (which of the two "
        "is not said), or a wrong current password when changing it.",
        ErrorCode.ACCOUNT_LOCKED: "Reserved, not returned today: sign-ins refused during a "
        "lockout after repeated failures are RATE_LIMITED.",
        ErrorCode.RATE_LIMITED: "Too many attempts in a short time: failed sign-ins from a "
        "login or an address, anonymous submissions or uploads from an address. Wait and "
        "try again (HTTP answers carry `Retry-After`).",
        ErrorCode.PASSWORD_CHANGE_REQUIRED: "The account must change its password first (a "
        "unit account's first sign-in, or the rotation period has passed): until then only "
        "public data, `me` and `changePassword` are answered.",
        ErrorCode.INVALID_TRANSITION: "The workflow step is not allowed from where the task, "
        "field report or agency part stands now (a draft approved before it is submitted, a "
        "request already decided, a task no longer open).",
        ErrorCode.NOT_IN_COMPETENCE: "The unit or person named is outside the competence of "
        "this step: a unit outside the program's level, no level above to escalate to, focal "
        "persons of another agency.",
        ErrorCode.DEADLINE_IN_PAST: "The deadline, extension or planned period asked for has "
        "already passed.",
        ErrorCode.SECRET_DOCUMENT_REFUSED: "The directive document is classified secret: it "
        "is never entered into this system.",
        ErrorCode.INVALID_PERIOD: "A reporting period is malformed or does not exist (month "
        "13, week 53 of a 52-week year), ends before it starts, or lies outside what the "
        "record covers.",
        ErrorCode.OUT_OF_SCOPE: "The unit asked for lies outside the caller's scope (the "
        "subtree of its API key or of its roles).",
        ErrorCode.UNKNOWN_REPORT_TYPE: "No periodic report type has this id or code.",
        ErrorCode.REPORT_CLOSED: "The reporting round of this period is closed: nothing more "
        "is submitted or changed in it.",
        ErrorCode.OUTSIDE_PROVINCE: "The location given (latitude and longitude) lies outside "
        "the province, so no commune can receive the field report.",
        ErrorCode.MEDIA_REJECTED: "A photo, video or document was refused: a type other than "
        "the accepted images, videos and PDF documents (or content that is not what its type "
        "says), a PDF document attached to a field report, a file over the size limit, too "
        "many attachments, an upload unknown to the media store or already attached to "
        "another report or dossier.",
        ErrorCode.RESULT_NOT_IN_TEMPLATE: "An agency's result of a field report does not fit "
        "the published result's template (the message says what is missing).",
        ErrorCode.CONFLICT: "A concurrent change held the same records and the operation was "
        "retried without success; nothing was written, send it again.",
        ErrorCode.UNKNOWN_PROCEDURE: "No procedure of the catalog has this id, or the "
        "procedure is not offered online, so no dossier can be submitted for it.",
        ErrorCode.MISSING_COMPONENTS: "A required component of the procedure's current "
        "version has no file in the dossier (the message lists what is missing).",
        ErrorCode.FILE_TYPE_REJECTED: "A file's type is not one its component takes, or a "
        "dossier's result is not a PDF document.",
        ErrorCode.APOLOGY_REQUIRED: "The dossier is late and the applicant is owed an apology "
        "letter before it goes on (apologizeForDossier first).",
        ErrorCode.INVALID_CODE: "The verification code of an applicant's email or phone is "
        "wrong or has expired; ask for a new one.",
        ErrorCode.APPLICANT_NOT_ACTIVE: "The applicant account is not verified or not yet "
        "approved by the account office, or it is suspended or cancelled.",
    },
)
