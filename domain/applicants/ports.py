"""Storage ports of applicant accounts."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.applicants.model import Applicant, ApplicantMessage, ApplicantRequest
from domain.ports import UnitOfWork


class ApplicantRepository(Protocol):
    """Applicant profiles, the office's requests and the messages owed to applicants."""

    async def get(self, applicant_id: int) -> Applicant | None: ...
    async def by_account(self, account_id: int) -> Applicant | None: ...
    async def add(self, applicant: Applicant) -> Applicant:
        """Add the profile (it has its id on return)."""
        ...

    async def touch(self, applicant: Applicant) -> None:
        """Mark the profile changed, so its version moves on even when no column did."""
        ...

    async def open_request(self, applicant_id: int) -> ApplicantRequest | None: ...
    async def get_request(self, request_id: int) -> ApplicantRequest | None: ...
    async def add_request(self, request: ApplicantRequest) -> ApplicantRequest: ...
    async def add_message(self, message: ApplicantMessage) -> None:
        """Queue a message: written with the unit of work's commit."""
        ...

    async def unverified_before(self, before: datetime, limit: int) -> list[Applicant]:
        """Profiles still UNVERIFIED that registered before `before`, oldest first, locked
        for this unit of work (skipping those another worker holds)."""
        ...

    async def delete(self, applicant: Applicant) -> None:
        """Delete the profile with its messages, requests and sign-in account."""
        ...


class ApplicantUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that also reaches applicant accounts."""

    applicants: ApplicantRepository
