"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from domain.dossiers.model import Signature


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes, stored in UTC; naive values are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class IdList(TypeDecorator[tuple[int, ...]]):
    """A short ordered list of ids, stored as JSON text (`[3, 7]`); empty is `[]`."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: tuple[int, ...] | None, dialect: Dialect) -> Any:
        return json.dumps([int(v) for v in value or ()])

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[int, ...]:
        return tuple(int(v) for v in json.loads(value or "[]"))


class TextList(TypeDecorator[tuple[str, ...]]):
    """A short ordered list of texts (steps, legal documents), stored as JSON text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: tuple[str, ...] | None, dialect: Dialect) -> Any:
        return json.dumps([str(v) for v in value or ()], ensure_ascii=False)

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...]:
        return tuple(str(v) for v in json.loads(value or "[]"))


class SignatureRecord(TypeDecorator[Signature]):
    """A component's digital-signature record, stored as JSON text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Signature | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.dumps(
            {
                "signer": value.signer,
                "certificate_serial": value.certificate_serial,
                "issuer": value.issuer,
                "signed_at": value.signed_at.astimezone(UTC).isoformat(),
                "document_sha256": value.document_sha256,
            },
            ensure_ascii=False,
        )

    def process_result_value(self, value: Any, dialect: Dialect) -> Signature | None:
        if value is None:
            return None
        data = json.loads(value)
        data["signed_at"] = datetime.fromisoformat(data["signed_at"])
        return Signature(**data)
