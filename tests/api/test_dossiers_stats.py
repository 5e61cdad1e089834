"""Dossier figures for overseers and integrators (kept on write, overdue counted live), the
export and the reporting views without personal data, and the apology letter's PDF."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from domain.clock import FixedClock
from domain.stats.dossier_export import DOSSIERS
from govgraph.container import Container
from resolvers.pagination import encode_cursor
from tests.api.dossier_factories import Desk, build_desk, upload
from tests.api.test_dossiers_flow import (
    APPLICANT_PASSWORD,
    GUIDE,
    HOA,
    NAM,
    STEP,
    act,
    as_applicant,
    submit,
)
from tests.factories import PASSWORD, Api, Province, gid

STATS = """
query Stats($unit: ID!, $period: String!) {
  dossierStats(unitId: $unit, period: $period) {
    total { period received receivedOnline onlineShare doneEarly doneOnTime doneLate
            openWithinDeadline openOverdue withdrawn supplemented onTimeRate surveyed
            satisfaction { criterion answers average satisfiedRate } }
    byAgency { agency { code } figures { received } }
    byProcedure { procedure { code } figures { received openOverdue } }
  }
}
"""
PERSONAL = ("Nguyễn Thị Hoa", "Lê Văn Nam", "hoa.nguyen", "0905", "046190", "Chi Lăng")


@pytest.fixture
async def desk(api: Api, container: Container, province: Province) -> Desk:
    return await build_desk(api, container, province)


async def _three(api: Api, desk: Desk, clock: FixedClock) -> list[dict[str, Any]]:
    """Three dossiers received on Friday 20 November: one done at once, one refused and never
    completed (not received), one left open."""
    made = []
    for login in (HOA, NAM, HOA):
        await as_applicant(api, login)
        made.append((await submit(api, desk))["dossier"])
    done, refused, left = made
    for dossier in (done, left):
        await act(api, desk, "desk", STEP["accept"], dossier)
    await act(
        api, desk, "desk", "refuseDossier(id: $id, version: $version, guidance: $g)",
        refused, ", $g: String!", g=GUIDE,
    )  # fmt: skip
    spec = gid("Person", desk.persons["spec"])
    await act(
        api, desk, "leader", "assignDossier(id: $id, version: $version, specialistId: $s)",
        done, ", $s: ID!", s=spec,
    )  # fmt: skip
    await act(
        api, desk, "spec", "submitDossierDraft(id: $id, version: $version, resultKind: DENIED)",
        done,
    )  # fmt: skip
    await act(api, desk, "leader", STEP["sign"], done)
    await act(api, desk, "clerk", "registerDossierResult(id: $id, version: $version)", done)
    return made


async def test_figures_kept_on_write_and_overdue_counted_live(
    api: Api, desk: Desk, clock: FixedClock
) -> None:
    await _three(api, desk, clock)
    await api.login("cuong.lv")  # an overseer of the city
    hue = await api.data('{ orgUnit(code: "HUE") { id } }')
    variables = {"unit": hue["orgUnit"]["id"], "period": "2026-11"}
    total = (await api.data(STATS, variables))["dossierStats"]["total"]
    assert total["received"] == 2
    assert total["receivedOnline"] == 2
    assert total["onlineShare"] == 1.0
    assert (total["doneEarly"], total["doneOnTime"], total["doneLate"]) == (1, 0, 0)
    assert (total["openWithinDeadline"], total["openOverdue"]) == (1, 0)
    assert total["onTimeRate"] == 1.0
    assert [s["criterion"] for s in total["satisfaction"]][:2] == [
        "GUIDANCE_CLARITY",
        "FORM_ACCURACY",
    ]
    # three working days later the open one is overdue: counted live
    clock.instant += timedelta(days=7)
    api.token = None
    await api.login("cuong.lv")  # the token of a week ago has expired
    total = (await api.data(STATS, variables))["dossierStats"]["total"]
    assert (total["openWithinDeadline"], total["openOverdue"]) == (0, 1)
    assert total["onTimeRate"] == 0.5
    week = (await api.data(STATS, {**variables, "period": "2026-W47"}))["dossierStats"]
    assert week["total"]["received"] == 2
    assert week["byAgency"] == [{"agency": {"code": "HUE-PHUHOI"}, "figures": {"received": 2}}]
    assert week["byProcedure"][0]["figures"] == {"received": 2, "openOverdue": 1}
    empty = (await api.data(STATS, {**variables, "period": "2026-10"}))["dossierStats"]
    assert empty["total"]["received"] == 0


@pytest.mark.parametrize(
    ("login", "code"),
    [("motcua.phuhoi", "OUT_OF_SCOPE"), ("an.nv", "OUT_OF_SCOPE"), (HOA, "OUT_OF_SCOPE")],
)
async def test_figures_stay_in_scope(api: Api, desk: Desk, login: str, code: str) -> None:
    api.token = None
    await api.login(login, APPLICANT_PASSWORD if login == HOA else PASSWORD)
    hue = await api.data('{ orgUnit(code: "HUE") { id } }')
    body = await api.post(STATS, {"unit": hue["orgUnit"]["id"], "period": "2026-11"})
    assert [e["extensions"]["code"] for e in body["errors"]] == [code]
    day = await api.post(STATS, {"unit": hue["orgUnit"]["id"], "period": "2026-11-20"})
    assert [e["extensions"]["code"] for e in day["errors"]] in ([code], ["INVALID_PERIOD"])


async def test_the_export_holds_no_personal_data(api: Api, desk: Desk, clock: FixedClock) -> None:
    made = await _three(api, desk, clock)
    await api.login("cuong.lv")
    params = {"unit": "HUE", "from": "2026-11-01", "to": "2026-11-30", "codes": "1"}
    headers = {"Authorization": f"Bearer {api.token}"}
    response = await api.client.get("/export/dossiers.csv", params=params, headers=headers)
    assert response.status_code == 200, response.text
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == DOSSIERS.machine
    body = [dict(zip(DOSSIERS.machine, r, strict=True)) for r in rows[1:]]
    assert sorted(r["state"] for r in body) == ["INCOMPLETE", "RECEIVED", "RESULT_READY"]
    assert sorted(r["status_class"] for r in body) == ["", "DONE_EARLY", "OPEN_WITHIN_DEADLINE"]
    for secret in (*PERSONAL, *(d["trackingCode"] for d in made)):
        assert secret not in response.text
    people = await api.client.get(
        "/export/dossiers.xlsx", params={**params, "codes": "0"}, headers=headers
    )
    sheet = load_workbook(io.BytesIO(people.content)).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "Mã số hồ sơ" in repr(values)
    assert "Giải quyết trước hạn" in repr(values)
    for secret in PERSONAL:
        assert secret not in repr(values)
    await as_applicant(api, HOA)
    refused = await api.client.get(
        "/export/dossiers.csv", params=params, headers={"Authorization": f"Bearer {api.token}"}
    )
    assert refused.status_code == 403


async def test_the_apology_letter_as_a_pdf(api: Api, container: Container, desk: Desk) -> None:
    await as_applicant(api, HOA)
    dossier = (await submit(api, desk))["dossier"]
    refuse = "refuseDossier(id: $id, version: $version, guidance: $g, deskAtFault: true)"
    for _ in range(3):
        await act(api, desk, "desk", refuse, dossier, ", $g: String!", g=GUIDE)
        await as_applicant(api, HOA)
        complete = """mutation($id: ID!, $v: Int, $f: [DossierFileInput!]!) {
          completeDossier(id: $id, version: $v, files: $f) { dossier { version } } }"""
        component = desk.procedures["birth"]["current"]["components"][1]["id"]
        files = [{"componentId": component, "url": await upload(api)}]
        done = await api.data(complete, {"id": dossier["id"], "v": dossier["version"], "f": files})
        dossier["version"] = done["completeDossier"]["dossier"]["version"]
    await act(api, desk, "desk", STEP["apologize"], dossier)
    await as_applicant(api, HOA)
    found = await api.data(
        "query($id: ID!) { dossier(id: $id) { apologies { documentPath } } }", {"id": dossier["id"]}
    )
    [letter] = found["dossier"]["apologies"]
    mine = await api.client.get(
        letter["documentPath"], headers={"Authorization": f"Bearer {api.token}"}
    )
    assert mine.status_code == 200
    assert mine.headers["content-type"] == "application/pdf"
    assert mine.content.startswith(b"%PDF-")
    await as_applicant(api, NAM)
    other = await api.client.get(
        letter["documentPath"], headers={"Authorization": f"Bearer {api.token}"}
    )
    assert other.status_code == 404
    anonymous = await api.client.get(letter["documentPath"])
    assert anonymous.status_code in (401, 404)


async def test_the_reporting_views_answer(
    api: Api, container: Container, desk: Desk, clock: FixedClock
) -> None:
    if container.engine.dialect.name != "postgresql":
        pytest.skip("the reporting schema exists on PostgreSQL")
    await _three(api, desk, clock)
    async with container.engine.connect() as conn:
        classes = dict(
            (
                await conn.execute(
                    text("SELECT state, status_class FROM reporting.dossiers ORDER BY id")
                )
            ).all()
        )
        monthly = await conn.scalar(
            text("SELECT sum(received) FROM reporting.dossier_stats_monthly")
        )
        steps = await conn.scalar(text("SELECT count(*) FROM reporting.dossier_steps"))
    assert classes["RESULT_READY"] == "DONE_EARLY"
    assert classes["INCOMPLETE"] is None
    assert monthly == 2
    assert steps == 3 + 2 + 1 + 4


async def test_pages_by_the_running_limit_reach_every_dossier_once(
    api: Api, desk: Desk, clock: FixedClock
) -> None:
    made = await _three(api, desk, clock)
    await api.login("cuong.lv")
    page = """query($after: String) { dossiers(first: 1, after: $after) {
      edges { node { id dueAt } } pageInfo { hasNextPage endCursor } } }"""
    seen, after = [], None
    while True:
        found = (await api.data(page, {"after": after}))["dossiers"]
        seen += [e["node"] for e in found["edges"]]
        if not found["pageInfo"]["hasNextPage"]:
            break
        after = found["pageInfo"]["endCursor"]
    assert sorted(n["id"] for n in seen) == sorted(d["id"] for d in made)
    assert seen[0]["dueAt"] is not None  # the open one first, those without a limit last
    assert [n["dueAt"] for n in seen[1:]] == [None, None]
    back = """query($before: String) { dossiers(last: 1, before: $before) {
      edges { node { id dueAt } } pageInfo { hasPreviousPage startCursor } } }"""
    behind, before = [], None
    while True:  # backward, across the dossiers without a limit into those with one
        found = (await api.data(back, {"before": before}))["dossiers"]
        behind = [e["node"] for e in found["edges"]] + behind
        if not found["pageInfo"]["hasPreviousPage"]:
            break
        before = found["pageInfo"]["startCursor"]
    assert behind == seen
    newest = """query($last: Int, $before: String) { dossiers(sort: NEWEST, last: $last,
      before: $before) { edges { node { id } } pageInfo { startCursor } } }"""
    forward = await api.data("{ dossiers(sort: NEWEST) { edges { node { id } } } }")
    ids = [e["node"]["id"] for e in forward["dossiers"]["edges"]]
    tail = (await api.data(newest, {"last": 2}))["dossiers"]
    assert [e["node"]["id"] for e in tail["edges"]] == ids[-2:]
    head = await api.data(newest, {"last": 5, "before": tail["pageInfo"]["startCursor"]})
    assert [e["node"]["id"] for e in head["dossiers"]["edges"]] == ids[:-2]
    naive = encode_cursor(["2026-11-20T03:00:00", 1])
    refused = await api.post(back, {"before": naive})
    assert refused["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
