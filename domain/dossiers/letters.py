"""The texts of the apology letter and of the overdue notice, in Vietnamese (the Annex:
"thư xin lỗi ... kèm theo hướng dẫn"; national practice: "phiếu xin lỗi và hẹn lại ngày trả
kết quả")."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from domain.dossiers.model import GuidanceStage

_SIDES = {
    GuidanceStage.RECEPTION: "Bộ phận tiếp nhận và trả kết quả",
    GuidanceStage.PROCESSING: "bộ phận chuyên môn",
}


def apology_text(
    *,
    agency: str,
    applicant: str,
    procedure: str,
    tracking_code: str,
    stage: GuidanceStage,
    rounds: int,
    guidance: str,
    note: str | None,
) -> str:
    """The apology letter, with the full guidance the applicant still needs."""
    parts = [
        "THƯ XIN LỖI",
        f"Kính gửi: {applicant}",
        f"{agency} trân trọng xin lỗi Quý vị vì hồ sơ {procedure} (mã hồ sơ {tracking_code}) "
        f"đã phải bổ sung, hoàn thiện {rounds} lần do {_SIDES[stage]} hướng dẫn chưa đầy đủ, "
        "cụ thể.",
        f"Hướng dẫn đầy đủ để hoàn thiện hồ sơ:\n{guidance}",
    ]
    if note:
        parts.append(note)
    parts.append(f"Rất mong Quý vị thông cảm.\n{agency}")
    return "\n\n".join(parts)


def new_date_text(new_due: datetime, time_zone: str) -> str:
    """The new date as the applicant reads it."""
    return new_due.astimezone(ZoneInfo(time_zone)).strftime("%H:%M ngày %d/%m/%Y")
