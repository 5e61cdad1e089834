"""Email, SMS and push: what is sent for an inbox row, and that each row goes out once."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.notifications.channels import (
    Channel,
    Contact,
    Message,
    Notifier,
    dispatch,
    messages_for,
)
from domain.notifications.instant import CallNotifier, dispatch_at_once
from domain.notifications.model import Notification, NotificationKind, SubjectType, Summary
from tests.channel_fakes import FakeCallGateway

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def row(kind: NotificationKind, n: int = 1) -> Notification:
    made = Notification(
        event_id=1,
        person_id=6,
        kind=kind,
        subject_type=SubjectType.TASK,
        subject_id=9,
        unit_id=3,
        summary=Summary(title="Báo cáo ngập úng", due_at=NOW + timedelta(hours=2)),
        created_at=NOW,
    )
    made.id = n
    return made


CONTACT = Contact(6, "an@hue.gov.vn", "0234 3822 001")


def test_email_and_push_always_sms_only_when_urgent() -> None:
    plain = messages_for(row(NotificationKind.NEW_ASSIGNMENT), CONTACT)
    assert [m.channel for m in plain] == [Channel.PUSH, Channel.EMAIL]
    assert plain[1].to == "an@hue.gov.vn"
    assert plain[1].subject == "[govgraph] Việc mới: Báo cáo ngập úng"
    urgent = messages_for(row(NotificationKind.OVERDUE), CONTACT)
    assert [m.channel for m in urgent] == [Channel.PUSH, Channel.EMAIL, Channel.SMS]
    unreachable = messages_for(row(NotificationKind.OVERDUE), Contact(6, None, None))
    assert [m.channel for m in unreachable] == [Channel.PUSH]


@dataclass
class Recorder:
    channel: Channel
    sent: list[Message] = field(default_factory=list)

    async def send(self, message: Message) -> None:
        self.sent.append(message)


@dataclass
class Source:
    """A dispatch source in memory: (row, contact) pairs claimed once, by the row's id."""

    rows: list[tuple[Any, Any]]
    marked: list[int] = field(default_factory=list)

    async def claim(self, limit: int, at: datetime) -> list[tuple[Any, Any]]:
        won = [r for r in self.rows if r[0].id not in self.marked][:limit]
        self.marked.extend(n.id for n, _ in won)
        return won


def notify_log(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """The channels' development log, as JSON lines, in a logger of its own (no other test's
    logging setup reaches it)."""
    from govgraph import notifiers
    from govgraph.logs import json_formatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    logger = logging.Logger("govgraph.notify", logging.INFO)
    logger.addHandler(handler)
    monkeypatch.setattr(notifiers, "log", logger)
    return stream


async def test_each_row_is_handed_over_once() -> None:
    source = Source([(row(NotificationKind.APPROVED, n), CONTACT) for n in (1, 2)])
    email = Recorder(Channel.EMAIL)
    assert await dispatch(source, {Channel.EMAIL: email}, now=NOW) == 2
    assert await dispatch(source, {Channel.EMAIL: email}, now=NOW) == 0
    assert len(email.sent) == 2
    assert source.marked == [1, 2]


async def test_development_notifier_logs_ids_never_address_phone_or_title(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from govgraph import notifiers

    stream = notify_log(monkeypatch)
    for message in messages_for(row(NotificationKind.OVERDUE, n=41), CONTACT):
        await notifiers.LoggingNotifier(message.channel).send(message)
    logged = stream.getvalue()
    assert logged.count('"notification_id": 41') == 3  # push, email, SMS
    assert '"person_id": 6' in logged
    assert '"notification_kind": "OVERDUE"' in logged
    for secret in ("an@hue.gov.vn", "0234 3822 001", "3822", "Báo cáo ngập úng", "ngập"):
        assert secret not in logged


def distribution(priority: str, action: str = "DISTRIBUTE", n: int = 1) -> Notification:
    """An agency's inbox row of a field report's step."""
    made = Notification(
        event_id=1,
        person_id=6,
        kind=NotificationKind.NEW_ASSIGNMENT,
        subject_type=SubjectType.REFLECTION,
        subject_id=9,
        unit_id=3,
        summary=Summary(
            title="Phản ánh #9 · Cháy nổ · Phường Phú Hội", action=action, priority=priority
        ),
        created_at=NOW,
    )
    made.id = n
    return made


def test_an_urgent_distribution_also_phones_the_work_phone() -> None:
    urgent = messages_for(distribution("URGENT"), CONTACT)
    assert [m.channel for m in urgent] == [Channel.PUSH, Channel.CALL, Channel.EMAIL]
    call = urgent[1]
    assert call.to == "0234 3822 001"
    assert call.body.startswith("Trung tâm IOC thông báo phản ánh khẩn cấp: Phản ánh #9")
    for quiet in (distribution("NORMAL"), distribution("URGENT", "SUBMIT_RESULT")):
        assert Channel.CALL not in {m.channel for m in messages_for(quiet, CONTACT)}
    no_phone = messages_for(distribution("URGENT"), Contact(6, "an@hue.gov.vn", None))
    assert [m.channel for m in no_phone] == [Channel.PUSH, Channel.EMAIL]


@dataclass
class EventSource:
    """An InstantSource in memory: the rows of the events asked for, claimed once."""

    rows: list[tuple[Notification, Contact]]
    marked: list[int] = field(default_factory=list)

    async def claim_events(
        self, event_ids: Sequence[int], at: datetime
    ) -> list[tuple[Notification, Contact]]:
        won = [r for r in self.rows if r[0].event_id in event_ids and r[0].id not in self.marked]
        self.marked.extend(n.id for n, _ in won)
        return won


async def test_an_urgent_dispatch_sends_pushes_and_calls_before_the_email() -> None:
    source = EventSource([(distribution("URGENT", n=n), CONTACT) for n in (1, 2)])
    push, email, gateway = Recorder(Channel.PUSH), Recorder(Channel.EMAIL), FakeCallGateway()
    notifiers: dict[Channel, Notifier] = {
        Channel.PUSH: push,
        Channel.EMAIL: email,
        Channel.CALL: CallNotifier(gateway),
    }
    seen_when_told: list[tuple[int, int, int]] = []

    def told() -> None:
        seen_when_told.append((len(push.sent), len(gateway.calls), len(email.sent)))

    assert await dispatch_at_once(source, notifiers, [1], now=NOW, sent=told) == 2
    assert seen_when_told == [(2, 2, 0)]  # the waiting request is told before the email
    assert len(email.sent) == 2
    assert [message_id for _, message_id, _ in gateway.calls] == [
        "notification-1",
        "notification-2",
    ]
    assert await dispatch_at_once(source, notifiers, [1], now=NOW) == 0  # claimed: never again


async def test_development_call_gateway_logs_the_message_id_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from govgraph import notifiers

    stream = notify_log(monkeypatch)
    [_, call, _] = messages_for(distribution("URGENT", n=77), CONTACT)
    await CallNotifier(notifiers.LoggingCallGateway()).send(call)
    logged = stream.getvalue()
    assert '"call_message_id": "notification-77"' in logged
    for secret in ("0234 3822 001", "3822", "Phú Hội", "Cháy", "khẩn"):
        assert secret not in logged
