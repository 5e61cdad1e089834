"""Subscriptions over real websockets (uvicorn on a local port): sign-in in connection_init,
replay then live without gap or duplicate, caps, close codes, the legacy protocol refused."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import websockets

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.app import create_app
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world
from tests.factories import Api
from tests.realtime import Closed, WsClient, listening, serving

MY = """
subscription Mine($after: String) {
  myNotifications(after: $after) { id cursor kind subjectId summary { title action } }
}
"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


@pytest.fixture
async def url(container: Container) -> AsyncIterator[str]:
    container.settings = container.settings.model_copy(
        update={
            "ws_init_timeout_seconds": 0.5,
            "ws_max_connections_per_person": 2,
            "ws_max_subscriptions": 2,
            "ws_auth_recheck_seconds": 0.2,
            "relay_poll_seconds": 0.2,
        }
    )
    async with serving(create_app(container.settings, container)) as ws_url:
        yield ws_url


async def token(world: TaskWorld, key: str) -> str:
    api = await world.as_(key)
    assert api.token
    return api.token


async def sent_task(world: TaskWorld, content: str) -> dict[str, Any]:
    task = await world.new_task(content=content)
    await world.advance(task["id"], [Action.SEND])
    return task


async def test_replays_after_the_cursor_then_streams_live(world: TaskWorld, url: str) -> None:
    first = await sent_task(world, "Một")
    await sent_task(world, "Hai")
    inbox = await world.data("an", "{ notifications(first: 5) { edges { node { cursor } } } }")
    oldest = inbox["notifications"]["edges"][-1]["node"]["cursor"]
    client = await WsClient.open(url, await token(world, "an"))
    await client.subscribe("1", MY, {"after": oldest})
    replayed = await client.next_data("1")
    assert replayed["myNotifications"]["summary"]["title"] == "Hai"
    await sent_task(world, "Ba")
    live = await client.next_data("1")
    assert live["myNotifications"]["summary"]["title"] == "Ba"
    assert live["myNotifications"]["subjectId"] != first["id"]
    assert await client.silent(0.5)  # nothing twice
    await client.close()


async def test_without_a_cursor_only_new_notifications_arrive(
    world: TaskWorld, url: str, container: Container
) -> None:
    await sent_task(world, "Cũ")
    client = await WsClient.open(url, await token(world, "an"))
    await client.subscribe("1", MY)
    await listening(container.hub)
    assert await client.silent(0.4)
    await sent_task(world, "Mới")
    data = await client.next_data("1")
    assert data["myNotifications"]["summary"]["title"] == "Mới"
    await client.close()


async def test_a_connection_without_a_valid_token_is_closed_4403(
    world: TaskWorld, url: str
) -> None:
    for given in (None, "not-a-token"):
        client = await WsClient.open(url, None, init=False)
        await client.send({"type": "connection_init", "payload": {"token": given}})
        assert await client.closed_with() == 4403


async def test_no_connection_init_in_time_closes_4408(world: TaskWorld, url: str) -> None:
    client = await WsClient.open(url, None, init=False)
    assert await client.closed_with(3) == 4408


async def test_the_legacy_graphql_ws_protocol_is_refused(world: TaskWorld, url: str) -> None:
    secret = await token(world, "an")
    with pytest.raises((Closed, websockets.InvalidStatus, websockets.ConnectionClosed)):
        await WsClient.open(url, secret, protocol="graphql-ws")


async def test_caps_on_connections_per_person_and_subscriptions(world: TaskWorld, url: str) -> None:
    secret = await token(world, "an")
    held = [await WsClient.open(url, secret) for _ in range(2)]
    third = await WsClient.open(url, secret, init=False)
    await third.send({"type": "connection_init", "payload": {"token": secret}})
    assert await third.closed_with() == 4429
    for op in ("1", "2", "3"):
        await held[0].subscribe(op, MY)
    refused = await held[0].receive()
    assert refused["type"] == "error"
    assert refused["id"] == "3"
    await held[1].close()
    again = await WsClient.open(url, secret)  # a slot was given back
    await again.close()
    await held[0].close()


async def test_a_revoked_token_ends_the_connection_4403(world: TaskWorld, url: str) -> None:
    api = await world.as_("an")
    client = await WsClient.open(url, await token(world, "an"))
    await client.subscribe("1", MY)
    logout = await api.data("mutation { logout { errors { code } } }")
    assert logout["logout"]["errors"] == []
    assert await client.closed_with() == 4403


async def test_an_expired_token_ends_the_connection_4403(
    world: TaskWorld, url: str, clock: FixedClock
) -> None:
    from datetime import timedelta

    client = await WsClient.open(url, await token(world, "an"))
    await client.subscribe("1", MY)
    clock.instant += timedelta(hours=13)
    assert await client.closed_with() == 4403


async def test_staff_without_an_inbox_get_a_typed_error(world: TaskWorld, url: str) -> None:
    client = await WsClient.open(url, await token(world, "snv"))
    await client.subscribe("1", MY)
    message = await client.receive()
    assert message["type"] in ("error", "next"), message
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    await asyncio.sleep(0)
    await client.close()
