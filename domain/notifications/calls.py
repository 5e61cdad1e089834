"""The urgent flow's instant dispatch (001 Art. 10.2): an app push and an automatic phone call.

When the IOC distributes an URGENT report, the inbox rows of that step are handed to the
channels right after the commit, in the serving process, instead of waiting for the next
channel round: a push, and a call to each recipient's work phone (the agency's focal leader
and focal handler, Art. 18.1; its leaders when it named none). The rows are leased like every
inbox row (domain.notifications.delivery): whoever holds the lease, the serving process or,
once a dead process's lease has run out, a scheduler's channel round, sends them; a channel
that took its message is recorded and never sent again, and a failed call is tried again
with the same message id (its idempotency key), so the provider places it once.

The call says only what the inbox row's payload says: the report's number, category and
commune, and what to do. Never the report's text, the reporter or the person called.
"""

from __future__ import annotations

from typing import Protocol

from domain.notifications.model import Notification, NotificationKind, SubjectType, Summary

INSTANT_ACTIONS = frozenset({"DISTRIBUTE"})
"""Steps of an URGENT report whose notifications go out at once, with a call."""


def dispatched_at_once(kind: NotificationKind, subject_type: SubjectType, summary: Summary) -> bool:
    """True for the new work of an URGENT report's distribution (001 Art. 10.2)."""
    return (
        subject_type is SubjectType.REFLECTION
        and kind is NotificationKind.NEW_ASSIGNMENT
        and summary.action in INSTANT_ACTIONS
        and summary.priority == "URGENT"
    )


def needs_call(notification: Notification) -> bool:
    """The inbox row is an urgent dispatch: its recipient is also called."""
    return dispatched_at_once(notification.kind, notification.subject_type, notification.summary)


def call_text(notification: Notification) -> str:
    """What the call says: the neutral title and the 30-minute confirmation (Art. 10.3)."""
    return (
        f"Trung tâm IOC thông báo phản ánh khẩn cấp: {notification.summary.title}. "
        "Đề nghị đơn vị xác nhận tiếp nhận trong vòng 30 phút."
    )


class CallGateway(Protocol):
    """Places automatic phone calls (the province's telephony provider)."""

    async def place_call(self, phone: str, message_id: str, text: str) -> None:
        """Ask for a call to `phone` that speaks `text`. `message_id` is the message's
        idempotency key, the same on every try (the provider places one call per key; logs
        carry it, never the phone or the text). Raises when the provider did not take the
        call (it is tried again), PermanentFailure when it never will (a number that does
        not exist)."""
        ...
