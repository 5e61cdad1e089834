"""The commands of the procedure catalog; each is handled by one use case of
domain.catalog.services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.applicants.model import ApplicantKind
from domain.catalog.model import Procedure, ProcedureDetails, ServiceMethod
from domain.commands import Command


@dataclass(frozen=True)
class ComponentInput:
    """A document of the dossier as the editor writes it."""

    name: str
    required: bool = True
    copies: int = 1
    form: str | None = None
    form_url: str | None = None


@dataclass(frozen=True)
class ChainLink:
    """An agency the dossier passes to after the handling agency (liên thông)."""

    unit_id: int
    task: str | None = None


@dataclass(frozen=True)
class ProcedureInput:
    """Everything Art. 7.2 publishes about a procedure, and the document behind it."""

    name: str
    agency_unit_id: int
    field: str
    service_level: int
    processing_days: int
    steps: tuple[str, ...]
    methods: tuple[ServiceMethod, ...]
    target_subjects: tuple[ApplicantKind, ...]
    result: str
    legal_basis: tuple[str, ...]
    place: str
    hours: str
    issuing_document: str
    issued_on: date
    components: tuple[ComponentInput, ...]
    chain: tuple[ChainLink, ...] = ()
    fees: str | None = None
    fee_amount: int | None = None
    requirements: str | None = None


@dataclass(frozen=True)
class CatalogEntry:
    """A procedure with its current version."""

    procedure: Procedure
    current: ProcedureDetails


@dataclass(frozen=True, slots=True)
class CreateProcedure(Command[CatalogEntry]):
    """Publish a new procedure (its version 1)."""

    code: str
    input: ProcedureInput


@dataclass(frozen=True, slots=True)
class UpdateProcedure(Command[CatalogEntry]):
    """Record a new version of a procedure; `version` is the procedure's version the editor
    read (stale: STALE_VERSION)."""

    procedure_id: int
    version: int | None
    input: ProcedureInput
