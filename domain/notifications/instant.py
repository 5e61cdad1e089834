"""Sending an urgent dispatch at once (domain.notifications.calls says which rows are one).

The serving process leases the rows of the events its commit wrote, as a channel round would
(domain.notifications.delivery), and sends them: the push and the call of every row first,
recorded with the row before the request is told they are out, the slower channels (email)
after; then each row's try is settled like any other (done, tried again after its back-off,
or dead). What it does not lease (a channel round was quicker) that round sends; what it
leased but never finished (the process died) a channel round takes once the lease has run
out, and sends only the channels not recorded as delivered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from domain.notifications.channels import Channel, Notifier, messages_for
from domain.notifications.delivery import (
    Attempt,
    Claimed,
    DeliveryLedger,
    InboxRow,
    Outcome,
    RetryPolicy,
    record_try,
)

AT_ONCE = frozenset({Channel.PUSH, Channel.CALL})
"""What an urgent dispatch is waited for: the app push and the phone call (001 Art. 10.2)."""
LATER = frozenset(Channel) - AT_ONCE


class InstantLedger(DeliveryLedger[InboxRow], Protocol):
    """The inbox rows' ledger, which also leases the rows of given events (one commit's)."""

    async def claim_events(
        self, event_ids: Sequence[int], at: datetime, lease_until: datetime
    ) -> list[Claimed[InboxRow]]:
        """The rows of `event_ids` still owed and due at `at`, leased until `lease_until` and
        committed: this worker's alone until then (rows a channel round holds are left)."""
        ...


async def dispatch_at_once(
    ledger: InstantLedger,
    notifiers: Mapping[Channel, Notifier],
    event_ids: Sequence[int],
    *,
    now: datetime,
    policy: RetryPolicy | None = None,
    sent: Callable[[], None] | None = None,
    on_dead: Callable[[Outcome], None] | None = None,
) -> int:
    """Lease the rows of `event_ids` and send them: every push and call first, recorded (then
    `sent()` is told), the other channels after, each row's try settled; how many rows."""
    policy = policy or RetryPolicy()
    lease_until = now + policy.lease
    claimed = await ledger.claim_events(event_ids, now, lease_until)
    attempts = [Attempt(row, messages_for(*row.item)) for row in claimed]
    for attempt in attempts:
        await attempt.send(notifiers, AT_ONCE)
    for attempt in attempts:  # a later try of the row never pushes or calls again
        await ledger.settle(attempt.progress(lease_until), now)
    if sent is not None:
        sent()
    for attempt in attempts:
        await attempt.send(notifiers, LATER)
        await record_try(ledger, attempt.outcome(policy, now), now, on_dead)
    return len(claimed)
