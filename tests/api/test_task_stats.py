"""Task statistics through GraphQL: integrator keys in and out of scope, periods, series,
scorecards, typed errors, and cells that match a full recomputation."""

from __future__ import annotations

from datetime import UTC
from typing import Any

import pytest
from sqlalchemy import select

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from persistence import stats_rollup
from persistence.database import StatementCounter
from persistence.stats_tables import task_stat_cells, task_stat_handling
from tests.api.task_factories import HAPPY, TaskWorld, build_task_world, iso, vn
from tests.factories import Api

CREATE_KEY = """
mutation Key($name: String!, $unitId: ID!) {
  createApiKey(name: $name, unitId: $unitId, includeSubtree: true) { secret errors { code } }
}
"""

FIELDS = """period start end total doneOnTime doneLate doneWithoutDeadline openWithinDeadline
openOverdue openWithoutDeadline onTimeRate medianHandlingDays"""

STATS = f"""
query Stats($unit: ID!, $period: String!, $kinds: [TaskKind!]) {{
  taskStats(unitId: $unit, period: $period, kinds: $kinds) {{ {FIELDS} }}
}}
"""

SERIES = f"""
query Series($unit: ID!, $grain: StatsGrain!, $from: String!, $to: String!) {{
  taskStatsSeries(unitId: $unit, grain: $grain, from: $from, to: $to) {{ {FIELDS} }}
}}
"""

