"""Comments on every column of the `reporting` views, in Vietnamese and English (BI tools show
them as field descriptions; `\\d+ reporting.tasks` in psql)."""

from __future__ import annotations

from collections.abc import Iterable

# (Vietnamese, English) by column name; VIEW_COLUMNS overrides a name in one view.
COMMON: dict[str, tuple[str, str]] = {
    "id": ("Mã số của dòng", "Row id"),
    "unit_id": ("Mã số đơn vị (reporting.units.id)", "Unit id (reporting.units.id)"),
    "unit_code": ("Mã đơn vị", "Unit code"),
    "kind": ("Loại", "Kind"),
    "state": ("Trạng thái", "State"),
    "status": ("Tình trạng", "Status"),
    "priority": ("Mức độ ưu tiên (NORMAL, URGENT...)", "Priority (NORMAL, URGENT...)"),
    "period": ("Kỳ (ví dụ 2026-11, 2026-Q4)", "Period (e.g. 2026-11, 2026-Q4)"),
    "month": ("Tháng (ngày đầu tháng)", "Month (its first day)"),
    "week": ("Tuần ISO (ngày thứ Hai)", "ISO week (its Monday)"),
    "day": ("Ngày (giờ địa phương)", "Day (local date)"),
    "total": ("Tổng số nhiệm vụ", "Tasks in all"),
    "done_on_time": ("Số hoàn thành đúng hạn", "Done on time"),
    "done_late": ("Số hoàn thành quá hạn", "Done late"),
    "done_without_deadline": ("Số hoàn thành, không có hạn", "Done, without a deadline"),
    "open_with_deadline": ("Số đang xử lý, có hạn", "Open, with a deadline"),
    "open_without_deadline": ("Số đang xử lý, không có hạn", "Open, without a deadline"),
    "side": (
        "Góc nhìn: AREA theo địa bàn (mỗi phản ánh một lần, theo xã), AGENCY theo cơ quan xử lý",
        "Side: AREA by place (each report once, under its commune), AGENCY by handling agency",
    ),
    "commune_unit_id": ("Mã số xã, phường nơi xảy ra", "Id of the commune where it happened"),
    "category_id": ("Mã số lĩnh vực (0: chưa phân loại)", "Category id (0: not classified)"),
    "category_code": ("Mã lĩnh vực", "Category code"),
    "channel": (
        "Kênh tiếp nhận (APP, PORTAL, HOTLINE, FACEBOOK, ZALO, EMAIL)",
        "Channel received on (APP, PORTAL, HOTLINE, FACEBOOK, ZALO, EMAIL)",
    ),
    "received": ("Số tiếp nhận", "Received"),
    "handled": ("Số đã xử lý xong", "Handled"),
    "open": ("Số đang xử lý", "Open"),
    "returned": ("Số trả lại (không thuộc thẩm quyền)", "Returned as not competent"),
    "secret": (
        "Người phản ánh đề nghị giữ bí mật (chỉ đếm, không hiện gì thêm)",
        "The reporter asked for secrecy (counted, nothing more shown)",
    ),
    "cancelled_duplicate": ("Số hủy do trùng lặp", "Cancelled as duplicates"),
    "cancelled_unclear_or_test": (
        "Số hủy do không rõ ràng hoặc thử nghiệm",
        "Cancelled as unclear or tests",
    ),
    "cancelled_verification_failed": (
        "Số hủy do không xác minh được",
        "Cancelled, not verified",
    ),
    "cancelled_edit_not_made": ("Số hủy do không bổ sung", "Cancelled, edit not made"),
    "rated_satisfied": ("Số đánh giá hài lòng", "Rated satisfied"),
    "rated_acceptable": ("Số đánh giá chấp nhận được", "Rated acceptable"),
    "rated_unsatisfied": ("Số đánh giá không hài lòng", "Rated unsatisfied"),
    "step": ("Bước xử lý (có thời hạn)", "Handling step (with a limit)"),
    "due_at": ("Hạn (UTC)", "Due time (UTC)"),
    "overdue_now": ("Đang quá hạn, tính tại thời điểm truy vấn", "Overdue now, at query time"),
    "late": ("Trễ hạn", "Late"),
    "reflection_id": (
        "Mã số phản ánh (reporting.reflections.id)",
        "Field report id (reporting.reflections.id)",
    ),
    "agency_unit_id": ("Mã số cơ quan xử lý", "Handling agency's unit id"),
    "agency_code": ("Mã cơ quan xử lý", "Handling agency's code"),
    "code": ("Mã", "Code"),
    "name": ("Tên", "Name"),
    "sensitive": ("Nhạy cảm (qua cơ quan điều phối)", "Sensitive (through a coordinator)"),
    "urgent": ("Khẩn cấp (tính theo giờ thực)", "Urgent (limits on the wall clock)"),
    "active": ("Đang sử dụng", "In use"),
}

