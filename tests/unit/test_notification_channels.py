"""Email, SMS, push and calls: what is sent for an inbox row, and that each row goes out once."""

from __future__ import annotations

import io
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.notifications.channels import Channel, Contact, Message, messages_for
from domain.notifications.delivery import Claimed, Outcome, dispatch
from domain.notifications.model import Notification, NotificationKind, SubjectType, Summary
from govgraph.settings import Settings

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
    """A delivery ledger in memory: rows leased, settled and finished by their id."""

    rows: list[tuple[Any, Any]]
    marked: list[int] = field(default_factory=list)  # finished: delivered everywhere, or dead
    tries: dict[int, int] = field(default_factory=dict)
    next_try: dict[int, datetime | None] = field(default_factory=dict)
    sent: dict[int, frozenset[Channel]] = field(default_factory=dict)
    dead: list[int] = field(default_factory=list)

    async def claim(
        self, limit: int, at: datetime, lease_until: datetime, events: Collection[int] | None = None
    ) -> list[Claimed[tuple[Any, Any]]]:
        won: list[Claimed[tuple[Any, Any]]] = []
        for item in self.rows:
            key = item[0].id
            due = self.next_try.get(key)
            if key in self.marked or (due is not None and due > at) or len(won) == limit:
                continue
            if events is not None and item[0].event_id not in events:
                continue
            self.tries[key] = self.tries.get(key, 0) + 1
            self.next_try[key] = lease_until
            won.append(Claimed(key, item, self.tries[key], self.sent.get(key, frozenset())))
        return won

    async def claim_events(
        self, event_ids: Sequence[int], at: datetime, lease_until: datetime
    ) -> list[Claimed[tuple[Any, Any]]]:
        """InstantLedger: the rows of `event_ids` only."""
        return await self.claim(len(self.rows), at, lease_until, event_ids)

    async def settle(self, outcome: Outcome, at: datetime) -> None:
        if self.tries[outcome.id] != outcome.attempts or outcome.id in self.marked:
            return  # claimed again since
        self.sent[outcome.id] = outcome.sent
        self.next_try[outcome.id] = outcome.next_try_at
        if outcome.done or outcome.dead:
            self.marked.append(outcome.id)
        if outcome.dead:
            self.dead.append(outcome.id)


def notify_log(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """The channels' development log, as JSON lines, in a logger of its own (no other test's
    logging setup reaches it)."""
    from govgraph import notifiers
    from govgraph.logs import json_formatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(json_formatter())
    logger = logging.Logger("govgraph.notify", logging.DEBUG)  # the notifier logs at DEBUG
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


async def test_development_call_gateway_logs_the_message_id_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from govgraph import notifiers

    stream = notify_log(monkeypatch)
    [_, call, _] = messages_for(distribution("URGENT", n=77), CONTACT)
    settings = Settings(SECRET_KEY="test-secret-0123456789abcdef0123456789")
    await notifiers.CallNotifier(notifiers.LoggingCallGateway(), settings).send(call)
    logged = stream.getvalue()
    key = notifiers.idempotency_key(settings, call)  # the same on every try of the call
    assert f'"call_message_id": "{key}"' in logged
    for secret in ("0234 3822 001", "3822", "Phú Hội", "Cháy", "khẩn"):
        assert secret not in logged
