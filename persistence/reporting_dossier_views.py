"""The dossier views of the `reporting` schema: procedures, agencies, states, dates, limits,
classes and survey scores only. No applicant (account, name, identity, address, phone,
email), no tracking code, delivery address, files, result number, notes, letters or staff."""

from __future__ import annotations

from collections.abc import Iterable

_PROCESSING = "'RECEIVED', 'IN_PROCESSING', 'AWAITING_SUPPLEMENT', 'DRAFTED', 'SIGNED'"
_OVERDUE = (
    "(d.due_at IS NOT NULL AND ((d.paused_at IS NULL AND d.due_at < now()) "
    "OR d.paused_at > d.processing_due))"
)
_CRITERIA = (
    "guidance_clarity",
    "form_accuracy",
    "convenience",
    "processing_ability",
    "processing_time",
    "staff_attitude",
    "online_result",
    "online_payment",
)
_COUNTERS = (
    "received, online, done_early, done_on_time, done_late, open, withdrawn, supplemented, "
    "surveyed, " + ", ".join(f"{c}_{p}" for c in _CRITERIA for p in ("answers", "sum", "satisfied"))
)
_CELLS = f"""SELECT c.bucket AS {{grain}}, c.agency_unit_id, u.code AS agency_code,
         c.procedure_id, p.code AS procedure_code, {_COUNTERS}
    FROM public.dossier_stat_cells c JOIN public.org_units u ON u.id = c.agency_unit_id
    JOIN public.procedures p ON p.id = c.procedure_id
   WHERE c.grain = '{{upper}}'"""  # noqa: S608
_CELLS_NOTE = (
    "Dossier counts per {grain} of reception (local date), per receiving agency and procedure, "
    "kept on write: received, online, done early, on time or late, open, withdrawn, "
    "supplemented, surveyed, and per survey criterion (Art. 8) the answers, the sum of scores "
    "(1-5) and the satisfied answers (4-5). Open dossiers past their limit depend on the clock: "
    "see dossiers.overdue_now or the API's dossierStats."
)

DOSSIER_VIEWS: dict[str, tuple[str, str]] = {
    "dossiers": (
        f"""SELECT d.id, d.procedure_id, p.code AS procedure_code, d.procedure_version_id,
                  d.agency_unit_id, u.code AS agency_code, d.holder_unit_id, d.channel,
                  d.payment, d.delivery, d.state, d.submitted_at,
                  (d.submitted_at AT TIME ZONE '{{tz}}')::date AS submitted_date,
                  d.reception_due, d.received_at,
                  (d.received_at AT TIME ZONE '{{tz}}')::date AS received_date,
                  d.processing_days, d.processing_due, d.finished_at, d.delivered_at,
                  COALESCE(d.finish_class, CASE WHEN d.state IN ({_PROCESSING})
                           THEN CASE WHEN {_OVERDUE} THEN 'OPEN_OVERDUE'
                                     ELSE 'OPEN_WITHIN_DEADLINE' END END) AS status_class,
                  {_OVERDUE} AS overdue_now, d.paused_minutes, d.refusals,
                  d.supplement_requests, d.result_kind, d.rated
             FROM public.dossiers d JOIN public.procedures p ON p.id = d.procedure_id
             JOIN public.org_units u ON u.id = d.agency_unit_id""",  # noqa: S608
        "One row per dossier of the online public services, without its applicant, tracking "
        "code, address, files, result number or notes: procedure, receiving and holding "
        "agencies, channel, payment and delivery, state, dates (UTC; *_date in the province's "
        "time zone), limits, the reporting class (evaluated now for open dossiers), refusals "
        "and supplements.",
    ),
    "dossier_steps": (
        """SELECT s.id, s.dossier_id, s.action, s.from_state, s.to_state, s.at,
                  s.unit_id, s.due_at, s.breached AS late
             FROM public.dossier_steps s""",
        "Every step of every dossier (002 Art. 12.4): what, when, where, the limit it ran "
        "against and whether it was taken late. No notes and no persons.",
    ),
    "dossier_surveys": (
        f"""SELECT v.dossier_id, (v.submitted_at AT TIME ZONE '{{tz}}')::date AS submitted_date,
                  {", ".join(f"v.{c}" for c in _CRITERIA)}
             FROM public.dossier_surveys v""",  # noqa: S608
        "The 8-criteria satisfaction survey of Art. 8, one per dossier: scores 1 (very "
        "unsatisfied) to 5 (very satisfied), null when not applicable. No comment.",
    ),
    "dossier_stats_weekly": (
        _CELLS.format(grain="week", upper="WEEK"),
        _CELLS_NOTE.format(grain="week"),
    ),
    "dossier_stats_monthly": (
        _CELLS.format(grain="month", upper="MONTH"),
        _CELLS_NOTE.format(grain="month"),
    ),
}

_SCORE = ("Điểm tiêu chí {vi} (1-5)", "Score of criterion {en} (1-5)")
_CRITERION_NAMES = {
    "guidance_clarity": ("a) rõ ràng của hướng dẫn", "a) clarity of the instructions"),
    "form_accuracy": ("b) chính xác của biểu mẫu", "b) accuracy of the forms"),
    "convenience": ("c) tiện dụng", "c) convenience"),
    "processing_ability": ("d) khả năng xử lý", "d) processing ability"),
    "processing_time": ("e) thời gian xử lý", "e) processing time"),
    "staff_attitude": ("f) thái độ phục vụ", "f) staff attitude"),
    "online_result": ("g) nhận kết quả trực tuyến", "g) receiving the result online"),
    "online_payment": ("h) thanh toán trực tuyến", "h) paying online"),
}


