"""Field-report steps notify through GraphQL: who is told at each step, focal persons first,
the actor never, and no payload ever holds reporter data or the report's text."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from strawberry.relay import GlobalID

from govgraph.container import Container
from persistence.notification_tables import notification_events, notifications
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world, step, submit
from tests.factories import Api, gid

INBOX = """
{ unreadNotificationCount
  notifications(first: 50) { totalCount edges { node {
    kind subjectType subjectId unitId
    summary { title action state dueAt priority threshold } } } } }
"""
SECRET = "Bí mật: ông Lê Văn Tám ở số 9 Kiệt 3 buôn bán trái phép, xin giấu tên"
RESULT = "Đã thay 3 bóng đèn hỏng trên đường Nguyễn Huệ, đèn sáng bình thường từ tối nay."
RESULT_ARGS = {"args": ", result: $result", "params": ", $result: String!", "result": RESULT}
REPORTER = ("Trần Văn Dân", "0905 111 222", "dan@example.vn", "0905111222")


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def inbox(world: ReflectionWorld, key: str) -> dict[str, Any]:
    api = await world.as_(key)
    return await api.data(INBOX)


def seen(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [
        (e["node"]["kind"], e["node"]["summary"]["action"]) for e in data["notifications"]["edges"]
    ]


async def to_publication(world: ReflectionWorld, r: dict[str, Any]) -> dict[str, Any]:
    r = (await step(world, "ioc", "distributeReflection", r))["reflection"]
    r = (await step(world, "giang", "acceptReflection", r))["reflection"]
    r = (await step(world, "giang", "submitReflectionResult", r, **RESULT_ARGS))["reflection"]
    r = (await step(world, "an", "approveReflectionResult", r))["reflection"]
    payload = await step(world, "ioc", "publishReflection", r)
    assert payload["errors"] == []
    return dict(payload["reflection"])


async def test_each_step_tells_whoever_now_has_the_work(world: ReflectionWorld) -> None:
    sent = await submit(world)
    r = sent["reflection"]
    number = GlobalID.from_id(r["id"]).node_id
    ioc = await inbox(world, "ioc")
    assert seen(ioc) == [("NEW_ASSIGNMENT", "SUBMIT")]
    node = ioc["notifications"]["edges"][0]["node"]
    assert node["subjectType"] == "REFLECTION"
    assert node["subjectId"] == r["id"]
    assert node["unitId"] is None  # the IOC's work shows on no unit dashboard
    title = f"Phản ánh #{number} · Lighting · Ủy ban nhân dân phường Phú Hội"
    assert node["summary"]["title"] == title
    assert node["summary"]["state"] == "SUBMITTED"
    assert node["summary"]["dueAt"] == r["stepDue"]
    await to_publication(world, r)
    assert seen(await inbox(world, "ioc")) == [
        ("NEW_ASSIGNMENT", "APPROVE"),  # every agency approved: check and publish
        ("NEW_ASSIGNMENT", "SUBMIT"),
    ]
    an = await inbox(world, "an")
    assert seen(an) == [
        ("PUBLISHED", "PUBLISH"),
        ("NEW_ASSIGNMENT", "SUBMIT_RESULT"),
        ("NEW_ASSIGNMENT", "DISTRIBUTE"),
    ]
    assert an["unreadNotificationCount"] == 3
    assert {e["node"]["unitId"] for e in an["notifications"]["edges"]} == {world.unit("SNV")}
    assert seen(await inbox(world, "khanh")) == [
        ("PUBLISHED", "PUBLISH"),
        ("APPROVED", "APPROVE"),  # an approved: an is not told of it, khanh is
        ("NEW_ASSIGNMENT", "SUBMIT_RESULT"),
        ("NEW_ASSIGNMENT", "DISTRIBUTE"),
    ]
    for outsider in ("giang", "dung", "cuong", "coord"):  # no role, or not a party
        data = await inbox(world, outsider)
        assert data["unreadNotificationCount"] == 0, outsider


async def test_focal_persons_are_told_instead_of_the_leaders(world: ReflectionWorld) -> None:
    api = await world.as_("an")
    focals = await api.data(
        """mutation($agency: ID!, $leader: ID, $handler: ID) {
          setReflectionFocals(agencyId: $agency, leaderId: $leader, handlerId: $handler) {
            ok errors { code } } }""",
        {
            "agency": world.unit("SNV"),
            "leader": gid("Person", world.made.people["khanh"]),
            "handler": gid("Person", world.made.people["giang"]),
        },
    )
    assert focals["setReflectionFocals"]["errors"] == []
    r = (await submit(world))["reflection"]
    r = (await step(world, "ioc", "distributeReflection", r))["reflection"]
    assert seen(await inbox(world, "giang")) == [("NEW_ASSIGNMENT", "DISTRIBUTE")]
    assert seen(await inbox(world, "khanh")) == [("NEW_ASSIGNMENT", "DISTRIBUTE")]
    assert seen(await inbox(world, "an")) == []
    r = (await step(world, "giang", "acceptReflection", r))["reflection"]
    await step(world, "giang", "submitReflectionResult", r, **RESULT_ARGS)
    # approval is the focal leader's work alone; giang acted and is not told
    assert seen(await inbox(world, "khanh"))[0] == ("NEW_ASSIGNMENT", "SUBMIT_RESULT")
    assert seen(await inbox(world, "giang")) == [("NEW_ASSIGNMENT", "DISTRIBUTE")]


async def test_returns_and_the_sensitive_flow_reach_the_right_side(world: ReflectionWorld) -> None:
    r = (await submit(world))["reflection"]
    r = (await step(world, "ioc", "distributeReflection", r))["reflection"]
    returned = await step(
        world,
        "an",
        "returnReflectionToIoc",
        r,
        args=", note: $note",
        params=", $note: String!",
        note="Không thuộc thẩm quyền",
    )
    assert returned["errors"] == []
    assert seen(await inbox(world, "ioc"))[0] == ("RETURNED", "RETURN")
    land = (await submit(world, categoryId=world.category("LAND")))["reflection"]
    sent = await step(
        world,
        "ioc",
        "classifyReflection",
        land,
        args=", coordinatingUnitId: $unit",
        params=", $unit: ID",
        unit=world.unit("VP"),
    )
    assert sent["errors"] == [], sent
    await step(world, "ioc", "sendReflectionToCoordinator", sent["reflection"])
    coord = await inbox(world, "coord")
    assert seen(coord) == [("NEW_ASSIGNMENT", "SEND_TO_COORDINATOR")]
    assert coord["notifications"]["edges"][0]["node"]["unitId"] == world.unit("VP")


async def notification_text(container: Container) -> str:
    """Every stored payload: events and inbox rows."""
    async with container.sessions() as session:
        events = (await session.scalars(select(notification_events.c.summary))).all()
        rows = (await session.scalars(select(notifications.c.summary))).all()
    assert events
    assert rows
    return "\n".join([*events, *rows])


async def test_no_payload_holds_reporter_data_or_the_report_text(
    world: ReflectionWorld, container: Container
) -> None:
    sent = await submit(world, content=SECRET, secrecyRequested=True, consentContact=True)
    r = await to_publication(world, sent["reflection"])
    assert r["state"] == "ANSWERED_PRIVATELY"
    api = await world.as_(None)
    asked = await api.data(
        """mutation($id: ID!, $code: String) {
          askReflectionQuestion(id: $id, question: "Ông Tám đã bị xử lý chưa?", trackingCode: $code)
          { errors { code } } }""",
        {"id": r["id"], "code": sent["trackingCode"]},
    )
    assert asked["askReflectionQuestion"]["errors"] == []
    assert seen(await inbox(world, "an"))[0] == ("NEW_ASSIGNMENT", "ASK")
    stored = await notification_text(container)
    inboxes = "\n".join([str(await inbox(world, k)) for k in ("ioc", "an", "khanh")])
    for text in (stored, inboxes):
        assert "Phản ánh #" in text
        for secret in (*REPORTER, sent["trackingCode"], "Tám", "Kiệt", "bóng đèn", "Nguyễn Huệ"):
            assert secret not in text, secret
