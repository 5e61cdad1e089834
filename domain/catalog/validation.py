"""Checks of a procedure as an editor writes it: lengths, ranges, lists, the issuing date."""

from __future__ import annotations

import re
from datetime import date

from domain.catalog.commands import ComponentInput, ProcedureInput
from domain.catalog.model import SERVICE_LEVELS
from domain.errors import DomainError, ErrorCode
from domain.text import clean_optional, clean_text

MAX_DAYS = 365
MAX_STEPS = 30
MAX_COMPONENTS = 50
MAX_CHAIN = 10
MAX_COPIES = 20
MAX_FEE = 1_000_000_000
_URL = re.compile(r"^https?://[^\s]+$")


def _invalid(message: str, field: str) -> DomainError:
    return DomainError(ErrorCode.INVALID_INPUT, message, field)


def within(value: int, low: int, high: int, field: str) -> int:
    """A whole number within [low, high]."""
    if not low <= value <= high:
        raise _invalid(f"{field} must be between {low} and {high}", field)
    return value


def texts(values: tuple[str, ...], *, field: str, most: int, max_length: int) -> tuple[str, ...]:
    """A non-empty list of non-empty texts, each trimmed and within its length."""
    if not values:
        raise _invalid(f"{field} needs at least one entry", field)
    if len(values) > most:
        raise _invalid(f"{field} holds at most {most} entries", field)
    return tuple(clean_text(v, field=field, max_length=max_length, required=True) for v in values)


def url(value: str | None, field: str) -> str | None:
    """An optional http(s) address."""
    cleaned = clean_optional(value, field=field, max_length=1000)
    if cleaned is not None and not _URL.match(cleaned):
        raise _invalid(f"{field} must be an http or https address", field)
    return cleaned


def component(part: ComponentInput) -> ComponentInput:
    """A dossier component, cleaned."""
    return ComponentInput(
        name=clean_text(part.name, field="components.name", max_length=1000, required=True),
        required=part.required,
        copies=within(part.copies, 1, MAX_COPIES, "components.copies"),
        form=clean_optional(part.form, field="components.form", max_length=500),
        form_url=url(part.form_url, "components.formUrl"),
    )


def check(draft: ProcedureInput, today: date) -> ProcedureInput:
    """The input cleaned, or the first refusal (with the input field at fault)."""
    if draft.issued_on > today:
        raise _invalid("The issuing document cannot be dated after today", "issuedOn")
    if not draft.components:
        raise _invalid("A procedure lists the documents of its dossier", "components")
    if len(draft.components) > MAX_COMPONENTS:
        raise _invalid(f"At most {MAX_COMPONENTS} components", "components")
    if len(draft.chain) > MAX_CHAIN:
        raise _invalid(f"At most {MAX_CHAIN} agencies follow the handling one", "chain")
    if not draft.methods:
        raise _invalid("Name at least one way to submit a dossier", "methods")
    if not draft.target_subjects:
        raise _invalid("Name who may use the procedure", "targetSubjects")
    fee = draft.fee_amount
    return ProcedureInput(
        name=clean_text(draft.name, field="name", max_length=500, required=True),
        agency_unit_id=draft.agency_unit_id,
        field=clean_text(draft.field, field="field", max_length=200, required=True),
        service_level=within(
            draft.service_level, SERVICE_LEVELS.start, SERVICE_LEVELS.stop - 1, "serviceLevel"
        ),
        processing_days=within(draft.processing_days, 1, MAX_DAYS, "processingDays"),
        steps=texts(draft.steps, field="steps", most=MAX_STEPS, max_length=2000),
        methods=tuple(dict.fromkeys(draft.methods)),
        target_subjects=tuple(dict.fromkeys(draft.target_subjects)),
        result=clean_text(draft.result, field="result", max_length=2000, required=True),
        legal_basis=texts(draft.legal_basis, field="legalBasis", most=30, max_length=1000),
        place=clean_text(draft.place, field="place", max_length=1000, required=True),
        hours=clean_text(draft.hours, field="hours", max_length=500, required=True),
        issuing_document=clean_text(
            draft.issuing_document, field="issuingDocument", max_length=255, required=True
        ),
        issued_on=draft.issued_on,
        components=tuple(component(c) for c in draft.components),
        chain=draft.chain,
        fees=clean_optional(draft.fees, field="fees", max_length=2000),
        fee_amount=None if fee is None else within(fee, 0, MAX_FEE, "feeAmount"),
        requirements=clean_optional(draft.requirements, field="requirements", max_length=5000),
    )
