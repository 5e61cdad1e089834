"""Validation of a person's editable fields."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from domain.errors import DomainError, ErrorCode
from domain.people.model import Gender
from domain.text import api_name, clean_email, clean_optional, clean_phone, clean_text, fold


@dataclass(frozen=True)
class PersonInfo:
    """Fields of the personal page; None means "not given"."""

    full_name: str | None = None
    gender: Gender | None = None
    date_of_birth: date | None = None
    home_address: str | None = None
    work_phone: str | None = None
    personal_phone: str | None = None
    fax: str | None = None
    email: str | None = None
    civil_servant_code: str | None = None
    id_photo_url: str | None = None
    position: str | None = None
    duties: str | None = None

    def cleaned(self, today: date) -> dict[str, object]:
        """Validated values of the fields that were given."""
        out: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            out[f.name] = _clean(f.name, value, today)
        if "full_name" in out:
            out["search_name"] = fold(str(out["full_name"]))
        if "date_of_birth" in out:
            born = out["date_of_birth"]
            out["birth_month_day"] = born.strftime("%m-%d") if isinstance(born, date) else None
        return out


_TEXT_LIMITS = {
    "home_address": 500,
    "civil_servant_code": 30,
    "id_photo_url": 1000,
    "position": 255,
    "duties": 5000,
}


def _clean(name: str, value: object, today: date) -> object:
    label = api_name(name)
    if name == "full_name":
        return clean_text(str(value), field=label, max_length=120, required=True)
    if name in ("work_phone", "personal_phone", "fax"):
        return clean_phone(str(value), field=label)
    if name == "email":
        return clean_email(str(value), field=label)
    if name == "date_of_birth":
        assert isinstance(value, date)
        if value > today or value.year < today.year - 120:
            raise DomainError(ErrorCode.INVALID_INPUT, "Date of birth is not plausible", label)
        return value
    if name in _TEXT_LIMITS:
        return clean_optional(str(value), field=label, max_length=_TEXT_LIMITS[name])
    return value
