"""The compiled read path answers `taskStats` exactly as the field path does: every field,
every kind of period, kinds, every kind of caller (refusals left to the field path), the
live overdue count of the current month at the request's instant, and the field path's
float formatting of rates and medians."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import literal, select

from domain.clock import FixedClock
from domain.permissions import ANONYMOUS
from domain.permissions.read_rules import read_rules
from domain.stats.figures import median_tenths
from govgraph.container import Container
from persistence.compiled.objects import Build
from persistence.compiled.sqljson import JsonSql
from persistence.compiled.stats import _fixed, _rate
from tests.api.compiled.harness import Paths, canonical, paths
from tests.api.compiled.task_world import build_tasks
from tests.api.task_factories import build_task_world
from tests.factories import Api

FIELDS = """period start end total doneOnTime doneLate doneWithoutDeadline openWithinDeadline
openOverdue openWithoutDeadline onTimeRate medianHandlingDays __typename"""
QUERY = f"""query($prov: ID!, $hue: ID!, $snv: ID!) {{
  month: taskStats(unitId: $prov, period: "2026-11") {{ {FIELDS} }}
  next: taskStats(unitId: $prov, period: " 2026-12 ") {{ {FIELDS} }}
  quarter: taskStats(unitId: $prov, period: "2026-Q4") {{ {FIELDS} }}
  year: taskStats(unitId: $prov, period: "2026") {{ {FIELDS} }}
  week: taskStats(unitId: $prov, period: "2026-W48") {{ {FIELDS} }}
  past: taskStats(unitId: $prov, period: "2026-W46") {{ {FIELDS} }}
  kinds: taskStats(unitId: $prov, period: "2026-Q4", kinds: [PRESS_INCIDENT]) {{ {FIELDS} }}
  none: taskStats(unitId: $prov, period: "2026-Q4", kinds: [VOTER_PETITION]) {{ {FIELDS} }}
  department: taskStats(unitId: $snv, period: "2026-11") {{ rate: onTimeRate total }}
  district: taskStats(unitId: $hue, period: "2026-11") {{ total openOverdue }}
}}"""


@pytest.fixture
async def two(container: Container) -> AsyncIterator[Paths]:
    async for made in paths(container):
        yield made


async def test_compiled_stats_equal_the_field_path(
    container: Container, api: Api, clock: FixedClock, two: Paths
) -> None:
    world = await build_task_world(container, api.client, clock)
    tasks = await build_tasks(world)
    units = {"prov": world.unit("PROV"), "hue": world.unit("HUE"), "snv": world.unit("SNV")}
    hue = {"hue": units["hue"], "prov": units["hue"], "snv": units["hue"]}  # inside a key
    answered = 0
    for who, headers in tasks.callers.items():
        for variables in (units, hue):
            fast, slow, used = await two.both(QUERY, variables, headers)
            assert canonical(fast) == canonical(slow), (who, variables)
            if "errors" in slow:  # outside the caller's scope, or the public
                continue
            assert used, f"{who} did not take the compiled path"
            answered += 1
            if who == "long" and variables is units:
                month = fast["data"]["month"]
                assert month["openOverdue"] >= 1, month  # A, overdue since yesterday
                assert month["medianHandlingDays"] is not None, month
    assert answered >= 4  # the overseers, the admin, the integrator in its subtree


async def test_rates_and_medians_are_written_as_the_field_path_writes_them(
    container: Container,
) -> None:
    """round(done / judged, 4) and the median (mean of two values in tenths) for many values,
    against Python; the rates exactly half-way are flagged (the field path answers them)."""
    build = Build(JsonSql(container.engine.dialect.name), read_rules(ANONYMOUS))
    cases = [
        (done, judged)
        for judged in (1, 3, 7, 32, 64, 160, 800, 999, 4000, 20000)
        for done in range(0, judged + 1, max(1, judged // 40))
    ]
    ties = 0
    async with container.engine.connect() as conn:
        for done, judged in [*cases, (1, 32), (3, 32), (5, 64), (1, 20000), (7, 160)]:
            rate, tie = _rate(build, literal(done), literal(judged))
            found, halfway = (await conn.execute(select(rate, tie))).one()
            if halfway:
                assert (done * 20000) % judged == 0, (done, judged)
                assert (done * 20000 // judged) % 2 == 1, (done, judged)
                ties += 1
                continue
            assert str(found) == repr(round(done / judged, 4)), (done, judged, found)
        for twice in (0, 1, 5, 15, 20, 22, 39, 40, 199, 1234):
            written = await conn.scalar(select(_fixed(build, literal(twice * 5), 2)))
            expected = median_tenths({twice // 2: 1, twice - twice // 2: 1})
            assert written == repr(expected), (twice, written)
    assert ties >= 5
