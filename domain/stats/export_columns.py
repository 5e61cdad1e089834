"""The columns of the task and field-report exports: what each holds, its header for people
(Vietnamese, English) and for programs (a stable snake_case key), and which code list labels
its values (domain.labels)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from domain.labels import Lang
from domain.reflections.model import (
    CancelReason,
    Channel,
    Rating,
    ReflectionPriority,
    ReflectionState,
    SlaStep,
)
from domain.tasks.model import Priority, StatusClass, TaskKind, TaskState


class ColumnKind(StrEnum):
    """How a column's values are written."""

    TEXT = "TEXT"
    ID = "ID"
    NUMBER = "NUMBER"
    DATETIME = "DATETIME"
    BOOL = "BOOL"
    CODE = "CODE"


class Total(StrEnum):
    """What a column's cell in the totals row of a sheet gives (over the filtered rows)."""

    COUNT = "COUNT"
    AVERAGE = "AVERAGE"


@dataclass(frozen=True)
class Column:
    """One column of an export."""

    key: str
    vi: str
    en: str
    kind: ColumnKind = ColumnKind.TEXT
    codes: type[Enum] | None = None
    width: int = 14
    total: Total | None = None

    def header(self, lang: Lang) -> str:
        """The header people read."""
        return self.en if lang is Lang.EN else self.vi


@dataclass(frozen=True)
class ExportKind:
    """An export: its columns in the reader's row order, the machine format's columns (the
    stable snake_case format for programs) and the columns people get, in their order."""

    name: str
    title: tuple[str, str]
    columns: tuple[Column, ...]
    machine: tuple[str, ...]
    people: tuple[str, ...]

    def title_in(self, lang: Lang) -> str:
        """The sheet's title."""
        return self.title[lang is Lang.EN]

    def pick(self, keys: tuple[str, ...]) -> tuple[tuple[int, Column], ...]:
        """The (row index, column) pairs of `keys`, in that order."""
        index = {c.key: (i, c) for i, c in enumerate(self.columns)}
        return tuple(index[k] for k in keys)


_ID, _NUM, _DT, _BOOL, _CODE = (
    ColumnKind.ID,
    ColumnKind.NUMBER,
    ColumnKind.DATETIME,
    ColumnKind.BOOL,
    ColumnKind.CODE,
)

TASKS = ExportKind(
    "tasks",
    ("Nhiệm vụ", "Tasks"),
    (
        Column("task_id", "Mã nhiệm vụ", "Task ID", _ID, width=13, total=Total.COUNT),
        Column("kind", "Loại nhiệm vụ", "Kind", _CODE, TaskKind, 30),
        Column("state", "Trạng thái", "State", _CODE, TaskState, 24),
        Column("status_class", "Tình hình thực hiện", "Status", _CODE, StatusClass, 26),
        Column("priority", "Độ khẩn", "Priority", _CODE, Priority, 12),
        Column("lead_unit_code", "Mã đơn vị chủ trì", "Lead unit code", width=16),
        Column("lead_unit_name", "Đơn vị chủ trì", "Lead unit", width=46),
        Column("office_unit_code", "Cơ quan giao", "Assigning office", width=14),
        Column("created_at", "Ngày tạo", "Created", _DT, width=18),
        Column("sent_at", "Ngày giao", "Sent", _DT, width=18),
        Column("deadline", "Hạn xử lý", "Deadline", _DT, width=18),
        Column("completed_at", "Ngày hoàn thành", "Completed", _DT, width=18),
        Column(
            "handling_working_days",
            "Số ngày làm việc xử lý",
            "Working days to handle",
            _NUM,
            width=18,
            total=Total.AVERAGE,
        ),
        Column("entry_late", "Nhập muộn", "Entered late", _BOOL, width=11),
    ),
    machine=(
        "task_id",
        "kind",
        "state",
        "status_class",
        "priority",
        "lead_unit_code",
        "lead_unit_name",
        "office_unit_code",
        "created_at",
        "sent_at",
        "deadline",
        "completed_at",
        "handling_working_days",
        "entry_late",
    ),
    people=(
        "task_id",
        "kind",
        "lead_unit_name",
        "lead_unit_code",
        "status_class",
        "state",
        "priority",
        "created_at",
        "sent_at",
        "deadline",
        "completed_at",
        "handling_working_days",
        "entry_late",
        "office_unit_code",
    ),
)

REFLECTIONS = ExportKind(
    "reflections",
    ("Phản ánh hiện trường", "Field reports"),
    (
        Column("reflection_id", "Mã phản ánh", "Report ID", _ID, width=13, total=Total.COUNT),
        Column("channel", "Kênh tiếp nhận", "Channel", _CODE, Channel, 16),
        Column("category_code", "Mã lĩnh vực", "Category code", width=16),
        Column("commune_code", "Mã xã, phường", "Commune code", width=16),
        Column("commune_name", "Xã, phường, thị trấn", "Commune", width=36),
        Column("priority", "Mức độ", "Priority", _CODE, ReflectionPriority, 11),
        Column("sensitive", "Nhạy cảm", "Sensitive", _BOOL, width=10),
        Column("secret", "Yêu cầu bảo mật", "Secret", _BOOL, width=10),
        Column("state", "Trạng thái", "State", _CODE, ReflectionState, 32),
        Column("handled", "Đã xử lý xong", "Handled", _BOOL, width=10),
        Column("submitted_at", "Thời điểm tiếp nhận", "Received", _DT, width=18),
        Column("published_at", "Thời điểm công khai", "Published", _DT, width=18),
        Column("step", "Bước đang chờ", "Open step", _CODE, SlaStep, 20),
        Column("step_due", "Hạn của bước", "Step due", _DT, width=18),
        Column("overdue_now", "Đang quá hạn", "Overdue now", _BOOL, width=10),
        Column("rating", "Đánh giá của người phản ánh", "Rating", _CODE, Rating, 16),
        Column("cancel_reason", "Lý do hủy", "Cancel reason", _CODE, CancelReason, 24),
        Column("category_name", "Lĩnh vực", "Category", width=38),
    ),
    machine=(
        "reflection_id",
        "channel",
        "category_code",
        "commune_code",
        "commune_name",
        "priority",
        "sensitive",
        "secret",
        "state",
        "handled",
        "submitted_at",
        "published_at",
        "step",
        "step_due",
        "overdue_now",
        "rating",
        "cancel_reason",
    ),
    people=(
        "reflection_id",
        "submitted_at",
        "channel",
        "category_name",
        "commune_name",
        "priority",
        "state",
        "handled",
        "step",
        "step_due",
        "overdue_now",
        "published_at",
        "rating",
        "cancel_reason",
        "sensitive",
        "secret",
        "category_code",
        "commune_code",
    ),
)
