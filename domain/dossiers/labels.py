"""The Vietnamese (and English) labels of the dossiers' codes, for exports and documents
(merged into domain.labels.LABELS)."""

from __future__ import annotations

from enum import Enum

from domain.dossiers.model import (
    DeliveryMethod,
    DossierState,
    PaymentMethod,
    ResultKind,
    StatusClass,
    SubmissionChannel,
)

Labels = dict[str, tuple[str, str]]

DOSSIER_LABELS: dict[type[Enum], Labels] = {
    DossierState: {
        "SUBMITTED": ("Chờ tiếp nhận", "Awaiting reception"),
        "INCOMPLETE": ("Chờ bổ sung, hoàn thiện", "Incomplete, awaiting completion"),
        "RECEIVED": ("Đã tiếp nhận", "Received"),
        "IN_PROCESSING": ("Đang xử lý", "In processing"),
        "AWAITING_SUPPLEMENT": ("Chờ công dân bổ sung", "Awaiting a supplement"),
        "DRAFTED": ("Chờ lãnh đạo ký duyệt", "Awaiting signature"),
        "SIGNED": ("Chờ văn thư vào sổ", "Awaiting registration"),
        "RESULT_READY": ("Đã có kết quả", "Result ready"),
        "DELIVERED": ("Đã trả kết quả", "Result delivered"),
        "WITHDRAWN": ("Đã rút hồ sơ", "Withdrawn"),
    },
    SubmissionChannel: {
        "ONLINE": ("Trực tuyến", "Online"),
        "DESK": ("Trực tiếp", "At the desk"),
    },
    PaymentMethod: {
        "DESK": ("Tại bộ phận một cửa", "At the desk"),
        "ONLINE": ("Trực tuyến", "Online"),
    },
    DeliveryMethod: {
        "DESK": ("Tại bộ phận một cửa", "At the desk"),
        "POST": ("Qua bưu điện", "By post"),
    },
    StatusClass: {
        "DONE_EARLY": ("Giải quyết trước hạn", "Done early"),
        "DONE_ON_TIME": ("Giải quyết đúng hạn", "Done on time"),
        "DONE_LATE": ("Giải quyết quá hạn", "Done late"),
        "OPEN_WITHIN_DEADLINE": ("Đang giải quyết trong hạn", "Open, within deadline"),
        "OPEN_OVERDUE": ("Đang giải quyết quá hạn", "Open, overdue"),
    },
    ResultKind: {
        "GRANTED": ("Chấp thuận", "Granted"),
        "DENIED": ("Không chấp thuận", "Denied"),
    },
}
