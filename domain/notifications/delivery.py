"""At-least-once delivery of what is owed on email, SMS, push and calls (inbox rows, reporter
messages).

A worker claims due rows with a lease (committed before anything is sent): the row's next
try moves to the lease's end and its attempt count goes up, so no other worker takes it
meanwhile, and a worker that dies mid-send leaves it to be taken again once the lease ends.
Each message is sent; the channels that took it are recorded with the row at once, and are
never sent again. When a channel fails, the row is tried again after an exponential
back-off (RetryPolicy), with the same idempotency key per message, so a gateway that honours
it never delivers one twice; after `max_attempts` tries (or a refusal that will not change)
the row is dead: kept, marked, and tried no more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, Protocol, TypeVar

from domain.notifications.channels import Channel, Contact, Message, Notifier, messages_for
from domain.notifications.model import Notification

log = logging.getLogger("govgraph.delivery")

T = TypeVar("T")


class PermanentFailure(Exception):
    """The gateway refused the message for good (an unknown address): trying again is no use."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long a failing row is tried."""

    max_attempts: int = 8
    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    lease: timedelta = timedelta(minutes=5)

    def next_try(self, attempts: int, now: datetime) -> datetime | None:
        """When to try again after `attempts` tries (None: give up)."""
        if attempts >= self.max_attempts:
            return None
        wait: timedelta = min(self.base * 2 ** max(attempts - 1, 0), self.cap)
        return now + wait


@dataclass(frozen=True)
class Claimed(Generic[T]):
    """A row leased to this worker: what to build the messages from, this try's number and
    the channels an earlier try delivered already."""

    id: int
    item: T
    attempts: int
    sent: frozenset[Channel] = frozenset()


@dataclass(frozen=True)
class Outcome:
    """What one try achieved: every channel delivered so far; finished when `done`, else
    tried again at `next_try_at`, or dead when that is None."""

    id: int
    attempts: int
    sent: frozenset[Channel]
    done: bool
    next_try_at: datetime | None

    @property
    def dead(self) -> bool:
        """Given up: not delivered everywhere and not to be tried again."""
        return not self.done and self.next_try_at is None


class DeliveryLedger(Protocol[T]):
    """Rows owed to the channels, leased and settled in transactions of their own."""

    async def claim(self, limit: int, at: datetime, lease_until: datetime) -> list[Claimed[T]]:
        """Up to `limit` rows due at `at` (oldest first), leased until `lease_until` and
        committed: this worker's alone until then."""
        ...

    async def settle(self, outcome: Outcome, at: datetime) -> None:
        """Record a try (committed); ignored when another worker claimed the row since."""
        ...


async def deliver(
    ledger: DeliveryLedger[T],
    build: Callable[[T], list[Message]],
    notifiers: Mapping[Channel, Notifier],
    *,
    now: datetime,
    batch: int = 100,
    policy: RetryPolicy | None = None,
    on_dead: Callable[[Outcome], None] | None = None,
) -> int:
    """Claim a batch, send what each row still owes, record each row's try; how many rows
    were claimed."""
    policy = policy or RetryPolicy()
    claimed = await ledger.claim(batch, now, now + policy.lease)
    for row in claimed:
        attempt = Attempt(row, build(row.item))
        await attempt.send(notifiers)
        await record_try(ledger, attempt.outcome(policy, now), now, on_dead)
    return len(claimed)


async def record_try(
    ledger: DeliveryLedger[T],
    outcome: Outcome,
    now: datetime,
    on_dead: Callable[[Outcome], None] | None = None,
) -> None:
    """Settle one finished try; a dead row is logged and told to `on_dead`."""
    await ledger.settle(outcome, now)
    if outcome.dead:
        log.warning("delivery given up", extra={"row_id": outcome.id, "attempts": outcome.attempts})
        if on_dead is not None:
            on_dead(outcome)


@dataclass
class Attempt(Generic[T]):
    """One try of a leased row: its messages sent (all, or some channels first), what went
    out kept, what failed remembered."""

    row: Claimed[T]
    messages: list[Message]
    sent: set[Channel] = field(init=False)
    failed: bool = False
    permanent: bool = False

    def __post_init__(self) -> None:
        self.sent = set(self.row.sent)

    async def send(
        self, notifiers: Mapping[Channel, Notifier], channels: Collection[Channel] | None = None
    ) -> None:
        """Send the messages still owed (of `channels` only, when given)."""
        for message in self.messages:
            if channels is not None and message.channel not in channels:
                continue
            notifier = notifiers.get(message.channel)
            if message.channel in self.sent or notifier is None:
                continue  # delivered on an earlier try (never again), or no such gateway here
            try:
                await notifier.send(message)
            except PermanentFailure:
                self.failed = self.permanent = True
            except Exception as exc:  # the gateway failed: try again later
                self.failed = True
                log.warning(
                    "delivery failed: %s",
                    type(exc).__name__,
                    extra={"row_id": self.row.id, "channel": message.channel.value},
                )
            else:
                self.sent.add(message.channel)

    def progress(self, lease_until: datetime) -> Outcome:
        """What went out so far, the row still leased: recorded, a later try never repeats it."""
        return Outcome(self.row.id, self.row.attempts, frozenset(self.sent), False, lease_until)

    def outcome(self, policy: RetryPolicy, now: datetime) -> Outcome:
        """The finished try: done, to be tried again after its back-off, or dead."""
        attempts = self.row.attempts
        next_try = None if self.permanent else policy.next_try(attempts, now)
        done = not self.failed
        return Outcome(
            self.row.id, attempts, frozenset(self.sent), done, None if done else next_try
        )


InboxRow = tuple[Notification, Contact]


async def dispatch(
    ledger: DeliveryLedger[InboxRow],
    notifiers: Mapping[Channel, Notifier],
    *,
    now: datetime,
    batch: int = 100,
    policy: RetryPolicy | None = None,
    on_dead: Callable[[Outcome], None] | None = None,
) -> int:
    """Deliver inbox rows owed to email, SMS, push and calls; how many rows were tried."""

    def build(row: InboxRow) -> list[Message]:
        return messages_for(*row)

    return await deliver(
        ledger, build, notifiers, now=now, batch=batch, policy=policy, on_dead=on_dead
    )
