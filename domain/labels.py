"""The names people read instead of codes: one place for the Vietnamese (and English) labels
of the codes that exports, report documents and messages show."""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum, StrEnum

from domain.dossiers.labels import DOSSIER_LABELS
from domain.reflections.model import (
    CancelReason,
    Channel,
    Rating,
    ReflectionPriority,
    ReflectionState,
    SlaStep,
)
from domain.tasks.model import Priority, StatusClass, TaskKind, TaskState


class Lang(StrEnum):
    """The languages labels come in."""

    VI = "vi"
    EN = "en"


_Labels = dict[str, tuple[str, str]]

_TASK_KINDS: _Labels = {
    "DIRECTIVE": ("Nhiệm vụ theo văn bản chỉ đạo", "Directive task"),
    "PRESS_INCIDENT": ("Sự việc báo nêu", "Press incident"),
    "CITIZEN_QUESTION": ("Dân hỏi, cơ quan chức năng trả lời", "Citizen question"),
    "VOTER_PETITION": ("Ý kiến, kiến nghị cử tri", "Voter petition"),
    "WORK_PROGRAM_ITEM": ("Nhiệm vụ chương trình công tác", "Work program item"),
}
_TASK_STATES: _Labels = {
    "CREATED": ("Mới tạo", "Created"),
    "SENT": ("Đã gửi đơn vị", "Sent"),
    "RETURNED": ("Đơn vị trả lại", "Returned"),
    "RECEIVED": ("Đơn vị đã tiếp nhận", "Received"),
    "ASSIGNED": ("Đã phân công chuyên viên", "Assigned"),
    "IN_PROGRESS": ("Đang xử lý", "In progress"),
    "DRAFTED": ("Chờ lãnh đạo duyệt", "Drafted"),
    "APPROVED": ("Lãnh đạo đã duyệt", "Approved"),
    "REPORTED": ("Đã báo cáo kết quả", "Reported"),
    "COMPLETED": ("Hoàn thành", "Completed"),
    "CANCELLED": ("Đã hủy", "Cancelled"),
    "ESCALATED": ("Chuyển cấp trên", "Escalated"),
}
_STATUS_CLASSES: _Labels = {
    "DONE_ON_TIME": ("Hoàn thành đúng hạn", "Done on time"),
    "DONE_LATE": ("Hoàn thành quá hạn", "Done late"),
    "OPEN_WITHIN_DEADLINE": ("Đang thực hiện trong hạn", "Open, within deadline"),
    "OPEN_OVERDUE": ("Đang thực hiện quá hạn", "Open, overdue"),
    "NO_DEADLINE": ("Không có thời hạn", "No deadline"),
}
_PRIORITIES: _Labels = {
    "NORMAL": ("Thường", "Normal"),
    "HIGH": ("Khẩn", "High"),
    "URGENT": ("Thượng khẩn", "Urgent"),
}
_CHANNELS: _Labels = {
    "APP": ("Ứng dụng Hue-S", "Hue-S app"),
    "PORTAL": ("Cổng thông tin", "Portal"),
    "HOTLINE": ("Đường dây nóng", "Hotline"),
    "FACEBOOK": ("Facebook", "Facebook"),
    "ZALO": ("Zalo", "Zalo"),
    "EMAIL": ("Thư điện tử", "Email"),
}
_REFLECTION_PRIORITIES: _Labels = {
    "NORMAL": ("Thường", "Normal"),
    "URGENT": ("Khẩn cấp", "Urgent"),
}
_REFLECTION_STATES: _Labels = {
    "SUBMITTED": ("Chờ tiếp nhận", "Submitted"),
    "VERIFYING": ("Đang xác minh", "Verifying"),
    "AWAITING_EDIT": ("Chờ người phản ánh bổ sung", "Awaiting the reporter's edit"),
    "COORDINATING": ("Đang xin ý kiến cơ quan phối hợp", "With the coordinating agency"),
    "ADVISED": ("Đã có ý kiến cơ quan phối hợp", "Advised"),
    "IN_HANDLING": ("Đang xử lý", "In handling"),
    "RETURNED": ("Cơ quan xử lý trả lại", "Returned by the agencies"),
    "HANDLED": ("Đã xử lý, chờ công khai", "Handled"),
    "AWAITING_AGREEMENT": ("Chờ thống nhất kết quả", "Awaiting agreement"),
    "AGREED": ("Đã thống nhất kết quả", "Agreed"),
    "PUBLISHED": ("Đã công khai kết quả", "Published"),
    "ANSWERED_PRIVATELY": ("Đã trả lời riêng người phản ánh", "Answered privately"),
    "CANCELLED": ("Đã hủy", "Cancelled"),
}
_STEPS: _Labels = {
    "INTAKE": ("Tiếp nhận, phân loại", "Intake"),
    "COORDINATION": ("Xin ý kiến phối hợp", "Coordination"),
    "ACCEPT": ("Nhận xử lý", "Accept"),
    "HANDLE": ("Xử lý", "Handle"),
    "RETURN": ("Trả lại", "Return"),
    "APPROVE": ("Duyệt kết quả", "Approve"),
    "PUBLISH": ("Công khai kết quả", "Publish"),
    "AGREEMENT": ("Thống nhất kết quả", "Agreement"),
    "ANSWER": ("Trả lời câu hỏi", "Answer"),
    "VERIFICATION": ("Xác minh", "Verification"),
    "EDIT": ("Bổ sung nội dung", "Edit"),
}
_CANCEL_REASONS: _Labels = {
    "DUPLICATE": ("Trùng lặp", "Duplicate"),
    "UNCLEAR_OR_TEST": ("Không rõ nội dung hoặc thử nghiệm", "Unclear or a test"),
    "VERIFICATION_FAILED": ("Không xác minh được", "Verification failed"),
    "EDIT_NOT_MADE": ("Không bổ sung theo yêu cầu", "Edit not made"),
}
_RATINGS: _Labels = {
    "SATISFIED": ("Hài lòng", "Satisfied"),
    "ACCEPTABLE": ("Chấp nhận được", "Acceptable"),
    "UNSATISFIED": ("Không hài lòng", "Unsatisfied"),
}

