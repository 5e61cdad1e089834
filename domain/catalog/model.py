"""A procedure of the catalog (002 Art. 7) and its versions.

`Procedure` is the stable identity (its code) with a copy of its current version's name,
agency and field for the public lists. Every change records a new `ProcedureVersion` row,
with its own id, its dossier components and its chain of agencies: a dossier keeps the
version it was submitted under. A version records the document that issued or changed the
procedure; the catalog is updated within 7 days of that document (Art. 5.1), and a version
recorded later is flagged `late`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.applicants.model import ApplicantKind

UPDATE_DAYS = 7
"""Days after the issuing document within which the catalog is updated (Art. 5.1)."""

SERVICE_LEVELS = range(1, 5)
"""Online service levels 1-4 (Decree 43/2011): information, forms, online submission,
online submission, payment and result."""


class ServiceMethod(StrEnum):
    """How a dossier may be submitted (cách thức thực hiện)."""

    AT_DESK = "AT_DESK"
    POST = "POST"
    ONLINE = "ONLINE"


@dataclass
class Procedure:
    """The catalog entry: its code and its current version's listing data."""

    code: str
    name: str
    search_text: str  # folded code and name of the current version
    agency_unit_id: int  # the current version's handling agency
    field: str  # the current version's field (lĩnh vực)
    field_key: str  # folded field, for the filter
    current_number: int
    created_at: datetime
    updated_at: datetime
    version: int = 1
    id: int = dataclasses.field(init=False)


@dataclass
class ProcedureVersion:
    """One version of a procedure, as published; never changed once recorded."""

    procedure_id: int
    number: int
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
    recorded_at: datetime
    update_due_on: date
    late: bool
    fees: str | None = None
    fee_amount: int | None = None  # VND, for online payment; None: free
    requirements: str | None = None
    recorded_by: int | None = None  # the editor's account
    id: int = dataclasses.field(init=False)


@dataclass
class ProcedureComponent:
    """A document of the dossier (thành phần hồ sơ), with its form."""

    version_id: int
    position: int
    name: str
    required: bool
    copies: int
    form: str | None = None
    form_url: str | None = None
    id: int = dataclasses.field(init=False)


@dataclass
class ProcedureAgency:
    """A link of the chain of agencies (liên thông): position 1 is the handling agency, the
    dossier passes to the next one after each."""

    version_id: int
    position: int
    unit_id: int
    task: str | None = None
    id: int = dataclasses.field(init=False)


def update_due(issued_on: date) -> date:
    """The last day to record a version of a document issued on `issued_on`."""
    return issued_on + timedelta(days=UPDATE_DAYS)


@dataclass(frozen=True)
class ProcedureDetails:
    """A version with its components and its chain, as readers and use cases hand it on."""

    version: ProcedureVersion
    components: tuple[ProcedureComponent, ...]
    chain: tuple[ProcedureAgency, ...]
