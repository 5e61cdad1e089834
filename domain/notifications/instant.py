"""Sending an urgent dispatch at once (domain.notifications.calls says which rows are one).

The serving process claims the rows of the events its commit wrote and hands them over: the
push and the call of every row first, the slower channels (email) after. What it does not
claim (it died first, or a channel round was quicker) a channel round sends: the claim makes
sure nobody sends a row twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.notifications.calls import CallGateway, call_id
from domain.notifications.channels import (
    Channel,
    Contact,
    Message,
    Notifier,
    hand_over,
    messages_for,
)
from domain.notifications.model import Notification

AT_ONCE = frozenset({Channel.PUSH, Channel.CALL})
"""What an urgent dispatch is waited for: the app push and the phone call (001 Art. 10.2)."""


class InstantSource(Protocol):
    """Claims the inbox rows of given events (those one commit wrote)."""

    async def claim_events(
        self, event_ids: Sequence[int], at: datetime
    ) -> list[tuple[Notification, Contact]]:
        """The rows of `event_ids` not yet dispatched, marked dispatched at `at` and
        committed: this worker's alone (rows a channel round holds are left to it)."""
        ...


@dataclass
class CallNotifier:
    """The call channel: each CALL message becomes a call through the gateway."""

    gateway: CallGateway
    channel: Channel = Channel.CALL

    async def send(self, message: Message) -> None:
        """Place the call; the message id names the inbox row."""
        await self.gateway.place_call(message.to, call_id(message.notification_id), message.body)


async def dispatch_at_once(
    source: InstantSource,
    notifiers: dict[Channel, Notifier],
    event_ids: Sequence[int],
    *,
    now: datetime,
    sent: Callable[[], None] | None = None,
) -> int:
    """Claim the rows of `event_ids` and hand them over: every push and call first (then
    `sent()` is told), the other channels after; how many rows were claimed."""
    rows = await source.claim_events(event_ids, now)
    messages = [m for notification, contact in rows for m in messages_for(notification, contact)]
    await hand_over([m for m in messages if m.channel in AT_ONCE], notifiers)
    if sent is not None:
        sent()
    await hand_over([m for m in messages if m.channel not in AT_ONCE], notifiers)
    return len(rows)
