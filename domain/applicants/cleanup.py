"""The scheduler's sweep: a registration not verified within 7 days is deleted with its
sign-in account (002 Art. 10.3b)."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.applicants.ports import ApplicantUnitOfWork
from domain.applicants.registration import UNVERIFIED_DAYS
from domain.events import ACCESS_CHANGED


async def delete_unverified(uow: ApplicantUnitOfWork, *, now: datetime, batch: int = 500) -> int:
    """Delete up to `batch` registrations made over 7 days ago and still unverified; how
    many (the caller commits)."""
    found = await uow.applicants.unverified_before(now - timedelta(days=UNVERIFIED_DAYS), batch)
    for applicant in found:
        await uow.applicants.delete(applicant)
    if found:
        uow.record(ACCESS_CHANGED)
    return len(found)
