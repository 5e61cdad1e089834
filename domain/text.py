"""Text helpers: Vietnamese-insensitive folding and input validation."""

from __future__ import annotations

import re
import unicodedata

from domain.errors import DomainError, ErrorCode

_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 .()-]{6,18}[0-9]$")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def unprintable(text: str) -> str | None:
    """The first character no text of govgraph may hold: a control character (C0 except
    tab, line feed and carriage return; DEL; C1) or a lone surrogate. None when clean."""
    found = _UNPRINTABLE.search(text)
    return found.group() if found else None


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ to d), collapse spaces: "Nguyễn  Văn" -> "nguyen van"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def api_name(name: str) -> str:
    """The client's name of an input field: "home_address" -> "homeAddress"."""
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def clean_text(value: str, *, field: str, max_length: int, required: bool = False) -> str:
    """Trim a text input; refuse it when empty (if required) or longer than allowed."""
    cleaned = value.strip()
    if required and not cleaned:
        raise DomainError(ErrorCode.INVALID_INPUT, f"{field} is required", field)
    if len(cleaned) > max_length:
        raise DomainError(
            ErrorCode.TOO_LONG, f"{field} is longer than {max_length} characters", field
        )
    return cleaned


def clean_optional(value: str | None, *, field: str, max_length: int) -> str | None:
    """Like clean_text, but empty input becomes None."""
    if value is None:
        return None
    cleaned = clean_text(value, field=field, max_length=max_length)
    return cleaned or None


def clean_email(value: str | None, *, field: str = "email") -> str | None:
    """Validate and lower-case an email address."""
    cleaned = clean_optional(value, field=field, max_length=254)
    if cleaned is None:
        return None
    if not _EMAIL.match(cleaned):
        raise DomainError(ErrorCode.INVALID_EMAIL, f"{field} is not a valid email address", field)
    return cleaned.lower()


def clean_phone(value: str | None, *, field: str = "phone") -> str | None:
    """Validate a phone or fax number: digits with optional +, spaces, dots, dashes."""
    cleaned = clean_optional(value, field=field, max_length=20)
    if cleaned is None:
        return None
    if not _PHONE.match(cleaned):
        raise DomainError(ErrorCode.INVALID_PHONE, f"{field} is not a valid phone number", field)
    return cleaned


def clean_code(value: str, *, field: str = "code") -> str:
    """Unit and committee codes: upper-case letters, digits, dot, dash, underscore."""
    cleaned = clean_text(value, field=field, max_length=40, required=True).upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9._-]*", cleaned):
        raise DomainError(
            ErrorCode.INVALID_INPUT,
            f"{field} may hold only letters, digits, dot, dash and underscore",
            field,
        )
    return cleaned
