"""The field-report flows end to end through GraphQL: submit, distribute, accept, handle,
approve, publish; the public list and timeline; the reporter's tracking code."""

from __future__ import annotations

from typing import Any

import pytest

from govgraph.container import Container
from tests.api.reflection_factories import (
    REFLECTION,
    ReflectionWorld,
    build_reflection_world,
    step,
    submit,
)
from tests.factories import Api

RESULT = "Đã thay 3 bóng đèn hỏng trên đường Nguyễn Huệ, đèn sáng bình thường từ tối nay."

PUBLIC = f"""
query Public($first: Int) {{
  publicReflections(first: $first) {{
    totalCount
    edges {{ cursor node {{ {REFLECTION} agencies {{ state }} questions {{ question }} }} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}
"""


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def publish_one(world: ReflectionWorld, **changes: Any) -> dict[str, Any]:
    """A report taken through the standard flow to publication; the last payload."""
    sent = await submit(world, **changes)
    assert sent["errors"] == []
    r = sent["reflection"]
    r = (await step(world, "ioc", "distributeReflection", r))["reflection"]
    r = (await step(world, "giang", "acceptReflection", r))["reflection"]
    r = (
        await step(
            world,
            "giang",
            "submitReflectionResult",
            r,
            args=", result: $result",
            params=", $result: String!",
            result=RESULT,
        )
    )["reflection"]
    r = (await step(world, "an", "approveReflectionResult", r))["reflection"]
    payload = await step(world, "ioc", "publishReflection", r)
    payload["trackingCode"] = sent["trackingCode"]
    return payload


async def test_standard_flow_to_publication(world: ReflectionWorld) -> None:
    payload = await publish_one(world)
    assert payload["errors"] == []
    r = payload["reflection"]
    assert r["state"] == "PUBLISHED"
    assert r["commune"] == {"code": "HUE-PHUHOI"}
    assert r["result"].startswith("Kính gửi: Quý cá nhân")
    assert [e["action"] for e in r["timeline"]] == [
        "SUBMIT",
        "DISTRIBUTE",
        "ACCEPT",
        "SUBMIT_RESULT",
        "APPROVE",
        "PUBLISH",
    ]
    assert r["reporterPhone"] == "0905 111 222"  # the IOC sees the reporter


async def test_the_public_sees_published_reports_without_reporter_data(
    world: ReflectionWorld,
) -> None:
    await publish_one(world)
    await submit(world, content="Ổ gà lớn giữa đường Lê Lợi gây nguy hiểm cho xe máy")  # not yet
    await publish_one(world, secrecyRequested=True)  # answered privately, never public
    api = await world.as_(None)
    page = (await api.data(PUBLIC, {"first": 50}))["publicReflections"]
    assert page["totalCount"] == 1
    [edge] = page["edges"]
    node = edge["node"]
    assert node["state"] == "PUBLISHED"
    assert (node["reporterName"], node["reporterPhone"], node["reporterEmail"]) == (None,) * 3
    assert (node["consentContact"], node["secrecyRequested"], node["isPublic"]) == (None,) * 3
    assert node["agencies"] is None
    assert node["questions"] is None
    assert [e["action"] for e in node["timeline"]] == [
        "SUBMIT",
        "DISTRIBUTE",
        "ACCEPT",
        "APPROVE",
        "PUBLISH",
    ]
    assert all(e["note"] is None for e in node["timeline"])
    assert node["timeline"][1]["agency"] == {"code": "SNV"}


async def test_reporter_follows_asks_and_rates_with_the_tracking_code(
    world: ReflectionWorld,
) -> None:
    published = await publish_one(world)
    code = published["trackingCode"]
    api = await world.as_(None)
    mine = f"query($code: String!) {{ reflectionByTrackingCode(code: $code) {{ {REFLECTION} }} }}"
    own = (await api.data(mine, {"code": code}))["reflectionByTrackingCode"]
    assert own["reporterPhone"] == "0905 111 222"
    assert (await api.data(mine, {"code": "guess"}))["reflectionByTrackingCode"] is None
    ask = """mutation($id: ID!, $code: String) {
      askReflectionQuestion(id: $id, question: "Đoạn gần cầu đã sửa chưa?", trackingCode: $code) {
        question { id answerDue } errors { code } } }"""
    asked = (await api.data(ask, {"id": own["id"], "code": code}))["askReflectionQuestion"]
    assert asked["errors"] == []
    stranger = (await api.data(ask, {"id": own["id"], "code": "x"}))["askReflectionQuestion"]
    assert stranger["errors"] == [{"code": "FORBIDDEN"}]
    staff = await world.as_("giang")
    answer = """mutation($q: ID!) {
      answerReflectionQuestion(questionId: $q, answer: "Đã sửa xong") {
      question { answer answeredBy { code } } errors { code } } }"""
    waiting = """{ reflections(filter: {awaitingAnswer: true}) { totalCount
      edges { node { id questions { answer } } } } }"""
    listed = (await staff.data(waiting))["reflections"]
    assert listed["totalCount"] == 1
    assert listed["edges"][0]["node"] == {"id": own["id"], "questions": [{"answer": None}]}
    answered = (await staff.data(answer, {"q": asked["question"]["id"]}))[
        "answerReflectionQuestion"
    ]
    assert answered["question"] == {"answer": "Đã sửa xong", "answeredBy": {"code": "SNV"}}
    assert (await staff.data(waiting))["reflections"] == {"totalCount": 0, "edges": []}
    api = await world.as_(None)
    rate = """mutation($id: ID!, $code: String) {
      rateReflection(id: $id, rating: SATISFIED, trackingCode: $code) {
        reflection { rating } errors { code } } }"""
    rated = (await api.data(rate, {"id": own["id"], "code": code}))["rateReflection"]
    assert rated == {"reflection": {"rating": "SATISFIED"}, "errors": []}


