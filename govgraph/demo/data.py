"""Reference data of the demo province: units, place names and Vietnamese personal names.

The structure follows Thừa Thiên Huế before the 2025 two-tier reform (province, departments
and districts, offices and communes). Names of units and places are real or plausible; the
people are invented. Dates of history (the 2021 merge of Phú Cát and Phú Hiệp into Gia Hội)
are illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.org.model import UnitKind

PROVINCE_CODE = "UBND-TTH"
PROVINCE_NAME = "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
MAIL_DOMAIN = "thuathienhue.gov.vn"


@dataclass(frozen=True)
class Agency:
    """A unit directly under the province (department, board, agency, company) and its offices."""

    code: str
    name: str
    short_name: str
    kind: UnitKind
    head: str
    deputy: str
    street: str
    founded: date
    offices: tuple[str, ...]


@dataclass(frozen=True)
class District:
    """A district-level unit and its communes: (prefix, name) like ("phường", "Phú Hội")."""

    code: str
    prefix: str  # "thành phố", "thị xã" or "huyện"
    name: str
    founded: date
    mail: str
    street: str
    rural: bool
    communes: tuple[tuple[str, str], ...]


_SO = ("Văn phòng Sở", "Thanh tra Sở")

PROVINCIAL_OFFICE = Agency(
    code="VP-UBND",
    name="Văn phòng Ủy ban nhân dân tỉnh",
    short_name="Văn phòng UBND tỉnh",
    kind=UnitKind.GOVERNMENT,
    head="Chánh Văn phòng UBND tỉnh",
    deputy="Phó Chánh Văn phòng UBND tỉnh",
    street="16 Lê Lợi",
    founded=date(1989, 7, 1),
    offices=(
        "Phòng Tổng hợp",
        "Phòng Kinh tế",
        "Phòng Khoa giáo - Văn xã",
        "Phòng Nội chính",
        "Phòng Hành chính - Tổ chức",
        "Phòng Quản trị - Tài vụ",
        "Ban Tiếp công dân tỉnh",
        "Trung tâm Phục vụ hành chính công tỉnh",
    ),
)

IOC = Agency(
    code="IOC",
    name="Trung tâm Giám sát, điều hành đô thị thông minh",
    short_name="Trung tâm IOC",
    kind=UnitKind.IOC,
    head="Giám đốc Trung tâm",
    deputy="Phó Giám đốc Trung tâm",
    street="01 Lê Lai",
    founded=date(2018, 10, 1),
    offices=(
        "Phòng Hành chính - Tổng hợp",
        "Phòng Giám sát, điều hành",
        "Phòng Kỹ thuật - Hạ tầng",
    ),
)


def _dept(code: str, name: str, street: str, founded: date, *offices: str) -> Agency:
    head, deputy = "Giám đốc Sở", "Phó Giám đốc Sở"
    if name.startswith("Ban"):
        head, deputy = "Trưởng ban", "Phó Trưởng ban"
    elif name.startswith("Thanh tra"):
        head, deputy = "Chánh Thanh tra tỉnh", "Phó Chánh Thanh tra tỉnh"
    short = name.replace("Sở ", "S. ", 1) if len(name) > 40 else name
    return Agency(code, name, short, UnitKind.GOVERNMENT, head, deputy, street, founded, offices)


DEPARTMENTS: tuple[Agency, ...] = (
    _dept(
        "SNV",
        "Sở Nội vụ",
        "33 Lê Lợi",
        date(1989, 7, 1),
        *_SO,
        "Phòng Tổ chức, biên chế và tổ chức phi chính phủ",
        "Phòng Công chức, viên chức",
        "Phòng Cải cách hành chính",
        "Ban Thi đua - Khen thưởng",
    ),
    _dept(
        "STC",
        "Sở Tài chính",
        "24 Lý Thường Kiệt",
        date(1989, 7, 1),
        *_SO,
        "Phòng Quản lý ngân sách",
        "Phòng Tài chính hành chính sự nghiệp",
        "Phòng Quản lý giá và công sản",
        "Phòng Tài chính đầu tư",
    ),
    _dept(
        "SXD",
        "Sở Xây dựng",
        "2 Lê Lai",
        date(1989, 7, 1),
        *_SO,
        "Phòng Quản lý xây dựng",
        "Phòng Quy hoạch - Kiến trúc",
        "Phòng Phát triển đô thị",
    ),
    _dept(
        "SYT",
        "Sở Y tế",
        "28 Lê Lợi",
        date(1989, 7, 1),
        *_SO,
        "Phòng Nghiệp vụ Y",
        "Phòng Nghiệp vụ Dược",
        "Phòng Kế hoạch - Tài chính",
        "Phòng Tổ chức cán bộ",
    ),
    _dept(
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        "22 Lê Lợi",
        date(1989, 7, 1),
        *_SO,
        "Phòng Giáo dục Mầm non - Tiểu học",
        "Phòng Giáo dục Trung học",
        "Phòng Khảo thí và Quản lý chất lượng giáo dục",
    ),
    _dept(
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        "1 Lê Lai",
        date(2003, 1, 1),
        *_SO,
        "Phòng Quản lý đất đai",
        "Phòng Tài nguyên nước, khoáng sản và khí tượng thủy văn",
        "Chi cục Bảo vệ môi trường",
    ),
    _dept(
        "SGTVT",
        "Sở Giao thông vận tải",
        "8 Trần Cao Vân",
        date(1989, 7, 1),
        *_SO,
        "Phòng Quản lý vận tải, phương tiện và người lái",
        "Phòng Quản lý kết cấu hạ tầng giao thông",
        "Phòng Quản lý chất lượng công trình giao thông",
    ),
    _dept(
        "SKHDT",
        "Sở Kế hoạch và Đầu tư",
        "2 Tôn Đức Thắng",
        date(1989, 7, 1),
        *_SO,
        "Phòng Tổng hợp, quy hoạch",
        "Phòng Đăng ký kinh doanh",
        "Phòng Kinh tế đối ngoại",
        "Phòng Thẩm định và giám sát đầu tư",
    ),
    _dept(
        "SCT",
        "Sở Công Thương",
        "7 Tôn Đức Thắng",
        date(2008, 4, 1),
        *_SO,
        "Phòng Quản lý thương mại",
        "Phòng Quản lý công nghiệp",
        "Phòng Quản lý năng lượng",
    ),
    _dept(
        "SNNPTNT",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "15 Lê Quý Đôn",
        date(1989, 7, 1),
        *_SO,
        "Phòng Kế hoạch - Tài chính",
        "Chi cục Thủy lợi",
        "Chi cục Kiểm lâm",
        "Chi cục Thủy sản",
    ),
    _dept(
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "1 Phạm Văn Đồng",
        date(1989, 7, 1),
        *_SO,
        "Phòng Lao động - Việc làm",
        "Phòng Người có công",
        "Phòng Bảo trợ xã hội",
    ),
    _dept(
        "SVHTT",
        "Sở Văn hóa và Thể thao",
        "26 Lê Lợi",
        date(2008, 4, 1),
        *_SO,
        "Phòng Quản lý văn hóa",
        "Phòng Quản lý thể dục thể thao",
    ),
    _dept(
        "SDL",
        "Sở Du lịch",
        "9 Phạm Ngũ Lão",
        date(2016, 4, 1),
        "Văn phòng Sở",
        "Phòng Quản lý lữ hành",
        "Phòng Quản lý cơ sở lưu trú",
        "Phòng Xúc tiến và phát triển sản phẩm du lịch",
    ),
    _dept(
        "STTTT",
        "Sở Thông tin và Truyền thông",
        "8 Hoàng Hoa Thám",
        date(2004, 10, 1),
        *_SO,
        "Phòng Bưu chính, Viễn thông",
        "Phòng Công nghệ thông tin",
        "Phòng Thông tin - Báo chí - Xuất bản",
    ),
    _dept(
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        "17 Tố Hữu",
        date(1993, 1, 1),
        *_SO,
        "Phòng Quản lý khoa học",
        "Phòng Quản lý công nghệ và thị trường công nghệ",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
    ),
    _dept(
        "STP",
        "Sở Tư pháp",
        "2 Tôn Đức Thắng",
        date(1989, 7, 1),
        *_SO,
        "Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật",
        "Phòng Hành chính tư pháp",
        "Phòng Bổ trợ tư pháp",
        "Phòng Phổ biến, giáo dục pháp luật",
    ),
    _dept(
        "SNGV",
        "Sở Ngoại vụ",
        "33 Lê Lợi",
        date(2003, 1, 1),
        "Văn phòng Sở",
        "Phòng Lãnh sự và Người Việt Nam ở nước ngoài",
        "Phòng Hợp tác quốc tế",
    ),
    _dept(
        "TTT",
        "Thanh tra tỉnh",
        "18 Lê Lợi",
        date(1989, 7, 1),
        "Văn phòng",
        "Phòng Nghiệp vụ 1",
        "Phòng Nghiệp vụ 2",
        "Phòng Phòng, chống tham nhũng",
    ),
    _dept(
        "BDT",
        "Ban Dân tộc",
        "16 Lê Lợi",
        date(2005, 1, 1),
        "Văn phòng Ban",
        "Phòng Chính sách dân tộc",
        "Phòng Kế hoạch - Tổng hợp",
    ),
    _dept(
        "BQLKKT",
        "Ban Quản lý Khu kinh tế, công nghiệp tỉnh",
        "4 Hoàng Văn Thụ",
        date(2008, 6, 1),
        "Văn phòng Ban",
        "Phòng Quản lý đầu tư",
        "Phòng Quản lý quy hoạch và xây dựng",
        "Phòng Quản lý tài nguyên và môi trường",
    ),
)

OTHER_AGENCIES: tuple[Agency, ...] = (
    Agency(
        "CA-TTH",
        "Công an tỉnh Thừa Thiên Huế",
        "Công an tỉnh",
        UnitKind.CENTRAL_AGENCY,
        "Giám đốc Công an tỉnh",
        "Phó Giám đốc Công an tỉnh",
        "27 Hà Nội",
        date(1989, 7, 1),
        (
            "Phòng Tham mưu",
            "Phòng Cảnh sát giao thông",
            "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
            "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
        ),
    ),
    Agency(
        "CT-TTH",
        "Cục Thuế tỉnh Thừa Thiên Huế",
        "Cục Thuế tỉnh",
        UnitKind.CENTRAL_AGENCY,
        "Cục trưởng",
        "Phó Cục trưởng",
        "2 Lê Quý Đôn",
        date(1990, 10, 1),
        ("Văn phòng Cục", "Phòng Kê khai và Kế toán thuế", "Phòng Thanh tra - Kiểm tra thuế"),
    ),
    Agency(
        "HEPCO",
        "Công ty Cổ phần Môi trường và Công trình đô thị Huế",
        "HEPCO",
        UnitKind.PUBLIC_SERVICE_COMPANY,
        "Tổng Giám đốc",
        "Phó Tổng Giám đốc",
        "46 Trần Phú",
        date(2007, 1, 1),
        ("Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Kỹ thuật", "Xí nghiệp Môi trường"),
    ),
    Agency(
        "HUEWACO",
        "Công ty Cổ phần Cấp nước Thừa Thiên Huế",
        "HUEWACO",
        UnitKind.PUBLIC_SERVICE_COMPANY,
        "Tổng Giám đốc",
        "Phó Tổng Giám đốc",
        "103 Bùi Thị Xuân",
        date(2005, 1, 1),
        ("Phòng Kế hoạch - Vật tư", "Phòng Quản lý mạng cấp nước", "Phòng Chăm sóc khách hàng"),
    ),
)

DISTRICT_OFFICES_COMMON = (
    "Văn phòng HĐND và UBND",
    "Phòng Nội vụ",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Tư pháp",
)
DISTRICT_OFFICE_URBAN = "Phòng Quản lý đô thị"
DISTRICT_OFFICES_RURAL = ("Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Kinh tế và Hạ tầng")
DISTRICT_OFFICE_ETHNIC = "Phòng Dân tộc"


def _communes(prefix: str, names: str) -> tuple[tuple[str, str], ...]:
    return tuple((prefix, name.strip()) for name in names.split(",") if name.strip())


DISTRICTS: tuple[District, ...] = (
    District(
        "HUE",
        "thành phố",
        "Huế",
        date(1929, 7, 12),
        "huecity.gov.vn",
        "24 Tố Hữu",
        False,
        _communes(
            "phường",
            "An Cựu, An Đông, An Hòa, An Tây, Đông Ba, Gia Hội, Hương An, Hương Hồ, Hương Long,"
            "Hương Sơ, Hương Vinh, Kim Long, Phú Hậu, Phú Hội, Phú Nhuận, Phú Thượng,"
            "Phước Vĩnh, Phường Đúc, Tây Lộc, Thuận An, Thuận Hòa, Thuận Lộc, Thủy Biều,"
            "Thủy Vân, Thủy Xuân, Trường An, Vĩnh Ninh, Vỹ Dạ, Xuân Phú, Thủy Bằng",
        )
        + _communes("xã", "Hải Dương, Hương Phong, Phú Thanh, Phú Mậu, Phú Dương, Hương Thọ"),
    ),
    District(
        "HTHUY",
        "thị xã",
        "Hương Thủy",
        date(2010, 2, 15),
        "huongthuy.thuathienhue.gov.vn",
        "1272 Nguyễn Tất Thành",
        False,
        _communes("phường", "Phú Bài, Thủy Châu, Thủy Dương, Thủy Lương, Thủy Phương")
        + _communes("xã", "Dương Hòa, Phú Sơn, Thủy Phù, Thủy Tân, Thủy Thanh"),
    ),
    District(
        "HTRA",
        "thị xã",
        "Hương Trà",
        date(2011, 3, 24),
        "huongtra.thuathienhue.gov.vn",
        "46 Cách Mạng Tháng Tám",
        False,
        _communes("phường", "Tứ Hạ, Hương Văn, Hương Vân, Hương Xuân, Hương Chữ")
        + _communes("xã", "Bình Thành, Bình Tiến, Hương Bình, Hương Toàn"),
    ),
    District(
        "PDIEN",
        "huyện",
        "Phong Điền",
        date(1990, 1, 1),
        "phongdien.thuathienhue.gov.vn",
        "16 Phò Trạch",
        True,
        _communes("thị trấn", "Phong Điền")
        + _communes(
            "xã",
            "Điền Hải, Điền Hòa, Điền Hương, Điền Lộc, Điền Môn, Phong An, Phong Bình,"
            "Phong Chương, Phong Hiền, Phong Hòa, Phong Mỹ, Phong Sơn, Phong Thu, Phong Xuân",
        ),
    ),
    District(
        "QDIEN",
        "huyện",
        "Quảng Điền",
        date(1990, 1, 1),
        "quangdien.thuathienhue.gov.vn",
        "21 Nguyễn Kim Thành",
        True,
        _communes("thị trấn", "Sịa")
        + _communes(
            "xã",
            "Quảng An, Quảng Công, Quảng Lợi, Quảng Ngạn, Quảng Phú, Quảng Phước, Quảng Thái,"
            "Quảng Thành, Quảng Thọ, Quảng Vinh",
        ),
    ),
    District(
        "PVANG",
        "huyện",
        "Phú Vang",
        date(1990, 1, 1),
        "phuvang.thuathienhue.gov.vn",
        "1 Nguyễn Lương Bằng",
        True,
        _communes("thị trấn", "Phú Đa")
        + _communes(
            "xã",
            "Phú An, Phú Diên, Phú Gia, Phú Hồ, Phú Lương, Phú Mỹ, Phú Thuận, Phú Xuân,"
            "Vinh An, Vinh Hà, Vinh Thanh, Vinh Xuân",
        ),
    ),
    District(
        "PLOC",
        "huyện",
        "Phú Lộc",
        date(1990, 1, 1),
        "phuloc.thuathienhue.gov.vn",
        "134 Lý Thánh Tông",
        True,
        _communes("thị trấn", "Phú Lộc, Lăng Cô")
        + _communes(
            "xã",
            "Lộc An, Lộc Bình, Lộc Bổn, Lộc Điền, Lộc Hòa, Lộc Sơn, Lộc Thủy, Lộc Tiến, Lộc Trì,"
            "Lộc Vĩnh, Vinh Hiền, Vinh Hưng, Vinh Mỹ, Giang Hải, Xuân Lộc",
        ),
    ),
    District(
        "ALUOI",
        "huyện",
        "A Lưới",
        date(1990, 1, 1),
        "aluoi.thuathienhue.gov.vn",
        "2 Hồ Chí Minh",
        True,
        _communes("thị trấn", "A Lưới")
        + _communes(
            "xã",
            "A Ngo, A Roàng, Đông Sơn, Hồng Bắc, Hồng Hạ, Hồng Kim, Hồng Thái, Hồng Thượng,"
            "Hồng Thủy, Hồng Vân, Hương Nguyên, Lâm Đớt, Phú Vinh, Quảng Nhâm, Sơn Thủy,"
            "Trung Sơn, Hương Phong",
        ),
    ),
    District(
        "NDONG",
        "huyện",
        "Nam Đông",
        date(1990, 1, 1),
        "namdong.thuathienhue.gov.vn",
        "80 Hồ Chí Minh",
        True,
        _communes("thị trấn", "Khe Tre")
        + _communes(
            "xã",
            "Hương Hữu, Hương Lộc, Hương Phú, Hương Sơn, Hương Xuân, Thượng Long, Thượng Lộ,"
            "Thượng Nhật, Thượng Quảng",
        ),
    ),
)

# Units that no longer exist: (district code, names merged, successor name, date).
MERGES: tuple[tuple[str, tuple[str, ...], str, date], ...] = (
    ("HUE", ("Phú Cát", "Phú Hiệp"), "Gia Hội", date(2021, 7, 1)),
)

ETHNIC_DISTRICTS = frozenset({"ALUOI", "NDONG"})

# --- People --------------------------------------------------------------------------------

# Family names with rough frequencies (per mille); Huế keeps royal names (Tôn Thất, Tôn Nữ).
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 360),
    ("Trần", 100),
    ("Lê", 95),
    ("Phạm", 50),
    ("Hoàng", 40),
    ("Huỳnh", 25),
    ("Phan", 45),
    ("Võ", 40),
    ("Đặng", 20),
    ("Bùi", 20),
    ("Đỗ", 15),
    ("Hồ", 30),
    ("Ngô", 15),
    ("Dương", 12),
    ("Lý", 5),
    ("Trương", 18),
    ("Đoàn", 15),
    ("Lương", 8),
    ("Mai", 8),
    ("Châu", 5),
    ("Tôn Thất", 12),
    ("Nguyễn Phước", 6),
)

MIDDLE_MALE = (
    "Văn",
    "Văn",
    "Văn",
    "Hữu",
    "Minh",
    "Thanh",
    "Quang",
    "Đức",
    "Công",
    "Xuân",
    "Ngọc",
)
MIDDLE_FEMALE = (
    "Thị",
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thanh",
    "Thu",
    "Minh",
    "Phương",
    "Kim",
    "Hoài",
)

GIVEN_MALE = (
    "An",
    "Bảo",
    "Bình",
    "Cường",
    "Dũng",
    "Duy",
    "Đạt",
    "Đức",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Lâm",
    "Long",
    "Luân",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quang",
    "Quân",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thành",
    "Thịnh",
    "Toàn",
    "Trí",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
    "Hưng",
    "Lộc",
    "Phương",
)
GIVEN_FEMALE = (
    "Anh",
    "Châu",
    "Diệp",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hòa",
    "Hồng",
    "Hương",
    "Huyền",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thủy",
    "Thư",
    "Trang",
    "Trâm",
    "Tuyết",
    "Uyên",
    "Vân",
    "Vy",
    "Xuân",
    "Yến",
    "Ly",
)

STREETS = (
    "Lê Lợi",
    "Hùng Vương",
    "Trần Hưng Đạo",
    "Nguyễn Huệ",
    "Bà Triệu",
    "Điện Biên Phủ",
    "Lê Duẩn",
    "Nguyễn Trãi",
    "Phan Đình Phùng",
    "Hai Bà Trưng",
    "Đống Đa",
    "Lý Thường Kiệt",
    "Nguyễn Sinh Cung",
    "Phạm Văn Đồng",
    "Tố Hữu",
    "Võ Văn Kiệt",
    "Trường Chinh",
    "Chi Lăng",
    "Mai Thúc Loan",
    "Đinh Tiên Hoàng",
    "Kim Long",
    "Ngự Bình",
    "Nguyễn Chí Thanh",
    "Phan Bội Châu",
    "Trần Phú",
    "Bến Nghé",
    "Ngô Quyền",
    "Hàn Thuyên",
)

STAFF_POSITIONS = (
    "Chuyên viên",
    "Chuyên viên",
    "Chuyên viên",
    "Chuyên viên chính",
    "Chuyên viên chính",
    "Kế toán viên",
    "Văn thư",
    "Cán sự",
    "Thanh tra viên",
    "Chuyên viên cao cấp",
)

COMMUNE_POSITIONS = (
    "Công chức Văn phòng - Thống kê",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Tài chính - Kế toán",
    "Công chức Văn hóa - Xã hội",
    "Chỉ huy trưởng Quân sự",
    "Chủ tịch Ủy ban Mặt trận Tổ quốc",
    "Chủ tịch Hội Liên hiệp Phụ nữ",
    "Bí thư Đoàn Thanh niên",
    "Chủ tịch Hội Nông dân",
    "Chủ tịch Hội Cựu chiến binh",
)

COMMITTEES = (
    # name, standing unit code, established, functions, documents (title, number, issued)
    (
        "Ban Chỉ đạo Chuyển đổi số tỉnh",
        "STTTT",
        date(2021, 3, 15),
        "Chỉ đạo, điều phối chương trình chuyển đổi số và xây dựng chính quyền số của tỉnh.",
        (
            (
                "Quyết định thành lập Ban Chỉ đạo Chuyển đổi số tỉnh",
                "612/QĐ-UBND",
                date(2021, 3, 15),
            ),
            ("Quy chế hoạt động của Ban Chỉ đạo", "27/QĐ-BCĐ", date(2021, 4, 2)),
        ),
    ),
    (
        "Ban Chỉ đạo Cải cách hành chính tỉnh",
        "SNV",
        date(2016, 5, 10),
        "Giúp UBND tỉnh chỉ đạo, đôn đốc công tác cải cách hành chính.",
        (
            (
                "Quyết định kiện toàn Ban Chỉ đạo Cải cách hành chính tỉnh",
                "1043/QĐ-UBND",
                date(2024, 5, 6),
            ),
        ),
    ),
    (
        "Ban Chỉ huy Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh",
        "SNNPTNT",
        date(2014, 8, 1),
        "Chỉ huy công tác phòng, chống thiên tai, ứng phó sự cố và tìm kiếm cứu nạn "
        "trên địa bàn tỉnh.",
        (
            ("Quyết định kiện toàn Ban Chỉ huy", "2210/QĐ-UBND", date(2023, 9, 20)),
            ("Phương án ứng phó thiên tai theo cấp độ rủi ro", "118/PA-BCH", date(2024, 8, 15)),
            (
                "Kế hoạch phòng, chống thiên tai giai đoạn 2021-2025",
                "87/KH-UBND",
                date(2021, 3, 30),
            ),
        ),
    ),
    (
        "Ban Chỉ đạo Xây dựng đô thị thông minh tỉnh",
        "IOC",
        date(2018, 9, 12),
        "Chỉ đạo đề án xây dựng đô thị thông minh và vận hành Trung tâm IOC.",
        (
            (
                "Quyết định thành lập Ban Chỉ đạo Xây dựng đô thị thông minh",
                "2225/QĐ-UBND",
                date(2018, 9, 12),
            ),
        ),
    ),
)

ARTICLES = (
    # author (unit code, rank), kind, title, body, published (y, m, d)
    (
        (PROVINCE_CODE, "HEAD"),
        "SPEECH",
        "Phát biểu khai mạc Hội nghị chuyển đổi số tỉnh năm 2025",
        "Chuyển đổi số là nhiệm vụ trọng tâm, xuyên suốt của cả hệ thống chính trị. "
        "Đề nghị các sở, ban, ngành và địa phương quyết liệt triển khai, lấy người dân "
        "và doanh nghiệp làm trung tâm phục vụ.",
        (2025, 3, 10),
    ),
    (
        ("STTTT", "HEAD"),
        "ARTICLE",
        "Huế - S: nền tảng đô thị thông minh phục vụ người dân",
        "Ứng dụng Hue-S đã kết nối chính quyền với người dân, tiếp nhận và xử lý phản ánh "
        "hiện trường nhanh chóng, minh bạch.",
        (2024, 11, 5),
    ),
    (
        ("SNV", "HEAD"),
        "ARTICLE",
        "Nâng cao chất lượng đội ngũ cán bộ, công chức cấp xã",
        "Công tác đào tạo, bồi dưỡng gắn với vị trí việc làm giúp đội ngũ công chức cấp xã "
        "đáp ứng yêu cầu nhiệm vụ trong tình hình mới.",
        (2024, 6, 20),
    ),
    (
        ("IOC", "HEAD"),
        "ARTICLE",
        "Trung tâm IOC: giám sát, điều hành đô thị theo thời gian thực",
        "Dữ liệu từ camera, cảm biến và phản ánh của người dân được tổng hợp để hỗ trợ "
        "lãnh đạo tỉnh ra quyết định kịp thời.",
        (2025, 1, 8),
    ),
    (
        ("UBND-HUE", "HEAD"),
        "SPEECH",
        "Phát biểu tại lễ kỷ niệm ngày thành lập thành phố Huế mở rộng",
        "Sau khi mở rộng địa giới hành chính, thành phố Huế tiếp tục phát triển theo hướng "
        "di sản, văn hóa, sinh thái, cảnh quan và thân thiện môi trường.",
        (2024, 7, 1),
    ),
)
