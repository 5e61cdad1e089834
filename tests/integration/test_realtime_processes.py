"""End to end across processes: two `govgraph serve` processes share the database and Redis.

A notification committed on one reaches a subscriber on the other through Redis (the relays
poll only every 30 s here, so a fast delivery proves the bus). Killing a server mid-stream:
the client resumes on the other from its last cursor and receives every notification exactly
once. Killing Redis mid-stream (a private redis-server, never the shared one): the relays
fall back on polling and nothing is lost or repeated.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world
from tests.realtime import Closed, WsClient, free_port

pytestmark = pytest.mark.redis

MY = "subscription($after: String) { myNotifications(after: $after) { cursor summary { title } } }"
ROOT = Path(__file__).resolve().parents[2]


def redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    if os.environ.get("CI") == "true":
        return "redis://127.0.0.1:6379/0"
    pytest.skip("REDIS_URL is not set")


class Server:
    """One `govgraph serve` process."""

    def __init__(
        self,
        database_url: str,
        redis: str,
        poll: float,
        media_dir: str = "",
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
            **({"REDIS_URL": redis} if redis else {}),
            "DATABASE_URL": database_url,
            "RELAY_POLL_SECONDS": str(poll),
            "SCHEDULER_IN_SERVE": "false",
            "ARGON2_MEMORY_KIB": "1024",
            "ARGON2_TIME_COST": "1",
            "LOG_LEVEL": "WARNING",
            **({"MEDIA_DIR": media_dir} if media_dir else {}),
            **(extra_env or {}),
        }
        command = [sys.executable, "-m", "govgraph.cli", "serve", "--no-migrate"]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 120  # a loaded machine starts processes slowly
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.http}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.kill()
        raise AssertionError("server did not start")

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)


@contextmanager
def private_redis() -> Iterator[tuple[str, int]]:
    """A redis-server of this test alone, on its own port (safe to kill)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = start_redis(binary, port)
    try:
        yield f"redis://127.0.0.1:{port}/0", port
    finally:
        process.kill()
        process.wait(10)


def start_redis(binary: str, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.3)
    return process


async def world_on(server: Server, container: Container, clock: FixedClock) -> TaskWorld:
    client = httpx.AsyncClient(base_url=server.http, timeout=30)
    return await build_task_world(container, client, clock)


async def send(world: TaskWorld, title: str) -> None:
    task = await world.new_task(content=title)
    await world.advance(task["id"], [Action.SEND])


async def collect(client: WsClient, count: int, seen: list[dict[str, Any]]) -> None:
    while len(seen) < count:
        data = await client.next_data("1", wait=15)
        seen.append(data["myNotifications"])


async def test_committed_on_one_process_delivered_by_the_other(
    container: Container, clock: FixedClock, migrated: str
) -> None:
    redis = redis_url()
    one, two = Server(migrated, redis, poll=30), Server(migrated, redis, poll=30)
    try:
        world = await world_on(one, container, clock)
        an = await world.as_("an")
        subscriber = await WsClient.open(two.ws, an.token)
        await subscriber.subscribe("1", MY, {"after": None})
        await asyncio.sleep(0.5)  # the subscription registers on process two
        started = time.monotonic()
        await send(world, "Qua Redis")
        data = await subscriber.next_data("1", wait=10)
        assert data["myNotifications"]["summary"]["title"] == "Qua Redis"
        assert time.monotonic() - started < 10  # woken by Redis, not by the 30 s poll
        await subscriber.close()
        await world.client.aclose()
    finally:
        one.kill()
        two.kill()


async def test_a_killed_server_the_client_resumes_on_the_other_exactly_once(
    container: Container, clock: FixedClock, migrated: str
) -> None:
    redis = redis_url()
    one, two = Server(migrated, redis, poll=1), Server(migrated, redis, poll=1)
    try:
        world = await world_on(one, container, clock)
        token = (await world.as_("an")).token
        seen: list[dict[str, Any]] = []
        client = await WsClient.open(two.ws, token)
        await client.subscribe("1", MY, {"after": None})
        await asyncio.sleep(0.5)
        for i in range(3):
            await send(world, f"Thông báo {i}")
        await collect(client, 3, seen)
        two.kill()  # mid-stream
        with pytest.raises(Closed):
            await client.receive(5)
        for i in range(3, 6):  # committed while the client is away
            await send(world, f"Thông báo {i}")
        client = await WsClient.open(one.ws, token)
        await client.subscribe("1", MY, {"after": seen[-1]["cursor"]})
        await send(world, "Thông báo 6")
        await collect(client, 7, seen)
        assert await client.silent(1.0)
        titles = [n["summary"]["title"] for n in seen]
        assert titles == [f"Thông báo {i}" for i in range(7)]
        await client.close()
        await world.client.aclose()
    finally:
        one.kill()
        two.kill()


async def test_redis_killed_mid_stream_nothing_lost_nothing_twice(
    container: Container, clock: FixedClock, migrated: str
) -> None:
    redis_url()  # the test runs where Redis is part of the setup
    with private_redis() as (redis, port):
        one, two = Server(migrated, redis, poll=1), Server(migrated, redis, poll=1)
        try:
            world = await world_on(one, container, clock)
            token = (await world.as_("an")).token
            seen: list[dict[str, Any]] = []
            client = await WsClient.open(two.ws, token)
            await client.subscribe("1", MY, {"after": None})
            await asyncio.sleep(0.5)
            await send(world, "Trước")
            await collect(client, 1, seen)
            subprocess.run(  # noqa: ASYNC221
                ["redis-cli", "-p", str(port), "shutdown", "nosave"],
                check=False,
                capture_output=True,
            )
            for i in range(3):
                await send(world, f"Không có Redis {i}")
            await collect(client, 4, seen)  # the relay polls the table
            restarted = start_redis(shutil.which("redis-server") or "", port)
            try:
                await send(world, "Sau")
                await collect(client, 5, seen)
                assert await client.silent(1.5)
            finally:
                restarted.kill()
                restarted.wait(10)
            titles = [n["summary"]["title"] for n in seen]
            expected = ["Trước", *(f"Không có Redis {i}" for i in range(3)), "Sau"]
            assert titles == expected
            await client.close()
            await world.client.aclose()
        finally:
            one.kill()
            two.kill()
