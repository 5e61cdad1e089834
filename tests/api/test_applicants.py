"""Applicant accounts end to end (002 Art. 10): registration, the code, the office's queue on
the working calendar, sign-in, edits, suspension, cancellation, reactivation, the 7-day
sweep, and what the messages say."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from domain.clock import FixedClock
from domain.notifications.channels import Channel
from govgraph.container import Container
from govgraph.scheduler import applicant_channel_jobs
from govgraph.scheduler_jobs import applicant_jobs
from persistence import applicant_tables as at
from persistence import tables as t
from tests.api.catalog_factories import (
    APPLICANT_PASSWORD,
    ASK,
    CITIZEN_DATA,
    DECIDE,
    MINE,
    active_applicant,
    decide,
    last_code,
    open_requests,
    register,
    verify,
)
from tests.api.test_reporter_messages import record
from tests.factories import Api, Province

LOGIN = "hoa.nguyen@example.vn"


async def test_register_verify_approve_and_sign_in(
    api: Api, province: Province, container: Container
) -> None:
    registered = await register(api, LOGIN)
    assert registered["errors"] == []
    assert registered["account"]["status"] == "UNVERIFIED"
    refused = await api.login(LOGIN, APPLICANT_PASSWORD)  # not before the code is confirmed
    assert [e["code"] for e in refused["errors"]] == ["INVALID_CREDENTIALS"]
    verified = await verify(api, LOGIN, await last_code(container))
    assert verified["errors"] == []
    assert verified["account"]["status"] == "PENDING_APPROVAL"
    [request] = await open_requests(api)
    assert request["kind"] == "REGISTRATION"
    # verified on Friday 2026-11-20 at 10:00: due by the end of Monday's sessions (17:00)
    assert request["dueAt"] == "2026-11-23T10:00:00+00:00"
    assert request["late"] is False
    assert request["account"]["fullName"] == "Nguyễn Thị Hoa"
    api.token = None
    signed = await api.login(LOGIN, APPLICANT_PASSWORD)  # verified: signs in, waits
    assert signed["errors"] == []
    mine = (await api.data(MINE))["myApplicantAccount"]
    assert mine["status"] == "PENDING_APPROVAL"
    assert mine["requests"] == [{"kind": "REGISTRATION", "status": "OPEN"}]
    await api.login("admin@hue.gov.vn")
    decided = await decide(api, request["id"])
    assert decided["request"]["account"]["status"] == "ACTIVE"
    await api.login(LOGIN, APPLICANT_PASSWORD)
    mine = (await api.data(MINE))["myApplicantAccount"]
    assert mine["status"] == "ACTIVE"
    assert mine["identityNumber"] == "046190001234"
    assert await open_requests(api) == []


async def test_the_office_queue_flags_a_late_decision(
    api: Api, province: Province, container: Container, clock: FixedClock
) -> None:
    await register(api, LOGIN)
    await verify(api, LOGIN, await last_code(container))
    clock.instant += timedelta(days=4)  # Tuesday: Monday 17:00 has passed
    [request] = await open_requests(api)
    assert request["late"] is True


async def test_a_refused_registration_cannot_sign_in(
    api: Api, province: Province, container: Container
) -> None:
    await register(api, LOGIN)
    await verify(api, LOGIN, await last_code(container))
    [request] = await open_requests(api)
    no_reason = await decide(api, request["id"], approve=False)
    assert [(e["code"], e["field"]) for e in no_reason["errors"]] == [("INVALID_INPUT", "note")]
    refused = await decide(api, request["id"], approve=False, note="Số định danh không khớp")
    assert refused["request"]["account"]["status"] == "REFUSED"
    again = await decide(api, request["id"])
    assert [e["code"] for e in again["errors"]] == ["INVALID_STATE"]
    api.token = None
    signed = await api.login(LOGIN, APPLICANT_PASSWORD)
    assert [e["code"] for e in signed["errors"]] == ["INVALID_CREDENTIALS"]


async def test_wrong_codes_are_typed_and_the_fifth_voids_the_code(
    api: Api, province: Province, container: Container, clock: FixedClock
) -> None:
    await register(api, LOGIN)
    code = await last_code(container)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        refused = await verify(api, LOGIN, wrong)
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_CODE", "code")]
    voided = await verify(api, LOGIN, code)
    assert [e["code"] for e in voided["errors"]] == ["INVALID_CODE"]
    unknown = await verify(api, "nobody@example.vn", code)  # reads the same
    assert unknown["errors"] == voided["errors"]
    clock.instant += timedelta(minutes=2)
    body = await api.post(
        "mutation($l: String!) { resendApplicantCode(login: $l) { ok errors { code } } }",
        {"l": LOGIN},
    )
    assert body["data"]["resendApplicantCode"] == {"ok": True, "errors": []}
    fresh = await last_code(container)
    verified = await verify(api, LOGIN, fresh)
    assert verified["errors"] == []


async def test_a_code_expires_after_a_day(
    api: Api, province: Province, container: Container, clock: FixedClock
) -> None:
    await register(api, LOGIN)
    code = await last_code(container)
    clock.instant += timedelta(hours=25)
    expired = await verify(api, LOGIN, code)
    assert [e["code"] for e in expired["errors"]] == ["INVALID_CODE"]


async def test_the_scheduler_deletes_registrations_unverified_after_7_days(
    api: Api, province: Province, container: Container, clock: FixedClock
) -> None:
    await register(api, LOGIN)
    await register(api, "kept@example.vn", email="kept@example.vn")
    code = await last_code(container)
    assert (await verify(api, "kept@example.vn", code))["errors"] == []
    [sweep] = applicant_jobs(container)
    assert await sweep.run(clock.instant + timedelta(days=6)) == 0
    assert await sweep.run(clock.instant + timedelta(days=7, minutes=1)) == 1
    async with container.engine.connect() as conn:
        logins = (
            (await conn.execute(select(t.accounts.c.login).where(t.accounts.c.kind == "CITIZEN")))
            .scalars()
            .all()
        )
        messages = (
            await conn.execute(select(func.count()).select_from(at.applicant_messages))
        ).scalar()
    assert logins == ["kept@example.vn"]
    assert messages == 1  # the kept one's code
    again = await register(api, LOGIN)  # the login is free again
    assert again["errors"] == []


async def test_suspension_reactivation_and_cancellation_on_request(
    api: Api, province: Province, container: Container
) -> None:
    await active_applicant(api, container)
    asked = (await api.post(ASK, {"kind": "SUSPEND", "reason": "Đi công tác dài ngày"}))["data"]
    assert asked["requestApplicantAccountChange"]["errors"] == []
    twice = (await api.post(ASK, {"kind": "CANCEL"}))["data"]["requestApplicantAccountChange"]
    assert [e["code"] for e in twice["errors"]] == ["INVALID_STATE"]  # one at a time
    [request] = await open_requests(api)
    assert (request["kind"], request["reason"]) == ("SUSPEND", "Đi công tác dài ngày")
    assert (await decide(api, request["id"]))["request"]["account"]["status"] == "SUSPENDED"
    await api.login(LOGIN, APPLICANT_PASSWORD)  # a suspended account signs in to ask back
    suspend = (await api.post(ASK, {"kind": "SUSPEND"}))["data"]["requestApplicantAccountChange"]
    assert [(e["code"], e["field"]) for e in suspend["errors"]] == [("INVALID_STATE", "kind")]
    back = (await api.post(ASK, {"kind": "REACTIVATE"}))["data"]["requestApplicantAccountChange"]
    assert back["errors"] == []
    [request] = await open_requests(api)
    assert (await decide(api, request["id"]))["request"]["account"]["status"] == "ACTIVE"
    token = (await api.login(LOGIN, APPLICANT_PASSWORD))["token"]
    gone = (await api.post(ASK, {"kind": "CANCEL"}))["data"]["requestApplicantAccountChange"]
    assert gone["errors"] == []
    [request] = await open_requests(api)
    assert (await decide(api, request["id"]))["request"]["account"]["status"] == "CANCELLED"
    after = await api.client.post(  # the session ended with the account
        "/graphql", json={"query": MINE}, headers={"Authorization": f"Bearer {token}"}
    )
    assert after.status_code == 401
    api.token = None
    signed = await api.login(LOGIN, APPLICANT_PASSWORD)
    assert [e["code"] for e in signed["errors"]] == ["INVALID_CREDENTIALS"]


async def test_an_edit_applies_only_once_the_office_approves_it(
    api: Api, province: Province, container: Container
) -> None:
    await active_applicant(api, container)
    version = (await api.data(MINE))["myApplicantAccount"]["version"]
    changes = {"address": "20 Lê Lợi, phường Vĩnh Ninh, thành phố Huế", "phone": "0914 000 111"}
    bad = await api.post(ASK, {"kind": "EDIT", "changes": {"identityNumber": "12AB"}})
    errors = bad["data"]["requestApplicantAccountChange"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("INVALID_INPUT", "identityNumber")]
    empty = await api.post(ASK, {"kind": "EDIT"})
    assert [e["field"] for e in empty["data"]["requestApplicantAccountChange"]["errors"]] == [
        "changes"
    ]
    stale = await api.post(ASK, {"kind": "EDIT", "changes": changes, "version": version - 1})
    assert [e["code"] for e in stale["data"]["requestApplicantAccountChange"]["errors"]] == [
        "STALE_VERSION"
    ]
    asked = await api.post(ASK, {"kind": "EDIT", "changes": changes, "version": version})
    assert asked["data"]["requestApplicantAccountChange"]["errors"] == []
    mine = (await api.data(MINE))["myApplicantAccount"]
    assert mine["address"] == CITIZEN_DATA["address"]  # not yet
    [request] = await open_requests(api)
    stale = await api.post(
        "mutation($id: ID!) { decideApplicantRequest(requestId: $id, approve: true, version: 99) "
        "{ errors { code field } } }",
        {"id": request["id"]},
    )
    assert stale["data"]["decideApplicantRequest"]["errors"] == [
        {"code": "STALE_VERSION", "field": "version"}
    ]
    assert (await decide(api, request["id"]))["errors"] == []
    await api.login(LOGIN, APPLICANT_PASSWORD)
    mine = (await api.data(MINE))["myApplicantAccount"]
    assert (mine["address"], mine["phone"]) == (changes["address"], changes["phone"])


BAD_REGISTRATIONS = [
    ({"identityNumber": "12345"}, "CITIZEN", "EMAIL", "INVALID_INPUT", "identityNumber"),
    ({"fullName": "  "}, "CITIZEN", "EMAIL", "INVALID_INPUT", "fullName"),
    ({"email": "not-an-email"}, "CITIZEN", "EMAIL", "INVALID_EMAIL", "email"),
    ({"email": None}, "CITIZEN", "EMAIL", "INVALID_INPUT", "email"),
    ({"phone": None}, "CITIZEN", "SMS", "INVALID_INPUT", "phone"),
    ({"dateOfBirth": "2030-01-01"}, "CITIZEN", "EMAIL", "INVALID_INPUT", "dateOfBirth"),
    ({"identityNumber": "0101234567"}, "BUSINESS", "EMAIL", "INVALID_INPUT", "representative"),
    (
        {"identityNumber": "046190001234", "representative": "Trần Văn Long"},
        "BUSINESS",
        "EMAIL",
        "INVALID_INPUT",
        "identityNumber",
    ),
]


@pytest.mark.parametrize(("data", "kind", "channel", "code", "field"), BAD_REGISTRATIONS)
async def test_bad_registrations_are_typed_refusals_that_write_nothing(
    api: Api,
    province: Province,
    container: Container,
    data: dict[str, str | None],  # changes to CITIZEN_DATA
    kind: str,
    channel: str,
    code: str,
    field: str,
) -> None:
    refused = await register(api, LOGIN, kind=kind, channel=channel, **data)
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [(code, field)]
    async with container.engine.connect() as conn:
        for table in (at.applicants, at.applicant_messages):
            assert (await conn.execute(select(func.count()).select_from(table))).scalar() == 0


async def test_a_taken_login_and_a_weak_password_are_refused(api: Api, province: Province) -> None:
    taken = await register(api, "admin@hue.gov.vn")
    assert [(e["code"], e["field"]) for e in taken["errors"]] == [("DUPLICATE_LOGIN", "login")]


async def test_registrations_are_rate_limited_per_address(api: Api, province: Province) -> None:
    for n in range(5):
        assert (await register(api, f"dan{n}@example.vn"))["errors"] == []
    sixth = await register(api, "dan5@example.vn")
    assert [e["code"] for e in sixth["errors"]] == ["RATE_LIMITED"]


async def test_a_business_registers_with_its_tax_code_and_representative(
    api: Api, province: Province, container: Container
) -> None:
    made = await register(
        api,
        "ketoan@huongsen.vn",
        kind="BUSINESS",
        fullName="Công ty TNHH Hương Sen",
        identityNumber="3300123456",
        representative="Trần Văn Long",
        email="ketoan@huongsen.vn",
        dateOfBirth=None,
    )
    assert made["errors"] == []


async def test_messages_hold_the_code_on_its_channel_and_no_personal_data_by_sms(
    api: Api,
    province: Province,
    container: Container,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent = record(monkeypatch, container)
    await register(api, LOGIN, channel="SMS")
    code = await last_code(container)
    [job] = applicant_channel_jobs(container)
    assert await job.run(clock.instant) == 1
    [sms] = sent
    assert (sms.channel, sms.to) == (Channel.SMS, CITIZEN_DATA["phone"])
    assert code in sms.body
    async with container.engine.connect() as conn:  # the code is not kept once sent
        secrets = (await conn.execute(select(at.applicant_messages.c.secret))).scalars().all()
    assert secrets == [None]
    await verify(api, LOGIN, code)
    [request] = await open_requests(api)
    await decide(api, request["id"])
    sent.clear()
    assert await job.run(clock.instant) == 1
    by_channel = {m.channel: m for m in sent}
    assert set(by_channel) == {Channel.EMAIL, Channel.SMS}
    for private in ("Nguyễn Thị Hoa", "046190001234", "Chi Lăng", "hoa.nguyen"):
        assert private not in by_channel[Channel.SMS].body
        assert private not in by_channel[Channel.SMS].subject
    assert "phê duyệt" in by_channel[Channel.SMS].body


async def test_two_office_decisions_at_once_one_wins(
    api: Api, province: Province, container: Container
) -> None:
    await register(api, LOGIN)
    await verify(api, LOGIN, await last_code(container))
    [request] = await open_requests(api)
    approve = {"id": request["id"], "approve": True, "version": request["version"]}
    refuse = {**approve, "approve": False, "note": "Thiếu thông tin"}
    bodies = await asyncio.gather(api.post(DECIDE, approve), api.post(DECIDE, refuse))
    payloads = [body["data"]["decideApplicantRequest"] for body in bodies]
    won = [p for p in payloads if not p["errors"]]
    assert len(won) == 1
    [lost] = [p for p in payloads if p["errors"]]
    assert lost["errors"][0]["code"] in {"STALE_VERSION", "INVALID_STATE", "CONFLICT"}
    async with container.engine.connect() as conn:
        statuses = (await conn.execute(select(at.applicant_requests.c.status))).scalars().all()
    assert len(statuses) == 1
    assert statuses[0] in {"APPROVED", "REFUSED"}
