"""The subscribers of the real-time benchmark, spread over client processes.

One Python process holding ten thousand websockets starves its own event loop: it answers
the server's keepalive pings late and the server closes the connections. Each client
process here holds a slice of the subscribers, tells the driver over a queue when its slice
has subscribed (or failed), which persons have proven live, and at the end when each
notification arrived (wall clock, same machine as the driver).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import queue
import random
import time
from dataclasses import dataclass, field
from multiprocessing.synchronize import Event as MpEvent
from typing import Any

import websockets

MINE = "subscription { myNotifications { id summary { title } } }"
RETRIES = 5
Message = tuple[Any, ...]


@dataclass
class Subscriber:
    """One client: its token, when its notifications arrived."""

    person_id: int
    token: str
    received: dict[str, float] = field(default_factory=dict)
    live: bool = False
    subscribed: asyncio.Event = field(default_factory=asyncio.Event)
    failure: str | None = None
    retries: int = 0


async def hold(url: str, sub: Subscriber, stop: asyncio.Event) -> None:
    """One connection until told to stop. Like the graphql-ws client, a refused or dropped
    attempt is retried (5 times, randomized exponential backoff)."""
    for attempt in range(RETRIES + 1):
        try:
            await _connect(url, sub, stop)
            return
        except Exception as exc:
            if attempt == RETRIES or stop.is_set():
                sub.failure = f"{type(exc).__name__}: {str(exc)[:80]}"
                sub.subscribed.set()
                return
            sub.retries += 1
            await asyncio.sleep(random.uniform(1, 3) * 2**attempt)


async def _connect(url: str, sub: Subscriber, stop: asyncio.Event) -> None:
    async with websockets.connect(
        url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        open_timeout=60,
        ping_interval=None,
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"token": sub.token}}))
        ack = json.loads(await ws.recv())
        if ack["type"] != "connection_ack":
            raise RuntimeError(str(ack))
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": MINE}}))
        sub.subscribed.set()
        reader = asyncio.ensure_future(_read(ws, sub))
        await stop.wait()
        reader.cancel()


async def _read(ws: Any, sub: Subscriber) -> None:
    async for raw in ws:
        message = json.loads(raw)
        if message.get("type") == "next":
            title = message["payload"]["data"]["myNotifications"]["summary"]["title"]
            sub.received[title] = time.time()
            sub.live = True


def client_process(
    url: str, pairs: list[tuple[int, str]], out: mp.Queue[Message], stop: MpEvent
) -> None:
    """Entry point of one client process."""
    asyncio.run(_client(url, pairs, out, stop))


async def _client(
    url: str, pairs: list[tuple[int, str]], out: mp.Queue[Message], stop_flag: MpEvent
) -> None:
    subs = [Subscriber(p, t) for p, t in pairs]
    stop = asyncio.Event()
    gate = asyncio.Semaphore(100)

    async def one(sub: Subscriber) -> None:
        async with gate:
            task = asyncio.ensure_future(hold(url, sub, stop))
            await asyncio.sleep(0.004)
        await task

    holders = [asyncio.ensure_future(one(s)) for s in subs]
    for sub in subs:
        await sub.subscribed.wait()
    failures = [s.failure for s in subs if s.failure]
    out.put(("settled", failures, sum(s.retries for s in subs)))
    reported: set[int] = set()
    while not stop_flag.is_set():
        await asyncio.sleep(0.5)
        fresh = [s.person_id for s in subs if s.live and s.person_id not in reported]
        if fresh:
            reported.update(fresh)
            out.put(("live", fresh))
    out.put(("received", {t: at for s in subs for t, at in s.received.items()}))
    stop.set()
    await asyncio.gather(*holders, return_exceptions=True)


@dataclass
class ClientPool:
    """The client processes of one run and what they reported."""

    url: str
    processes: int
    out: mp.Queue[Message] = field(init=False)
    stop: MpEvent = field(init=False)
    workers: list[Any] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    retries: int = 0
    live: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        context = mp.get_context("spawn")
        self.out = context.Queue()
        self.stop = context.Event()
        self._context = context

    def start(self, pairs: list[tuple[int, str]]) -> None:
        """Spread the subscribers over the processes."""
        for index in range(self.processes):
            part = pairs[index :: self.processes]
            worker = self._context.Process(
                target=client_process, args=(self.url, part, self.out, self.stop)
            )
            worker.start()
            self.workers.append(worker)

    async def next_message(self, wait: float) -> Message | None:
        """The next report of any client process, or None after `wait` seconds."""
        try:
            return await asyncio.to_thread(self.out.get, True, wait)
        except queue.Empty:
            return None

    async def settled(self) -> None:
        """Wait until every process has subscribed (or given up on) its slice."""
        waiting = self.processes
        while waiting:
            message = await self.next_message(600)
            if message is None:
                raise RuntimeError("client processes did not settle in 10 minutes")
            waiting -= self._take(message)

    async def collect_live(self, seconds: float) -> None:
        """Take 'live' reports for up to `seconds`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            message = await self.next_message(min(left, 0.5))
            if message is not None:
                self._take(message)

    async def finish(self) -> dict[str, float]:
        """Stop the clients; when each notification arrived."""
        self.stop.set()
        received: dict[str, float] = {}
        finished = 0
        while finished < self.processes:
            message = await self.next_message(120)
            if message is None:
                break
            if message[0] == "received":
                received.update(message[1])
                finished += 1
            else:
                self._take(message)
        for worker in self.workers:
            worker.join(30)
            if worker.is_alive():
                worker.kill()
        return received

    def _take(self, message: Message) -> int:
        if message[0] == "settled":
            self.failures.extend(message[1])
            self.retries += message[2]
            return 1
        if message[0] == "live":
            self.live.update(message[1])
        return 0
