"""The relay and fan-out of one process.

One loop per process reads the outbox rows committed after its cursor (on a bus wake, or
every `poll_seconds` as a fallback) and hands each inbox row to the streams of its
recipient, and each event to the dashboard streams. A stream first registers, then replays
from the table after the client's cursor, then takes live rows above the last id it sent:
no gap and no duplicate across the switch. A stream that falls behind (its queue is full)
replays from the table again, since the table is the record.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Collection
from dataclasses import dataclass, field

from domain.notifications.model import Notification, NotificationEvent, NotificationKind
from domain.notifications.ports import FeedReader
from subscriptions.bus import EventBus

log = logging.getLogger("govgraph.relay")

BATCH = 500


@dataclass(eq=False)
class _Listener:
    queue: asyncio.Queue[object]
    overflowed: bool = False
    kinds: frozenset[NotificationKind] = field(default_factory=frozenset)

    def offer(self, item: object) -> None:
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            self.overflowed = True


class Hub:
    """Relay and fan-out; starts on first use (or explicitly with `start`)."""

    def __init__(
        self,
        feed: FeedReader,
        bus: EventBus,
        *,
        poll_seconds: float = 1.0,
        queue_size: int = 1000,
    ) -> None:
        self.feed = feed
        self.bus = bus
        self.poll_seconds = poll_seconds
        self.queue_size = queue_size
        self._inboxes: dict[int, set[_Listener]] = defaultdict(set)
        self._dashboards: set[_Listener] = set()
        self._task: asyncio.Task[None] | None = None
        self._ready: asyncio.Event | None = None
        self.last_notification = 0
        self.last_event = 0
        self.relayed = 0  # inbox rows handed to this process's streams (a metric)

    @property
    def listeners(self) -> int:
        """Streams open in this process."""
        return sum(len(s) for s in self._inboxes.values()) + len(self._dashboards)

    async def start(self) -> None:
        """Start the relay loop once; returns when its cursors are set."""
        if self._task is None:
            self._ready = asyncio.Event()
            await self.bus.start()
            self._task = asyncio.get_running_loop().create_task(self._run())
        assert self._ready is not None
        await self._ready.wait()

    async def stop(self) -> None:
        """Stop the loop and the bus."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        await self.bus.stop()

    async def _run(self) -> None:
        assert self._ready is not None
        while not self._ready.is_set():
            try:
                self.last_notification, self.last_event = await self.feed.last_ids()
                self._ready.set()
            except Exception:
                log.exception("relay cannot read the outbox; retrying")
                await asyncio.sleep(self.poll_seconds)
        while True:
            await self.bus.wait(self.poll_seconds)
            try:
                await self.drain()
            except asyncio.CancelledError:
                raise
            except Exception:  # the database is away: try again on the next wake
                log.exception("relay failed to read the outbox")
                await asyncio.sleep(self.poll_seconds)

    async def drain(self) -> None:
        """Hand every row committed after the cursors to the streams."""
        while True:
            rows = await self.feed.notifications_after(self.last_notification, BATCH)
            for row in rows:
                for listener in self._inboxes.get(row.person_id, ()):
                    listener.offer(row)
                    self.relayed += 1
                self.last_notification = row.id
            if len(rows) < BATCH:
                break
        while True:
            events = await self.feed.events_after(self.last_event, BATCH, ())
            if events:
                for listener in self._dashboards:
                    chosen = [e for e in events if e.kind in listener.kinds]
                    if chosen:
                        listener.offer(chosen)
                self.last_event = events[-1].id
            if len(events) < BATCH:
                break

    async def inbox(self, person_id: int, after_id: int | None) -> AsyncIterator[Notification]:
        """The person's notifications after `after_id`: replayed, then live (None: live from
        now on)."""
        await self.start()
        listener = _Listener(asyncio.Queue(self.queue_size))
        self._inboxes[person_id].add(listener)
        last = after_id if after_id is not None else self.last_notification
        try:
            replay = after_id is not None
            while True:
                if replay:
                    listener.overflowed = False
                    while True:
                        rows = await self.feed.inbox_after(person_id, last, 100)
                        for row in rows:
                            yield row
                            last = row.id
                        if len(rows) < 100:
                            break
                item = await listener.queue.get()
                assert isinstance(item, Notification)
                if item.id > last:
                    yield item
                    last = item.id
                replay = listener.overflowed
        finally:
            self._inboxes[person_id].discard(listener)
            if not self._inboxes[person_id]:
                del self._inboxes[person_id]

    async def events(
        self, kinds: Collection[NotificationKind], after_id: int | None = None
    ) -> AsyncIterator[list[NotificationEvent]]:
        """Batches of events of `kinds`, live (replayed after `after_id` first when given)."""
        await self.start()
        listener = _Listener(asyncio.Queue(self.queue_size), kinds=frozenset(kinds))
        self._dashboards.add(listener)
        last = after_id if after_id is not None else self.last_event
        try:
            replay = after_id is not None
            while True:
                if replay:
                    listener.overflowed = False
                    while True:
                        events = await self.feed.events_after(last, 100, listener.kinds)
                        if events:
                            yield events
                            last = events[-1].id
                        if len(events) < 100:
                            break
                item = await listener.queue.get()
                assert isinstance(item, list)
                fresh = [e for e in item if e.id > last]
                if fresh:
                    yield fresh
                    last = fresh[-1].id
                replay = listener.overflowed
        finally:
            self._dashboards.discard(listener)
