"""Dossiers end to end through GraphQL on a real database: submit with uploaded files, the
desk's queue, every step to the result, the log, the public tracking lookup, the survey, the
statistics cells moved at commit, the applicant's messages; typed refusals write nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from domain.clock import FixedClock
from govgraph.container import Container
from persistence import dossier_tables as dt
from persistence.dossier_stats import dossier_stat_cells
from tests.api.dossier_factories import JPEG, Desk, build_desk, components, files_for, upload
from tests.factories import Api, Province, gid

HOA, NAM = "hoa.nguyen@example.vn", "nam.le@example.vn"
APPLICANT_PASSWORD = "DichVuCong#2026"
GUIDE = "Bổ sung Giấy chứng sinh bản chính do cơ sở y tế cấp, ghi rõ họ tên người mẹ."

SUBMIT = """
mutation Submit($input: SubmitDossierInput!) {
  submitDossier(input: $input) {
    dossier { id trackingCode state version receptionDue dueAt agency { code }
              files { componentId mimeType url round signature { signer } } }
    errors { code message field }
  }
}
"""
DOSSIER = """
query One($id: ID!) {
  dossier(id: $id) {
    id state version statusClass overdue receivedAt processingDue pausedMinutes resultNumber
    finishedAt deliveredAt refusals apologyPending applicant { fullName phone }
    specialist { fullName }
    steps { action fromState toState note byApplicant breached actor { fullName } }
    supplements { stage round guidance answeredAt }
    apologies { text }
  }
}
"""
PUBLIC = """
query Track($code: String!) {
  dossierByTrackingCode(code: $code) {
    trackingCode state resultDue procedure { code } agency { code }
    steps { action fromState toState at agency { code } }
  }
}
"""
QUEUE = """
query Queue($filter: DossierFilterInput) {
  dossiers(filter: $filter) { totalCount edges { node { id trackingCode state } } }
}
"""

STEP = {
    "accept": "acceptDossier(id: $id, version: $version)",
    "sign": "signDossier(id: $id, version: $version)",
    "deliver": "deliverDossierResult(id: $id, version: $version)",
    "apologize": "apologizeForDossier(id: $id, version: $version)",
}


def mutation(call: str, args: str = "") -> str:
    return f"""
