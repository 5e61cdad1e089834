"""Field-report exports over HTTP with an API key: CSV and XLSX of a subtree, scope, typed
errors, and never a reporter's data, the content or a tracking code."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from domain.clock import FixedClock
from domain.stats.exports import REFLECTION_COLUMNS
from govgraph.container import Container
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world
from tests.api.test_reflection_stats import REPORTER, _key, november
from tests.factories import Api

MONTH = {"from": "2026-11-01", "to": "2026-11-30"}
CODES = MONTH | {"codes": "1"}


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def test_csv_and_xlsx_exports_without_reporter_data(
    world: ReflectionWorld, clock: FixedClock
) -> None:
    codes = await november(world, clock)
    key = await _key(world, "PROV")
    client = world.api.client
    response = await client.get(
        "/export/reflections.csv", params=CODES | {"unit": "HUE"}, headers={"X-API-Key": key}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "reflections-HUE-2026-11-01-2026-11-30.csv" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == REFLECTION_COLUMNS
    body = [dict(zip(REFLECTION_COLUMNS, r, strict=True)) for r in rows[1:]]
    assert len(body) == 6
    assert sorted(r["state"] for r in body) == [
        "ANSWERED_PRIVATELY",
        "CANCELLED",
        "IN_HANDLING",
        "IN_HANDLING",
        "PUBLISHED",
        "SUBMITTED",
    ]
    assert sum(r["secret"] == "1" for r in body) == 1
    assert sum(r["overdue_now"] == "1" for r in body) == 2  # D's accept, E's intake
    assert {r["commune_code"] for r in body} == {"HUE-PHUHOI"}
    for secret in (*REPORTER, *codes.values()):
        assert secret not in response.text
    other = await client.get(
        "/export/reflections.xlsx", params=CODES | {"unit": "PD"}, headers={"X-API-Key": key}
    )
    assert other.status_code == 200
    sheet = load_workbook(io.BytesIO(other.content))["reflections"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [tuple(values[0]), len(values)] == [REFLECTION_COLUMNS, 1]
    book = await client.get(
        "/export/reflections.xlsx", params=CODES | {"unit": "PROV"}, headers={"X-API-Key": key}
    )
    sheet = load_workbook(io.BytesIO(book.content))["reflections"]
    cells = repr([[c.value for c in row] for row in sheet.iter_rows()])
    assert len(list(sheet.iter_rows())) == 7
    for secret in (*REPORTER, *codes.values()):
        assert secret not in cells


async def test_reflection_export_refusals_are_typed(world: ReflectionWorld) -> None:
    key = await _key(world, "HUE")
    client = world.api.client
    cases = [
        ({"unit": "PROV"} | MONTH, 403, "OUT_OF_SCOPE"),
        ({"unit": "NOPE"} | MONTH, 404, "NOT_FOUND"),
        ({"unit": "HUE", "from": "2026-11-30", "to": "2026-11-01"}, 400, "INVALID_PERIOD"),
    ]
    for params, status, code in cases:
        response = await client.get(
            "/export/reflections.csv", params=params, headers={"X-API-Key": key}
        )
        assert (response.status_code, response.json()["errors"][0]["extensions"]["code"]) == (
            status,
            code,
        )
    signed_out = await client.get("/export/reflections.csv", params={"unit": "HUE"} | MONTH)
    assert signed_out.status_code == 401
    wrong = await client.get("/export/reflections.pdf", params={"unit": "HUE"} | MONTH)
    assert wrong.status_code == 404
