"""Reference data of the demo catalog: real administrative procedures of Thừa Thiên Huế's
departments, district offices and communes, with their statutory processing times (working
days), results, fees and legal bases. The announcing decisions of the province are not
reproduced (the demo names them generically); the laws and decrees are the real ones."""

from __future__ import annotations

from dataclasses import dataclass

C, OR, B = "CITIZEN", "ORGANISATION", "BUSINESS"
DESK, POST, ONLINE = "AT_DESK", "POST", "ONLINE"
ALL_WAYS = (DESK, POST, ONLINE)

LAWS = {
    "HT": ("Luật Hộ tịch số 60/2014/QH13", "Nghị định số 123/2015/NĐ-CP của Chính phủ"),
    "CT": ("Nghị định số 23/2015/NĐ-CP của Chính phủ về cấp bản sao, chứng thực",),
    "DN": (
        "Luật Doanh nghiệp số 59/2020/QH14",
        "Nghị định số 01/2021/NĐ-CP về đăng ký doanh nghiệp",
    ),
    "DT": ("Luật Đầu tư số 61/2020/QH14", "Nghị định số 31/2021/NĐ-CP của Chính phủ"),
    "XD": (
        "Luật Xây dựng số 50/2014/QH13",
        "Luật số 62/2020/QH14 sửa đổi Luật Xây dựng",
        "Nghị định số 15/2021/NĐ-CP của Chính phủ",
    ),
    "LLTP": ("Luật Lý lịch tư pháp số 28/2009/QH12",),
    "CC": ("Luật Công chứng số 53/2014/QH13",),
    "LS": ("Luật Luật sư số 65/2006/QH11", "Luật số 20/2012/QH13 sửa đổi Luật Luật sư"),
    "YT": ("Luật Khám bệnh, chữa bệnh số 40/2009/QH12", "Nghị định số 109/2016/NĐ-CP"),
    "DUOC": ("Luật Dược số 105/2016/QH13", "Nghị định số 54/2017/NĐ-CP của Chính phủ"),
    "ATTP": ("Luật An toàn thực phẩm số 55/2010/QH12", "Nghị định số 15/2018/NĐ-CP"),
    "GPLX": ("Luật Giao thông đường bộ số 23/2008/QH12", "Thông tư số 12/2017/TT-BGTVT"),
    "VT": ("Nghị định số 10/2020/NĐ-CP về kinh doanh vận tải bằng xe ô tô",),
    "NUOC": ("Luật Tài nguyên nước số 17/2012/QH13", "Nghị định số 201/2013/NĐ-CP"),
    "MT": ("Luật Bảo vệ môi trường số 72/2020/QH14", "Nghị định số 08/2022/NĐ-CP"),
    "DD": ("Luật Đất đai số 45/2013/QH13", "Nghị định số 43/2014/NĐ-CP của Chính phủ"),
    "LD": ("Bộ luật Lao động số 45/2019/QH14", "Nghị định số 152/2020/NĐ-CP"),
    "VL": ("Luật Việc làm số 38/2013/QH13", "Nghị định số 28/2015/NĐ-CP"),
    "VB": ("Luật Giáo dục số 43/2019/QH14", "Thông tư số 21/2019/TT-BGDĐT"),
    "KARA": ("Nghị định số 54/2019/NĐ-CP về kinh doanh dịch vụ karaoke, vũ trường",),
    "DL": ("Luật Du lịch số 09/2017/QH14", "Nghị định số 168/2017/NĐ-CP"),
    "RUOU": (
        "Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14",
        "Nghị định số 105/2017/NĐ-CP về kinh doanh rượu",
    ),
    "TL": ("Nghị định số 67/2013/NĐ-CP về kinh doanh thuốc lá",),
    "XANG": ("Nghị định số 83/2014/NĐ-CP về kinh doanh xăng dầu",),
    "TTDT": ("Nghị định số 72/2013/NĐ-CP", "Nghị định số 27/2018/NĐ-CP"),
    "HOI": ("Nghị định số 45/2010/NĐ-CP về tổ chức, hoạt động và quản lý hội",),
    "KHCN": ("Luật Khoa học và công nghệ số 29/2013/QH13", "Nghị định số 08/2014/NĐ-CP"),
    "BVTV": ("Luật Bảo vệ và kiểm dịch thực vật số 41/2013/QH13", "Nghị định số 66/2016/NĐ-CP"),
    "XNC": ("Luật Xuất cảnh, nhập cảnh của công dân Việt Nam số 49/2019/QH14",),
    "XE": ("Luật Giao thông đường bộ số 23/2008/QH12", "Thông tư số 58/2020/TT-BCA"),
    "THUE": ("Luật Quản lý thuế số 38/2019/QH14", "Thông tư số 105/2020/TT-BTC"),
    "HKD": ("Nghị định số 01/2021/NĐ-CP về đăng ký doanh nghiệp (Chương VIII: hộ kinh doanh)",),
    "BTXH": ("Nghị định số 20/2021/NĐ-CP về chính sách trợ giúp xã hội",),
    "CU": ("Luật Cư trú số 68/2020/QH14", "Luật Bảo hiểm y tế số 25/2008/QH12"),
}

ID_CARD = "Bản sao Căn cước công dân hoặc giấy tờ tùy thân"


@dataclass(frozen=True)
class Template:
    """A procedure as the catalog publishes it; `key` makes its code with the unit's."""

    key: str
    name: str
    field: str
    days: int
    laws: str
    result: str
    components: tuple[tuple[str, bool, int, str | None], ...]  # name, required, copies, form
    subjects: tuple[str, ...] = (C,)
    level: int = 3
    methods: tuple[str, ...] = ALL_WAYS
    fees: str | None = None
    fee: int | None = None


def T(  # noqa: N802, PLR0917 - a compact table row
    key: str,
    name: str,
    field: str,
    days: int,
    laws: str,
    result: str,
    *parts: tuple[str, bool, int, str | None],
    subjects: tuple[str, ...] = (C,),
    level: int = 3,
    fees: str | None = None,
    fee: int | None = None,
) -> Template:
    """One row of the tables below."""
    return Template(
        key, name, field, days, laws, result, parts, subjects, level, fees=fees, fee=fee
    )


def form(
    name: str, code: str | None = None, required: bool = True, copies: int = 1
) -> tuple[str, bool, int, str | None]:
    """A component: its name, required, copies, form."""
    return (name, required, copies, code)


ORG = (OR, B)