async def test_citizen_account_sees_its_own_reports(world: ReflectionWorld) -> None:
    sent = await submit(world, "citizen")
    api = await world.as_("citizen")
    query = f"{{ reflections {{ totalCount edges {{ node {{ {REFLECTION} }} }} }} }}"
    page = (await api.data(query))["reflections"]
    assert page["totalCount"] == 1
    assert page["edges"][0]["node"]["id"] == sent["reflection"]["id"]
    assert page["edges"][0]["node"]["reporterEmail"] == "dan@example.vn"
    await submit(world, None, reporterPhone="0911 222 333")  # someone else's
    api = await world.as_("citizen")
    assert (await api.data(query))["reflections"]["totalCount"] == 1


async def test_steps_out_of_order_and_stale_versions_are_typed_errors(
    world: ReflectionWorld,
) -> None:
    r = (await submit(world))["reflection"]
    early = await step(world, "ioc", "publishReflection", r)
    assert early["errors"][0]["code"] == "INVALID_TRANSITION"
    moved = (await step(world, "ioc", "distributeReflection", r))["reflection"]
    stale = await step(world, "giang", "acceptReflection", r)  # the version read before
    assert stale["errors"][0]["code"] == "STALE_VERSION"
    accepted = await step(world, "giang", "acceptReflection", moved)
    assert accepted["errors"] == []
    approve = await step(world, "giang", "approveReflectionResult", accepted["reflection"])
    assert approve["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_federation_entity(world: ReflectionWorld) -> None:
    published = await publish_one(world)
    query = """query($reps: [_Any!]!) { _entities(representations: $reps) {
      __typename ... on Reflection { state reporterPhone } } }"""
    api = await world.as_(None)
    reps = [{"__typename": "Reflection", "id": published["reflection"]["id"]}]
    assert (await api.data(query, {"reps": reps}))["_entities"] == [
        {"__typename": "Reflection", "state": "PUBLISHED", "reporterPhone": None}
    ]


async def test_catalog_is_configured_through_the_api(world: ReflectionWorld) -> None:
    save = """mutation($input: ReflectionCategoryInput!) { saveReflectionCategory(input: $input) {
      category { id code name urgent } errors { code } } }"""
    entry = {
        "code": "CAY_XANH",
        "name": "Cây xanh",
        "urgent": False,
        "defaultAgencies": [{"agencyId": world.unit("SNV"), "areaId": world.unit("HUE")}],
    }
    api = await world.as_("an")
    refused = (await api.data(save, {"input": entry}))["saveReflectionCategory"]
    assert refused["errors"] == [{"code": "FORBIDDEN"}]
    api = await world.as_("ioc")
    saved = (await api.data(save, {"input": entry}))["saveReflectionCategory"]
    assert saved["category"]["code"] == "CAY_XANH"
    sent = await submit(world, categoryId=saved["category"]["id"])
    moved = await step(world, "ioc", "distributeReflection", sent["reflection"])
    assert moved["errors"] == []
    assert [e["agency"] for e in moved["reflection"]["timeline"][1:]] == [{"code": "SNV"}]
    api = await world.as_(None)
    listed = await api.data("{ reflectionCategories { code } }")
    assert "CAY_XANH" in {c["code"] for c in listed["reflectionCategories"]}


async def test_communes_are_placed_through_the_api(world: ReflectionWorld) -> None:
    place = """mutation($c: ID!, $lat: Float!, $lon: Float!) {
      setCommunePoint(communeId: $c, latitude: $lat, longitude: $lon) { ok errors { code } } }"""
    where = {"lat": 16.47, "lon": 107.58}  # 1.7 km from Phú Hội's centre
    before = await submit(world, latitude=where["lat"], longitude=where["lon"])
    assert before["reflection"]["commune"] == {"code": "HUE-PHUHOI"}
    api = await world.as_("an")
    refused = await api.data(place, {"c": world.unit("PD-PHONGTHU"), **where})
    assert refused["setCommunePoint"] == {"ok": False, "errors": [{"code": "FORBIDDEN"}]}
    api = await world.as_("ioc")
    wrong = [
        ({"c": world.unit("HUE"), **where}, "INVALID_INPUT"),  # a district, not a commune
        ({"c": world.unit("PD-PHONGTHU"), "lat": 21.03, "lon": 105.85}, "OUTSIDE_PROVINCE"),
    ]
    for variables, code in wrong:
        assert (await api.data(place, variables))["setCommunePoint"]["errors"] == [{"code": code}]
    moved = {"c": world.unit("PD-PHONGTHU"), "lat": 16.4705, "lon": 107.5805}  # nearer still
    placed = await api.data(place, moved)
    assert placed["setCommunePoint"] == {"ok": True, "errors": []}
    sent = await submit(world, latitude=where["lat"], longitude=where["lon"])
    assert sent["errors"] == []
    assert sent["reflection"]["commune"] == {"code": "PD-PHONGTHU"}
