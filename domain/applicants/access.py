"""The signed-in applicant, for use cases that act for it (its account, its dossiers)."""

from __future__ import annotations

from domain.applicants.model import Applicant, ApplicantStatus
from domain.applicants.ports import ApplicantUnitOfWork
from domain.errors import DomainError, ErrorCode, Unauthenticated
from domain.permissions import Principal, PrincipalKind


async def signed_in_applicant(uow: ApplicantUnitOfWork, actor: Principal) -> Applicant:
    """The caller's applicant profile, whatever its status; UNAUTHENTICATED when the caller
    is not signed in to an applicant account."""
    if actor.kind is not PrincipalKind.CITIZEN or actor.account_id is None:
        raise Unauthenticated
    applicant = await uow.applicants.by_account(actor.account_id)
    if applicant is None:
        raise Unauthenticated
    return applicant


async def active_applicant(uow: ApplicantUnitOfWork, actor: Principal) -> Applicant:
    """The caller's applicant profile, which must be approved and not suspended
    (APPLICANT_NOT_ACTIVE otherwise): the one that may submit dossiers."""
    applicant = await signed_in_applicant(uow, actor)
    if applicant.status is not ApplicantStatus.ACTIVE:
        raise DomainError(
            ErrorCode.APPLICANT_NOT_ACTIVE,
            f"The account is {applicant.status.value.lower().replace('_', ' ')}",
        )
    return applicant