LABELS: dict[type[Enum], _Labels] = {
    TaskKind: _TASK_KINDS,
    TaskState: _TASK_STATES,
    StatusClass: _STATUS_CLASSES,
    Priority: _PRIORITIES,
    Channel: _CHANNELS,
    ReflectionPriority: _REFLECTION_PRIORITIES,
    ReflectionState: _REFLECTION_STATES,
    SlaStep: _STEPS,
    CancelReason: _CANCEL_REASONS,
    Rating: _RATINGS,
    **DOSSIER_LABELS,
}
"""Per code list (the enum), code -> (Vietnamese, English). Codes of one list are unique;
the same code may mean different things in two lists (a task's RETURNED is not a report's)."""

# The figures of periodic reports (report types name them by key).
FIGURES: _Labels = {
    "tasks_done": ("Nhiệm vụ đã hoàn thành", "Tasks done"),
    "tasks_overdue": ("Nhiệm vụ quá hạn", "Tasks overdue"),
    "documents_issued": ("Văn bản đã ban hành", "Documents issued"),
    "received": ("Phản ánh đã tiếp nhận", "Reports received"),
    "handled": ("Phản ánh đã xử lý", "Reports handled"),
    "overdue": ("Phản ánh quá hạn", "Reports overdue"),
    "score": ("Điểm đánh giá", "Score"),
    "meetings": ("Cuộc họp đã tổ chức", "Meetings held"),
    "documents_received": ("Văn bản đến", "Documents received"),
    "inspections": ("Cuộc thanh tra, kiểm tra", "Inspections"),
    "dossiers_received": ("Hồ sơ đã tiếp nhận", "Dossiers received"),
    "dossiers_done": ("Hồ sơ đã giải quyết", "Dossiers resolved"),
    "dossiers_late": ("Hồ sơ giải quyết quá hạn", "Dossiers resolved late"),
}

YES_NO = {Lang.VI: ("Có", "Không"), Lang.EN: ("Yes", "No")}


def label(codes: type[Enum], code: object, lang: Lang = Lang.VI) -> str:
    """The label of `code` in the code list `codes`; an unknown code is shown as it is."""
    text = str(getattr(code, "value", code))
    found = LABELS[codes].get(text)
    return text if found is None else found[lang is Lang.EN]


def figure_label(key: str, lang: Lang = Lang.VI) -> str:
    """The name of a report figure; a key without a label reads as words ("so_ho_so" ->
    "So ho so")."""
    found = FIGURES.get(key)
    if found is not None:
        return found[lang is Lang.EN]
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def yes_no(value: bool, lang: Lang = Lang.VI) -> str:
    """Có / Không (Yes / No)."""
    return YES_NO[lang][0 if value else 1]


_ROMAN = ("I", "II", "III", "IV")


def period_label(grain: str, start: date, end: date) -> str:
    """A reporting period as a Vietnamese document names it: "tháng 11 năm 2026",
    "quý IV năm 2026", "năm 2026", "tuần 47 năm 2026 (16/11 - 22/11/2026)"."""
    if grain == "MONTH":
        return f"tháng {start.month} năm {start.year}"
    if grain == "QUARTER":
        return f"quý {_ROMAN[(start.month - 1) // 3]} năm {start.year}"
    if grain == "YEAR":
        return f"năm {start.year}"
    if grain == "WEEK":
        year, week, _ = start.isocalendar()
        last = end - timedelta(days=1)
        return f"tuần {week} năm {year} ({start:%d/%m} - {last:%d/%m/%Y})"
    return f"ngày {start:%d/%m/%Y}"


def place_and_date(place: str, day: date) -> str:
    """The place and date line of an administrative document (Decree 30/2020, Annex I):
    "Huế, ngày 07 tháng 12 năm 2026"; days below 10 and January, February get a leading 0."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
