"""Online registration (002 Art. 10.1a): an anonymous, rate-limited write; a code by email
or SMS; the verification puts the account in the account office's queue."""

from __future__ import annotations

import secrets
from datetime import timedelta

from domain.accounts.model import Account, AccountKind
from domain.accounts.services import normalize_login
from domain.accounts.tokens import digest
from domain.applicants import data, workflow
from domain.applicants.commands import (
    CountApplicantWrite,
    RegisterApplicant,
    ResendApplicantCode,
    VerifyApplicant,
    VerifyOutcome,
)
from domain.applicants.model import (
    Applicant,
    ApplicantMessage,
    ApplicantRequest,
    ApplicantStatus,
    MessageKind,
    RequestKind,
    RequestStatus,
)
from domain.applicants.ports import ApplicantUnitOfWork
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode
from domain.events import ACCESS_CHANGED
from domain.text import clean_text, fold

WRITES_PER_HOUR = {"register": 5, "verify": 20, "resend": 10}
"""Anonymous writes one client address may make in an hour, per kind."""
CODE_TTL = timedelta(hours=24)
CODE_TRIES = 5
"""Wrong codes after which the code is void (ask for a new one)."""
RESEND_AFTER = timedelta(seconds=60)
UNVERIFIED_DAYS = 7
"""Days after which an unverified registration is deleted (Art. 10.3b)."""

_BAD_CODE = DomainError(
    ErrorCode.INVALID_CODE, "The code is wrong or has expired; ask for a new one", "code"
)


@handles(CountApplicantWrite)
async def count_write(
    uow: ApplicantUnitOfWork, caller: Caller, command: CountApplicantWrite
) -> int:
    """Count this write against its client address, committed on its own."""
    return await uow.accounts.count_attempt(
        f"applicant-{command.purpose}:{command.address}",
        caller.now,
        caller.now - timedelta(hours=1),
    )


def within_rate(count: int, purpose: str) -> None:
    """Refuse a write over the hourly limit of its address."""
    if count > WRITES_PER_HOUR[purpose]:
        raise DomainError(ErrorCode.RATE_LIMITED, "Too many attempts from this address; try later")


def _code_hash(login: str, code: str) -> str:
    return digest(f"applicant-code:{login}:{code}")


async def _send_code(
    uow: ApplicantUnitOfWork, caller: Caller, applicant: Applicant, login: str
) -> None:
    code = f"{secrets.randbelow(1_000_000):06d}"
    applicant.code_hash, applicant.code_sent_at = _code_hash(login, code), caller.now
    applicant.code_attempts = 0
    await uow.applicants.add_message(
        ApplicantMessage(applicant.id, MessageKind.VERIFY_CODE, caller.now, secret=code)
    )


@handles(RegisterApplicant)
async def register(
    uow: ApplicantUnitOfWork, caller: Caller, command: RegisterApplicant
) -> Applicant:
    """Create the CITIZEN sign-in account (disabled until verified) and the profile; queue the
    code to the chosen channel. A taken login: DUPLICATE_LOGIN."""
    config, now = command.config, caller.now
    login = normalize_login(
        clean_text(command.login_name, field="login", max_length=254, required=True)
    )
    checked = data.check(command.kind, command.data, caller.calendar.local_date(now))
    data.reachable(checked, command.verify_channel)
    config.policy.check(command.password, login=login)
    if await uow.accounts.get_by_login(login) is not None:
        raise DomainError(ErrorCode.DUPLICATE_LOGIN, "This login is taken", "login")
    account = await uow.accounts.add(
        Account(
            login=login,
            kind=AccountKind.CITIZEN,
            password_hash=config.hasher.hash(command.password),
            created_at=now,
            password_changed_at=now,
            disabled=True,
        )
    )
    applicant = Applicant(
        account_id=account.id,
        kind=command.kind,
        status=ApplicantStatus.UNVERIFIED,
        full_name=checked.full_name,
        search_name=fold(checked.full_name),
        identity_number=checked.identity_number,
        address=checked.address,
        email=checked.email,
        phone=checked.phone,
        verify_channel=command.verify_channel,
        registered_at=now,
        date_of_birth=checked.date_of_birth,
        representative=checked.representative,
        status_changed_at=now,
    )
    await uow.applicants.add(applicant)
    await _send_code(uow, caller, applicant, login)
    uow.record(ACCESS_CHANGED)
    return applicant


async def _unverified(
    uow: ApplicantUnitOfWork, login_name: str
) -> tuple[Account, Applicant] | None:
    account = await uow.accounts.get_by_login(normalize_login(login_name)[:254])
    applicant = await uow.applicants.by_account(account.id) if account else None
    if account is None or applicant is None or applicant.status is not ApplicantStatus.UNVERIFIED:
        return None
    return account, applicant


@handles(VerifyApplicant)
async def verify(
    uow: ApplicantUnitOfWork, caller: Caller, command: VerifyApplicant
) -> VerifyOutcome:
    """Check the code: the account signs in from now on and waits for the office's approval
    (a REGISTRATION request due in 1 working day). Every refusal reads the same; a wrong
    code is counted (returned, not raised, so the count commits), the fifth voids the code."""
    now, found = caller.now, await _unverified(uow, command.login_name)
    if found is None:
        return VerifyOutcome(error=_BAD_CODE)
    account, applicant = found
    sent = applicant.code_sent_at
    if applicant.code_hash is None or sent is None or now - sent > CODE_TTL:
        return VerifyOutcome(error=_BAD_CODE)
    code = command.code.strip()
    if not secrets.compare_digest(applicant.code_hash, _code_hash(account.login, code[:12])):
        applicant.code_attempts += 1
        if applicant.code_attempts >= CODE_TRIES:
            applicant.code_hash = None
        return VerifyOutcome(error=_BAD_CODE)
    applicant.code_hash, applicant.verified_at = None, now
    workflow.move(applicant, account, ApplicantStatus.PENDING_APPROVAL, now)
    await uow.applicants.add_request(
        ApplicantRequest(
            applicant_id=applicant.id,
            kind=RequestKind.REGISTRATION,
            status=RequestStatus.OPEN,
            submitted_at=now,
            due_at=workflow.due(caller.calendar, now),
        )
    )
    uow.record(ACCESS_CHANGED)
    return VerifyOutcome(applicant=applicant)


@handles(ResendApplicantCode)
async def resend(uow: ApplicantUnitOfWork, caller: Caller, command: ResendApplicantCode) -> None:
    """A new code for an unverified registration, at most once a minute; silent otherwise."""
    found = await _unverified(uow, command.login_name)
    if found is None:
        return
    account, applicant = found
    sent = applicant.code_sent_at
    if sent is not None and caller.now - sent < RESEND_AFTER:
        return
    await _send_code(uow, caller, applicant, account.login)
