"""Dashboard streams over real websockets: assignmentCreated and deadlineWarnings, checked
when subscribing and for every event; a withdrawn role stops delivery."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.scheduler import deadline_jobs
from tests.api.task_factories import TaskWorld, build_task_world, iso
from tests.factories import Api
from tests.realtime import WsClient, listening, serving

ASSIGNED = """
subscription Assigned($unit: ID!, $subtree: Boolean!) {
  assignmentCreated(unitId: $unit, includeSubtree: $subtree) {
    kind subjectId unitId summary { title action } }
}
"""

WARNINGS = """
subscription Warnings($unit: ID!, $subtree: Boolean!) {
  deadlineWarnings(unitId: $unit, includeSubtree: $subtree) {
    kind subjectId unitId summary { title threshold dueAt } }
}
"""

GRANT = """
mutation Grant($account: ID!, $unit: ID!) {
  grantRole(accountId: $account, role: OVERSEER, unitId: $unit, includeSubtree: false) {
    grant { id } errors { code message } }
}
"""

REVOKE = """
mutation Revoke($id: ID!) { revokeRole(grantId: $id) { errors { code message } } }
"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


@pytest.fixture
async def url(container: Container) -> AsyncIterator[str]:
    container.settings = container.settings.model_copy(update={"relay_poll_seconds": 0.2})
    async with serving(create_app(container.settings, container)) as ws_url:
        yield ws_url


async def connect(world: TaskWorld, url: str, key: str) -> WsClient:
    api = await world.as_(key)
    return await WsClient.open(url, api.token)


def variables(world: TaskWorld, code: str, subtree: bool = False) -> dict[str, Any]:
    return {"unit": world.unit(code), "subtree": subtree}


async def first_error(client: WsClient, op: str) -> str:
    message = await client.receive()
    assert message["id"] == op
    if message["type"] == "error":
        code: str = message["payload"][0]["extensions"]["code"]
        return code
    code = message["payload"]["errors"][0]["extensions"]["code"]
    assert (await client.receive())["type"] == "complete"  # the stream ended
    return code


async def test_an_overseer_sees_work_sent_to_units_in_scope(
    world: TaskWorld, url: str, container: Container
) -> None:
    long = await connect(world, url, "long")  # OVERSEER of the province, subtree
    await long.subscribe("snv", ASSIGNED, variables(world, "SNV"))
    await long.subscribe("prov", ASSIGNED, variables(world, "PROV", subtree=True))
    await listening(container.hub, 2)
    task = await world.new_task(content="Rà soát biên chế năm 2027")
    await world.advance(task["id"], [Action.SEND])
    seen = {}
    for _ in range(2):
        message = await long.receive()
        seen[message["id"]] = message["payload"]["data"]["assignmentCreated"]
    assert seen["snv"] == seen["prov"]
    assert seen["snv"]["subjectId"] == task["id"]
    assert seen["snv"]["unitId"] == world.unit("SNV")
    assert seen["snv"]["summary"] == {"title": "Rà soát biên chế năm 2027", "action": "SEND"}
    await long.close()


async def test_outside_the_scope_nothing_arrives_and_subscribing_is_refused(
    world: TaskWorld, url: str, container: Container
) -> None:
    cuong = await connect(world, url, "cuong")  # OVERSEER of Huế only
    await cuong.subscribe("snv", ASSIGNED, variables(world, "SNV"))
    assert await first_error(cuong, "snv") == "FORBIDDEN"
    await cuong.subscribe("hue", ASSIGNED, variables(world, "HUE", subtree=True))
    await listening(container.hub)
    task = await world.new_task()  # for SNV: not in Huế
    await world.advance(task["id"], [Action.SEND])
    assert await cuong.silent(0.6)
    dung = await connect(world, url, "dung")  # no role: own unit alone, never a subtree
    await dung.subscribe("sub", ASSIGNED, variables(world, "HUE-PKT", subtree=True))
    assert await first_error(dung, "sub") == "FORBIDDEN"
    await dung.subscribe("prov", WARNINGS, variables(world, "PROV"))
    assert await first_error(dung, "prov") == "FORBIDDEN"
    for client in (cuong, dung):
        await client.close()


async def test_a_withdrawn_role_stops_delivery(
    world: TaskWorld, url: str, container: Container
) -> None:
    granted = await world.mutate(
        "admin",
        GRANT,
        {"account": _account_gid(world, "dung"), "unit": world.unit("SNV")},
        "grantRole",
    )
    assert granted["errors"] == [], granted
    world._clients.pop("dung", None)
    dung = await connect(world, url, "dung")
    await dung.subscribe("snv", ASSIGNED, variables(world, "SNV"))
    await listening(container.hub)
    first = await world.new_task(content="Trước khi thu hồi")
    await world.advance(first["id"], [Action.SEND])
    data = await dung.next_data("snv")
    assert data["assignmentCreated"]["summary"]["title"] == "Trước khi thu hồi"
    revoked = await world.mutate("admin", REVOKE, {"id": granted["grant"]["id"]}, "revokeRole")
    assert revoked["errors"] == []
    second = await world.new_task(content="Sau khi thu hồi")
    await world.advance(second["id"], [Action.SEND])
    message = await dung.receive()
    assert "Sau khi thu hồi" not in str(message)
    assert message["payload"]["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    await dung.close()


async def test_deadline_warnings_reach_the_dashboard_once(
    world: TaskWorld, url: str, container: Container, clock: FixedClock
) -> None:
    long = await connect(world, url, "long")
    await long.subscribe("w", WARNINGS, variables(world, "PROV", subtree=True))
    await listening(container.hub)
    due = clock.now() + timedelta(hours=1)
    task = await world.new_task(content="Báo cáo khẩn", deadline=iso(due), priority="URGENT")
    await world.advance(task["id"], [Action.SEND])
    jobs = deadline_jobs(container)
    for _ in range(2):  # a second run raises nothing again
        for job in jobs:
            await job.run(clock.now())
    data = await long.next_data("w")
    warning = data["deadlineWarnings"]
    assert warning["kind"] == "DEADLINE_WARNING"
    assert warning["summary"]["threshold"] == "2_WORKING_HOURS"
    assert warning["subjectId"] == task["id"]
    assert await long.silent(0.6)
    clock.instant = due - timedelta(minutes=5)
    for job in jobs:
        await job.run(clock.now())
    urgent = (await long.next_data("w"))["deadlineWarnings"]
    assert urgent["summary"]["threshold"] == "10_MINUTES"
    clock.instant = due + timedelta(minutes=1)
    for job in jobs:
        await job.run(clock.now())
    assert (await long.next_data("w"))["deadlineWarnings"]["kind"] == "OVERDUE"
    await long.close()


def _account_gid(world: TaskWorld, key: str) -> str:
    from tests.factories import gid

    return gid("Account", world.accounts[key])
