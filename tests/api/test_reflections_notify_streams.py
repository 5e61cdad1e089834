"""Field-report notifications on the real-time streams (websocket and SSE): the IOC's work
shows on no unit dashboard, an agency's shows to those who may read the report, and no
payload holds reporter data or the report's text."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from govgraph.app import create_app
from govgraph.container import Container
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world, step, submit
from tests.api.test_events_sse import frames
from tests.factories import Api
from tests.realtime import WsClient, listening, serving

ASSIGNED = """
subscription Assigned($unit: ID!, $subtree: Boolean!) {
  assignmentCreated(unitId: $unit, includeSubtree: $subtree) {
    kind subjectType subjectId unitId summary { title action state priority } }
}
"""
MINE = "subscription { myNotifications { kind subjectId summary { title action state } } }"
SECRET = "Cháy kho hàng của bà Nguyễn Thị Mười ở số 7 Kiệt 12, người báo xin giấu tên"
LEAKS = ("Trần Văn Dân", "0905 111 222", "dan@example.vn", "Mười", "Kiệt", "kho hàng")


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


@pytest.fixture
async def url(container: Container) -> AsyncIterator[str]:
    container.settings = container.settings.model_copy(update={"relay_poll_seconds": 0.2})
    async with serving(create_app(container.settings, container)) as ws_url:
        yield ws_url


async def connect(world: ReflectionWorld, url: str, key: str) -> WsClient:
    api = await world.as_(key)
    return await WsClient.open(url, api.token)


def clean(payload: dict[str, Any], code: str) -> None:
    text = json.dumps(payload, ensure_ascii=False)
    for secret in (*LEAKS, code):
        assert secret not in text, secret


async def test_dashboards_show_agency_work_only_to_its_readers(
    world: ReflectionWorld, url: str, container: Container
) -> None:
    cuong = await connect(world, url, "cuong")  # OVERSEER of Huế and everything under it
    await cuong.subscribe("hue", ASSIGNED, {"unit": world.unit("HUE"), "subtree": True})
    dung = await connect(world, url, "dung")  # staff of Huế's economy office, no role
    await dung.subscribe("pkt", ASSIGNED, {"unit": world.unit("HUE-PKT"), "subtree": False})
    ioc = await connect(world, url, "ioc")
    await ioc.subscribe("mine", MINE)
    await listening(container.hub, 3)
    sent = await submit(world, content=SECRET, categoryId=world.category("FIRE"))
    code = sent["trackingCode"]
    mine = (await ioc.next_data("mine"))["myNotifications"]
    assert (mine["kind"], mine["summary"]["action"]) == ("NEW_ASSIGNMENT", "SUBMIT")
    assert mine["summary"]["title"].endswith("· Fire · Ủy ban nhân dân phường Phú Hội")
    clean(mine, code)
    # the report lies in Huế, but intake is the IOC's: no unit dashboard shows it
    assert await cuong.silent(0.6)
    assert await dung.silent(0.1)
    await step(world, "ioc", "distributeReflection", sent["reflection"])  # to HUE-PKT
    for client, op in ((cuong, "hue"), (dung, "pkt")):
        event = (await client.next_data(op))["assignmentCreated"]
        assert event["subjectType"] == "REFLECTION"
        assert event["subjectId"] == sent["reflection"]["id"]
        assert event["unitId"] == world.unit("HUE-PKT")
        assert event["summary"]["priority"] == "URGENT"
        clean(event, code)
    for client in (cuong, dung, ioc):
        await client.close()


async def test_the_sse_inbox_stream_carries_no_reporter_data(
    world: ReflectionWorld, url: str, container: Container
) -> None:
    base = url.replace("ws://", "http://").removesuffix("/graphql")
    api = await world.as_("ioc")
    headers = {"Authorization": f"Bearer {api.token}"}
    async with (
        httpx.AsyncClient(base_url=base, timeout=10) as client,
        client.stream("GET", "/events/notifications", headers=headers) as response,
    ):
        stream = frames(response)
        pending = asyncio.ensure_future(anext(stream))
        await listening(container.hub)
        sent = await submit(world, content=SECRET, secrecyRequested=True)
        frame = await pending
    assert frame["event"] == "myNotifications"
    assert frame["data"]["subjectType"] == "REFLECTION"
    clean(frame, sent["trackingCode"])
