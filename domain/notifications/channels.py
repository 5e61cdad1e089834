"""Other channels than the inbox: email, SMS and app push (001 Art. 7: web, email, app, SMS).

The domain says what to send to whom; adapters (govgraph.notifiers) deliver it. Every inbox
row is handed to the channels at most once: a worker claims rows (marks them dispatched and
commits) before it sends, so two workers never send the same row, on either database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from domain.notifications.calls import call_text, needs_call
from domain.notifications.model import Notification, NotificationKind, ReporterMessageKind


class Channel(StrEnum):
    """A way to reach a person outside the app."""

    EMAIL = "EMAIL"
    SMS = "SMS"
    PUSH = "PUSH"
    CALL = "CALL"  # an automatic phone call (the urgent flow, domain.notifications.calls)


@dataclass(frozen=True)
class Contact:
    """Where a person is reached: their work email and work phone (never private data)."""

    person_id: int
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class Message:
    """One message on one channel; the ids say what it is without its content (for logs)."""

    channel: Channel
    to: str
    subject: str
    body: str
    notification_id: int = 0
    person_id: int = 0
    kind: NotificationKind | None = None
    reporter_message_id: int = 0
    reflection_id: int = 0
    reporter_kind: ReporterMessageKind | None = None


class Notifier(Protocol):
    """Delivers messages of one channel."""

    channel: Channel

    async def send(self, message: Message) -> None: ...


class DispatchSource(Protocol):
    """Inbox rows not yet handed to the channels."""

    async def claim(self, limit: int, at: datetime) -> list[tuple[Notification, Contact]]:
        """Up to `limit` rows, marked dispatched at `at` and committed: this worker's alone."""
        ...


_SUBJECTS = {
    NotificationKind.NEW_ASSIGNMENT: "Việc mới",
    NotificationKind.DEADLINE_WARNING: "Sắp đến hạn",
    NotificationKind.OVERDUE: "Quá hạn",
    NotificationKind.RETURNED: "Bị trả lại",
    NotificationKind.APPROVED: "Đã duyệt",
    NotificationKind.PUBLISHED: "Đã công khai",
    NotificationKind.ESCALATED: "Chuyển cấp trên",
    NotificationKind.REPORT_DUE: "Đến kỳ báo cáo",
    NotificationKind.BIRTHDAY: "Sinh nhật đồng nghiệp",
}

# SMS costs money and wakes people: only what must not wait.
SMS_KINDS = frozenset({NotificationKind.OVERDUE, NotificationKind.DEADLINE_WARNING})


def messages_for(notification: Notification, contact: Contact) -> list[Message]:
    """What to send for one inbox row: email and push always (when reachable), SMS only
    for urgent kinds, and a call to the work phone for an urgent report's distribution.
    The text holds the payload's permitted fields and nothing more."""
    subject = f"[govgraph] {_SUBJECTS[notification.kind]}: {notification.summary.title}"
    due = notification.summary.due_at
    body = subject + (f"\nHạn: {due.isoformat()}" if due else "")
    ids = (notification.id, notification.person_id, notification.kind)
    found = [Message(Channel.PUSH, str(contact.person_id), subject, body, *ids)]
    if contact.phone and needs_call(notification):
        found.append(Message(Channel.CALL, contact.phone, subject, call_text(notification), *ids))
    if contact.email:
        found.append(Message(Channel.EMAIL, contact.email, subject, body, *ids))
    if contact.phone and notification.kind in SMS_KINDS:
        found.append(Message(Channel.SMS, contact.phone, subject, subject, *ids))
    return found


async def dispatch(
    source: DispatchSource, notifiers: dict[Channel, Notifier], *, now: datetime, batch: int = 100
) -> int:
    """Hand undispatched inbox rows to the channels; how many rows were handed over.

    The rows are claimed first; a channel that fails leaves its message undelivered (logged
    by the adapter) and the row stays marked, so a broken gateway never floods people with
    repeats."""
    rows = await source.claim(batch, now)
    for notification, contact in rows:
        await hand_over(messages_for(notification, contact), notifiers)
    return len(rows)


async def hand_over(messages: list[Message], notifiers: dict[Channel, Notifier]) -> None:
    """Give each message to its channel's notifier (a channel without one is skipped)."""
    for message in messages:
        notifier = notifiers.get(message.channel)
        if notifier is not None:
            await notifier.send(message)
