"""Graceful shutdown of a real `govgraph serve` process: SIGTERM ends the open SSE stream and
closes the websocket with 1001 at once, and the process exits within seconds (it waited for
the SSE client before, 88 s in one measurement)."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import httpx

from govgraph.container import Container
from tests.factories import Api, build_province
from tests.processes import Serve, environment
from tests.realtime import WsClient

MY = "subscription { myNotifications { cursor } }"


async def test_sigterm_ends_sse_and_websocket_streams_and_exits_in_seconds(
    container: Container, migrated: str, tmp_path: Path
) -> None:
    await build_province(container)
    server = Serve(environment(migrated), tmp_path / "serve.log")
    try:
        async with httpx.AsyncClient(base_url=server.http, timeout=10) as client:
            api = Api(client)
            await api.login("an.nv")
            subscriber = await WsClient.open(server.ws, api.token)
            await subscriber.subscribe("1", MY)
            headers = {"Authorization": f"Bearer {api.token}"}
            async with client.stream("GET", "/events/notifications", headers=headers) as sse:
                assert sse.status_code == 200
                await asyncio.sleep(0.5)  # both streams are registered and waiting
                started = time.monotonic()
                server.signal(signal.SIGTERM)
                ended = await asyncio.wait_for(sse.aread(), 5)  # the stream ends by itself
                code = await subscriber.closed_with(5)
            exit_code = await asyncio.to_thread(server.process.wait, 10)
            took = time.monotonic() - started
        assert b"retry: 1000" in ended
        assert code == 1001
        # uvicorn re-raises the signal once it is done: a clean exit "by SIGTERM" for systemd
        assert exit_code in (0, -signal.SIGTERM), server.output()[-3000:]
        assert "Application shutdown complete" in server.output()
        assert took < 5, f"shutdown took {took:.1f} s"
    finally:
        server.kill()