def _survey_counters() -> Iterable[tuple[str, tuple[str, str]]]:
    for c, (vi, en) in _CRITERIA_NAMES_ITEMS:
        yield f"{c}_answers", (f"Số phiếu chấm tiêu chí {vi}", f"Surveys scoring {en}")
        yield f"{c}_sum", (f"Tổng điểm tiêu chí {vi}", f"Sum of scores of {en}")
        yield (
            f"{c}_satisfied",
            (f"Số phiếu hài lòng (4-5) tiêu chí {vi}", f"Satisfied (4-5) on {en}"),
        )


_CRITERIA_NAMES_ITEMS = tuple(_CRITERION_NAMES.items())
_CELL_COLUMNS: dict[str, tuple[str, str]] = {
    "procedure_id": ("Mã số thủ tục hành chính", "Procedure id"),
    "procedure_code": ("Mã thủ tục hành chính", "Procedure code"),
    "received": ("Số hồ sơ tiếp nhận", "Dossiers received"),
    "online": ("Số hồ sơ nộp trực tuyến", "Received online"),
    "done_early": ("Số giải quyết trước hạn", "Done early"),
    "done_on_time": ("Số giải quyết đúng hạn", "Done on time"),
    "done_late": ("Số giải quyết quá hạn", "Done late"),
    "open": ("Số đang giải quyết", "Open"),
    "withdrawn": ("Số rút hồ sơ", "Withdrawn"),
    "supplemented": ("Số phải bổ sung", "Asked to supplement"),
    "surveyed": ("Số phiếu khảo sát", "Surveys answered"),
    "agency_unit_id": ("Mã số cơ quan tiếp nhận", "Receiving agency's unit id"),
    "agency_code": ("Mã cơ quan tiếp nhận", "Receiving agency's code"),
    **dict(_survey_counters()),
}

DOSSIER_COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "dossiers": {
        "procedure_id": ("Mã số thủ tục hành chính", "Procedure id"),
        "procedure_code": ("Mã thủ tục hành chính", "Procedure code"),
        "procedure_version_id": ("Mã số phiên bản thủ tục đã nộp theo", "Procedure version id"),
        "agency_unit_id": ("Mã số cơ quan tiếp nhận", "Receiving agency's unit id"),
        "agency_code": ("Mã cơ quan tiếp nhận", "Receiving agency's code"),
        "holder_unit_id": ("Mã số cơ quan đang giữ hồ sơ", "Holding agency's unit id"),
        "channel": ("Hình thức nộp (ONLINE, DESK)", "Submitted (ONLINE, DESK)"),
        "payment": ("Hình thức nộp phí (DESK, ONLINE)", "Fee payment (DESK, ONLINE)"),
        "delivery": ("Hình thức nhận kết quả (DESK, POST)", "Result delivery (DESK, POST)"),
        "state": ("Trạng thái hồ sơ", "Dossier state"),
        "submitted_at": ("Thời điểm nộp (UTC)", "Submitted at (UTC)"),
        "submitted_date": ("Ngày nộp (giờ địa phương)", "Date submitted (local)"),
        "reception_due": ("Hạn tiếp nhận (UTC)", "Reception limit (UTC)"),
        "received_at": ("Thời điểm tiếp nhận (UTC)", "Received at (UTC)"),
        "received_date": ("Ngày tiếp nhận (giờ địa phương)", "Date received (local)"),
        "processing_days": ("Thời hạn giải quyết, ngày làm việc", "Processing days"),
        "processing_due": ("Hạn trả kết quả (UTC)", "Result due (UTC)"),
        "finished_at": ("Thời điểm có kết quả (UTC)", "Result registered at (UTC)"),
        "delivered_at": ("Thời điểm trả kết quả (UTC)", "Result delivered at (UTC)"),
        "status_class": (
            "Tình trạng theo báo cáo (trước hạn, đúng hạn, quá hạn...), tính lúc truy vấn",
            "Reporting class (early, on time, late...), at query time",
        ),
        "paused_minutes": ("Số phút làm việc tạm dừng khi bổ sung", "Working minutes paused"),
        "refusals": ("Số lần trả hồ sơ chưa đầy đủ", "Refusals as incomplete"),
        "supplement_requests": ("Số lần yêu cầu bổ sung", "Supplement requests"),
        "result_kind": ("Kết quả (GRANTED, DENIED)", "Result (GRANTED, DENIED)"),
        "rated": ("Đã khảo sát mức độ hài lòng", "Survey answered"),
    },
    "dossier_steps": {
        "dossier_id": ("Mã số hồ sơ (reporting.dossiers.id)", "Dossier id"),
        "action": ("Thao tác", "Action"),
        "from_state": ("Trạng thái trước", "State before"),
        "to_state": ("Trạng thái sau", "State after"),
        "at": ("Thời điểm (UTC)", "At (UTC)"),
        "unit_id": ("Mã số cơ quan thực hiện bước", "Unit of the step"),
        "due_at": ("Hạn của bước (UTC)", "The step's limit (UTC)"),
        "late": ("Thực hiện trễ hạn", "Taken late"),
    },
    "dossier_surveys": {
        "dossier_id": ("Mã số hồ sơ (reporting.dossiers.id)", "Dossier id"),
        "submitted_date": ("Ngày khảo sát (giờ địa phương)", "Date answered (local)"),
        **{
            c: (_SCORE[0].format(vi=vi), _SCORE[1].format(en=en))
            for c, (vi, en) in _CRITERIA_NAMES_ITEMS
        },
    },
    "dossier_stats_weekly": _CELL_COLUMNS,
    "dossier_stats_monthly": _CELL_COLUMNS,
}
