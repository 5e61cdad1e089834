"""What an applicant is told about a dossier, by email and SMS (002 Art. 12.2, 13.2).

| step                        | kind         | the email carries                          |
|-----------------------------|--------------|--------------------------------------------|
| SUBMIT                      | SUBMITTED    | the tracking code, the reception limit     |
| ACCEPT                      | RECEIVED     | the date the result is due                 |
| REFUSE                      | INCOMPLETE   | the desk's guidance, in full               |
| REQUEST_SUPPLEMENT          | SUPPLEMENT   | the specialist's guidance (the clock stops)|
| REGISTER_RESULT             | RESULT_READY | granted or not, the number; by post, the   |
|                             |              | signed electronic result first (Art. 13.2) |
| DELIVER                     | DELIVERED    | handed over, or posted to the address      |
| NOTIFY_OVERDUE              | OVERDUE      | the reason and the new date                |
| APOLOGIZE                   | APOLOGY      | the apology letter                         |

The step queues a `DossierMessage` in its own transaction (a refused step queues nothing);
it holds no address and no text: the sender reads the applicant's current email and phone
and the texts when it sends. The SMS is one neutral line with the tracking code and what
happened, pointing to the portal: never guidance, results, reasons, names or addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.dossiers.model import DossierMessage, DossierMessageKind, ResultKind
from domain.dossiers.ports import DossierMessageRepository
from domain.notifications.channels import Channel, Message, Notifier
from domain.notifications.delivery import DeliveryLedger, Outcome, RetryPolicy, deliver

K = DossierMessageKind

STEP_KINDS: dict[str, DossierMessageKind] = {
    "SUBMIT": K.SUBMITTED,
    "ACCEPT": K.RECEIVED,
    "REFUSE": K.INCOMPLETE,
    "REQUEST_SUPPLEMENT": K.SUPPLEMENT,
    "REGISTER_RESULT": K.RESULT_READY,
    "DELIVER": K.DELIVERED,
    "NOTIFY_OVERDUE": K.OVERDUE,
    "APOLOGIZE": K.APOLOGY,
}

SUBJECTS = {
    K.SUBMITTED: "đã được gửi",
    K.RECEIVED: "đã được tiếp nhận",
    K.INCOMPLETE: "chưa đầy đủ, đề nghị bổ sung",
    K.SUPPLEMENT: "đề nghị bổ sung hồ sơ",
    K.RESULT_READY: "đã có kết quả",
    K.DELIVERED: "đã trả kết quả",
    K.OVERDUE: "trễ hạn, hẹn lại ngày trả kết quả",
    K.APOLOGY: "thư xin lỗi",
}
PORTAL = "Xem chi tiết trên Cổng dịch vụ công bằng mã hồ sơ."
_OUTCOMES = {ResultKind.GRANTED: "được giải quyết", ResultKind.DENIED: "không được giải quyết"}


@dataclass(frozen=True)
class DossierFacts:
    """What the sender reads when it sends: the applicant's current email and phone, and the
    texts the applicant is entitled to."""

    email: str | None
    phone: str | None
    tracking_code: str
    procedure: str
    agency: str
    reception_due: datetime | None = None
    processing_due: datetime | None = None
    note: str | None = None  # the step's note: guidance, reason, apology letter
    result_kind: ResultKind | None = None
    result_number: str | None = None
    result_url: str | None = None  # by post: the signed electronic result (Art. 13.2)
    by_post: bool = False
    new_due: datetime | None = None
    time_zone: str = "Asia/Ho_Chi_Minh"


async def tell_applicant(
    messages: DossierMessageRepository,
    *,
    dossier_id: int,
    action: str,
    now: datetime,
    step_id: int | None = None,
) -> DossierMessageKind | None:
    """Queue the applicant's message for a step (None: the step tells the applicant nothing)."""
    kind = STEP_KINDS.get(action)
    if kind is None:
        return None
    await messages.add(DossierMessage(dossier_id, kind, now, step_id=step_id))
    return kind


def _when(instant: datetime | None, facts: DossierFacts) -> str:
    if instant is None:
        return ""
    return instant.astimezone(ZoneInfo(facts.time_zone)).strftime("%H:%M ngày %d/%m/%Y")


def email_body(kind: DossierMessageKind, facts: DossierFacts) -> str:
    """The email's text: what the applicant may read of the step."""
    head = f"Hồ sơ {facts.tracking_code} ({facts.procedure}, {facts.agency})"
    match kind:
        case K.SUBMITTED:
            lines = [f"{head} đã được gửi.", f"Hạn tiếp nhận: {_when(facts.reception_due, facts)}."]
        case K.RECEIVED:
            lines = [
                f"{head} đã được tiếp nhận.",
                f"Hẹn trả kết quả: {_when(facts.processing_due, facts)}.",
            ]
        case K.INCOMPLETE | K.SUPPLEMENT:
            lines = [f"{head} cần được bổ sung theo hướng dẫn sau:", facts.note or ""]
        case K.RESULT_READY:
            outcome = _OUTCOMES.get(facts.result_kind, "") if facts.result_kind else ""
            lines = [f"{head} đã có kết quả: {outcome}, số {facts.result_number or ''}."]
            if facts.by_post and facts.result_url:
                lines.append(f"Kết quả điện tử đã ký số: {facts.result_url}")
                lines.append("Bản giấy được gửi qua bưu điện đến địa chỉ Quý vị đã đăng ký.")
        case K.DELIVERED:
            where = "gửi qua bưu điện" if facts.by_post else "trả tại bộ phận một cửa"
            lines = [f"Kết quả của {head} đã được {where}."]
        case K.OVERDUE:
            lines = [
                f"{head} chưa được giải quyết đúng hạn. Lý do:",
                facts.note or "",
                f"Hẹn lại ngày trả kết quả: {_when(facts.new_due, facts)}.",
            ]
        case K.APOLOGY:
            lines = [facts.note or ""]
    return "\n\n".join([*lines, PORTAL])


def dossier_messages_for(message: DossierMessage, facts: DossierFacts) -> list[Message]:
    """The email (with what the applicant is entitled to) and the SMS (one neutral line)."""
    subject = f"Hồ sơ {facts.tracking_code}: {SUBJECTS[message.kind]}"
    found: list[Message] = []
    if facts.email:
        found.append(
            _to(message, Channel.EMAIL, facts.email, subject, email_body(message.kind, facts))
        )
    if facts.phone:
        found.append(_to(message, Channel.SMS, facts.phone, subject, f"{subject}. {PORTAL}"))
    return found


def _to(message: DossierMessage, channel: Channel, to: str, subject: str, body: str) -> Message:
    return Message(
        channel, to, subject, body, dossier_message_id=message.id, dossier_id=message.dossier_id
    )


async def dispatch_dossier_messages(
    ledger: DeliveryLedger[tuple[DossierMessage, DossierFacts]],
    notifiers: Mapping[Channel, Notifier],
    *,
    now: datetime,
    batch: int = 100,
    policy: RetryPolicy | None = None,
    on_dead: Callable[[Outcome], None] | None = None,
) -> int:
    """Deliver applicant messages owed to email and SMS, at least once; how many were tried."""

    def build(row: tuple[DossierMessage, DossierFacts]) -> list[Message]:
        return dossier_messages_for(*row)

    return await deliver(
        ledger, build, notifiers, now=now, batch=batch, policy=policy, on_dead=on_dead
    )
