"""Exports for people: Vietnamese (or English) headers and labels, typed dates in province
time, Có/Không, a frozen header, a filter, widths, a print layout, a totals row; CSV with a
byte-order mark. Scope and leaks as in the machine format."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

import pytest
from openpyxl import load_workbook

from domain.clock import FixedClock
from domain.stats.export_columns import REFLECTIONS, TASKS, ExportKind
from govgraph.container import Container
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world
from tests.api.task_factories import TaskWorld, build_task_world
from tests.api.test_reflection_stats import REPORTER, november
from tests.api.test_reflection_stats import _key as reflection_key
from tests.api.test_task_stats import _key, _november
from tests.factories import Api

MONTH = {"from": "2026-11-01", "to": "2026-11-30"}


def headers(kind: ExportKind, lang: str = "vi") -> list[str]:
    picked = kind.pick(kind.people)
    return [c.en if lang == "en" else c.vi for _, c in picked]


def records(sheet: Any, kind: ExportKind, lang: str = "vi") -> list[dict[str, Any]]:
    """Data rows (the header and the totals row left out) by header."""
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == headers(kind, lang)
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:-1]]


async def test_task_workbook_for_people(container: Container, api: Api, clock: FixedClock) -> None:
    world: TaskWorld = await build_task_world(container, api.client, clock)
    await _november(world, clock)
    key = await _key(world, "PROV")
    response = await world.client.get(
        "/export/tasks.xlsx", params=MONTH | {"unit": "PROV"}, headers={"X-API-Key": key}
    )
    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content))["Nhiệm vụ"]
    found = records(sheet, TASKS)
    assert len(found) == 4
    by_class = {r["Tình hình thực hiện"]: r for r in found}
    assert set(by_class) == {
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Đang thực hiện quá hạn",
        None,  # the cancelled task has no class
    }
    done = by_class["Hoàn thành đúng hạn"]
    assert done["Loại nhiệm vụ"] == "Sự việc báo nêu"
    assert done["Trạng thái"] == "Hoàn thành"
    assert done["Độ khẩn"] == "Thường"
    assert done["Đơn vị chủ trì"] == "Sở Nội vụ"
    # real datetimes in province time (17:00 in Huế, 10:00 UTC)
    assert done["Hạn xử lý"] == datetime(2026, 11, 27, 17, 0)
    assert isinstance(done["Ngày hoàn thành"], datetime)
    assert done["Số ngày làm việc xử lý"] == 0  # a number (handled at once), not text
    assert {r["Nhập muộn"] for r in found} <= {"Có", "Không"}
    assert by_class["Đang thực hiện quá hạn"]["Đơn vị chủ trì"] == "Phòng Kinh tế"
    deadline_column = TASKS.people.index("deadline") + 1
    deadline_cell = sheet.cell(row=2, column=deadline_column)
    assert (deadline_cell.is_date, deadline_cell.number_format) == (True, "dd/mm/yyyy hh:mm")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N5"
    assert sheet.column_dimensions["C"].width == 46  # the lead unit's name
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$1"
    assert "&P" in sheet.oddFooter.center.text
    totals = [c.value for c in list(sheet.iter_rows())[-1]]
    assert totals[0] == '=IFERROR(SUBTOTAL(103,A2:A5),"")'  # counts the filtered rows
    average = TASKS.people.index("handling_working_days")
    assert totals[average] == '=IFERROR(SUBTOTAL(101,L2:L5),"")'
    assert "ngập úng" not in repr([[c.value for c in r] for r in sheet.iter_rows()])


async def test_task_exports_in_english_and_csv(
    container: Container, api: Api, clock: FixedClock
) -> None:
    world = await build_task_world(container, api.client, clock)
    await _november(world, clock)
    key = await _key(world, "PROV")
    params = MONTH | {"unit": "PROV"}
    english = await world.client.get(
        "/export/tasks.xlsx", params=params | {"lang": "en"}, headers={"X-API-Key": key}
    )
    sheet = load_workbook(io.BytesIO(english.content))["Tasks"]
    rows = records(sheet, TASKS, "en")
    assert {r["Status"] for r in rows} == {"Done on time", "Done late", "Open, overdue", None}
    assert {r["Entered late"] for r in rows} <= {"Yes", "No"}
    response = await world.client.get(
        "/export/tasks.csv", params=params, headers={"X-API-Key": key}
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == headers(TASKS)
    body = [dict(zip(table[0], r, strict=True)) for r in table[1:]]
    done = next(r for r in body if r["Tình hình thực hiện"] == "Hoàn thành đúng hạn")
    assert (done["Loại nhiệm vụ"], done["Hạn xử lý"]) == ("Sự việc báo nêu", "2026-11-27 17:00")
    assert {r["Nhập muộn"] for r in body} <= {"Có", "Không"}
    assert "ngập úng" not in response.content.decode("utf-8-sig")


async def test_people_format_keeps_the_scope_and_checks_its_options(
    container: Container, api: Api, clock: FixedClock
) -> None:
    world = await build_task_world(container, api.client, clock)
    key = await _key(world, "HUE")
    outside = await world.client.get(
        "/export/tasks.xlsx", params=MONTH | {"unit": "SNV"}, headers={"X-API-Key": key}
    )
    assert (outside.status_code, outside.json()["errors"][0]["extensions"]["code"]) == (
        403,
        "OUT_OF_SCOPE",
    )
    for bad in ({"lang": "fr"}, {"codes": "maybe"}):
        refused = await world.client.get(
            "/export/tasks.csv", params=MONTH | {"unit": "HUE"} | bad, headers={"X-API-Key": key}
        )
        assert refused.status_code == 400, bad
        assert refused.json()["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    anonymous = await world.client.get(
        "/export/tasks.csv", params=MONTH | {"unit": "HUE", "lang": "fr"}
    )
    assert anonymous.status_code == 401  # credentials are checked first
    empty = await world.client.get(
        "/export/tasks.xlsx", params=MONTH | {"unit": "HUE"}, headers={"X-API-Key": key}
    )
    sheet = load_workbook(io.BytesIO(empty.content))["Nhiệm vụ"]
    assert [[c.value for c in r] for r in sheet.iter_rows()] == [headers(TASKS)]  # no totals


@pytest.fixture
async def reflection_world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def test_field_report_workbook_for_people(
    reflection_world: ReflectionWorld, clock: FixedClock
) -> None:
    world = reflection_world
    codes = await november(world, clock)
    key = await reflection_key(world, "PROV")
    response = await world.api.client.get(
        "/export/reflections.xlsx", params=MONTH | {"unit": "HUE"}, headers={"X-API-Key": key}
    )
    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content))["Phản ánh hiện trường"]
    found = records(sheet, REFLECTIONS)
    assert len(found) == 6
    assert sorted(r["Trạng thái"] for r in found) == sorted(
        [
            "Đã công khai kết quả",
            "Đã trả lời riêng người phản ánh",
            "Đã hủy",
            "Đang xử lý",
            "Đang xử lý",
            "Chờ tiếp nhận",
        ]
    )
    assert {r["Lĩnh vực"] for r in found} <= {"Lighting", None}
    assert [r["Yêu cầu bảo mật"] for r in found].count("Có") == 1
    assert [r["Đang quá hạn"] for r in found].count("Có") == 2
    assert {r["Đánh giá của người phản ánh"] for r in found} == {"Hài lòng", None}
    assert {r["Lý do hủy"] for r in found} == {"Trùng lặp", None}
    assert {r["Kênh tiếp nhận"] for r in found} <= {"Ứng dụng Hue-S", "Cổng thông tin"}
    assert all(isinstance(r["Thời điểm tiếp nhận"], datetime) for r in found)
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:R7")
    assert sheet["A8"].value == '=IFERROR(SUBTOTAL(103,A2:A7),"")'
    cells = repr([[c.value for c in row] for row in sheet.iter_rows()])
    for secret in (*REPORTER, *codes.values()):
        assert secret not in cells
    text = await world.api.client.get(
        "/export/reflections.csv", params=MONTH | {"unit": "HUE"}, headers={"X-API-Key": key}
    )
    assert text.content.startswith(b"\xef\xbb\xbf")
    decoded = text.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(decoded)))
    assert (table[0], len(table)) == (headers(REFLECTIONS), 7)
    assert sorted(r[REFLECTIONS.people.index("secret")] for r in table[1:]) == [
        "Có",
        *["Không"] * 5,
    ]
    for secret in (*REPORTER, *codes.values()):
        assert secret not in decoded
