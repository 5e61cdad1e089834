"""Field-report statistics through GraphQL: figures on the area and agency sides, steps on
time and late, live overdue steps, cancellations, satisfaction; scope and period errors; no
reporter data; cells kept on write equal to a full recount."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from domain.clock import FixedClock
from govgraph.container import Container
from persistence import reflection_stats_rollup
from persistence.database import StatementCounter
from persistence.reflection_stats_tables import reflection_stat_cells, reflection_stat_steps
from persistence.reporting_reflection_views import REFLECTION_VIEWS
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world, step, submit
from tests.api.test_reflections_flow import publish_one
from tests.factories import Api

CREATE_KEY = """
mutation Key($name: String!, $unitId: ID!) {
  createApiKey(name: $name, unitId: $unitId, includeSubtree: true) { secret errors { code } }
}
"""
FIELDS = """period start end side received handled open returned secret cancelled
cancelledByReason { reason count } ratings { rating count } rated satisfactionRate overdue
onTimeRate steps { step onTime late overdue onTimeRate }"""
STATS = f"""
query Stats($unit: ID!, $period: String!, $side: ReflectionStatsSide, $categories: [ID!],
            $channels: [ReflectionChannel!], $commune: ID) {{
  reflectionStats(unitId: $unit, period: $period, side: $side, categoryIds: $categories,
                  channels: $channels, communeId: $commune) {{ {FIELDS} }}
}}
"""
SERIES = f"""
query Series($unit: ID!, $grain: StatsGrain!, $from: String!, $to: String!,
             $side: ReflectionStatsSide) {{
  reflectionStatsSeries(unitId: $unit, grain: $grain, from: $from, to: $to, side: $side) {{
    {FIELDS} }}
}}
"""
RATE = """mutation($id: ID!, $code: String, $rating: ReflectionRating!) {
  rateReflection(id: $id, rating: $rating, trackingCode: $code) { errors { code } } }"""
REPORTER = ("Trần Văn Dân", "0905 111 222", "dan@example.vn", "Nguyễn Huệ", "Đèn đường")
CANCEL = ", reason: $reason, note: $note"
CANCEL_PARAMS = ", $reason: ReflectionCancelReason!, $note: String!"


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def _key(world: ReflectionWorld, unit: str) -> str:
    api = await world.as_("admin")
    made = (await api.data(CREATE_KEY, {"name": f"BI {unit}", "unitId": world.unit(unit)}))[
        "createApiKey"
    ]
    assert made["errors"] == []
    return str(made["secret"])


async def _ask(world: ReflectionWorld, key: str, query: str, **variables: Any) -> dict[str, Any]:
    response = await world.api.client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Accept": "application/json", "X-API-Key": key},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def november(world: ReflectionWorld, clock: FixedClock) -> dict[str, str]:
    """Friday 20 November 2026, 10:00: A published and rated satisfied, B answered privately
    (secrecy), C cancelled as a duplicate, D distributed to SNV, E and F waiting at intake.
    At 13:00, F is distributed (its intake closed late); D's accept and E's intake are past
    their limits. The tracking codes by letter."""
    a = await publish_one(world)
    api = await world.as_(None)
    rated = await api.data(
        RATE, {"id": a["reflection"]["id"], "code": a["trackingCode"], "rating": "SATISFIED"}
    )
    assert rated["rateReflection"]["errors"] == []
    b = await publish_one(world, secrecyRequested=True)
    assert b["reflection"]["state"] == "ANSWERED_PRIVATELY"
    c = await submit(world)
    await step(
        world,
        "ioc",
        "cancelReflection",
        c["reflection"],
        args=CANCEL,
        params=CANCEL_PARAMS,
        reason="DUPLICATE",
        note="Trùng",
    )
    d = await submit(world)
    await step(world, "ioc", "distributeReflection", d["reflection"])
    e = await submit(world)
    f = await submit(world)
    clock.instant = clock.instant + timedelta(hours=3)
    await step(world, "ioc", "distributeReflection", f["reflection"])
    return {
        "A": a["trackingCode"],
        "B": b["trackingCode"],
        "C": c["trackingCode"],
        "D": d["trackingCode"],
        "E": e["trackingCode"],
        "F": f["trackingCode"],
    }


def _steps(stats: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    return {s["step"]: (s["onTime"], s["late"], s["overdue"]) for s in stats["steps"]}


async def test_area_and_agency_figures(world: ReflectionWorld, clock: FixedClock) -> None:
    await november(world, clock)
    key = await _key(world, "PROV")
    area = (await _ask(world, key, STATS, unit=world.unit("PROV"), period="2026-11"))["data"][
        "reflectionStats"
    ]
    assert (area["period"], area["start"], area["end"], area["side"]) == (
        "2026-11",
        "2026-11-01",
        "2026-12-01",
        "AREA",
    )
    counts = {k: area[k] for k in ("received", "handled", "open", "secret", "cancelled")}
    assert counts == {"received": 6, "handled": 2, "open": 3, "secret": 1, "cancelled": 1}
    assert {c["reason"]: c["count"] for c in area["cancelledByReason"]}["DUPLICATE"] == 1
    assert {r["rating"]: r["count"] for r in area["ratings"]} == {
        "SATISFIED": 1,
        "ACCEPTABLE": 0,
        "UNSATISFIED": 0,
    }
    assert (area["rated"], area["satisfactionRate"]) == (1, 1.0)
    steps = _steps(area)
    # intake: A, B, C (cancelled in time), D on time; F late; E open past its limit
    assert steps["INTAKE"] == (4, 1, 1)
    assert steps["ACCEPT"] == (2, 0, 1)  # D's accept is past its limit
    assert steps["HANDLE"] == steps["APPROVE"] == steps["PUBLISH"] == (2, 0, 0)
    assert area["overdue"] == 2
    assert area["onTimeRate"] == pytest.approx(12 / 15, abs=1e-4)

    agency = (
        await _ask(world, key, STATS, unit=world.unit("SNV"), period="2026-11", side="AGENCY")
    )["data"]["reflectionStats"]
    counts = {k: agency[k] for k in ("received", "handled", "open", "secret", "cancelled")}
    assert counts == {"received": 4, "handled": 2, "open": 2, "secret": 1, "cancelled": 0}
    assert _steps(agency) == {
        "ACCEPT": (2, 0, 1),
        "HANDLE": (2, 0, 0),
        "APPROVE": (2, 0, 0),
    }
    assert agency["rated"] == 1
    # the district: reports located in Phú Hội are Huế's; none went to Huế's agencies
    hue = await _ask(world, key, STATS, unit=world.unit("HUE"), period="2026-W47")
    assert hue["data"]["reflectionStats"]["received"] == 6
    hue_agency = await _ask(
        world, key, STATS, unit=world.unit("HUE"), period="2026-11-20", side="AGENCY"
    )
    assert hue_agency["data"]["reflectionStats"]["received"] == 0
    other_day = await _ask(world, key, STATS, unit=world.unit("PROV"), period="2026-11-19")
    assert other_day["data"]["reflectionStats"]["received"] == 0


async def test_filters_and_series(world: ReflectionWorld, clock: FixedClock) -> None:
    await november(world, clock)
    key = await _key(world, "PROV")
    land = await _ask(
        world,
        key,
        STATS,
        unit=world.unit("PROV"),
        period="2026",
        categories=[world.category("LAND")],
    )
    assert land["data"]["reflectionStats"]["received"] == 0
    lighting = await _ask(
        world,
        key,
        STATS,
        unit=world.unit("PROV"),
        period="2026-Q4",
        categories=[world.category("LIGHTING")],
        commune=world.unit("HUE-PHUHOI"),
    )
    assert lighting["data"]["reflectionStats"]["received"] == 6
    hotline = await _ask(
        world, key, STATS, unit=world.unit("PROV"), period="2026", channels=["HOTLINE"]
    )
    assert hotline["data"]["reflectionStats"]["received"] == 0
    elsewhere = await _ask(
        world, key, STATS, unit=world.unit("PROV"), period="2026", commune=world.unit("PD-PHONGTHU")
    )
    assert elsewhere["data"]["reflectionStats"]["overdue"] == 0
    weeks = await _ask(
        world,
        key,
        SERIES,
        unit=world.unit("PROV"),
        grain="WEEK",
        **{"from": "2026-W46", "to": "2026-W48"},
    )
    points = weeks["data"]["reflectionStatsSeries"]
    assert [(p["period"], p["received"], p["overdue"]) for p in points] == [
        ("2026-W46", 0, 0),
        ("2026-W47", 6, 2),
        ("2026-W48", 0, 0),
    ]
    months = await _ask(
        world,
        key,
        SERIES,
        unit=world.unit("SNV"),
        grain="MONTH",
        side="AGENCY",
        **{"from": "2026-10", "to": "2026-12"},
    )
    assert [p["received"] for p in months["data"]["reflectionStatsSeries"]] == [0, 4, 0]


async def test_scope_and_periods_are_typed_errors(world: ReflectionWorld) -> None:
    key = await _key(world, "HUE")
    outside = await _ask(world, key, STATS, unit=world.unit("PROV"), period="2026-11")
    assert outside["errors"][0]["extensions"]["code"] == "OUT_OF_SCOPE"
    assert outside["data"] is None
    outside_agency = await _ask(
        world, key, STATS, unit=world.unit("SNV"), period="2026-11", side="AGENCY"
    )
    assert outside_agency["errors"][0]["extensions"]["code"] == "OUT_OF_SCOPE"
    for period in ("2026-13", "2026-02-30", "2025-W53", "2026-Q5", "nov", "1999-01-01", ""):
        bad = await _ask(world, key, STATS, unit=world.unit("HUE"), period=period)
        assert bad["errors"][0]["extensions"]["code"] == "INVALID_PERIOD", period
    mixed = await _ask(
        world,
        key,
        SERIES,
        unit=world.unit("HUE"),
        grain="WEEK",
        **{"from": "2026-11", "to": "2026-12"},
    )
    assert mixed["errors"][0]["extensions"]["code"] == "INVALID_PERIOD"
    staff = await (await world.as_("giang")).post(
        STATS, {"unit": world.unit("SNV"), "period": "2026-11"}
    )
    assert staff["errors"][0]["extensions"]["code"] == "OUT_OF_SCOPE"
    ioc = await (await world.as_("ioc")).post(STATS, {"unit": world.unit("PROV"), "period": "2026"})
    assert ioc["errors"][0]["extensions"]["code"] == "OUT_OF_SCOPE"  # operators, not stats
    overseer = await (await world.as_("cuong")).post(
        STATS, {"unit": world.unit("HUE"), "period": "2026-11"}
    )
    assert overseer["data"]["reflectionStats"]["received"] == 0
    public = await world.api.client.post(
        "/graphql",
        json={"query": STATS, "variables": {"unit": world.unit("HUE"), "period": "2026"}},
    )
    assert public.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_stats_never_carry_reporter_data(world: ReflectionWorld, clock: FixedClock) -> None:
    codes = await november(world, clock)
    key = await _key(world, "PROV")
    bodies = [
        await _ask(world, key, STATS, unit=world.unit("PROV"), period="2026-11", side=side)
        for side in ("AREA", "AGENCY")
    ]
    bodies.append(
        await _ask(
            world,
            key,
            SERIES,
            unit=world.unit("PROV"),
            grain="DAY",
            **{"from": "2026-11-19", "to": "2026-11-21"},
        )
    )
    text = repr(bodies)
    for secret in (
        "Trần Văn Dân",
        "0905 111 222",
        "dan@example.vn",
        "Nguyễn Huệ",
        "Đèn đường",
        *codes.values(),
    ):
        assert secret not in text


async def test_stats_read_the_cells_not_the_reports(
    world: ReflectionWorld, clock: FixedClock, container: Container
) -> None:
    await november(world, clock)
    key = await _key(world, "PROV")
    with StatementCounter(container.engine) as counter:
        await _ask(world, key, STATS, unit=world.unit("PROV"), period="2026")
    on_reports = [s for s in counter.statements if "FROM reflections" in s]
    assert len(on_reports) == 1  # only the open reports past their limit
    assert "step_due <" in on_reports[0].replace('"', "")
    assert not [s for s in counter.statements if "reflection_events" in s]


async def _by_code(world: ReflectionWorld, code: str) -> dict[str, Any]:
    api = await world.as_(None)
    found = await api.data(
        "query($c: String!) { reflectionByTrackingCode(code: $c) { id version } }", {"c": code}
    )
    node: dict[str, Any] = found["reflectionByTrackingCode"]
    return node


async def _move(
    world: ReflectionWorld, codes: dict[str, str], letter: str, key: str, name: str, **kw: Any
) -> None:
    args = "".join(f", {k}: ${k}" for k in kw)
    params = "".join(f", ${k}: {_TYPES[k]}" for k in kw)
    done = await step(
        world, key, name, await _by_code(world, codes[letter]), args=args, params=params, **kw
    )
    assert done["errors"] == [], (name, done["errors"])


_TYPES = {
    "note": "String!",
    "categoryId": "ID",
    "agencyIds": "[ID!]",
    "agencyId": "ID",
    "reason": "ReflectionCancelReason!",
}


async def test_cells_kept_on_write_equal_a_full_recount(
    world: ReflectionWorld, clock: FixedClock, container: Container
) -> None:
    codes = await november(world, clock)
    m = codes
    # E: sent to verification (intake closed late), verified, classified FIRE (its cells
    # move), distributed to two agencies; SNV returns its part, Huế's office accepts.
    await _move(world, m, "E", "ioc", "requestReflectionVerification", note="Xác minh")
    await _move(world, m, "E", "ioc", "verifyReflection")
    await _move(world, m, "E", "ioc", "classifyReflection", categoryId=world.category("FIRE"))
    both = [world.unit("SNV"), world.unit("HUE-PKT")]
    await _move(world, m, "E", "ioc", "distributeReflection", agencyIds=both)
    snv, pkt = world.unit("SNV"), world.unit("HUE-PKT")
    await _move(world, m, "E", "giang", "returnReflectionToIoc", note="Không thuộc", agencyId=snv)
    await _move(world, m, "E", "dung", "acceptReflection", agencyId=pkt)
    clock.instant = clock.instant + timedelta(days=1)
    # D accepted a day late; F returned then cancelled; B rated unsatisfied
    await _move(world, m, "D", "giang", "acceptReflection")
    await _move(world, m, "F", "giang", "returnReflectionToIoc", note="Không thuộc")
    await _move(world, m, "F", "ioc", "cancelReflection", reason="EDIT_NOT_MADE", note="Hủy")
    anon = await world.as_(None)
    b = await _by_code(world, m["B"])
    rated = await anon.data(RATE, {"id": b["id"], "code": m["B"], "rating": "UNSATISFIED"})
    assert rated["rateReflection"]["errors"] == []

    async def snapshot() -> tuple[set[Any], set[Any]]:
        async with container.engine.connect() as conn:
            cells = {
                tuple(r) for r in await conn.execute(select(reflection_stat_cells)) if any(r[7:])
            }
            steps = {
                tuple(r) for r in await conn.execute(select(reflection_stat_steps)) if any(r[8:])
            }
        return cells, steps

    kept = await snapshot()
    async with container.engine.begin() as conn:  # PostgreSQL: the SQL rebuild
        assert await conn.run_sync(reflection_stats_rollup.rebuild) == 6
    assert await snapshot() == kept
    async with container.engine.begin() as conn:  # report by report, on both databases
        assert await conn.run_sync(reflection_stats_rollup.recount) == 6
    assert await snapshot() == kept
    key = await _key(world, "PROV")
    area = (await _ask(world, key, STATS, unit=world.unit("PROV"), period="2026-11"))["data"][
        "reflectionStats"
    ]
    assert (area["received"], area["handled"], area["open"], area["cancelled"]) == (6, 2, 2, 2)
    assert (area["rated"], area["satisfactionRate"]) == (2, 0.5)
    # late: F distributed and E sent to verification after the limit; on time: A, B, C, D,
    # then E after verification and F's second intake (cancelled as soon as returned)
    assert _steps(area)["INTAKE"][:2] == (6, 2)
    assert _steps(area)["VERIFICATION"][:2] == (1, 0)
    pkt_side = await _ask(
        world, key, STATS, unit=world.unit("HUE"), period="2026-11", side="AGENCY"
    )
    assert pkt_side["data"]["reflectionStats"]["received"] == 1
    fire = await _ask(
        world,
        key,
        STATS,
        unit=world.unit("PROV"),
        period="2026-11",
        categories=[world.category("FIRE")],
    )
    assert fire["data"]["reflectionStats"]["received"] == 1


async def test_reporting_views_and_their_counts_hold_no_reporter_data(
    world: ReflectionWorld, clock: FixedClock, container: Container
) -> None:
    if container.engine.dialect.name != "postgresql":
        pytest.skip("the reporting schema exists on PostgreSQL")
    codes = await november(world, clock)
    rows: dict[str, list[Any]] = {}
    async with container.engine.connect() as conn:
        for name in REFLECTION_VIEWS:
            rows[name] = list(await conn.execute(text(f"SELECT * FROM reporting.{name}")))
        monthly = await conn.scalar(
            text(
                "SELECT sum(received) FROM reporting.reflection_stats_monthly "
                "WHERE month = '2026-11-01' AND side = 'AREA'"
            )
        )
    assert monthly == 6
    assert len(rows["reflections"]) == 6
    assert sum(1 for r in rows["reflections"] if r.handled) == 2
    assert rows["reflection_steps"]
    dump = repr(rows)
    for secret in (*REPORTER, *codes.values()):
        assert secret not in dump


CARDS = """
query Cards($unit: ID!, $year: Int!) {
  unitScorecards(unitId: $unit, year: $year) {
    rank unit { code } reflections { side received handled overdue onTimeRate
                                     steps { step onTime late overdue } }
  }
}
"""


async def test_scorecards_carry_the_agencies_field_reports(
    world: ReflectionWorld, clock: FixedClock
) -> None:
    await november(world, clock)
    key = await _key(world, "PROV")
    cards = (await _ask(world, key, CARDS, unit=world.unit("PROV"), year=2026))["data"]
    by_code = {c["unit"]["code"]: c["reflections"] for c in cards["unitScorecards"]}
    snv = by_code["SNV"]
    assert (snv["side"], snv["received"], snv["handled"], snv["overdue"]) == ("AGENCY", 4, 2, 1)
    assert snv["onTimeRate"] == pytest.approx(6 / 7, abs=1e-4)
    assert by_code["HUE"]["received"] == 0  # Phú Hội's reports went to SNV, not Huế's agencies
    assert by_code["HUE"]["onTimeRate"] is None
