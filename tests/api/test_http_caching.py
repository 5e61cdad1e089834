"""Caching and compression at the HTTP edge: GET query answers carry a weak ETag and
`private, no-cache`, and If-None-Match gets 304; POST, mutations and answers with errors are
not cached. Large answers are compressed as the client accepts; Server-Sent Events never."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.app import create_app
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world
from tests.factories import Api, Province
from tests.realtime import serving

JSON = "application/json"
LEVELS = "{ orgLevels { code name rank } }"


@pytest.fixture
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        yield client


async def get(client: httpx.AsyncClient, query: str, **headers: str) -> httpx.Response:
    return await client.get(
        "/graphql", params={"query": query}, headers={"Accept": JSON, **headers}
    )


async def test_get_answers_are_revalidated_with_their_etag(http: httpx.AsyncClient) -> None:
    first = await get(http, LEVELS)
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "private, no-cache"
    assert "Authorization" in first.headers["vary"]
    again = await get(http, LEVELS, **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    stale = await get(http, LEVELS, **{"If-None-Match": 'W/"0123"'})
    assert stale.status_code == 200
    assert stale.json() == first.json()


async def test_a_signed_in_answer_has_its_own_etag(
    http: httpx.AsyncClient, api: Api, province: Province
) -> None:
    query = "{ me { login } }"
    anonymous = await get(http, query)
    await api.login("dung.pt")
    signed_in = await get(http, query, Authorization=f"Bearer {api.token}")
    assert signed_in.json()["data"]["me"]["login"] == "dung.pt"
    assert signed_in.headers["etag"] != anonymous.headers["etag"]
    assert signed_in.headers["cache-control"] == "private, no-cache"


async def test_post_mutations_and_errors_are_not_cached(http: httpx.AsyncClient) -> None:
    post = await http.post("/graphql", json={"query": LEVELS}, headers={"Accept": JSON})
    assert "etag" not in post.headers
    failed = await get(http, "{ orgLevels { nope } }")
    assert "etag" not in failed.headers
    mutation = await get(http, "mutation { logout { ok } }")
    assert mutation.status_code == 405
    assert "etag" not in mutation.headers


# --- compression --------------------------------------------------------------------------

BIG = "{ " + " ".join(f"a{n}: orgLevels {{ code name rank }}" for n in range(25)) + " }"


async def test_large_answers_are_compressed_as_accepted(http: httpx.AsyncClient) -> None:
    for accept in (JSON, "application/graphql-response+json"):
        plain = await http.post(
            "/graphql",
            json={"query": BIG},
            headers={"Accept": accept, "Accept-Encoding": "identity"},
        )
        assert "content-encoding" not in plain.headers
        for encoding in ("gzip", "br", "zstd"):
            packed = await http.post(
                "/graphql",
                json={"query": BIG},
                headers={"Accept": accept, "Accept-Encoding": encoding},
            )
            assert packed.headers["content-encoding"] == encoding
            assert packed.json() == plain.json()  # httpx decodes it
            assert int(packed.headers["content-length"]) < len(plain.content) / 3


async def test_small_answers_are_sent_as_they_are(http: httpx.AsyncClient) -> None:
    small = await http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Accept-Encoding": "gzip"}
    )
    assert "content-encoding" not in small.headers


async def test_server_sent_events_are_never_compressed(
    container: Container, api: Api, clock: FixedClock
) -> None:
    world: TaskWorld = await build_task_world(container, api.client, clock)
    for title in ("Một", "Hai"):
        task = await world.new_task(content=title)
        await world.advance(task["id"], [Action.SEND])
    reader = await world.as_("an")
    listed = await reader.data("{ notifications(first: 5) { edges { node { cursor } } } }")
    oldest = listed["notifications"]["edges"][-1]["node"]["cursor"]
    container.settings = container.settings.model_copy(update={"compression_min_bytes": 0})
    async with serving(create_app(container.settings, container)) as ws_url:
        base = ws_url.replace("ws://", "http://").removesuffix("/graphql")
        headers = {
            "Authorization": f"Bearer {reader.token}",
            "Accept-Encoding": "gzip, br, zstd",
            "Last-Event-ID": oldest,
        }
        async with (
            httpx.AsyncClient(timeout=10) as client,
            client.stream("GET", f"{base}/events/notifications", headers=headers) as response,
        ):
            assert response.headers["content-type"].startswith("text/event-stream")
            assert "content-encoding" not in response.headers
            chunks: list[Any] = []

            async def first_chunk() -> None:
                async for chunk in response.aiter_raw():
                    chunks.append(chunk)
                    return

            await asyncio.wait_for(first_chunk(), 20)  # the first event, uncompressed
    assert b"event: myNotifications" in chunks[0]
