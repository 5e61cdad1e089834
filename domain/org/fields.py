"""Validation of a unit's editable fields."""

from __future__ import annotations

from dataclasses import dataclass, fields

from domain.text import api_name, clean_email, clean_optional, clean_phone, clean_text

_LONG_TEXT = 10_000


@dataclass(frozen=True)
class UnitInfo:
    """The editable description of a unit (basic info and details, 000 Annex I)."""

    name: str | None = None
    short_name: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    website: str | None = None
    introduction: str | None = None
    functions: str | None = None
    duties: str | None = None

    def cleaned(self) -> dict[str, str | None]:
        """Validated values of the fields that were given (None means "not given")."""
        given = {f.name: getattr(self, f.name) for f in fields(self)}
        out: dict[str, str | None] = {}
        for name, value in given.items():
            if value is None:
                continue
            out[name] = _clean(name, value)
        return out


def _clean(name: str, value: str) -> str | None:
    label = api_name(name)
    if name == "name":
        return clean_text(value, field=label, max_length=255, required=True)
    if name in ("phone", "fax"):
        return clean_phone(value, field=label)
    if name == "email":
        return clean_email(value, field=label)
    if name in ("short_name",):
        return clean_optional(value, field=label, max_length=80)
    if name in ("address", "website"):
        return clean_optional(value, field=label, max_length=500)
    return clean_optional(value, field=label, max_length=_LONG_TEXT)