VIEW_COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "units": {
        "name": ("Tên đơn vị", "Unit name"),
        "short_name": ("Tên viết tắt", "Short name"),
        "level_code": ("Cấp (tỉnh, sở, huyện, xã...)", "Level (province, department...)"),
        "kind": ("Loại đơn vị", "Unit kind"),
        "parent_id": ("Mã số đơn vị cấp trên", "Parent unit id"),
        "path": (
            "Đường dẫn cây (/1/5/23/): đơn vị con có path bắt đầu bằng path này",
            "Tree path (/1/5/23/): a unit's subtree starts with its path",
        ),
        "depth": ("Độ sâu trong cây (tỉnh: 0)", "Depth in the tree (province: 0)"),
        "status": ("Tình trạng (đang hoạt động, đã sáp nhập...)", "Status (active, merged...)"),
        "valid_from": ("Có hiệu lực từ ngày", "Valid from"),
        "valid_to": ("Hết hiệu lực từ ngày", "Valid until"),
        "member_count": ("Số người của đơn vị", "Members of the unit"),
        "subtree_member_count": (
            "Số người của đơn vị và các đơn vị trực thuộc",
            "Members of the unit and the units under it",
        ),
    },
    "tasks": {
        "kind": (
            "Loại nhiệm vụ (chỉ đạo, báo chí, câu hỏi, kiến nghị cử tri, chương trình công tác)",
            "Task kind (directive, press, citizen question, voter petition, work program)",
        ),
        "state": ("Trạng thái trong quy trình", "State in the workflow"),
        "status_class": (
            "Tình trạng theo báo cáo (DONE_ON_TIME, DONE_LATE, OPEN_OVERDUE...), tính lúc truy vấn",
            "Reporting status class (DONE_ON_TIME, DONE_LATE, OPEN_OVERDUE...), at query time",
        ),
        "lead_unit_id": ("Mã số đơn vị chủ trì", "Lead unit id"),
        "office_unit_id": ("Mã số văn phòng giao nhiệm vụ", "Id of the office that gave it"),
        "directive_id": ("Mã số văn bản chỉ đạo", "Directive document id"),
        "created_at": ("Thời điểm tạo (UTC)", "Created at (UTC)"),
        "sent_at": ("Thời điểm gửi (UTC)", "Sent at (UTC)"),
        "deadline": ("Hạn xử lý (UTC)", "Deadline (UTC)"),
        "deadline_date": ("Ngày hạn xử lý (giờ địa phương)", "Deadline date (local)"),
        "completed_at": ("Thời điểm hoàn thành (UTC)", "Completed at (UTC)"),
        "handling_working_days": (
            "Thời gian xử lý, ngày làm việc (từ khi gửi đến khi hoàn thành)",
            "Handling time in working days (from sending to completion)",
        ),
        "entry_late": ("Nhập hệ thống trễ hạn", "Entered late"),
        "petition_level": ("Cấp của kiến nghị cử tri", "Voter petition's level"),
        "hard_case": ("Vụ việc phức tạp (10 ngày làm việc)", "Hard case (10 working days)"),
        "escalated_from_id": ("Chuyển lên từ nhiệm vụ cấp dưới", "Escalated from this task"),
    },
    "report_submissions": {
        "report_type": ("Mã loại báo cáo", "Report type code"),
        "report_name": ("Tên loại báo cáo", "Report type name"),
        "frequency": ("Chu kỳ (tuần, tháng, quý, năm)", "Frequency (week, month, quarter...)"),
        "period": ("Kỳ báo cáo", "Reporting period"),
        "due_at": ("Hạn nộp (UTC)", "Due (UTC)"),
        "closed_at": ("Thời điểm khóa kỳ (UTC)", "Round closed at (UTC)"),
        "unit_id": ("Mã số đơn vị nộp", "Submitting unit id"),
        "submitted_at": ("Thời điểm nộp (UTC)", "Submitted at (UTC)"),
        "late": ("Nộp trễ hạn", "Submitted late"),
        "figures": ("Số liệu (JSON, chỉ số)", "Figures (JSON, numbers only)"),
    },
    "work_program_items": {
        "program_id": ("Mã số chương trình công tác", "Work program id"),
        "program_kind": ("Loại chương trình (tháng, năm)", "Program kind (monthly, yearly)"),
        "program_state": ("Trạng thái chương trình", "Program state"),
        "program_period": ("Kỳ của chương trình", "Program period"),
        "program_unit_id": ("Mã số đơn vị lập chương trình", "Program's unit id"),
        "owner_unit_id": ("Mã số đơn vị thực hiện", "Owning unit id"),
        "planned_period": ("Kỳ dự kiến thực hiện", "Planned period"),
        "task_id": ("Mã số nhiệm vụ đã giao (reporting.tasks.id)", "Issued task id"),
        "source_item_id": ("Mục đăng ký gốc", "Registered item it came from"),
    },
    "work_program_results": {
        "item_id": ("Mã số mục chương trình", "Work program item id"),
        "period": ("Kỳ báo cáo kết quả", "Period reported"),
        "unit_id": ("Mã số đơn vị báo cáo", "Reporting unit id"),
        "status": ("Kết quả (DONE, IN_PROGRESS, NOT_STARTED, DROPPED)", "Result status"),
        "reported_at": ("Thời điểm báo cáo (UTC)", "Reported at (UTC)"),
    },
    "reflections": {
        "is_public": ("Được công khai", "Public"),
        "state": ("Trạng thái phản ánh", "Report state"),
        "handled": (
            "Đã xử lý xong (công khai, hoặc trả lời riêng người phản ánh)",
            "Handled (published, or answered to the reporter alone)",
        ),
        "submitted_at": ("Thời điểm tiếp nhận (UTC)", "Received at (UTC)"),
        "submitted_date": ("Ngày tiếp nhận (giờ địa phương)", "Date received (local)"),
        "published_at": ("Thời điểm công khai (UTC)", "Published at (UTC)"),
        "step": ("Bước đang xử lý", "Running step"),
        "step_due": ("Hạn của bước đang xử lý (UTC)", "Running step's limit (UTC)"),
        "rating": ("Đánh giá của người phản ánh", "The reporter's rating"),
        "rated_at": ("Thời điểm đánh giá (UTC)", "Rated at (UTC)"),
        "cancel_reason": ("Lý do hủy", "Cancel reason"),
    },
    "reflection_parts": {
        "state": ("Trạng thái phần việc của cơ quan", "State of the agency's part"),
        "assigned_at": ("Thời điểm được giao (UTC)", "Assigned at (UTC)"),
        "accepted_at": ("Thời điểm tiếp nhận (UTC)", "Accepted at (UTC)"),
        "result_at": ("Thời điểm gửi kết quả (UTC)", "Result sent at (UTC)"),
        "approved_at": ("Thời điểm duyệt kết quả (UTC)", "Result approved at (UTC)"),
        "step": ("Bước đang xử lý của cơ quan", "The agency's running step"),
    },
    "reflection_steps": {
        "agency_unit_id": ("Cơ quan của bước (nếu là bước của cơ quan)", "The step's agency"),
        "action": ("Thao tác đóng bước", "Action that closed the step"),
        "at": ("Thời điểm đóng bước (UTC)", "Closed at (UTC)"),
        "due_at": ("Hạn của bước (UTC)", "The step's limit (UTC)"),
        "late": ("Đóng bước trễ hạn", "Closed late"),
    },
    "reflection_step_stats_monthly": {
        "on_time": ("Số bước đóng đúng hạn", "Steps closed on time"),
        "late": ("Số bước đóng trễ hạn", "Steps closed late"),
    },
    "reflection_categories": {
        "name": ("Tên lĩnh vực", "Category name"),
        "sensitive": ("Lĩnh vực nhạy cảm", "Sensitive category"),
    },
}


def column_comment(view: str, column: str) -> str | None:
    """The comment of one column: Vietnamese, then English (None: not described)."""
    from persistence.reporting_dossier_views import DOSSIER_COLUMNS

    own = VIEW_COLUMNS.get(view, {}) | DOSSIER_COLUMNS.get(view, {})
    found = own.get(column) or COMMON.get(column)
    return f"{found[0]} (EN: {found[1]})" if found else None


COLUMNS = """SELECT table_name, column_name FROM information_schema.columns
 WHERE table_schema = 'reporting' ORDER BY table_name, ordinal_position"""
"""The columns of the reporting views, for `comment_statements`."""


def comment_statements(columns: Iterable[tuple[str, str]]) -> list[str]:
    """COMMENT ON COLUMN for each (view, column) that has a comment."""
    found = []
    for view, column in columns:
        comment = column_comment(view, column)
        if comment is not None:
            text = comment.replace("'", "''")
            found.append(f'COMMENT ON COLUMN reporting."{view}"."{column}" IS \'{text}\'')
    return found


def uncomment_statements(columns: Iterable[tuple[str, str]]) -> list[str]:
    """Remove the column comments again."""
    return [f'COMMENT ON COLUMN reporting."{v}"."{c}" IS NULL' for v, c in columns]
