"""Browsers on other origins: ALLOWED_ORIGINS opens the API to the listed origins (CORS
preflight and headers on /graphql, /events, /media, exports; websockets checked against the
same list); nothing is open by default. An EventSource signs in with a single-use ticket,
never the bearer token in the URL."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
import websockets

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.app import create_app
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world
from tests.factories import Api
from tests.realtime import PROTOCOL, serving

DASHBOARD = "https://dashboard.hue.gov.vn"
OTHER = "https://evil.example"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type",
}


def client_of(container: Container, origins: str) -> httpx.AsyncClient:
    settings = container.settings.model_copy(update={"allowed_origins": origins})
    transport = httpx.ASGITransport(app=create_app(settings, container), client=("10.1.2.3", 1))
    return httpx.AsyncClient(transport=transport, base_url="http://govgraph.test")


@pytest.fixture
async def opened(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(container, f"{DASHBOARD}, https://app.hue.gov.vn") as client:
        yield client


@pytest.fixture
async def closed(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(container, "") as client:
        yield client


@pytest.mark.parametrize(
    "path", ["/graphql", "/events/notifications", "/media", "/export/tasks.csv"]
)
async def test_listed_origins_pass_the_preflight(opened: httpx.AsyncClient, path: str) -> None:
    response = await opened.options(path, headers={"Origin": DASHBOARD, **PREFLIGHT})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == DASHBOARD
    allowed = response.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed
    assert "content-type" in allowed
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in response.headers  # tokens, no cookies


async def test_answers_carry_the_cors_headers(opened: httpx.AsyncClient) -> None:
    response = await opened.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": DASHBOARD}
    )
    assert response.headers["access-control-allow-origin"] == DASHBOARD
    assert "x-request-id" in response.headers["access-control-expose-headers"].lower()
    export = await opened.get("/export/tasks.csv", headers={"Origin": DASHBOARD})
    assert export.headers["access-control-allow-origin"] == DASHBOARD  # even a refusal


async def test_other_origins_get_no_cors_headers(opened: httpx.AsyncClient) -> None:
    preflight = await opened.options("/graphql", headers={"Origin": OTHER, **PREFLIGHT})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    answer = await opened.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": OTHER}
    )
    assert "access-control-allow-origin" not in answer.headers


async def test_nothing_is_open_by_default(closed: httpx.AsyncClient) -> None:
    preflight = await closed.options("/graphql", headers={"Origin": DASHBOARD, **PREFLIGHT})
    assert "access-control-allow-origin" not in preflight.headers
    answer = await closed.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": DASHBOARD}
    )
    assert "access-control-allow-origin" not in answer.headers


# --- websockets ---------------------------------------------------------------------------


async def handshake(url: str, origin: str) -> str:
    try:
        async with websockets.connect(
            url,
            subprotocols=[PROTOCOL],  # type: ignore[list-item]
            additional_headers={"Origin": origin},
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
            return "open"
    except websockets.InvalidStatus as refused:
        return str(refused.response.status_code)


@pytest.mark.parametrize(("origins", "expected"), [(DASHBOARD, "open"), ("", "403")])
async def test_websocket_origins_follow_the_same_list(
    container: Container, origins: str, expected: str
) -> None:
    settings = container.settings.model_copy(update={"allowed_origins": origins})
    async with serving(create_app(settings, container)) as url:
        assert await handshake(url, DASHBOARD) == expected
        assert await handshake(url, OTHER) == "403"


# --- Server-Sent Events with a ticket -----------------------------------------------------


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


async def ticket_for(client: httpx.AsyncClient, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.post("/events/ticket", headers=headers)


async def first_frame(base: str, params: dict[str, str]) -> tuple[int, str]:
    async with (
        httpx.AsyncClient(timeout=10) as client,
        client.stream("GET", f"{base}/events/notifications", params=params) as response,
    ):
        if response.status_code != 200:
            return response.status_code, (await response.aread()).decode()
        async for line in response.aiter_lines():
            if line.startswith("data: "):
                return 200, line
    return 0, ""


async def test_an_event_source_signs_in_with_a_single_use_ticket(
    world: TaskWorld, container: Container, clock: FixedClock
) -> None:
    for title in ("Một", "Hai"):
        task = await world.new_task(content=title)
        await world.advance(task["id"], [Action.SEND])
    reader = await world.as_("an")
    assert reader.token
    listed = await reader.data("{ notifications(first: 5) { edges { node { cursor } } } }")
    oldest = listed["notifications"]["edges"][-1]["node"]["cursor"]
    async with serving(create_app(container.settings, container)) as ws_url:
        base = ws_url.replace("ws://", "http://").removesuffix("/graphql")
        async with httpx.AsyncClient(base_url=base) as http:
            assert (await ticket_for(http, None)).status_code == 401
            assert (await ticket_for(http, "not-a-token")).status_code == 401
            issued = await ticket_for(http, reader.token)
            ticket = issued.json()["ticket"]
            assert issued.json()["expiresInSeconds"] == 60
            assert reader.token not in ticket
            stale = (await ticket_for(http, reader.token)).json()["ticket"]
        status, frame = await first_frame(base, {"ticket": ticket, "after": oldest})
        assert status == 200
        assert "Hai" in frame
        again, body = await first_frame(base, {"ticket": ticket, "after": oldest})
        assert again == 401  # once only
        assert json.loads(body)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        clock.instant += timedelta(seconds=61)
        late, _ = await first_frame(base, {"ticket": stale, "after": oldest})
        assert late == 401  # expired


async def test_tickets_are_shared_by_processes_through_redis(
    world: TaskWorld, container: Container
) -> None:
    url = os.environ.get("REDIS_URL") or (
        "redis://127.0.0.1:6379/0" if os.environ.get("CI") == "true" else None
    )
    if url is None:
        pytest.skip("REDIS_URL is not set")
    reader = await world.as_("an")
    settings = container.settings.model_copy(update={"redis_url": url})
    container.settings = settings
    apps: list[Any] = [create_app(settings, container), create_app(settings, container)]
    async with serving(apps[0]) as one, serving(apps[1]) as two:
        first = one.replace("ws://", "http://").removesuffix("/graphql")
        second = two.replace("ws://", "http://").removesuffix("/graphql")
        async with httpx.AsyncClient(base_url=first) as http:
            ticket = (await ticket_for(http, reader.token)).json()["ticket"]
        async with (
            httpx.AsyncClient(timeout=10) as client,
            client.stream(
                "GET", f"{second}/events/notifications", params={"ticket": ticket}
            ) as response,
        ):
            assert response.status_code == 200
