"""Server-Sent Events over a real HTTP connection (uvicorn): the same streams, resumed with
Last-Event-ID, refused without a token, ended with an error event when not allowed."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.app import create_app
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world
from tests.factories import Api
from tests.realtime import listening, serving


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


@pytest.fixture
async def base(container: Container) -> AsyncIterator[str]:
    container.settings = container.settings.model_copy(update={"relay_poll_seconds": 0.2})
    async with serving(create_app(container.settings, container)) as ws_url:
        yield ws_url.replace("ws://", "http://").removesuffix("/graphql")


async def frames(response: httpx.Response) -> AsyncIterator[dict[str, Any]]:
    """Parsed SSE frames (comments skipped)."""
    frame: dict[str, Any] = {}
    async for line in response.aiter_lines():
        if not line:
            if frame:
                yield frame
            frame = {}
        elif not line.startswith(":"):
            key, _, value = line.partition(": ")
            frame[key] = json.loads(value) if key == "data" else value


async def sent(world: TaskWorld, content: str) -> None:
    task = await world.new_task(content=content)
    await world.advance(task["id"], [Action.SEND])


async def test_notifications_resume_from_last_event_id(world: TaskWorld, base: str) -> None:
    await sent(world, "Một")
    await sent(world, "Hai")
    api = await world.as_("an")
    listed = await api.data("{ notifications(first: 5) { edges { node { cursor } } } }")
    oldest = listed["notifications"]["edges"][-1]["node"]["cursor"]
    headers = {"Authorization": f"Bearer {api.token}", "Last-Event-ID": oldest}
    async with (
        httpx.AsyncClient(base_url=base, timeout=10) as client,
        client.stream("GET", "/events/notifications", headers=headers) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        stream = frames(response)
        first = await anext(stream)
        assert first["event"] == "myNotifications"
        assert first["data"]["summary"]["title"] == "Hai"
        assert first["id"] == first["data"]["cursor"]
        await sent(world, "Ba")
        live = await anext(stream)
        assert live["data"]["summary"]["title"] == "Ba"


async def test_without_a_token_the_stream_is_refused(world: TaskWorld, base: str) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        response = await client.get("/events/notifications")
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        unknown = await client.get("/events/nothing")
        assert unknown.status_code == 404


async def test_a_dashboard_outside_the_scope_gets_an_error_event(
    world: TaskWorld, base: str
) -> None:
    api = await world.as_("cuong")
    params = {"unitId": world.unit("SNV"), "includeSubtree": "true"}
    headers = {"Authorization": f"Bearer {api.token}"}
    async with (
        httpx.AsyncClient(base_url=base, timeout=10) as client,
        client.stream("GET", "/events/assignments", params=params, headers=headers) as response,
    ):
        frame = await anext(frames(response))
        assert frame["event"] == "error"
        assert frame["data"]["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_overseer_follows_assignments(
    world: TaskWorld, base: str, container: Container
) -> None:
    api = await world.as_("long")
    params = {"unitId": world.unit("PROV"), "includeSubtree": "true"}
    headers = {"Authorization": f"Bearer {api.token}"}
    async with (
        httpx.AsyncClient(base_url=base, timeout=10) as client,
        client.stream("GET", "/events/assignments", params=params, headers=headers) as response,
    ):
        stream = frames(response)
        pending = asyncio.ensure_future(anext(stream))
        await listening(container.hub)
        await sent(world, "Giao việc mới")
        frame = await pending
        assert frame["event"] == "assignmentCreated"
        assert frame["data"]["summary"]["title"] == "Giao việc mới"
