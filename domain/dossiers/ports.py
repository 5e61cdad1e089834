"""Storage ports of the dossiers, and what they read of the catalog and the applicants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from domain.dossiers.components import ComponentRule
from domain.dossiers.model import (
    ApologyLetter,
    Dossier,
    DossierComponent,
    DossierMessage,
    DossierStep,
    OverdueNotice,
    Supplement,
    Survey,
)
from domain.notifications.ports import NotificationRepository
from domain.ports import UnitOfWork
from domain.reflections.uploads import MediaUploadRepository


@dataclass(frozen=True)
class ProcedureTerms:
    """A procedure version as the dossier flow needs it: the chain of agencies (unit ids,
    the receiving agency first), the processing days and the components."""

    procedure_id: int
    version_id: int
    code: str
    name: str
    processing_days: int
    chain: tuple[int, ...]
    components: tuple[ComponentRule, ...]
    online: bool = True  # the version takes dossiers online


class Standing(StrEnum):
    """An applicant account's standing, as the dossier flow sees it."""

    ACTIVE = "ACTIVE"  # verified and approved: submits dossiers
    UNVERIFIED = "UNVERIFIED"  # the email or SMS code is not confirmed yet
    PENDING = "PENDING"  # verified; the account office has not approved it yet
    BLOCKED = "BLOCKED"  # suspended, cancelled or refused


@dataclass(frozen=True)
class ApplicantFacts:
    """An applicant account: its standing and the name letters are addressed to."""

    account_id: int
    standing: Standing
    full_name: str = ""


class DossierRepository(Protocol):
    """Dossiers, their files, log, supplements, letters, notices, surveys and register."""

    async def get(self, dossier_id: int) -> Dossier | None: ...
    async def add(self, dossier: Dossier) -> Dossier: ...
    async def touch(self, dossier: Dossier) -> None:
        """Mark the dossier changed, so its version moves on even when no column did."""
        ...

    async def current_version(self, dossier_id: int) -> int | None:
        """The committed version, read afresh (not from this unit of work's cache)."""
        ...

    async def components_of(self, dossier_id: int) -> list[DossierComponent]: ...
    async def add_component(self, component: DossierComponent) -> None: ...
    async def add_step(self, step: DossierStep) -> DossierStep: ...
    async def add_supplement(self, supplement: Supplement) -> None: ...
    async def latest_supplement(self, dossier_id: int) -> Supplement | None:
        """The latest request to complete or supplement the dossier (answered or not)."""
        ...

    async def add_apology(self, letter: ApologyLetter) -> ApologyLetter: ...
    async def add_notice(self, notice: OverdueNotice) -> None: ...
    async def add_survey(self, survey: Survey) -> None: ...
    async def next_result_number(self, unit_id: int, year: int) -> int:
        """The next number of the agency's register of results for the year (locked until
        the transaction ends: numbers are never given twice)."""
        ...

    async def terms(self, procedure_id: int) -> ProcedureTerms | None:
        """The procedure's current version (None: no such procedure)."""
        ...

    async def terms_of_version(self, version_id: int) -> ProcedureTerms | None: ...
    async def applicant(self, account_id: int) -> ApplicantFacts | None: ...
    async def may_handle(self, person_id: int, unit_id: int, unit_path: str) -> bool:
        """Whether the person may be given the agency's dossiers: its own active staff, or a
        SPECIALIST or LEADER grant over it."""
        ...


class DossierMessageRepository(Protocol):
    """Messages owed to applicants, written in the transaction of the step."""

    async def add(self, message: DossierMessage) -> None: ...


class DossierUploads(MediaUploadRepository, Protocol):
    """The media store, which also gives files to dossiers."""

    async def attach_to_dossier(self, keys: Sequence[str], dossier_id: int) -> int:
        """Give the not yet taken uploads among `keys` to the dossier; how many were."""
        ...


class DossierUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that also reaches the dossiers."""

    dossiers: DossierRepository
    dossier_messages: DossierMessageRepository
    media: DossierUploads
    notifications: NotificationRepository
