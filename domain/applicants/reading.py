"""The read port of applicant accounts (the account office's lists, one's own account)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from domain.applicants.model import (
    Applicant,
    ApplicantRequest,
    ApplicantStatus,
    RequestKind,
    RequestStatus,
)
from domain.paging import Seek


@dataclass(frozen=True)
class RequestFilter:
    """Which requests the office's queue shows (oldest due first)."""

    status: RequestStatus | None = RequestStatus.OPEN
    kind: RequestKind | None = None
    applicant_id: int | None = None


@dataclass(frozen=True)
class ApplicantFilter:
    """Which accounts the office's list shows: a status, every word of `search` in the name."""

    status: ApplicantStatus | None = None
    words: tuple[str, ...] = ()


class ApplicantReader(Protocol):
    """Read-only batch queries; every method is one SQL statement."""

    async def applicants_by_ids(self, ids: Sequence[int]) -> list[Applicant]: ...
    async def applicant_by_account(self, account_id: int) -> Applicant | None: ...
    async def applicants(
        self, where: ApplicantFilter, *, seek: Seek[int], limit: int
    ) -> list[Applicant]:
        """Accounts by id, between the ids the seek names, either way."""
        ...

    async def count_applicants(self, where: ApplicantFilter) -> int: ...
    async def requests(
        self, where: RequestFilter, *, seek: Seek[tuple[str, int]], limit: int
    ) -> list[ApplicantRequest]:
        """Requests by due time then id, between the (due time ISO, id) keys the seek
        names, either way."""
        ...

    async def count_requests(self, where: RequestFilter) -> int: ...
    async def requests_of(self, applicant_ids: Sequence[int]) -> list[ApplicantRequest]:
        """Every request of the accounts, newest first."""
        ...
