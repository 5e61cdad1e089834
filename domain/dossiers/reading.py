"""The read port of the dossiers: staff queues, an applicant's own, the public lookup, batches
of what hangs off a page of dossiers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from domain.dossiers.model import (
    ApologyLetter,
    Dossier,
    DossierComponent,
    DossierState,
    DossierStep,
    OverdueNotice,
    StatusClass,
    Supplement,
    Survey,
)
from domain.paging import Seek
from domain.permissions import DossierScope


class DossierSort(StrEnum):
    """Orders of the lists."""

    DUE = "DUE"  # the running limit first (the queues); done dossiers last
    NEWEST = "NEWEST"  # submitted last first


FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)
Key = tuple[str, int]


def sort_key(dossier: Dossier, sort: DossierSort) -> Key:
    """The keyset position of a dossier in a list (the `after` of the next page)."""
    if sort is DossierSort.NEWEST:
        return (dossier.submitted_at.isoformat(), dossier.id)
    return ((dossier.due_at or FAR_FUTURE).isoformat(), dossier.id)


@dataclass(frozen=True)
class DossierFilter:
    """What a list shows (always inside the caller's DossierScope). `agency`: received by
    that agency (id, path; and its subtree when `agency_subtree`); `holder_id`: held by it
    now (0: by no agency there is)."""

    states: tuple[DossierState, ...] = ()
    agency: tuple[int, str] | None = None
    agency_subtree: bool = False
    holder_id: int | None = None
    holder_person_id: int | None = None
    procedure_ids: tuple[int, ...] = ()
    status_classes: tuple[StatusClass, ...] = ()
    overdue: bool | None = None
    submitted_from: datetime | None = None
    submitted_to: datetime | None = None
    tracking_code: str | None = None
    now: datetime = FAR_FUTURE  # what "overdue" is judged against


@dataclass(frozen=True)
class ApplicantContact:
    """The applicant as the handling agencies read it on a dossier (confidential: PERMISSIONS.md
    shows it to the applicant and to the agencies handling one of its dossiers)."""

    account_id: int
    kind: str
    full_name: str
    address: str
    email: str | None
    phone: str | None


class DossierReader(Protocol):
    """Read-only queries; each method is one SQL statement."""

    async def dossiers(
        self,
        where: DossierFilter,
        scope: DossierScope,
        *,
        sort: DossierSort,
        seek: Seek[Key],
        limit: int,
    ) -> list[Dossier]:
        """A page in the sort's order between the keys the seek names, either way
        (domain.paging.Seek: a backward read comes nearest `before` first)."""
        ...

    async def count(self, where: DossierFilter, scope: DossierScope) -> int: ...
    async def by_ids(self, ids: Sequence[int]) -> list[Dossier]: ...
    async def by_tracking_code(self, code: str) -> Dossier | None: ...
    async def chains(self, version_ids: Sequence[int]) -> dict[int, tuple[tuple[int, str], ...]]:
        """Each version's chain of agencies as (unit id, path), the receiving agency first."""
        ...

    async def steps_of(self, ids: Sequence[int]) -> list[DossierStep]: ...
    async def components_of(self, ids: Sequence[int]) -> list[DossierComponent]: ...
    async def supplements_of(self, ids: Sequence[int]) -> list[Supplement]: ...
    async def apologies_of(self, ids: Sequence[int]) -> list[ApologyLetter]: ...
    async def apology(self, letter_id: int) -> ApologyLetter | None: ...
    async def notices_of(self, ids: Sequence[int]) -> list[OverdueNotice]: ...
    async def surveys_of(self, ids: Sequence[int]) -> list[Survey]: ...
    async def applicants(self, account_ids: Sequence[int]) -> list[ApplicantContact]: ...
    async def persons_of_accounts(self, account_ids: Sequence[int]) -> dict[int, int]:
        """The person behind each staff account (applicants' accounts have none)."""
        ...