SCORECARDS = """
query Cards($unit: ID!, $year: Int!) {
  unitScorecards(unitId: $unit, year: $year) {
    rank unit { code } stats { total doneOnTime doneLate openOverdue onTimeRate }
  }
}
"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


async def _key(world: TaskWorld, unit: str) -> str:
    created = await world.data(
        "admin", CREATE_KEY, {"name": f"BI {unit}", "unitId": world.unit(unit)}
    )
    assert created["createApiKey"]["errors"] == []
    return str(created["createApiKey"]["secret"])


async def _ask(world: TaskWorld, key: str, query: str, **variables: Any) -> dict[str, Any]:
    response = await world.client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Accept": "application/json", "X-API-Key": key},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _november(world: TaskWorld, clock: FixedClock) -> None:
    """Friday 20 November 2026: A done on time (SNV), E done late (SNV), B open (Huế's
    economy office, due Wednesday 25), C due in December (SNV), D cancelled (SNV)."""
    a = await world.new_task(
        kind="DIRECTIVE_FREE" if False else "PRESS_INCIDENT",
        deadline=iso(vn(2026, 11, 27, 17, 0)),
        content="A",
    )
    await world.advance(a["id"], HAPPY)
    e = await world.new_task(deadline=iso(vn(2026, 11, 24, 17, 0)), content="E")
    await world.advance(e["id"], HAPPY[:-1])
    b = await world.new_task(
        deadline=iso(vn(2026, 11, 25, 17, 0)), content="B", leadUnitId=world.unit("HUE-PKT")
    )
    await world.advance(b["id"], [Action.SEND])
    c = await world.new_task(deadline=iso(vn(2026, 12, 10, 17, 0)), content="C")
    await world.advance(c["id"], [Action.SEND])
    d = await world.new_task(deadline=iso(vn(2026, 11, 26, 17, 0)), content="D")
    await world.advance(d["id"], [Action.CANCEL])
    clock.instant = vn(2026, 11, 26, 9, 0).astimezone(UTC)  # Thursday: B is overdue now
    await world.advance(e["id"], [Action.CONFIRM])  # E is confirmed two days late


async def test_integrator_reads_figures_of_its_scope(world: TaskWorld, clock: FixedClock) -> None:
    await _november(world, clock)
    key = await _key(world, "PROV")
    body = await _ask(world, key, STATS, unit=world.unit("PROV"), period="2026-11")
    stats = body["data"]["taskStats"]
    assert stats["period"] == "2026-11"
    assert (stats["start"], stats["end"]) == ("2026-11-01", "2026-12-01")
    counts = {k: stats[k] for k in ("total", "doneOnTime", "doneLate", "openWithinDeadline")}
    assert counts == {"total": 3, "doneOnTime": 1, "doneLate": 1, "openWithinDeadline": 0}
    assert stats["openOverdue"] == 1
    assert stats["onTimeRate"] == pytest.approx(1 / 3, abs=1e-4)
    assert stats["medianHandlingDays"] is not None
    week = (await _ask(world, key, STATS, unit=world.unit("PROV"), period="2026-W48"))["data"]
    assert week["taskStats"]["total"] == 3
    december = await _ask(world, key, STATS, unit=world.unit("SNV"), period="2026-12")
    assert december["data"]["taskStats"]["openWithinDeadline"] == 1
    hue = await _ask(world, key, STATS, unit=world.unit("HUE"), period="2026-Q4")
    assert (hue["data"]["taskStats"]["total"], hue["data"]["taskStats"]["openOverdue"]) == (1, 1)
    only = await _ask(
        world, key, STATS, unit=world.unit("PROV"), period="2026", kinds=["DIRECTIVE"]
    )
    assert only["data"]["taskStats"]["total"] == 0


async def test_open_tasks_become_overdue_as_time_passes(
    world: TaskWorld, clock: FixedClock
) -> None:
    b = await world.new_task(deadline=iso(vn(2026, 11, 25, 17, 0)), content="B")
    await world.advance(b["id"], [Action.SEND])
    key = await _key(world, "PROV")
    before = await _ask(world, key, STATS, unit=world.unit("SNV"), period="2026-11")
    assert before["data"]["taskStats"]["openWithinDeadline"] == 1
    clock.instant = vn(2026, 11, 25, 17, 1).astimezone(UTC)
    after = await _ask(world, key, STATS, unit=world.unit("SNV"), period="2026-11")
    assert (
        after["data"]["taskStats"]["openOverdue"],
        after["data"]["taskStats"]["onTimeRate"],
    ) == (
        1,
        0.0,
    )
    clock.instant = vn(2026, 12, 2, 8, 0).astimezone(UTC)  # November is over
    over = await _ask(world, key, STATS, unit=world.unit("SNV"), period="2026-Q4")
    assert over["data"]["taskStats"]["openOverdue"] == 1


async def test_a_unit_outside_the_key_or_a_bad_period_is_a_typed_error(
    world: TaskWorld, clock: FixedClock
) -> None:
    key = await _key(world, "HUE")
    outside = await _ask(world, key, STATS, unit=world.unit("SNV"), period="2026-11")
    assert outside["errors"][0]["extensions"]["code"] == "OUT_OF_SCOPE"
    assert outside["data"] is None
    inside = await _ask(world, key, STATS, unit=world.unit("HUE-PKT"), period="2026-11")
    assert inside["data"]["taskStats"]["total"] == 0
    for period in ("2026-13", "2025-W53", "2026-Q5", "nov", "1999", ""):
        bad = await _ask(world, key, STATS, unit=world.unit("HUE"), period=period)
        assert bad["errors"][0]["extensions"]["code"] == "INVALID_PERIOD", period
    series = await _ask(
        world,
        key,
        SERIES,
        unit=world.unit("HUE"),
        grain="WEEK",
        **{"from": "2026-11", "to": "2026-12"},
    )
    assert series["errors"][0]["extensions"]["code"] == "INVALID_PERIOD"
    too_long = await _ask(
        world,
        key,
        SERIES,
        unit=world.unit("HUE"),
        grain="MONTH",
        **{"from": "2000-01", "to": "2026-12"},
    )
    assert too_long["errors"][0]["extensions"]["code"] == "INVALID_PERIOD"
    staff = await (await world.as_("dung")).post(
        STATS, {"unit": world.unit("HUE"), "period": "2026-11"}
    )
    assert staff["errors"][0]["extensions"]["code"] == "OUT_OF_SCOPE"
    overseer = await (await world.as_("cuong")).post(
        STATS, {"unit": world.unit("HUE"), "period": "2026-11"}
    )
    assert overseer["data"]["taskStats"]["total"] == 0
    public = await world.client.post(
        "/graphql",
        json={"query": STATS, "variables": {"unit": world.unit("HUE"), "period": "2026"}},
    )
    assert public.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_series_and_scorecards(world: TaskWorld, clock: FixedClock) -> None:
    await _november(world, clock)
    key = await _key(world, "PROV")
    body = await _ask(
        world,
        key,
        SERIES,
        unit=world.unit("PROV"),
        grain="WEEK",
        **{"from": "2026-W47", "to": "2026-W50"},
    )
    points = body["data"]["taskStatsSeries"]
    assert [p["period"] for p in points] == ["2026-W47", "2026-W48", "2026-W49", "2026-W50"]
    assert [p["total"] for p in points] == [0, 3, 0, 1]
    months = await _ask(
        world,
        key,
        SERIES,
        unit=world.unit("PROV"),
        grain="QUARTER",
        **{"from": "2026-Q3", "to": "2026-Q4"},
    )
    assert [p["total"] for p in months["data"]["taskStatsSeries"]] == [0, 4]
    cards = (await _ask(world, key, SCORECARDS, unit=world.unit("PROV"), year=2026))["data"]
    ranked = [(c["rank"], c["unit"]["code"], c["stats"]["total"]) for c in cards["unitScorecards"]]
    assert ranked[0] == (1, "SNV", 3)
    assert ranked[1] == (2, "HUE", 1)  # one overdue, none on time
    assert {code for _, code, _ in ranked} == {"SNV", "HUE", "VP", "PD"}


async def test_stats_read_the_cells_not_the_tasks(
    world: TaskWorld, clock: FixedClock, container: Container
) -> None:
    await _november(world, clock)
    key = await _key(world, "PROV")
    with StatementCounter(container.engine) as counter:
        await _ask(world, key, STATS, unit=world.unit("PROV"), period="2026")
    on_tasks = [s for s in counter.statements if "FROM tasks" in s]
    assert len(on_tasks) == 1  # only open tasks of the current month already past due
    assert "deadline <" in on_tasks[0].replace('"', "")


async def test_cells_kept_on_write_equal_a_full_recount(
    world: TaskWorld, clock: FixedClock, container: Container
) -> None:
    await _november(world, clock)
    reopened = await world.new_task(deadline=iso(vn(2026, 12, 1, 17, 0)), content="R")
    await world.advance(reopened["id"], HAPPY)
    await world.step(reopened["id"], Action.REOPEN, by="hoa")

    async def snapshot() -> tuple[set[Any], set[Any]]:
        async with container.engine.connect() as conn:
            cells = {tuple(r) for r in await conn.execute(select(task_stat_cells)) if any(r[4:])}
            hist = {tuple(r) for r in await conn.execute(select(task_stat_handling)) if r.tasks}
        return cells, hist

    kept = await snapshot()
    async with container.engine.begin() as conn:
        assert await conn.run_sync(stats_rollup.rebuild) == 6
    assert await snapshot() == kept
    assert kept[0]
    assert kept[1]
