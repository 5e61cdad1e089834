"""At-least-once delivery: failures are tried again with back-off, delivered channels never
again, a row is dead after the most tries (or a refusal that will not change), a try that
never reported back is taken again once its lease ends, and each message keeps one
idempotency key across tries."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest

from domain.clock import FixedClock
from domain.notifications.channels import Channel, Message, messages_for
from domain.notifications.delivery import Outcome, PermanentFailure, RetryPolicy, dispatch
from domain.notifications.model import NotificationKind
from govgraph.notifiers import idempotency_key
from govgraph.settings import Settings
from subscriptions.scheduler import Scheduler
from tests.unit.test_notification_channels import CONTACT, NOW, Source, row

POLICY = RetryPolicy(
    max_attempts=4,
    base=timedelta(seconds=30),
    cap=timedelta(minutes=2),
    lease=timedelta(minutes=5),
)


class Flaky:
    """A gateway that fails its first `failures` sends."""

    def __init__(self, channel: Channel, failures: int, error: Exception | None = None) -> None:
        self.channel = channel
        self.failures = failures
        self.error = error or OSError("connection refused")
        self.sent: list[Message] = []
        self.tried = 0

    async def send(self, message: Message) -> None:
        self.tried += 1
        if self.tried <= self.failures:
            raise self.error
        self.sent.append(message)


def test_back_off_doubles_up_to_the_cap_then_gives_up() -> None:
    waits = [POLICY.next_try(n, NOW) for n in range(1, 5)]
    assert [w - NOW if w else None for w in waits] == [
        timedelta(seconds=30),
        timedelta(seconds=60),
        timedelta(seconds=120),  # the cap
        None,  # the fourth try was the last
    ]


async def test_a_failing_email_is_tried_again_after_its_back_off_and_push_is_not_resent() -> None:
    source = Source([(row(NotificationKind.OVERDUE, 1), CONTACT)])
    email, push, sms = Flaky(Channel.EMAIL, 2), Flaky(Channel.PUSH, 0), Flaky(Channel.SMS, 0)
    notifiers = {Channel.EMAIL: email, Channel.PUSH: push, Channel.SMS: sms}
    assert await dispatch(source, notifiers, now=NOW, policy=POLICY) == 1
    assert (len(email.sent), len(push.sent), len(sms.sent)) == (0, 1, 1)
    assert source.next_try[1] == NOW + timedelta(seconds=30)
    assert await dispatch(source, notifiers, now=NOW + timedelta(seconds=29), policy=POLICY) == 0
    later = NOW + timedelta(seconds=30)
    assert await dispatch(source, notifiers, now=later, policy=POLICY) == 1  # fails again
    assert source.next_try[1] == later + timedelta(seconds=60)
    last = later + timedelta(seconds=60)
    assert await dispatch(source, notifiers, now=last, policy=POLICY) == 1
    assert (len(email.sent), len(push.sent), len(sms.sent)) == (1, 1, 1)  # each exactly once
    assert source.marked == [1]
    assert source.dead == []
    assert await dispatch(source, notifiers, now=last + timedelta(days=1), policy=POLICY) == 0


async def test_after_the_most_tries_the_row_is_dead_and_left_alone() -> None:
    source = Source([(row(NotificationKind.APPROVED, 1), CONTACT)])
    email = Flaky(Channel.EMAIL, 100)
    dead: list[int] = []
    at = NOW
    for _ in range(POLICY.max_attempts):
        assert (
            await dispatch(
                source,
                {Channel.EMAIL: email},
                now=at,
                policy=POLICY,
                on_dead=lambda o: dead.append(o.id),
            )
            == 1
        )
        at += timedelta(hours=1)
    assert (email.tried, source.dead, dead) == (4, [1], [1])
    assert await dispatch(source, {Channel.EMAIL: email}, now=at, policy=POLICY) == 0
    assert email.tried == 4


async def test_a_refused_address_is_dead_at_once() -> None:
    source = Source([(row(NotificationKind.APPROVED, 1), CONTACT)])
    email = Flaky(Channel.EMAIL, 1, PermanentFailure("550 no such user"))
    await dispatch(source, {Channel.EMAIL: email}, now=NOW, policy=POLICY)
    assert source.dead == [1]
    assert source.tries[1] == 1


async def test_a_try_that_never_reported_back_is_taken_again_after_its_lease() -> None:
    source = Source([(row(NotificationKind.APPROVED, 1), CONTACT)])
    leased = await source.claim(10, NOW, NOW + POLICY.lease)  # a worker that then died
    assert [c.attempts for c in leased] == [1]
    email = Flaky(Channel.EMAIL, 0)
    assert await dispatch(source, {Channel.EMAIL: email}, now=NOW, policy=POLICY) == 0
    after = NOW + POLICY.lease
    assert await dispatch(source, {Channel.EMAIL: email}, now=after, policy=POLICY) == 1
    assert len(email.sent) == 1
    assert source.tries[1] == 2
    late = Outcome(1, 1, frozenset(), done=False, next_try_at=after)  # the first worker's
    await source.settle(late, after)
    assert (source.marked, source.sent[1]) == ([1], frozenset({Channel.EMAIL}))  # unchanged


def test_each_message_keeps_its_key_across_tries_and_installations_differ() -> None:
    one = Settings(SECRET_KEY="production-secret-0123456789abcdef")
    other = Settings(SECRET_KEY="staging-secret-0123456789abcdefgh")
    first = messages_for(row(NotificationKind.OVERDUE, 7), CONTACT)
    again = messages_for(row(NotificationKind.OVERDUE, 7), CONTACT)
    keys = [idempotency_key(one, m) for m in first]
    assert keys == [idempotency_key(one, m) for m in again]  # the same on every try
    assert len(set(keys)) == len(keys)  # one per channel
    assert not set(keys) & {idempotency_key(other, m) for m in first}


async def test_the_development_notifier_is_quiet_at_info_and_a_round_is_one_line(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govgraph.notifiers import LoggingNotifier

    for name in ("govgraph.scheduler", "govgraph.notify"):  # another tool's dictConfig may
        monkeypatch.setattr(logging.getLogger(name), "disabled", False)  # have disabled them

    source = Source([(row(NotificationKind.OVERDUE, n), CONTACT) for n in range(1, 41)])
    notifiers = {c: LoggingNotifier(c) for c in Channel}

    class Channels:
        name = "channels"

        async def run(self, now: datetime) -> int:
            return await dispatch(source, notifiers, now=now, policy=POLICY)

    with caplog.at_level(logging.INFO):
        done = await Scheduler([Channels()], FixedClock(NOW)).run_once()
    assert done == {"channels": 40}  # 120 messages (push, email, SMS)
    assert [r.getMessage() for r in caplog.records] == ["scheduler ran"]
    with caplog.at_level(logging.DEBUG, logger="govgraph.notify"):
        await LoggingNotifier(Channel.PUSH).send(
            messages_for(row(NotificationKind.OVERDUE), CONTACT)[0]
        )
    assert [r.levelno for r in caplog.records if r.name == "govgraph.notify"] == [logging.DEBUG]
