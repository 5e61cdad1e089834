"""The serving process's worker for urgent dispatches (001 Art. 10.2: push and call at once).

A commit that wrote an urgent report's distribution hands its event ids here (the unit of
work's `at_once` hook). Each hand-over runs as a task of its own, so a client that goes away
does not cut it short, and the commit waits for its pushes and calls up to a bound, so they
are out within the request. The rows are leased before sending (domain.notifications.
instant): when this process dies before it settles them, a channel round of any scheduler
takes them once the lease has run out and sends what was not recorded as delivered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping, Sequence

from domain.clock import Clock
from domain.notifications.channels import Channel, Notifier
from domain.notifications.delivery import Outcome, RetryPolicy
from domain.notifications.instant import InstantLedger, dispatch_at_once

log = logging.getLogger("govgraph.notify")
STOP_SECONDS = 10.0
"""How long shutdown waits for dispatches under way."""


class InstantDispatcher:
    """Sends the rows of committed urgent events right away, in this process."""

    def __init__(
        self,
        ledger: InstantLedger,
        notifiers: Mapping[Channel, Notifier],
        clock: Clock,
        *,
        policy: RetryPolicy | None = None,
        on_dead: Callable[[Outcome], None] | None = None,
        wait_seconds: float = 5.0,
    ) -> None:
        self.ledger, self.notifiers, self.clock = ledger, notifiers, clock
        self.policy, self.on_dead = policy or RetryPolicy(), on_dead
        self.wait_seconds = wait_seconds
        self._running: set[asyncio.Task[None]] = set()

    async def __call__(self, event_ids: Sequence[int]) -> None:
        """Start the dispatch of `event_ids`; return once their pushes and calls are out, or
        after `wait_seconds` (the task goes on). Never raises: the rows are committed."""
        out: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        task = asyncio.create_task(self._send(list(event_ids), out))
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(out), self.wait_seconds)

    async def _send(self, event_ids: list[int], out: asyncio.Future[None]) -> None:
        def sent() -> None:
            if not out.done():
                out.set_result(None)

        try:
            await dispatch_at_once(
                self.ledger,
                self.notifiers,
                event_ids,
                now=self.clock.now(),
                policy=self.policy,
                sent=sent,
                on_dead=self.on_dead,
            )
        except Exception:  # the leased rows wait for a channel round once the lease ends
            log.exception("urgent dispatch failed", extra={"event_ids": event_ids})
        finally:
            sent()

    async def stop(self) -> None:
        """Let the dispatches under way finish (up to STOP_SECONDS), at shutdown."""
        if self._running:
            await asyncio.wait(set(self._running), timeout=STOP_SECONDS)
