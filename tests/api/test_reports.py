"""Periodic reports through GraphQL and HTTP: define, submit (late flag), correct with a
version, close (later submissions refused), aggregate up the tree, download DOCX/PDF/XLSX."""

from __future__ import annotations

import io
from datetime import UTC
from typing import Any

import pytest
from openpyxl import load_workbook

from domain.clock import FixedClock
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world, codes, vn
from tests.factories import Api

ERRORS = "errors { code field message }"

CREATE = f"""
mutation Create($input: CreateReportTypeInput!) {{
  createReportType(input: $input) {{ reportType {{ id code period dueMonth dueDay
    submitterLevels figureKeys ownerUnit {{ code }} }} {ERRORS} }}
}}
"""

SUBMIT = f"""
mutation Submit($input: SubmitReportInput!) {{
  submitReport(input: $input) {{
    submission {{ id late version text figures {{ key value }} unit {{ code }} }} {ERRORS}
  }}
}}
"""

CLOSE = f"""
mutation Close($type: ID!, $period: String!) {{
  closeReportRound(reportTypeId: $type, period: $period) {{ round {{ period closedAt }} {ERRORS} }}
}}
"""

AGGREGATE = """
query Aggregate($type: ID!, $period: String!, $unit: ID!) {
  reportAggregate(reportTypeId: $type, period: $period, unitId: $unit) {
    period dueAt closedAt expectedCount submittedCount lateCount
    missing { code } totals { key value }
    submissions { unit { code } late }
    byChild { unit { code } expected submitted late totals { key value } }
  }
}
"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


async def _monthly(world: TaskWorld) -> str:
    created = await world.mutate(
        "hoa",
        CREATE,
        {
            "input": {
                "code": "monthly-work",
                "name": "Báo cáo công tác tháng",
                "period": "MONTHLY",
                "dueMonth": 1,
                "dueDay": 22,
                "ownerUnitId": world.unit("VP"),
                "submitterRootId": world.unit("PROV"),
                "submitterLevels": ["DEPARTMENT", "DISTRICT"],
                "figureKeys": ["tasks_done", "meetings"],
            }
        },
        "createReportType",
    )
    assert created["errors"] == [], created
    assert created["reportType"]["code"] == "MONTHLY-WORK"
    return str(created["reportType"]["id"])


def _submission(world: TaskWorld, type_id: str, unit: str = "SNV", **extra: Any) -> dict[str, Any]:
    return {
        "input": {
            "reportTypeId": type_id,
            "period": "2026-11",
            "unitId": world.unit(unit),
            "text": 'Tháng 11: hoàn thành 12 nhiệm vụ; =HYPERLINK("x") không là công thức',
            "figures": [{"key": "tasks_done", "value": 12}, {"key": "meetings", "value": 3}],
        }
        | extra
    }


async def test_submit_correct_late_close_and_aggregate(world: TaskWorld, clock: FixedClock) -> None:
    type_id = await _monthly(world)
    sent = await world.mutate("an", SUBMIT, _submission(world, type_id), "submitReport")
    assert sent["errors"] == []
    assert (sent["submission"]["late"], sent["submission"]["unit"]["code"]) == (False, "SNV")
    version = sent["submission"]["version"]
    clock.instant = vn(2026, 11, 23, 9, 0).astimezone(UTC)  # after the 22nd began
    corrected = await world.mutate(
        "snv", SUBMIT, _submission(world, type_id, version=version), "submitReport"
    )
    assert corrected["errors"] == []
    assert corrected["submission"]["late"] is True
    stale = await world.mutate(
        "an", SUBMIT, _submission(world, type_id, version=version), "submitReport"
    )
    assert codes(stale) == ["STALE_VERSION"]

    aggregate = (
        await world.data(
            "long", AGGREGATE, {"type": type_id, "period": "2026-11", "unit": world.unit("PROV")}
        )
    )["reportAggregate"]
    assert aggregate["dueAt"] == "2026-11-21T17:00:00+00:00"  # 22 November, 00:00 in Huế
    assert (aggregate["expectedCount"], aggregate["submittedCount"]) == (4, 1)
    assert aggregate["lateCount"] == 1
    assert {u["code"] for u in aggregate["missing"]} == {"VP", "HUE", "PD"}
    assert aggregate["totals"] == [
        {"key": "meetings", "value": 3.0},
        {"key": "tasks_done", "value": 12.0},
    ]
    snv = next(c for c in aggregate["byChild"] if c["unit"]["code"] == "SNV")
    assert (snv["expected"], snv["submitted"], snv["late"]) == (1, 1, 1)

    closed = await world.mutate(
        "hoa", CLOSE, {"type": type_id, "period": "2026-11"}, "closeReportRound"
    )
    assert closed["errors"] == []
    after = await world.mutate("an", SUBMIT, _submission(world, type_id), "submitReport")
    assert codes(after) == ["REPORT_CLOSED"]
    again = await world.mutate(
        "hoa", CLOSE, {"type": type_id, "period": "2026-11"}, "closeReportRound"
    )
    assert codes(again) == ["REPORT_CLOSED"]
    by_an = await world.mutate(
        "an", CLOSE, {"type": type_id, "period": "2026-10"}, "closeReportRound"
    )
    assert codes(by_an) == ["FORBIDDEN"]


async def test_bad_submissions_are_typed_errors(world: TaskWorld) -> None:
    type_id = await _monthly(world)
    cases = [
        ("an", _submission(world, type_id, period="2026-Q4"), "INVALID_PERIOD"),
        ("an", _submission(world, type_id, period="2026-13"), "INVALID_PERIOD"),
        ("an", _submission(world, type_id, period="2026-12"), "INVALID_PERIOD"),  # not begun
        ("an", _submission(world, "UmVwb3J0VHlwZTo5OTk="), "UNKNOWN_REPORT_TYPE"),
        ("an", _submission(world, type_id, unit="HUE"), "FORBIDDEN"),
        ("dung", _submission(world, type_id, unit="HUE-PKT"), "FORBIDDEN"),
        ("an", _submission(world, type_id, text="  "), "INVALID_INPUT"),
        (
            "an",
            _submission(world, type_id, figures=[{"key": "budget", "value": 1}]),
            "INVALID_INPUT",
        ),
    ]
    for who, variables, code in cases:
        payload = await world.mutate(who, SUBMIT, variables, "submitReport")
        assert codes(payload) == [code], (variables, payload)
    duplicate = await world.mutate(
        "hoa",
        CREATE,
        {
            "input": {
                "code": "MONTHLY-WORK",
                "name": "x",
                "period": "QUARTERLY",
                "dueMonth": 4,
                "dueDay": 20,
                "ownerUnitId": world.unit("VP"),
                "submitterRootId": world.unit("PROV"),
            }
        },
        "createReportType",
    )
    assert codes(duplicate) == ["DUPLICATE_CODE"]
    outsider = await (await world.as_("dung")).post(
        AGGREGATE, {"type": type_id, "period": "2026-11", "unit": world.unit("PROV")}
    )
    assert outsider["errors"][0]["extensions"]["code"] == "OUT_OF_SCOPE"


async def test_download_the_aggregate_as_docx_pdf_and_xlsx(world: TaskWorld) -> None:
    type_id = await _monthly(world)
    await world.mutate("an", SUBMIT, _submission(world, type_id), "submitReport")
    api = await world.as_("long")
    headers = {"Authorization": f"Bearer {api.token}"}
    files = {}
    for fmt in ("docx", "pdf", "xlsx"):
        response = await world.client.get(
            f"/reports/MONTHLY-WORK/2026-11.{fmt}", params={"unit": "PROV"}, headers=headers
        )
        assert response.status_code == 200, response.text
        assert "attachment" in response.headers["content-disposition"]
        files[fmt] = response.content
    assert files["pdf"].startswith(b"%PDF")
    assert files["docx"].startswith(b"PK")
    book = load_workbook(io.BytesIO(files["xlsx"]))
    rows = [[c.value for c in row] for row in book["Tổng hợp"].iter_rows()]
    assert [None, "Tổng cộng", 4, 1, 0, 3, 12] in rows  # the layout: test_report_documents.py
    texts = [list(row) for row in book["Báo cáo các đơn vị"].iter_rows()]
    assert texts[1][3].data_type == "s"  # submitted text never becomes a formula
    anonymous = await world.client.get("/reports/MONTHLY-WORK/2026-11.pdf?unit=PROV")
    assert anonymous.status_code == 401
    unknown = await world.client.get("/reports/NOPE/2026-11.pdf?unit=PROV", headers=headers)
    assert (unknown.status_code, unknown.json()["errors"][0]["extensions"]["code"]) == (
        404,
        "UNKNOWN_REPORT_TYPE",
    )
    dung = await world.as_("dung")
    refused = await world.client.get(
        "/reports/MONTHLY-WORK/2026-11.xlsx?unit=PROV",
        headers={"Authorization": f"Bearer {dung.token}"},
    )
    assert refused.status_code == 403
