"""The event bus: wakes the relay of every process when outbox rows were committed.

It carries no data: the table is the record, a wake only says "read after your cursor".
In-process for the embedded default; Redis pub/sub when REDIS_URL is set, so every
`govgraph serve` (and `govgraph worker`) process wakes the others. When Redis is down the
relays fall back on polling the table, and nothing is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, Protocol

log = logging.getLogger("govgraph.bus")

CHANNEL = "govgraph:outbox"


class EventBus(Protocol):
    """Wakes listeners; `publish` never blocks and never fails the caller."""

    def publish(self) -> None: ...
    async def wait(self, seconds: float) -> None: ...
    async def start(self) -> None: ...
    async def stop(self) -> None: ...


class LocalBus:
    """Wakes the relay of this process only."""

    def __init__(self) -> None:
        self._wake: asyncio.Event | None = None

    def _event(self) -> asyncio.Event:
        if self._wake is None:
            self._wake = asyncio.Event()
        return self._wake

    def publish(self) -> None:
        """Wake the listener (from the committing coroutine)."""
        self._event().set()

    async def wait(self, seconds: float) -> None:
        """Return on a wake or after `seconds`."""
        event = self._event()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)
        event.clear()

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None


class RedisBus(LocalBus):
    """Publishes wakes on a Redis channel and turns messages from other processes into local
    wakes. Reconnects with a back-off; meanwhile the relay polls."""

    def __init__(self, url: str, channel: str = CHANNEL) -> None:
        super().__init__()
        self.url = url
        self.channel = channel
        self._client: Any = None
        self._listener: asyncio.Task[None] | None = None
        self._pending: set[asyncio.Task[None]] = set()
        self.connected = False

    def _redis(self) -> Any:
        if self._client is None:
            from redis.asyncio import Redis

            self._client = Redis.from_url(
                self.url, socket_connect_timeout=1, socket_timeout=2, health_check_interval=5
            )
        return self._client

    def publish(self) -> None:
        super().publish()
        task = asyncio.get_running_loop().create_task(self._send())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _send(self) -> None:
        try:
            await self._redis().publish(self.channel, b"1")
        except Exception as exc:  # Redis down: the other relays poll
            log.warning("event bus publish failed: %s", exc)

    async def start(self) -> None:
        """Start listening to the channel (idempotent)."""
        if self._listener is None:
            self._listener = asyncio.get_running_loop().create_task(self._listen())

    async def _listen(self) -> None:
        delay = 0.2
        while True:
            try:
                pubsub = self._redis().pubsub()
                await pubsub.subscribe(self.channel)
                self.connected, delay = True, 0.2
                super().publish()  # catch up on what was committed while disconnected
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        super().publish()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # reconnect after a back-off
                if self.connected:
                    log.warning("event bus lost Redis: %s", exc)
                self.connected = False
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    async def stop(self) -> None:
        """Stop listening and close the connection."""
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
            self._listener = None
        if self._client is not None:
            with contextlib.suppress(Exception):
                await self._client.aclose()
            self._client = None


def make_bus(redis_url: str | None) -> EventBus:
    """Redis when configured, else in-process."""
    return RedisBus(redis_url) if redis_url else LocalBus()
