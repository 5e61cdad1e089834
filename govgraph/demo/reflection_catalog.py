"""The demo's catalog of field-report categories, places and report texts."""

from __future__ import annotations

# code, name, urgent, sensitive, default handling agency ("DISTRICT": the commune's district)
CATEGORIES: tuple[tuple[str, str, bool, bool, str], ...] = (
    ("GIAO_THONG", "Giao thông, hạ tầng đường bộ", False, False, "SGTVT"),
    ("CHIEU_SANG", "Điện chiếu sáng, cây xanh đô thị", False, False, "SXD"),
    ("MOI_TRUONG", "Môi trường, rác thải, nước thải", False, False, "STNMT"),
    ("TRAT_TU_DO_THI", "Trật tự đô thị, lấn chiếm lòng đường", False, False, "DISTRICT"),
    ("Y_TE", "Y tế, an toàn thực phẩm", False, False, "SYT"),
    ("GIAO_DUC", "Giáo dục, trường học", False, False, "SGDDT"),
    ("CONG_VU", "Thái độ phục vụ, thủ tục hành chính", False, False, "SNV"),
    ("CHAY_NO", "Cháy, nổ", True, False, "DISTRICT"),
    ("TAI_NAN", "Tai nạn giao thông", True, False, "SGTVT"),
    ("AN_NINH", "An ninh, trật tự, trộm cướp", True, False, "DISTRICT"),
    ("DAT_DAI", "Tranh chấp đất đai, xây dựng trái phép", False, True, "STNMT"),
)

PLACES = (
    "đường Lê Lợi",
    "đường Hùng Vương",
    "đường Nguyễn Huệ",
    "đường Trần Hưng Đạo",
    "đường Điện Biên Phủ",
    "đường Bà Triệu",
    "đường Phan Đình Phùng",
    "Quốc lộ 1A",
    "Quốc lộ 49",
    "tỉnh lộ 10",
    "chợ Đông Ba",
    "bến xe phía Nam",
    "khu dân cư tổ 5",
    "kiệt 42 đường Chi Lăng",
)

STORIES: dict[str, tuple[str, ...]] = {
    "GIAO_THONG": (
        "Ổ gà lớn giữa đường gây nguy hiểm cho người đi xe máy",
        "Biển báo giao thông bị gãy đổ chưa được thay",
        "Đèn tín hiệu giao thông ở ngã tư không hoạt động",
    ),
    "CHIEU_SANG": (
        "Đèn đường hỏng cả tuần nay, đoạn đường rất tối về đêm",
        "Cây xanh gãy cành đè lên dây điện sau mưa lớn",
        "Cột đèn chiếu sáng nghiêng, có nguy cơ đổ",
    ),
    "MOI_TRUONG": (
        "Rác thải đổ trộm bên bờ sông bốc mùi khó chịu",
        "Cống thoát nước bị tắc gây ngập khi mưa",
        "Cơ sở sản xuất xả khói bụi ra khu dân cư",
    ),
    "TRAT_TU_DO_THI": (
        "Hàng quán lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường",
        "Xe tải đỗ trái phép chắn lối vào kiệt",
        "Quảng cáo rao vặt dán trên cột điện, tường nhà",
    ),
    "Y_TE": (
        "Cơ sở kinh doanh thực phẩm không đảm bảo vệ sinh",
        "Trạm y tế đóng cửa trong giờ hành chính",
    ),
    "GIAO_DUC": (
        "Khu vực cổng trường ùn tắc giờ tan học",
        "Phòng học xuống cấp, trần nhà bong tróc",
    ),
    "CONG_VU": (
        "Cán bộ tiếp dân có thái độ thiếu hòa nhã",
        "Hồ sơ nộp quá hạn trả kết quả chưa được giải thích",
    ),
    "CHAY_NO": (
        "Cháy nhà dân, khói bốc cao, cần hỗ trợ gấp",
        "Cháy bãi rác gần khu dân cư",
    ),
    "TAI_NAN": (
        "Tai nạn giữa xe máy và ô tô, có người bị thương",
        "Xe tải lật chắn ngang đường",
    ),
    "AN_NINH": (
        "Nhóm thanh niên tụ tập gây gổ, mất trật tự về đêm",
        "Trộm xe máy giữa ban ngày trước cửa hàng",
    ),
    "DAT_DAI": (
        "Hộ dân xây dựng lấn chiếm đất công, đang tranh chấp với hàng xóm",
        "Tranh chấp ranh giới đất giữa hai hộ gia đình chưa được giải quyết",
    ),
}
