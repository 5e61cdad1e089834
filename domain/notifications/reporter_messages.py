"""What a field report's reporter is told, by email and SMS (001 Art. 9, 12, 13).

| step                                  | kind      | email carries             |
|---------------------------------------|-----------|---------------------------|
| PUBLISH (published, or answered       | RESULT    | the result                |
| privately: secrecy or non-public)     |           |                           |
| REQUEST_VERIFICATION                  | VERIFY    | the IOC's note            |
| REQUEST_EDIT                          | EDIT      | the IOC's note            |
| ANSWER (a follow-up question)         | ANSWER    | the agency's answer       |
| CANCEL (by the IOC or automatically)  | CANCELLED | the reason                |

The step queues a `ReporterMessage` in its own transaction (a failed step queues nothing);
the message holds no address and no text: the sender reads the report's current reporter
email and phone and the text when it sends. The email goes to the reporter alone, so the
result of a secret or non-public report goes there too (001 Art. 9.1b: "only to the
reporter"). The SMS is one neutral line pointing to the app or portal: never the result,
note, answer or reason. Neither ever holds the report's own content or anyone else's data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.notifications.channels import Channel, Message, Notifier
from domain.notifications.delivery import DeliveryLedger, Outcome, RetryPolicy, deliver
from domain.notifications.model import ReporterMessage, ReporterMessageKind
from domain.reflections.model import CancelReason

K = ReporterMessageKind

STEP_KINDS: dict[str, ReporterMessageKind] = {
    "PUBLISH": K.RESULT,
    "REQUEST_VERIFICATION": K.VERIFY,
    "REQUEST_EDIT": K.EDIT,
    "ANSWER": K.ANSWER,
    "CANCEL": K.CANCELLED,
}

_SUBJECTS = {
    K.RESULT: "đã có kết quả xử lý",
    K.VERIFY: "đề nghị xác minh thông tin",
    K.EDIT: "đề nghị bổ sung thông tin",
    K.ANSWER: "đã có trả lời câu hỏi",
    K.CANCELLED: "đã hủy",
}
_LEADS = {
    K.RESULT: "Kết quả xử lý phản ánh của Quý vị:",
    K.VERIFY: "Trung tâm IOC đề nghị Quý vị xác minh thông tin phản ánh "
    "(sau 2 ngày không xác minh được, phản ánh sẽ bị hủy):",
    K.EDIT: "Trung tâm IOC đề nghị Quý vị bổ sung, chỉnh sửa phản ánh bằng mã theo dõi "
    "(sau 2 ngày không bổ sung, phản ánh sẽ bị hủy):",
    K.ANSWER: "Trả lời câu hỏi của Quý vị về phản ánh:",
    K.CANCELLED: "Phản ánh của Quý vị đã bị hủy. Lý do:",
}
REASONS = {
    CancelReason.DUPLICATE: "trùng với phản ánh Quý vị đã gửi",
    CancelReason.UNCLEAR_OR_TEST: "nội dung không rõ ràng, gửi nhầm hoặc thử nghiệm",
    CancelReason.VERIFICATION_FAILED: "không xác minh được thông tin sau 2 ngày",
    CancelReason.EDIT_NOT_MADE: "phản ánh không được bổ sung sau 2 ngày",
}
SEE_MORE = "Xem chi tiết bằng mã theo dõi trên ứng dụng hoặc Cổng phản ánh hiện trường."


@dataclass(frozen=True)
class ReportFacts:
    """What the sender reads from the report when it sends: the reporter's current email and
    phone, and the texts the reporter is entitled to (never the report's own content)."""

    email: str | None
    phone: str | None
    result: str | None = None
    note: str | None = None  # the IOC's note of the verification or edit request
    answer: str | None = None
    cancel_reason: CancelReason | None = None


class ReporterMessageRepository(Protocol):
    """Messages owed to reporters, written in the transaction of the step."""

    async def add(self, message: ReporterMessage) -> None:
        """Queue the message: written with the unit of work's commit."""
        ...


async def tell_reporter(
    messages: ReporterMessageRepository,
    *,
    reflection_id: int,
    action: str,
    now: datetime,
    question_id: int | None = None,
) -> ReporterMessageKind | None:
    """Queue the reporter's message for a step (None: the step tells the reporter nothing)."""
    kind = STEP_KINDS.get(action)
    if kind is None:
        return None
    await messages.add(ReporterMessage(reflection_id, kind, now, question_id=question_id))
    return kind


def _text(message: ReporterMessage, facts: ReportFacts) -> str | None:
    if message.kind is K.RESULT:
        return facts.result
    if message.kind in (K.VERIFY, K.EDIT):
        return facts.note
    if message.kind is K.ANSWER:
        return facts.answer
    return REASONS.get(facts.cancel_reason) if facts.cancel_reason else None


def reporter_messages_for(message: ReporterMessage, facts: ReportFacts) -> list[Message]:
    """The email (with the text the reporter is entitled to) and the SMS (one neutral line)."""
    subject = f"Phản ánh #{message.reflection_id}: {_SUBJECTS[message.kind]}"
    found: list[Message] = []
    if facts.email:
        text = (_text(message, facts) or "").strip()
        lead = _LEADS[message.kind]
        body = f"{lead}\n\n{text}\n\n{SEE_MORE}" if text else f"{subject}.\n\n{SEE_MORE}"
        found.append(_to(message, Channel.EMAIL, facts.email, subject, body))
    if facts.phone:
        found.append(_to(message, Channel.SMS, facts.phone, subject, f"{subject}. {SEE_MORE}"))
    return found


def _to(message: ReporterMessage, channel: Channel, to: str, subject: str, body: str) -> Message:
    return Message(
        channel,
        to,
        subject,
        body,
        reporter_message_id=message.id,
        reflection_id=message.reflection_id,
        reporter_kind=message.kind,
    )


async def dispatch_reporter_messages(
    ledger: DeliveryLedger[tuple[ReporterMessage, ReportFacts]],
    notifiers: Mapping[Channel, Notifier],
    *,
    now: datetime,
    batch: int = 100,
    policy: RetryPolicy | None = None,
    on_dead: Callable[[Outcome], None] | None = None,
) -> int:
    """Deliver reporter messages owed to email and SMS, at least once (like inbox rows: the
    report's current email and phone, read at each try); how many were tried."""

    def build(row: tuple[ReporterMessage, ReportFacts]) -> list[Message]:
        return reporter_messages_for(*row)

    return await deliver(
        ledger, build, notifiers, now=now, batch=batch, policy=policy, on_dead=on_dead
    )
