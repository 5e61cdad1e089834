"""Long-lived streams (SSE and websockets) of one process, ended at once on shutdown.

Uvicorn waits for every open response before it stops, so an SSE stream would hold a
shutdown until its client leaves. The server (govgraph.server) calls `drain_all` as its
shutdown starts: every registered stream is told to end (SSE streams return, websockets
close with 1001 "going away"), so the process exits in about a second and clients
reconnect to another one (they resume from their last cursor).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Awaitable, Callable

log = logging.getLogger("govgraph.draining")

GOING_AWAY = 1001  # RFC 6455: the server is going down

Closer = Callable[[], Awaitable[None]]

_ALL: weakref.WeakSet[Streams] = weakref.WeakSet()


class Streams:
    """The streams of one app: each registers a closer; `drain` runs them all once."""

    def __init__(self) -> None:
        self._closers: dict[int, Closer] = {}
        self._next = 0
        self._stopping: asyncio.Event | None = None
        self.draining = False
        self._late: set[asyncio.Future[None]] = set()
        _ALL.add(self)

    def _event(self) -> asyncio.Event:
        if self._stopping is None:
            self._stopping = asyncio.Event()
            if self.draining:
                self._stopping.set()
        return self._stopping

    def register(self, closer: Closer) -> Callable[[], None]:
        """Keep `closer` until the stream ends; returns the function that forgets it."""
        self._next += 1
        key = self._next
        self._closers[key] = closer
        if self.draining:  # opened while the process drains: end it at once
            task = asyncio.ensure_future(_quietly(self._closers.pop(key)))
            self._late.add(task)
            task.add_done_callback(self._late.discard)

        def forget() -> None:
            self._closers.pop(key, None)

        return forget

    @property
    def open(self) -> int:
        """Streams registered now."""
        return len(self._closers)

    async def stopping(self) -> None:
        """Return once the process starts draining."""
        await self._event().wait()

    async def drain(self, wait: float = 2.0) -> int:
        """End every stream (waiting at most `wait` seconds); how many were told."""
        self.draining = True
        self._event().set()
        closers = list(self._closers.values())
        self._closers.clear()
        if closers:
            log.info("ending open streams", extra={"streams": len(closers)})
            tasks = [asyncio.ensure_future(_quietly(closer)) for closer in closers]
            _done, late = await asyncio.wait(tasks, timeout=wait)
            for task in late:
                task.cancel()
        return len(closers)


async def _quietly(closer: Closer) -> None:
    with contextlib.suppress(Exception):
        await closer()


async def drain_all(wait: float = 2.0) -> int:
    """End the streams of every app of this process (the server's shutdown calls it)."""
    told = 0
    for streams in list(_ALL):
        told += await streams.drain(wait)
    return told
