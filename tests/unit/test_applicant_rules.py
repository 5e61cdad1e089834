"""Applicant accounts' rules without I/O: the code, the office's decisions on the calendar,
the 7-day sweep, who reads an account, identity formats, what the messages say."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.accounts.model import Role
from domain.applicants import access, cleanup, data, office, registration, workflow
from domain.applicants.commands import (
    ApplicantData,
    DataChanges,
    DecideApplicantRequest,
    RequestAccountChange,
    VerifyApplicant,
)
from domain.applicants.messages import ApplicantFacts, applicant_messages_for
from domain.applicants.model import (
    SIGNS_IN,
    ApplicantKind,
    ApplicantMessage,
    ApplicantStatus,
    MessageKind,
    RequestKind,
    RequestStatus,
    VerifyChannel,
)
from domain.errors import DomainError, ErrorCode
from domain.notifications.channels import Channel
from domain.permissions import (
    Grant,
    Principal,
    PrincipalKind,
    can_view_applicant,
    is_account_office,
)
from tests.callers import DEFAULT_CALENDAR, caller
from tests.unit.catalog_fakes import CatalogUnitOfWork, add_applicant

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # Friday 10:00 in Huế
S = ApplicantStatus
OFFICE = Principal(
    PrincipalKind.STAFF, account_id=900, grants=(Grant(Role.ACCOUNT_OFFICE, "/1/14/", False),)
)


def _code(uow: CatalogUnitOfWork, applicant_id: int, login: str, code: str) -> None:
    applicant = uow.applicants.applicants[applicant_id]
    applicant.code_hash = registration._code_hash(login, code)
    applicant.code_sent_at = NOW


async def test_a_verified_code_queues_the_registration_for_one_working_day() -> None:
    uow = CatalogUnitOfWork()
    applicant = add_applicant(uow, S.UNVERIFIED, NOW)
    _code(uow, applicant.id, "hoa@example.vn", "123456")
    done = await registration.verify(
        uow,
        caller(Principal(PrincipalKind.ANONYMOUS), NOW),
        VerifyApplicant("HOA@example.vn ", "123456"),
    )
    assert done.error is None
    assert applicant.status is S.PENDING_APPROVAL
    assert uow.accounts.accounts[applicant.account_id].disabled is False
    [request] = uow.applicants.requests
    assert request.kind is RequestKind.REGISTRATION
    assert request.due_at == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # Monday 17:00


async def test_wrong_codes_count_and_the_fifth_voids_it() -> None:
    uow = CatalogUnitOfWork()
    applicant = add_applicant(uow, S.UNVERIFIED, NOW)
    _code(uow, applicant.id, "hoa@example.vn", "123456")
    anyone = caller(Principal(PrincipalKind.ANONYMOUS), NOW)
    for n in range(1, 6):
        refused = await registration.verify(
            uow, anyone, VerifyApplicant("hoa@example.vn", "654321")
        )
        assert refused.error is not None
        assert refused.error.code is ErrorCode.INVALID_CODE
        assert applicant.code_attempts == n
    assert applicant.code_hash is None
    late = await registration.verify(uow, anyone, VerifyApplicant("hoa@example.vn", "123456"))
    assert late.error is not None
    assert applicant.status is S.UNVERIFIED


async def test_the_sweep_deletes_only_unverified_registrations_over_7_days_old() -> None:
    uow = CatalogUnitOfWork()
    old = add_applicant(uow, S.UNVERIFIED, NOW - timedelta(days=7, minutes=1), "a@x.vn")
    add_applicant(uow, S.UNVERIFIED, NOW - timedelta(days=6, hours=23), "b@x.vn")
    add_applicant(uow, S.PENDING_APPROVAL, NOW - timedelta(days=30), "c@x.vn")
    assert await cleanup.delete_unverified(uow, now=NOW) == 1
    assert uow.applicants.deleted == [old.id]


@pytest.mark.parametrize(
    ("kind", "approve", "before", "after"),
    [
        (RequestKind.SUSPEND, True, S.ACTIVE, S.SUSPENDED),
        (RequestKind.REACTIVATE, True, S.SUSPENDED, S.ACTIVE),
        (RequestKind.CANCEL, True, S.SUSPENDED, S.CANCELLED),
        (RequestKind.CANCEL, False, S.ACTIVE, S.ACTIVE),
    ],
)
async def test_the_office_decides_requests(
    kind: RequestKind, approve: bool, before: ApplicantStatus, after: ApplicantStatus
) -> None:
    uow = CatalogUnitOfWork()
    applicant = add_applicant(uow, before, NOW - timedelta(days=30))
    me = Principal(PrincipalKind.CITIZEN, account_id=applicant.account_id)
    request = await office.request_change(
        uow, caller(me, NOW), RequestAccountChange(kind, None, "Lý do")
    )
    decided = await office.decide(
        uow,
        caller(OFFICE, NOW),
        DecideApplicantRequest(request.id, None, approve, None if approve else "Không đủ căn cứ"),
    )
    assert decided.status is (RequestStatus.APPROVED if approve else RequestStatus.REFUSED)
    assert applicant.status is after
    assert uow.accounts.accounts[applicant.account_id].disabled is (after not in SIGNS_IN)
    [message] = uow.applicants.messages
    assert message.kind is workflow.TOLD.get((kind, approve), MessageKind.REQUEST_REFUSED)


@pytest.mark.parametrize("status", [S.ACTIVE, S.SUSPENDED, S.CANCELLED, S.PENDING_APPROVAL])
@pytest.mark.parametrize(
    "kind", [RequestKind.EDIT, RequestKind.SUSPEND, RequestKind.CANCEL, RequestKind.REACTIVATE]
)
async def test_which_requests_a_status_may_make(status: ApplicantStatus, kind: RequestKind) -> None:
    uow = CatalogUnitOfWork()
    applicant = add_applicant(uow, status, NOW)
    me = Principal(PrincipalKind.CITIZEN, account_id=applicant.account_id)
    edit = DataChanges(address="20 Lê Lợi") if kind is RequestKind.EDIT else None
    command = RequestAccountChange(kind, None, changes=edit)
    if status in workflow.REQUESTABLE[kind]:
        request = await office.request_change(uow, caller(me, NOW), command)
        assert request.status is RequestStatus.OPEN
        return
    with pytest.raises(DomainError) as refused:
        await office.request_change(uow, caller(me, NOW), command)
    assert refused.value.code is ErrorCode.INVALID_STATE


async def test_only_an_active_applicant_acts_for_dossiers() -> None:
    uow = CatalogUnitOfWork()
    applicant = add_applicant(uow, S.SUSPENDED, NOW)
    me = Principal(PrincipalKind.CITIZEN, account_id=applicant.account_id)
    assert await access.signed_in_applicant(uow, me) is applicant
    with pytest.raises(DomainError) as suspended:
        await access.active_applicant(uow, me)
    assert suspended.value.code is ErrorCode.APPLICANT_NOT_ACTIVE
    applicant.status = S.ACTIVE
    assert await access.active_applicant(uow, me) is applicant
    for stranger in (
        OFFICE,
        Principal(PrincipalKind.ANONYMOUS),
        Principal(PrincipalKind.CITIZEN, account_id=12345),
    ):
        with pytest.raises(DomainError) as refused:
            await access.active_applicant(uow, stranger)
        assert refused.value.code is ErrorCode.UNAUTHENTICATED


def _principal(kind: PrincipalKind, *grants: Grant, account_id: int = 50) -> Principal:
    return Principal(kind, account_id=account_id, grants=grants)


@pytest.mark.parametrize(
    ("principal", "office_", "sees"),
    [
        (_principal(PrincipalKind.CITIZEN, account_id=7), False, True),  # itself
        (_principal(PrincipalKind.CITIZEN, account_id=8), False, False),  # another applicant
        (_principal(PrincipalKind.STAFF, Grant(Role.ACCOUNT_OFFICE, "/1/14/", False)), True, True),
        (_principal(PrincipalKind.STAFF, Grant(Role.ADMIN, "/1/", True)), True, True),
        (_principal(PrincipalKind.STAFF, Grant(Role.ADMIN, "/1/5/", True)), False, False),
        (_principal(PrincipalKind.STAFF, Grant(Role.OVERSEER, "/1/", True)), False, False),
        (
            _principal(PrincipalKind.INTEGRATOR, Grant(Role.ACCOUNT_OFFICE, "/1/", True)),
            False,
            False,
        ),
        (
            _principal(
                PrincipalKind.CITIZEN, Grant(Role.ACCOUNT_OFFICE, "/1/", True), account_id=8
            ),
            False,
            False,
        ),
        (Principal(PrincipalKind.ANONYMOUS), False, False),
    ],
)
def test_who_reads_an_applicant_account(principal: Principal, office_: bool, sees: bool) -> None:
    assert is_account_office(principal) is office_
    assert can_view_applicant(principal, 7) is sees


def test_an_agency_handling_a_dossier_reads_the_account() -> None:
    leader = _principal(PrincipalKind.STAFF, Grant(Role.LEADER, "/1/5/", True))
    assert can_view_applicant(leader, 7) is False
    assert can_view_applicant(leader, 7, handles_dossier=True) is True
    stranger = _principal(PrincipalKind.CITIZEN, account_id=8)
    assert can_view_applicant(stranger, 7, handles_dossier=True) is False


@pytest.mark.parametrize(
    ("kind", "number", "ok"),
    [
        (ApplicantKind.CITIZEN, "046190001234", True),
        (ApplicantKind.CITIZEN, "191234567", True),
        (ApplicantKind.CITIZEN, "04619000123", False),
        (ApplicantKind.BUSINESS, "3300123456", True),
        (ApplicantKind.BUSINESS, "3300123456-001", True),
        (ApplicantKind.BUSINESS, "33001234", False),
        (ApplicantKind.ORGANISATION, "123/QD-UBND", True),
        (ApplicantKind.ORGANISATION, "x", False),
    ],
)
def test_identity_numbers_per_kind(kind: ApplicantKind, number: str, ok: bool) -> None:
    if ok:
        assert data.identity(kind, number) == number
        return
    with pytest.raises(DomainError) as refused:
        data.identity(kind, number)
    assert refused.value.field == "identityNumber"


def test_a_citizens_data_is_checked_and_cleaned() -> None:
    cleaned = data.check(
        ApplicantKind.CITIZEN,
        ApplicantData(
            " Nguyễn Thị Hoa ", "0461 9000 1234", "Huế", "HOA@Example.vn", None, date(1990, 1, 1)
        ),
        date(2026, 11, 20),
    )
    assert (cleaned.full_name, cleaned.identity_number, cleaned.email) == (
        "Nguyễn Thị Hoa",
        "046190001234",
        "hoa@example.vn",
    )
    with pytest.raises(DomainError) as no_phone:
        data.reachable(cleaned, VerifyChannel.SMS)
    assert no_phone.value.field == "phone"


FACTS = ApplicantFacts(
    "hoa@example.vn", "0905 111 222", VerifyChannel.SMS, note="Số định danh không khớp"
)


def test_the_code_goes_to_its_channel_only() -> None:
    message = ApplicantMessage(1, MessageKind.VERIFY_CODE, NOW, secret="482913")
    message.id = 1
    [sms] = applicant_messages_for(message, FACTS)
    assert (sms.channel, sms.to) == (Channel.SMS, "0905 111 222")
    assert "482913" in sms.body
    by_email = ApplicantFacts("hoa@example.vn", "0905 111 222", VerifyChannel.EMAIL)
    [email] = applicant_messages_for(message, by_email)
    assert email.channel is Channel.EMAIL
    message.secret = None  # delivered already: nothing more to send
    assert applicant_messages_for(message, FACTS) == []


@pytest.mark.parametrize("kind", [k for k in MessageKind if k is not MessageKind.VERIFY_CODE])
def test_an_sms_holds_no_personal_data_and_no_note(kind: MessageKind) -> None:
    message = ApplicantMessage(1, kind, NOW, request_id=3)
    message.id = 2
    found = {m.channel: m for m in applicant_messages_for(message, FACTS)}
    assert set(found) == {Channel.EMAIL, Channel.SMS}
    assert "Số định danh không khớp" in found[Channel.EMAIL].body  # the reason: by email
    assert "Số định danh" not in found[Channel.SMS].body
    assert "hoa" not in found[Channel.SMS].body.lower()
    assert found[Channel.SMS].identity == f"applicant-message/2/{Channel.SMS.value}"


def test_the_decision_sla_is_one_working_day_on_the_calendar() -> None:
    saturday = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
    assert workflow.due(DEFAULT_CALENDAR, saturday) == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    in_tet = datetime(2027, 2, 4, 3, 0, tzinfo=UTC)  # Tết 2027: 4-10 February off
    assert workflow.due(DEFAULT_CALENDAR, in_tet) == datetime(2027, 2, 11, 10, 0, tzinfo=UTC)
