"""Task exports over HTTP with an API key: CSV and XLSX, scope, typed errors, no content. The
machine format (`codes=1`) here; the format for people in test_export_sheets.py."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from domain.clock import FixedClock
from domain.stats.exports import COLUMNS
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world
from tests.api.test_task_stats import _key, _november
from tests.factories import Api


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


async def test_csv_and_xlsx_exports_of_a_subtree(world: TaskWorld, clock: FixedClock) -> None:
    await _november(world, clock)
    key = await _key(world, "PROV")
    month = {"unit": "PROV", "from": "2026-11-01", "to": "2026-11-30", "codes": "1"}
    response = await world.client.get("/export/tasks.csv", params=month, headers={"X-API-Key": key})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    body = rows[1:]
    assert len(body) == 4  # A, B, E and the cancelled D (December's C is out of range)
    classes = sorted(r[COLUMNS.index("status_class")] for r in body)
    assert classes == ["", "DONE_LATE", "DONE_ON_TIME", "OPEN_OVERDUE"]
    assert {r[COLUMNS.index("lead_unit_code")] for r in body} == {"SNV", "HUE-PKT"}
    assert "ngập úng" not in response.text  # task content is never exported
    hue = await world.client.get(
        "/export/tasks.xlsx",
        params=month | {"unit": "HUE"},
        headers={"X-API-Key": key},
    )
    assert hue.status_code == 200
    sheet = load_workbook(io.BytesIO(hue.content))["tasks"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert tuple(values[0]) == COLUMNS
    assert [v[COLUMNS.index("lead_unit_code")] for v in values[1:]] == ["HUE-PKT"]


async def test_export_refusals_are_typed(world: TaskWorld) -> None:
    key = await _key(world, "HUE")
    cases = [
        ({"unit": "SNV", "from": "2026-11-01", "to": "2026-11-30"}, 403, "OUT_OF_SCOPE"),
        ({"unit": "NOPE", "from": "2026-11-01", "to": "2026-11-30"}, 404, "NOT_FOUND"),
        ({"unit": "HUE", "from": "2026-11-30", "to": "2026-11-01"}, 400, "INVALID_PERIOD"),
        ({"unit": "HUE", "from": "2026-02-30", "to": "2026-03-01"}, 400, "INVALID_PERIOD"),
        ({"unit": "HUE", "from": "2020-01-01", "to": "2026-01-01"}, 400, "INVALID_PERIOD"),
    ]
    for params, status, code in cases:
        response = await world.client.get(
            "/export/tasks.csv", params=params, headers={"X-API-Key": key}
        )
        assert response.status_code == status, (params, response.text)
        assert response.json()["errors"][0]["extensions"]["code"] == code
    anonymous = await world.client.get(
        "/export/tasks.csv", params={"unit": "HUE", "from": "2026-11-01", "to": "2026-11-30"}
    )
    assert anonymous.status_code == 401
    forged = await world.client.get(
        "/export/tasks.csv",
        params={"unit": "HUE", "from": "2026-11-01", "to": "2026-11-30"},
        headers={"X-API-Key": key[:-2] + "xx"},
    )
    assert forged.status_code == 401
    other = await world.client.get("/export/tasks.json", headers={"X-API-Key": key})
    assert other.status_code == 404
