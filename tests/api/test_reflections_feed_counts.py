"""The public feed's totalCount comes from counts kept on write: it must equal the reports
the list returns, for any date range (whole days and partial ones), category and area, and
the kept cells must equal a full recount."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from govgraph.container import Container
from persistence import reflection_feed
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world
from tests.api.test_reflections_queries import published
from tests.factories import Api

FEED = """query($from: DateTime, $to: DateTime, $cat: [ID!], $area: ID) {
  publicReflections(publishedFrom: $from, publishedTo: $to, categoryIds: $cat, areaId: $area,
                    first: 100) { totalCount edges { node { publishedAt } } } }"""
MON = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
TUE_LATE = datetime(2026, 11, 17, 23, 30, tzinfo=UTC)
WED_EARLY = datetime(2026, 11, 18, 0, 30, tzinfo=UTC)


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    made = await build_reflection_world(container, api)
    await published(container, made, 3, at=MON)
    await published(container, made, 2, at=TUE_LATE)
    await published(container, made, 4, at=WED_EARLY)
    return made


async def _feed(api: Api, **variables: Any) -> tuple[int, int]:
    found = (await api.data(FEED, variables))["publicReflections"]
    return found["totalCount"], len(found["edges"])


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, 9),
        ("2026-11-16T00:00:00Z", None, 9),  # whole days only
        ("2026-11-16T10:00:00Z", "2026-11-17T23:30:00Z", 3),  # partial at both ends
        ("2026-11-16T10:00:01Z", None, 6),
        (None, "2026-11-18T00:30:00Z", 5),
        (None, "2026-11-18T00:30:01Z", 9),
        ("2026-11-17T23:00:00Z", "2026-11-18T01:00:00Z", 6),  # across one midnight
        ("2026-11-17T00:00:00Z", "2026-11-18T00:00:00Z", 2),  # one whole day
        ("2026-11-17T12:00:00+07:00", "2026-11-17T18:00:00+07:00", 0),  # within one day
        ("2026-11-18T06:00:00Z", "2026-11-16T06:00:00Z", 0),  # reversed
    ],
)
async def test_total_count_matches_the_list_for_any_range(
    world: ReflectionWorld, start: str | None, end: str | None, expected: int
) -> None:
    api = await world.as_(None)
    assert await _feed(api, **{"from": start, "to": end}) == (expected, expected)


async def test_total_count_keeps_to_category_and_area(world: ReflectionWorld) -> None:
    api = await world.as_(None)
    assert await _feed(api, cat=[world.category("LIGHTING")]) == (9, 9)
    assert await _feed(api, cat=[world.category("FIRE")]) == (0, 0)
    assert await _feed(api, area=world.unit("HUE")) == (9, 9)
    assert await _feed(api, area=world.unit("HUE-PHUHOI"), **{"from": "2026-11-17T00:00:00Z"}) == (
        6,
        6,
    )
    assert await _feed(api, area=world.unit("PD")) == (0, 0)


async def test_kept_cells_equal_a_full_recount(
    world: ReflectionWorld, container: Container
) -> None:
    cells = reflection_feed.reflection_feed_days

    async def stored() -> list[tuple[Any, ...]]:
        async with container.engine.connect() as conn:
            rows = await conn.execute(select(cells).order_by(*cells.primary_key.columns))
            return [tuple(r) for r in rows]

    kept = await stored()
    totals = [
        (day.isoformat(), n) for commune, category, day, n in kept if commune == category == 0
    ]
    assert totals == [("2026-11-16", 3), ("2026-11-17", 2), ("2026-11-18", 4)]
    assert len(kept) == 3 * 4  # every day in each of the four rollups
    async with container.engine.begin() as conn:
        assert await conn.run_sync(reflection_feed.rebuild) == 9
    assert await stored() == kept
