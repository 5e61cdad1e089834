"""What an applicant is told by email and SMS (002 Art. 10): the verification code, and the
account office's decisions.

The message row holds no address and no text: the sender reads the profile's current email
and phone, and the request's note, when it sends. The code goes to the channel chosen at
registration only. An SMS is one neutral line (the code, or the decision and where to read
more): never a name, an identity number, an address or the office's note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from domain.applicants.model import ApplicantMessage, MessageKind, VerifyChannel
from domain.notifications.channels import Channel, Message, Notifier
from domain.notifications.delivery import DeliveryLedger, Outcome, RetryPolicy, deliver

M = MessageKind
PORTAL = "Cổng dịch vụ công tỉnh Thừa Thiên Huế (https://dichvucong.thuathienhue.gov.vn)"

SUBJECTS = {
    M.VERIFY_CODE: "Mã xác thực tài khoản dịch vụ công",
    M.APPROVED: "Tài khoản dịch vụ công đã được phê duyệt",
    M.REFUSED: "Đăng ký tài khoản dịch vụ công không được phê duyệt",
    M.EDIT_APPLIED: "Thông tin tài khoản dịch vụ công đã được cập nhật",
    M.EDIT_REFUSED: "Đề nghị sửa thông tin tài khoản không được chấp thuận",
    M.SUSPENDED: "Tài khoản dịch vụ công đã tạm dừng",
    M.CANCELLED: "Tài khoản dịch vụ công đã hủy",
    M.REACTIVATED: "Tài khoản dịch vụ công đã được kích hoạt lại",
    M.REQUEST_REFUSED: "Đề nghị về tài khoản dịch vụ công không được chấp thuận",
}


@dataclass(frozen=True)
class ApplicantFacts:
    """What the sender reads when it sends: the profile's current email and phone, the
    channel chosen for codes, the office's note on the request."""

    email: str | None
    phone: str | None
    verify_channel: VerifyChannel
    note: str | None = None


def applicant_messages_for(message: ApplicantMessage, facts: ApplicantFacts) -> list[Message]:
    """The email and the SMS a message owes (the code: its channel only)."""
    subject = SUBJECTS[message.kind]
    if message.kind is M.VERIFY_CODE:
        code = message.secret or ""
        if not code:  # sent already (the code is wiped once delivered)
            return []
        text = f"{subject}: {code} (hiệu lực 24 giờ). Không cung cấp mã này cho người khác."
        if facts.verify_channel is VerifyChannel.EMAIL and facts.email:
            return [_to(message, Channel.EMAIL, facts.email, subject, text)]
        if facts.verify_channel is VerifyChannel.SMS and facts.phone:
            return [_to(message, Channel.SMS, facts.phone, subject, text)]
        return []
    found: list[Message] = []
    if facts.email:
        note = (facts.note or "").strip()
        body = f"{subject}.\n\n" + (
            f"Ý kiến của bộ phận quản lý tài khoản: {note}\n\n" if note else ""
        )
        found.append(
            _to(message, Channel.EMAIL, facts.email, subject, body + f"Chi tiết tại {PORTAL}.")
        )
    if facts.phone:
        found.append(
            _to(
                message,
                Channel.SMS,
                facts.phone,
                subject,
                f"{subject}. Xem chi tiết tại Cổng dịch vụ công.",
            )
        )
    return found


def _to(message: ApplicantMessage, channel: Channel, to: str, subject: str, body: str) -> Message:
    return Message(channel, to, subject, body, applicant_message_id=message.id)


async def dispatch_applicant_messages(
    ledger: DeliveryLedger[tuple[ApplicantMessage, ApplicantFacts]],
    notifiers: Mapping[Channel, Notifier],
    *,
    now: datetime,
    batch: int = 100,
    policy: RetryPolicy | None = None,
    on_dead: Callable[[Outcome], None] | None = None,
) -> int:
    """Deliver applicant messages owed to email and SMS, at least once; how many were tried."""

    def build(row: tuple[ApplicantMessage, ApplicantFacts]) -> list[Message]:
        return applicant_messages_for(*row)

    return await deliver(
        ledger, build, notifiers, now=now, batch=batch, policy=policy, on_dead=on_dead
    )
