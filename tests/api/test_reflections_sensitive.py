"""The sensitive flow (001 Art. 11) through GraphQL: the agencies the coordinating agency names
are kept on the report, are where the IOC distributes by default, survive a disagreement and
may be named again; who may do what is unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from govgraph.container import Container
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world, step, submit
from tests.factories import Api, gid

DETAIL = """query($id: ID!) { reflection(id: $id) {
  state version advisedAgencies { code } agencies { agency { code } state }
  timeline { action agency { code } step note } } }"""
SAVE = """mutation($input: ReflectionCategoryInput!) { saveReflectionCategory(input: $input) {
  category { id } errors { code } } }"""
RESULT = (
    "Đã kiểm tra hiện trạng sử dụng đất, lập biên bản và chuyển hồ sơ giải quyết theo quy định."
)
IDS = {"args": ", agencyIds: $ids", "params": ", $ids: [ID!]"}
NOTE = {"args": ", note: $note", "params": ", $note: String!"}


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def detail(world: ReflectionWorld, key: str | None, r: dict[str, Any]) -> dict[str, Any]:
    api = await world.as_(key)
    found: dict[str, Any] = (await api.data(DETAIL, {"id": r["id"]}))["reflection"]
    return found


async def coordinating(world: ReflectionWorld) -> dict[str, Any]:
    """A land dispute whose category's default agency is Huế's economy office, sent to the
    Provincial Office (the coordinating agency)."""
    api = await world.as_("ioc")
    entry = {
        "code": "TRANH_CHAP",
        "name": "Tranh chấp đất đai",
        "sensitive": True,
        "defaultAgencies": [{"agencyId": world.unit("HUE-PKT")}],
    }
    saved = (await api.data(SAVE, {"input": entry}))["saveReflectionCategory"]
    sent = await submit(world, categoryId=saved["category"]["id"])
    r = sent["reflection"]
    classify = {"args": ", coordinatingUnitId: $c", "params": ", $c: ID", "c": world.unit("VP")}
    r = (await step(world, "ioc", "classifyReflection", r, **classify))["reflection"]
    moved = await step(world, "ioc", "sendReflectionToCoordinator", r)
    assert moved["errors"] == []
    return dict(moved["reflection"])


async def advise(world: ReflectionWorld, r: dict[str, Any], *codes: str) -> dict[str, Any]:
    ids = [world.unit(c) for c in codes]
    args = {"args": ", note: $note, agencyIds: $ids", "params": ", $note: String!, $ids: [ID!]"}
    payload = await step(
        world, "coord", "adviseReflection", r, **args, note="Giao xử lý theo thẩm quyền", ids=ids
    )
    assert payload["errors"] == []
    return dict(payload["reflection"])


async def handled_by(world: ReflectionWorld, r: dict[str, Any]) -> dict[str, Any]:
    """The Department of Home Affairs accepts, handles and approves."""
    r = (await step(world, "giang", "acceptReflection", r))["reflection"]
    result = {"args": ", result: $result", "params": ", $result: String!", "result": RESULT}
    r = (await step(world, "giang", "submitReflectionResult", r, **result))["reflection"]
    approved = await step(world, "an", "approveReflectionResult", r)
    assert approved["errors"] == []
    return dict(approved["reflection"])


async def test_distribution_defaults_to_the_agencies_the_coordinator_named(
    world: ReflectionWorld,
) -> None:
    r = await advise(world, await coordinating(world), "SNV")
    assert r["state"] == "ADVISED"
    seen = await detail(world, "ioc", r)
    assert seen["advisedAgencies"] == [{"code": "SNV"}]
    [advice] = [e for e in seen["timeline"] if e["action"] == "ADVISE"]
    assert advice["note"] == "Giao xử lý theo thẩm quyền (cơ quan có thẩm quyền: Sở Nội vụ)"
    assert (await detail(world, "coord", r))["advisedAgencies"] == [{"code": "SNV"}]
    moved = await step(world, "ioc", "distributeReflection", r)  # no agencyIds
    assert moved["errors"] == []
    seen = await detail(world, "ioc", moved["reflection"])
    assert seen["agencies"] == [{"agency": {"code": "SNV"}, "state": "ASSIGNED"}]  # not HUE-PKT
    [given] = [e for e in seen["timeline"] if e["action"] == "DISTRIBUTE"]
    assert given["agency"] == {"code": "SNV"}
    assert given["note"] == "(theo chỉ định của cơ quan phối hợp)"
    assert (await detail(world, "an", r))["advisedAgencies"] == [{"code": "SNV"}]


async def test_the_ioc_may_name_others_and_the_timeline_says_so(world: ReflectionWorld) -> None:
    r = await advise(world, await coordinating(world), "SNV")
    ids = [world.unit("HUE-PKT")]
    moved = await step(world, "ioc", "distributeReflection", r, **IDS, ids=ids)
    assert moved["errors"] == []
    seen = await detail(world, "ioc", moved["reflection"])
    assert seen["agencies"] == [{"agency": {"code": "HUE-PKT"}, "state": "ASSIGNED"}]
    [given] = [e for e in seen["timeline"] if e["action"] == "DISTRIBUTE"]
    assert given["note"] == "(khác với chỉ định của cơ quan phối hợp: Sở Nội vụ)"
    assert seen["advisedAgencies"] == [{"code": "SNV"}]  # the advice stays on record


async def test_the_advice_survives_a_disagreement_and_may_be_given_again(
    world: ReflectionWorld,
) -> None:
    r = await advise(world, await coordinating(world), "SNV")
    r = (await step(world, "ioc", "distributeReflection", r))["reflection"]
    r = await handled_by(world, r)
    r = (await step(world, "ioc", "requestReflectionAgreement", r))["reflection"]
    disagreed = await step(
        world, "coord", "disagreeReflectionResult", r, **NOTE, note="Chưa đủ căn cứ"
    )
    r = disagreed["reflection"]
    assert r["state"] == "ADVISED"
    assert (await detail(world, "ioc", r))["advisedAgencies"] == [{"code": "SNV"}]
    again = await step(world, "ioc", "distributeReflection", r)  # to the advised agency again
    assert again["errors"] == []
    seen = await detail(world, "ioc", again["reflection"])
    assert seen["agencies"] == [{"agency": {"code": "SNV"}, "state": "ASSIGNED"}]
    r = await handled_by(world, again["reflection"])
    r = (await step(world, "ioc", "requestReflectionAgreement", r))["reflection"]
    r = (await step(world, "coord", "disagreeReflectionResult", r, **NOTE, note="Sai thẩm quyền"))[
        "reflection"
    ]
    r = await advise(world, r, "HUE-PKT")  # named anew while waiting for distribution
    seen = await detail(world, "ioc", r)
    assert seen["state"] == "ADVISED"
    assert seen["advisedAgencies"] == [{"code": "HUE-PKT"}]
    advices = [e for e in seen["timeline"] if e["action"] == "ADVISE"]
    assert [e["step"] for e in advices] == ["COORDINATION", None]  # closes no IOC step
    moved = await step(world, "ioc", "distributeReflection", r)
    assert moved["errors"] == []
    seen = await detail(world, "ioc", moved["reflection"])
    assert sorted((p["agency"]["code"], p["state"]) for p in seen["agencies"]) == [
        ("HUE-PKT", "ASSIGNED"),
        ("SNV", "WITHDRAWN"),  # its result was not agreed and it is no longer named
    ]
    assert seen["state"] == "IN_HANDLING"


async def test_who_may_advise_distribute_and_see_the_advice_is_unchanged(
    world: ReflectionWorld,
) -> None:
    r = await coordinating(world)
    args = {"args": ", note: $note, agencyIds: $ids", "params": ", $note: String!, $ids: [ID!]"}
    for key in ("ioc", "an"):  # neither is the coordinating agency
        refused = await step(
            world, key, "adviseReflection", r, **args, note="Giao", ids=[world.unit("SNV")]
        )
        assert refused["errors"][0]["code"] == ("FORBIDDEN" if key == "ioc" else "NOT_FOUND")
    r = await advise(world, r, "SNV")
    refused = await step(world, "coord", "distributeReflection", r)
    assert refused["errors"][0]["code"] == "FORBIDDEN"
    assert await detail(world, "an", r) is None  # not given to SNV yet: not theirs to see
    assert await detail(world, None, r) is None
    unknown = [world.unit("HUE-PKT"), gid("OrgUnit", 999_999)]
    wrong = await step(world, "coord", "adviseReflection", r, **args, note="x", ids=unknown)
    assert wrong["errors"][0]["code"] == "NOT_FOUND"
    assert (await detail(world, "ioc", r))["advisedAgencies"] == [{"code": "SNV"}]


async def test_the_reporter_does_not_see_the_advice(world: ReflectionWorld) -> None:
    sent = await submit(world, categoryId=world.category("LAND"))
    r = sent["reflection"]
    classify = {"args": ", coordinatingUnitId: $c", "params": ", $c: ID", "c": world.unit("VP")}
    r = (await step(world, "ioc", "classifyReflection", r, **classify))["reflection"]
    r = (await step(world, "ioc", "sendReflectionToCoordinator", r))["reflection"]
    await advise(world, r, "SNV")
    api = await world.as_(None)
    own = """query($code: String!) { reflectionByTrackingCode(code: $code) {
      state advisedAgencies { code } } }"""
    found = await api.data(own, {"code": sent["trackingCode"]})
    assert found["reflectionByTrackingCode"] == {"state": "ADVISED", "advisedAgencies": None}
