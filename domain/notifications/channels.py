"""Other channels than the inbox: email, SMS and app push (001 Art. 7: web, email, app, SMS),
and the urgent flow's automatic call (domain.notifications.calls).

The domain says what to send to whom; adapters (govgraph.notifiers) deliver it, at least
once (domain.notifications.delivery: leased claims, retries with back-off, dead letters).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    dossier_message_id: int = 0
    dossier_id: int = 0
    applicant_message_id: int = 0

    @property
    def identity(self) -> str:
        """Which message this is, the same on every try (its idempotency key's source)."""
        if self.dossier_message_id:
            return f"dossier-message/{self.dossier_message_id}/{self.channel.value}"
        if self.applicant_message_id:
            return f"applicant-message/{self.applicant_message_id}/{self.channel.value}"
        if self.reporter_message_id:
            return f"reporter-message/{self.reporter_message_id}/{self.channel.value}"
        return f"notification/{self.notification_id}/{self.channel.value}"


class Notifier(Protocol):
    """Delivers messages of one channel; raises when the gateway did not take the message."""

    channel: Channel

    async def send(self, message: Message) -> None: ...


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
