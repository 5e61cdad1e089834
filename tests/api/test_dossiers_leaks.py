"""An applicant never reaches another's dossier, by any path (the field, a filter, a count,
`node`, `_entities`, a step); staff outside the procedure's chain do not either; the public
lookup holds nothing personal. And two people acting on one dossier at once: one wins, the
other gets STALE_VERSION, and the statistics equal a recount."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from govgraph.container import Container
from persistence.dossier_stats import COUNTERS, dossier_stat_cells, rebuild
from tests.api.dossier_factories import Desk, build_desk, upload
from tests.api.test_dossiers_flow import (
    DOSSIER,
    HOA,
    NAM,
    PUBLIC,
    STEP,
    act,
    as_applicant,
    submit,
)
from tests.factories import PASSWORD, Api, Province, gid

PATHS = """
query Paths($id: ID!, $code: String!) {
  dossier(id: $id) { id }
  node(id: $id) { id }
  all: dossiers { totalCount edges { node { id } } }
  byCode: dossiers(filter: {trackingCode: $code}) { totalCount edges { node { id } } }
  overdue: dossiers(filter: {overdue: false}) { totalCount }
}
"""
MINE = "{ mine: myDossiers { totalCount edges { node { id } } } }"
ENTITIES = """
query Entities($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dossier { id } } }
"""


@pytest.fixture
async def desk(api: Api, container: Container, province: Province) -> Desk:
    return await build_desk(api, container, province)


async def _hoas(api: Api, desk: Desk) -> dict[str, Any]:
    await as_applicant(api, HOA)
    dossier: dict[str, Any] = (await submit(api, desk))["dossier"]
    return dossier


async def _paths(api: Api, dossier: dict[str, Any]) -> dict[str, Any]:
    body = await api.post(PATHS, {"id": dossier["id"], "code": dossier["trackingCode"]})
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def test_another_applicant_reaches_nothing(api: Api, desk: Desk) -> None:
    hoa = await _hoas(api, desk)
    own = await _paths(api, hoa)
    assert own["dossier"] == {"id": hoa["id"]}
    assert own["byCode"]["totalCount"] == 1
    await as_applicant(api, NAM)
    seen = await _paths(api, hoa)
    assert seen["dossier"] is None
    assert seen["node"] is None
    assert seen["all"] == {"totalCount": 0, "edges": []}
    assert seen["byCode"] == {"totalCount": 0, "edges": []}
    assert seen["overdue"]["totalCount"] == 0
    assert (await api.data(MINE))["mine"] == {"totalCount": 0, "edges": []}
    reps = [{"__typename": "Dossier", "id": hoa["id"]}]
    assert (await api.data(ENTITIES, {"reps": reps}))["_entities"] == [None]
    # steps on it: not found, as if it did not exist
    for call, args, more in (
        ("withdrawDossier(id: $id, version: $version)", "", {}),
        (
            "supplementDossier(id: $id, version: $version, files: $f)",
            ", $f: [DossierFileInput!]!",
            {"f": [{"componentId": gid("ProcedureComponent", 1), "url": await upload(api)}]},
        ),
    ):
        body = await api.post(
            f"mutation($id: ID!, $version: Int{args}) "
            f"{{ m: {call} {{ errors {{ code field }} }} }}",
            {"id": hoa["id"], "version": None, **more},
        )
        assert body["data"]["m"]["errors"] == [{"code": "NOT_FOUND", "field": "id"}]
    rate = """mutation($id: ID!) { rateDossier(id: $id, survey: {guidanceClarity: 5,
      formAccuracy: 5, convenience: 5, processingAbility: 5, processingTime: 5,
      staffAttitude: 5}) { errors { code } } }"""
    assert (await api.data(rate, {"id": hoa["id"]}))["rateDossier"]["errors"] == [
        {"code": "NOT_FOUND"}
    ]


@pytest.mark.parametrize(
    ("login", "sees"),
    [
        ("desk", True),
        ("leader", True),
        ("clerk", True),
        ("spec", False),  # a specialist sees what is assigned to them
        ("pkt", False),  # the district's office: not in the birth registration's chain
        ("an.nv", False),  # a leader of another department
        ("cuong.lv", True),  # an overseer of the district above the commune
        ("dung.pt", False),  # staff of the district's office, no dossier role
        ("admin@hue.gov.vn", True),
    ],
)
async def test_staff_outside_the_chain_reach_nothing(
    api: Api, desk: Desk, login: str, sees: bool
) -> None:
    hoa = await _hoas(api, desk)
    api.token = None
    await api.login(desk.logins.get(login, login), PASSWORD)
    seen = await _paths(api, hoa)
    assert (seen["dossier"] is not None) is sees
    assert seen["all"]["totalCount"] == (1 if sees else 0)
    mine = await api.post(MINE)
    assert [e["extensions"]["code"] for e in mine["errors"]] == ["FORBIDDEN"]


async def test_the_assigned_specialist_sees_it_once_assigned(api: Api, desk: Desk) -> None:
    hoa = await _hoas(api, desk)
    await act(api, desk, "desk", STEP["accept"], hoa)
    await act(
        api, desk, "leader", "assignDossier(id: $id, version: $version, specialistId: $s)",
        hoa, ", $s: ID!", s=gid("Person", desk.persons["spec"]),
    )  # fmt: skip
    for who, sees in (("spec", True), ("spec2", False)):
        api.token = None
        await api.login(desk.logins[who])
        assert ((await _paths(api, hoa))["dossier"] is not None) is sees
        queue = await api.data("{ dossiers(filter: {assignedToMe: true}) { totalCount } }")
        assert queue["dossiers"]["totalCount"] == (1 if sees else 0)


async def test_the_public_lookup_holds_nothing_personal(api: Api, desk: Desk) -> None:
    hoa = await _hoas(api, desk)
    fields = await api.data('{ __type(name: "PublicDossier") { fields { name } } }')
    names = {f["name"] for f in fields["__type"]["fields"]}
    assert names == {
        "trackingCode", "state", "procedure", "agency", "submittedAt", "receivedAt",
        "resultDue", "finishedAt", "steps",
    }  # fmt: skip
    steps = await api.data('{ __type(name: "PublicDossierStep") { fields { name } } }')
    assert {f["name"] for f in steps["__type"]["fields"]} == {
        "action", "fromState", "toState", "at", "agency",
    }  # fmt: skip
    api.token = None
    found = await api.data(PUBLIC, {"code": hoa["trackingCode"]})
    assert found["dossierByTrackingCode"]["trackingCode"] == hoa["trackingCode"]
    for unknown in ("HS-0000-0000-0000", "not a code", ""):
        assert (await api.data(PUBLIC, {"code": unknown}))["dossierByTrackingCode"] is None
    body = await api.post(DOSSIER, {"id": hoa["id"]})
    assert body["data"]["dossier"] is None  # the public: nothing by id


async def _client(app: Starlette, login: str, password: str = PASSWORD) -> Api:
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://govgraph.test"
    )
    other = Api(client)
    await other.login(login, password)
    return other


async def test_two_people_acting_at_once_one_wins(
    api: Api, app: Starlette, container: Container, desk: Desk
) -> None:
    hoa = await _hoas(api, desk)
    await act(api, desk, "desk", STEP["accept"], hoa)
    leaders = [await _client(app, desk.logins["leader"]) for _ in range(2)]
    assign = """mutation($id: ID!, $v: Int, $s: ID!) {
      assignDossier(id: $id, version: $v, specialistId: $s) {
        dossier { version } errors { code } } }"""
    bodies = await asyncio.gather(
        *(
            leader.post(
                assign, {"id": hoa["id"], "v": hoa["version"], "s": gid("Person", desk.persons[s])}
            )
            for leader, s in zip(leaders, ("spec", "spec2"), strict=True)
        )
    )
    outcomes = sorted(
        tuple(e["code"] for e in b["data"]["assignDossier"]["errors"]) for b in bodies
    )
    assert outcomes == [(), ("STALE_VERSION",)]
    # the second desk officer refusing a dossier the first has just accepted
    await as_applicant(api, NAM)
    nam = (await submit(api, desk))["dossier"]
    desks = [await _client(app, desk.logins["desk"]) for _ in range(2)]
    accept = (
        "mutation($id: ID!, $v: Int) { m: acceptDossier(id: $id, version: $v) { errors { code } } }"
    )
    refuse = """mutation($id: ID!, $v: Int) { m: refuseDossier(id: $id, version: $v,
      guidance: "Bổ sung tờ khai có chữ ký của người yêu cầu.") { errors { code } } }"""
    bodies = await asyncio.gather(
        desks[0].post(accept, {"id": nam["id"], "v": nam["version"]}),
        desks[1].post(refuse, {"id": nam["id"], "v": nam["version"]}),
    )
    codes = sorted(tuple(e["code"] for e in b["data"]["m"]["errors"]) for b in bodies)
    assert codes == [(), ("STALE_VERSION",)]
    for client in (*leaders, *desks):
        await client.client.aclose()
    await _recount(container)


async def _recount(container: Container) -> None:
    """The cells kept on write equal cells rebuilt from the dossiers."""
    c = dossier_stat_cells.c
    order = (c.grain, c.bucket, c.agency_unit_id, c.procedure_id)
    async with container.engine.connect() as conn:  # rolled back when it closes
        kept = (await conn.execute(select(dossier_stat_cells).order_by(*order))).all()
        await conn.run_sync(lambda sync: rebuild(sync, container.settings.time_zone))
        rebuilt = (await conn.execute(select(dossier_stat_cells).order_by(*order))).all()
    assert kept == rebuilt
    assert kept
    assert all(len(row) == 4 + len(COUNTERS) for row in kept)
