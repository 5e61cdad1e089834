"""The commands of the dossier flow; each is handled by one use case of this package."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.commands import Command
from domain.dossiers.components import ComponentFile
from domain.dossiers.model import (
    DeliveryMethod,
    Dossier,
    PaymentMethod,
    ResultKind,
    SurveyCriterion,
)
from domain.dossiers.workflow import Action


@dataclass(frozen=True, slots=True)
class SubmitDossier(Command[Dossier]):
    """A signed-in, active applicant applies for a procedure (its current version)."""

    procedure_id: int
    files: tuple[ComponentFile, ...]
    payment: PaymentMethod
    delivery: DeliveryMethod
    delivery_address: str | None = None


@dataclass(frozen=True)
class StepInput:
    """What the caller sends with a step; each step reads the fields it needs."""

    action: Action
    note: str | None = None
    missing_components: tuple[int, ...] = ()
    staff_at_fault: bool = False
    assignee_person_id: int | None = None
    result_kind: ResultKind | None = None
    register_symbol: str | None = None
    result_upload_key: str | None = None
    new_due: datetime | None = None
    files: tuple[ComponentFile, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ActOnDossier(Command[Dossier]):
    """Move a dossier one step, checked against the version the caller read."""

    dossier_id: int
    version: int | None
    step: StepInput


@dataclass(frozen=True, slots=True)
class RateDossier(Command[Dossier]):
    """The applicant answers the 8-criteria survey of a done dossier."""

    dossier_id: int
    scores: tuple[tuple[SurveyCriterion, int | None], ...]
    comment: str | None = None