mutation Step($id: ID!, $version: Int{args}) {{
  m: {call} {{ dossier {{ id state version }} errors {{ code message field }} }}
}}"""


@pytest.fixture
async def desk(api: Api, container: Container, province: Province) -> Desk:
    return await build_desk(api, container, province)


async def as_applicant(api: Api, login: str = HOA) -> None:
    api.token = None
    await api.login(login, APPLICANT_PASSWORD)


async def submit(api: Api, desk: Desk, **changes: Any) -> dict[str, Any]:
    data = {
        "procedureId": desk.procedures["birth"]["id"],
        "files": await files_for(api, desk),
        "payment": "ONLINE",
        "delivery": "DESK",
    }
    data.update(changes)
    body = await api.post(SUBMIT, {"input": data})
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"]["submitDossier"]
    return payload


async def act(
    api: Api, desk: Desk, who: str, call: str, dossier: dict[str, Any], args: str = "", **more: Any
) -> dict[str, Any]:
    api.token = None
    await api.login(desk.logins[who])
    body = await api.post(
        mutation(call, args), {"id": dossier["id"], "version": dossier["version"], **more}
    )
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["m"]
    if result["dossier"]:
        dossier["version"] = result["dossier"]["version"]
    return result


async def test_submit_receive_process_and_return(
    api: Api, container: Container, desk: Desk, clock: FixedClock
) -> None:
    await as_applicant(api)
    made = await submit(api, desk)
    assert made["errors"] == []
    dossier = made["dossier"]
    assert dossier["state"] == "SUBMITTED"
    assert dossier["agency"] == {"code": "HUE-PHUHOI"}
    # Friday 2026-11-20 10:00 in Huế: received within 60 working minutes
    assert dossier["receptionDue"] == "2026-11-20T04:00:00+00:00"
    assert {f["mimeType"] for f in dossier["files"]} == {"application/pdf"}
    # the desk's queue
    await api.login(desk.logins["desk"])
    queue = await api.data(QUEUE, {"filter": {"states": ["SUBMITTED"]}})
    assert [e["node"]["id"] for e in queue["dossiers"]["edges"]] == [dossier["id"]]
    clock.instant += timedelta(minutes=30)
    accepted = await act(api, desk, "desk", STEP["accept"], dossier)
    assert accepted["errors"] == []
    assert accepted["dossier"]["state"] == "RECEIVED"
    spec = gid("Person", desk.persons["spec"])
    assigned = await act(
        api, desk, "leader", "assignDossier(id: $id, version: $version, specialistId: $s)",
        dossier, ", $s: ID!", s=spec,
    )  # fmt: skip
    assert assigned["errors"] == []
    clock.instant += timedelta(hours=2)
    drafted = await act(
        api, desk, "spec", "submitDossierDraft(id: $id, version: $version, resultKind: GRANTED)",
        dossier,
    )  # fmt: skip
    assert drafted["dossier"]["state"] == "DRAFTED"
    returned = await act(
        api, desk, "leader", "returnDossierDraft(id: $id, version: $version, reason: $r)",
        dossier, ", $r: String!", r="Ghi sai ngày sinh.",
    )  # fmt: skip
    assert returned["dossier"]["state"] == "IN_PROCESSING"
    await act(
        api, desk, "spec", "submitDossierDraft(id: $id, version: $version, resultKind: GRANTED)",
        dossier,
    )  # fmt: skip
    assert (await act(api, desk, "leader", STEP["sign"], dossier))["dossier"]["state"] == "SIGNED"
    registered = await act(
        api, desk, "clerk", 'registerDossierResult(id: $id, version: $version, symbol: "KS")',
        dossier,
    )  # fmt: skip
    assert registered["dossier"]["state"] == "RESULT_READY"
    delivered = await act(api, desk, "desk", STEP["deliver"], dossier)
    assert delivered["dossier"]["state"] == "DELIVERED"
    # the applicant follows it: the log, the specialist's name hidden, staff notes hidden
    await as_applicant(api)
    seen = (await api.data(DOSSIER, {"id": dossier["id"]}))["dossier"]
    assert seen["resultNumber"] == "1/KS"
    assert seen["statusClass"] == "DONE_EARLY"
    assert seen["specialist"] is None
    assert [s["action"] for s in seen["steps"]] == [
        "SUBMIT", "ACCEPT", "ASSIGN", "SUBMIT_DRAFT", "RETURN_DRAFT", "SUBMIT_DRAFT", "SIGN",
        "REGISTER_RESULT", "DELIVER",
    ]  # fmt: skip
    assert all(s["actor"] is None for s in seen["steps"])
    assert seen["steps"][4]["note"] is None  # the leader's note to the specialist
    assert seen["steps"][0]["byApplicant"] is True
    # staff read the notes and who acted
    await api.login(desk.logins["leader"])
    staff_view = (await api.data(DOSSIER, {"id": dossier["id"]}))["dossier"]
    assert staff_view["steps"][4]["note"] == "Ghi sai ngày sinh."
    assert staff_view["steps"][1]["actor"] == {"fullName": "Võ Thị Mai"}
    assert staff_view["specialist"] == {"fullName": "Ngô Văn Tư"}
    assert staff_view["applicant"]["fullName"] == "Nguyễn Thị Hoa"
    # the public lookup: status and steps only
    api.token = None
    public = await api.data(PUBLIC, {"code": dossier["trackingCode"].lower()})
    tracked = public["dossierByTrackingCode"]
    assert tracked["state"] == "DELIVERED"
    assert tracked["agency"] == {"code": "HUE-PHUHOI"}
    assert len(tracked["steps"]) == 9
    # the survey, once
    await as_applicant(api)
    rate = """mutation($id: ID!) { rateDossier(id: $id, survey: {guidanceClarity: 5,
      formAccuracy: 4, convenience: 5, processingAbility: 4, processingTime: 5,
      staffAttitude: 5, onlineResult: 3}) { dossier { rated } errors { code } } }"""
    assert (await api.data(rate, {"id": dossier["id"]}))["rateDossier"]["dossier"]["rated"]
    again = (await api.data(rate, {"id": dossier["id"]}))["rateDossier"]
    assert [e["code"] for e in again["errors"]] == ["INVALID_STATE"]
    # the statistics cells moved at commit: received, done early, surveyed
    async with container.engine.connect() as conn:
        cells = (
            await conn.execute(
                select(dossier_stat_cells).where(dossier_stat_cells.c.grain == "MONTH")
            )
        ).all()
    [cell] = cells
    assert (cell.received, cell.online, cell.done_early, cell.open, cell.surveyed) == (
        1,
        1,
        1,
        0,
        1,
    )
    assert (cell.staff_attitude_answers, cell.staff_attitude_sum, cell.online_payment_answers) == (
        1, 5, 0,
    )  # fmt: skip
    # the applicant's messages: receipt, reception, result, delivery
    m = dt.dossier_messages.c
    async with container.engine.connect() as conn:
        kinds = (await conn.execute(select(m.kind).order_by(m.id))).scalars().all()
    assert kinds == ["SUBMITTED", "RECEIVED", "RESULT_READY", "DELIVERED"]


async def test_refused_three_times_then_the_apology(
    api: Api, container: Container, desk: Desk
) -> None:
    await as_applicant(api)
    dossier = (await submit(api, desk))["dossier"]
    proof = next(c for c in components(desk) if c["name"] == "Giấy chứng sinh")
    refuse = (
        "refuseDossier(id: $id, version: $version, guidance: $g, deskAtFault: true, "
        "missingComponentIds: [$c])"
    )
    for _ in range(3):
        refused = await act(
            api, desk, "desk", refuse, dossier, ", $g: String!, $c: ID!", g=GUIDE, c=proof["id"]
        )
        assert refused["errors"] == [], refused
        await as_applicant(api)
        complete = """mutation($id: ID!, $version: Int, $f: [DossierFileInput!]!) {
          m: completeDossier(id: $id, version: $version, files: $f) {
            dossier { state version } errors { code } } }"""
        files = [{"componentId": proof["id"], "url": await upload(api)}]
        done = (
            await api.data(
                complete, {"id": dossier["id"], "version": dossier["version"], "f": files}
            )
        )["m"]
        assert done["errors"] == []
        dossier["version"] = done["dossier"]["version"]
    blocked = await act(api, desk, "desk", STEP["accept"], dossier)
    assert [e["code"] for e in blocked["errors"]] == ["APOLOGY_REQUIRED"]
    apologized = await act(api, desk, "desk", STEP["apologize"], dossier)
    assert apologized["errors"] == []
    assert (await act(api, desk, "desk", STEP["accept"], dossier))["errors"] == []
    await as_applicant(api)
    seen = (await api.data(DOSSIER, {"id": dossier["id"]}))["dossier"]
    assert seen["refusals"] == 3
    assert [s["round"] for s in seen["supplements"]] == [1, 2, 3]
    assert all(s["answeredAt"] for s in seen["supplements"])
    [letter] = seen["apologies"]
    assert "Nguyễn Thị Hoa" in letter["text"]
    assert GUIDE in letter["text"]
    assert seen["steps"][1]["note"] == GUIDE  # the desk's guidance is for the applicant


async def test_typed_refusals_write_nothing(api: Api, container: Container, desk: Desk) -> None:
    await as_applicant(api)
    birth = desk.procedures["birth"]
    form = components(desk)[0]
    cases = [
        ({"procedureId": gid("Procedure", 9999)}, "UNKNOWN_PROCEDURE", "procedureId"),
        (
            {"files": [{"componentId": form["id"], "url": await upload(api)}]},
            "MISSING_COMPONENTS",
            "components",
        ),
        (
            {
                "files": [
                    {
                        "componentId": c["id"],
                        "url": await upload(api, JPEG, "image/jpeg") if i else await upload(api),
                    }
                    for i, c in enumerate(components(desk))
                    if c["required"]
                ]
            },
            None,  # JPEG scans are fine
            None,
        ),
        ({"delivery": "POST"}, "INVALID_INPUT", "deliveryAddress"),
        (
            {"files": [{"componentId": form["id"], "url": "https://elsewhere.example/x.pdf"}]},
            "MEDIA_REJECTED",
            "files",
        ),
    ]
    for changes, code, field in cases:
        payload = await submit(api, desk, **changes)
        if code is None:
            assert payload["errors"] == []
            continue
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], changes
        assert payload["dossier"] is None
    async with container.engine.connect() as conn:
        count = (await conn.execute(select(func.count()).select_from(dt.dossiers))).scalar_one()
    assert count == 1
    assert birth["code"] == "HT-KS.PHUHOI"


async def test_staff_cannot_submit_and_the_public_must_sign_in(api: Api, desk: Desk) -> None:
    await api.login(desk.logins["desk"])
    payload = await submit(api, desk)
    assert [e["code"] for e in payload["errors"]] == ["FORBIDDEN"]
    api.token = None
    payload = await submit(api, desk)
    assert [e["code"] for e in payload["errors"]] == ["UNAUTHENTICATED"]
