"""Real-time test helpers: a uvicorn server on a free local port, and a small
graphql-transport-ws client that exposes close codes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import socket
from collections.abc import AsyncIterator
from typing import Any

import uvicorn
import websockets
from starlette.applications import Starlette
from websockets.asyncio.client import ClientConnection

PROTOCOL = "graphql-transport-ws"


def free_port() -> int:
    """A free local port; within GOVGRAPH_TEST_PORTS (e.g. `18300-18399`) when it is set."""
    low, _, high = os.environ.get("GOVGRAPH_TEST_PORTS", "").partition("-")
    candidates = [0]
    if high:
        candidates = random.sample(range(int(low), int(high) + 1), int(high) - int(low) + 1)
    for candidate in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            port: int = sock.getsockname()[1]
            return port
    raise OSError("no free port in GOVGRAPH_TEST_PORTS")


@contextlib.asynccontextmanager
async def serving(app: Starlette) -> AsyncIterator[str]:
    """Serve the app with uvicorn on a free port in this event loop; yields the ws URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.02)
    try:
        yield f"ws://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


async def listening(hub: Any, count: int = 1) -> None:
    """Wait until this process's relay holds `count` streams (a stream registers when its
    subscription starts; events committed before are not live for it)."""
    for _ in range(250):
        if hub.listeners >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{hub.listeners} streams, expected {count}")


class Closed(Exception):
    """The server closed the connection."""

    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(f"closed {code}: {reason}")
        self.code = code
        self.reason = reason


class WsClient:
    """One graphql-transport-ws connection."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws

    @classmethod
    async def open(
        cls, url: str, token: str | None, *, init: bool = True, protocol: str = PROTOCOL
    ) -> WsClient:
        ws = await websockets.connect(url, subprotocols=[protocol])  # type: ignore[list-item]
        client = cls(ws)
        if init:
            await client.send({"type": "connection_init", "payload": {"token": token}})
            ack = await client.receive()
            assert ack["type"] == "connection_ack", ack
        return client

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def receive(self, wait: float = 5) -> dict[str, Any]:
        try:
            raw = await asyncio.wait_for(self.ws.recv(), wait)
        except websockets.ConnectionClosed as exc:
            rcvd = exc.rcvd
            raise Closed(rcvd.code if rcvd else None, rcvd.reason if rcvd else "") from exc
        assert isinstance(raw, str), "graphql-transport-ws messages are text frames"
        message: dict[str, Any] = json.loads(raw)
        if message["type"] == "ping":
            await self.send({"type": "pong"})
            return await self.receive(wait)
        return message

    async def subscribe(
        self, op_id: str, query: str, variables: dict[str, Any] | None = None
    ) -> None:
        await self.send(
            {
                "id": op_id,
                "type": "subscribe",
                "payload": {"query": query, "variables": variables or {}},
            }
        )

    async def next_data(self, op_id: str, wait: float = 5) -> dict[str, Any]:
        """The data of the next `next` message of `op_id` (errors fail the test)."""
        while True:
            message = await self.receive(wait)
            if message.get("id") != op_id:
                continue
            assert message["type"] == "next", message
            assert "errors" not in message["payload"], message["payload"]
            data: dict[str, Any] = message["payload"]["data"]
            return data

    async def silent(self, seconds: float = 0.5) -> bool:
        """True when nothing arrives for `seconds`."""
        try:
            message = await self.receive(seconds)
        except TimeoutError:
            return True
        raise AssertionError(f"unexpected message {message}")

    async def closed_with(self, wait: float = 5) -> int | None:
        """Wait for the server to close; its close code."""
        try:
            while True:
                await self.receive(wait)
        except Closed as closed:
            return closed.code

    async def close(self) -> None:
        await self.ws.close()
