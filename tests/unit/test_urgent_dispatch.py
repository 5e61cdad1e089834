"""An urgent dispatch at once (domain.notifications.instant) on the delivery ledger: leased like
any inbox row, pushes and calls recorded before the waiting request is told, a failed call
tried again by a channel round with the same message id, a dead process's rows sent once its
lease has run out (and only the channels it did not record), dead letters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.notifications.channels import Channel, Notifier
from domain.notifications.delivery import Outcome, PermanentFailure, RetryPolicy, dispatch
from domain.notifications.instant import dispatch_at_once
from govgraph.notifiers import CallNotifier
from govgraph.settings import Settings
from tests.channel_fakes import FakeCallGateway, call_key
from tests.unit.test_notification_channels import CONTACT, NOW, Recorder, Source, distribution

POLICY = RetryPolicy(max_attempts=3, base=timedelta(seconds=30), lease=timedelta(minutes=5))
SETTINGS = Settings(SECRET_KEY="test-secret-0123456789abcdef0123456789")
LEASE_END = NOW + POLICY.lease


class Died(BaseException):
    """The serving process stopped here."""


class Refusing(FakeCallGateway):
    """A provider that will never reach the number."""

    async def place_call(self, phone: str, message_id: str, text: str) -> None:
        raise PermanentFailure("no such number")


def urgent_rows(*ids: int) -> Source:
    return Source([(distribution("URGENT", n=n), CONTACT) for n in ids])


def channels(gateway: FakeCallGateway) -> tuple[Recorder, Recorder, dict[Channel, Notifier]]:
    push, email = Recorder(Channel.PUSH), Recorder(Channel.EMAIL)
    notifiers: dict[Channel, Notifier] = {
        Channel.PUSH: push,
        Channel.EMAIL: email,
        Channel.CALL: CallNotifier(gateway, SETTINGS),
    }
    return push, email, notifiers


async def test_pushes_and_calls_are_recorded_before_the_request_is_told_then_the_email() -> None:
    source, gateway = urgent_rows(1, 2), FakeCallGateway()
    push, email, notifiers = channels(gateway)
    seen_when_told: list[tuple[int, int, int, dict[int, frozenset[Channel]]]] = []

    def told() -> None:
        recorded = dict(source.sent)
        seen_when_told.append((len(push.sent), len(gateway.calls), len(email.sent), recorded))

    assert await dispatch_at_once(source, notifiers, [1], now=NOW, policy=POLICY, sent=told) == 2
    at_once = frozenset({Channel.PUSH, Channel.CALL})
    assert seen_when_told == [(2, 2, 0, {1: at_once, 2: at_once})]
    assert len(email.sent) == 2
    assert [message_id for _, message_id, _ in gateway.calls] == [
        call_key(SETTINGS, 1),
        call_key(SETTINGS, 2),
    ]
    assert source.marked == [1, 2]  # done: every channel delivered
    assert await dispatch_at_once(source, notifiers, [1], now=NOW, policy=POLICY) == 0
    assert await dispatch(source, notifiers, now=LEASE_END, policy=POLICY) == 0


async def test_a_refused_call_is_tried_again_by_a_round_with_the_same_message_id() -> None:
    source, gateway = urgent_rows(1), FakeCallGateway(failures=1)
    push, email, notifiers = channels(gateway)
    assert await dispatch_at_once(source, notifiers, [1], now=NOW, policy=POLICY) == 1
    assert (len(push.sent), gateway.calls, len(email.sent)) == (1, [], 1)
    assert source.marked == []
    assert source.next_try[1] == NOW + timedelta(seconds=30)  # its back-off, not the lease
    assert await dispatch(source, notifiers, now=NOW + timedelta(seconds=29), policy=POLICY) == 0
    assert await dispatch(source, notifiers, now=NOW + timedelta(seconds=30), policy=POLICY) == 1
    assert gateway.tried == [call_key(SETTINGS, 1)] * 2  # one key on every try
    assert len(gateway.calls) == 1
    assert (len(push.sent), len(email.sent)) == (1, 1)  # delivered ones never again
    assert source.marked == [1]


async def test_a_process_that_leased_and_died_leaves_the_rows_to_the_round_after_the_lease() -> (
    None
):
    source, gateway = urgent_rows(1, 2), FakeCallGateway()
    push, email, notifiers = channels(gateway)
    assert len(await source.claim_events([1], NOW, LEASE_END)) == 2  # then nothing: it died
    before_the_end = LEASE_END - timedelta(seconds=1)
    assert await dispatch(source, notifiers, now=before_the_end, policy=POLICY) == 0
    assert await dispatch(source, notifiers, now=LEASE_END, policy=POLICY) == 2
    assert (len(push.sent), len(gateway.calls), len(email.sent)) == (2, 2, 2)
    assert await dispatch(source, notifiers, now=LEASE_END + timedelta(hours=1)) == 0
    assert len(gateway.calls) == 2


async def test_a_process_that_died_after_pushing_and_calling_is_not_repeated() -> None:
    source, gateway = urgent_rows(1), FakeCallGateway()
    push, email, notifiers = channels(gateway)

    def die() -> None:
        raise Died

    with pytest.raises(Died):
        await dispatch_at_once(source, notifiers, [1], now=NOW, policy=POLICY, sent=die)
    assert (len(push.sent), len(gateway.calls), len(email.sent)) == (1, 1, 0)
    assert await dispatch(source, notifiers, now=NOW, policy=POLICY) == 0  # still leased
    assert await dispatch(source, notifiers, now=LEASE_END, policy=POLICY) == 1
    assert (len(push.sent), len(gateway.calls), len(email.sent)) == (1, 1, 1)  # the email only
    assert source.marked == [1]


async def test_a_number_the_provider_refuses_for_good_is_a_dead_letter() -> None:
    source = urgent_rows(1)
    push, email, notifiers = channels(Refusing())
    dead: list[Outcome] = []
    assert await dispatch_at_once(source, notifiers, [1], now=NOW, on_dead=dead.append) == 1
    assert [(o.id, o.sent) for o in dead] == [(1, frozenset({Channel.PUSH, Channel.EMAIL}))]
    assert source.dead == [1]
    assert await dispatch(source, notifiers, now=NOW + timedelta(days=1)) == 0
    assert (len(push.sent), len(email.sent)) == (1, 1)
