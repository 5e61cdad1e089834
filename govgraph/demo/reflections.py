"""Demo field reports: a year of reports in every category, channel and state (issue 4).

Built from the rows of `build_demo` with one seeded generator (same scale and `now`, same
rows). Each report follows a path of the flows in domain.reflections.workflow (standard,
returned and redistributed, leader returns, verification, sensitive with agreement, urgent,
secret, cancelled), cut where its age puts it; every step writes its event with the limit of
domain.reflections.deadlines on the default working calendar, most on time, some late.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.calendar import DEFAULT_TIMEZONE, WorkingCalendar
from domain.reflections.model import (
    AssignmentState,
    Channel,
    ReflectionPriority,
    ReflectionState,
    ReporterKind,
)
from domain.reflections.workflow import Action
from domain.text import fold
from govgraph.demo.build import DemoData
from govgraph.demo.places import commune_point
from govgraph.demo.reflection_catalog import CATEGORIES, PLACES, STORIES
from govgraph.demo.reflection_replay import Replay
from govgraph.progress import Steps
from persistence import (
    reflection_feed,
    reflection_stats_rollup,
    reflection_tables,  # noqa: F401 - registers the field-report tables on the metadata
    tables,
)

Row = dict[str, Any]
S, A, P = ReflectionState, AssignmentState, ReflectionPriority
SEED = 20_260_404
PER_SCALE = 3_000
CHUNK = 2_000

REFLECTION_TABLES = (
    "reflection_categories",
    "reflection_category_agencies",
    "commune_points",
    "reflection_focals",
    "reflections",
    "reflection_assignments",
    "reflection_events",
    "reflection_questions",
)

CHANNELS = (
    (Channel.APP, 45),
    (Channel.PORTAL, 15),
    (Channel.HOTLINE, 20),
    (Channel.FACEBOOK, 8),
    (Channel.ZALO, 8),
    (Channel.EMAIL, 4),
)
HANDLE = [Action.ACCEPT, Action.SUBMIT_RESULT, Action.APPROVE]
PATHS: dict[str, list[Action]] = {
    "standard": [Action.DISTRIBUTE, *HANDLE, Action.PUBLISH],
    "returned": [Action.DISTRIBUTE, Action.RETURN, Action.DISTRIBUTE, *HANDLE, Action.PUBLISH],
    "redo": [
        Action.DISTRIBUTE,
        Action.ACCEPT,
        Action.SUBMIT_RESULT,
        Action.RETURN_RESULT,
        Action.SUBMIT_RESULT,
        Action.APPROVE,
        Action.PUBLISH,
    ],
    "verified": [Action.REQUEST_VERIFICATION, Action.VERIFY, Action.DISTRIBUTE, *HANDLE],
    "sensitive": [
        Action.SEND_TO_COORDINATOR,
        Action.ADVISE,
        Action.DISTRIBUTE,
        *HANDLE,
        Action.REQUEST_AGREEMENT,
        Action.AGREE,
        Action.PUBLISH,
    ],
    "cancelled": [Action.CANCEL],
    "unverified": [Action.REQUEST_VERIFICATION, Action.CANCEL],
}
PATHS["verified"].append(Action.PUBLISH)


@dataclass
class DemoReflections:
    """Rows per table (explicit ids)."""

    rows: dict[str, list[Row]]


def reflection_count(scale: int) -> int:
    """How many reports the demo holds at a scale."""
    return PER_SCALE * scale


class _Builder:
    def __init__(self, demo: DemoData, *, scale: int, now: datetime, bases: dict[str, int]) -> None:
        self.rng = random.Random(SEED + scale)  # noqa: S311 - demo data, not secrets
        self.now = now
        self.calendar = WorkingCalendar()
        self.rows: dict[str, list[Row]] = {name: [] for name in REFLECTION_TABLES}
        self.next_id = {name: bases.get(name, 1) for name in REFLECTION_TABLES}
        units = demo.rows["org_units"]
        self.by_code = {u["code"]: u for u in units if u["valid_to"] is None}
        by_id = {u["id"]: u for u in units}
        self.communes = [u for u in units if u["level_code"] == "COMMUNE" and not u["valid_to"]]
        self.district_of = {c["id"]: by_id[c["parent_id"]] for c in self.communes}
        self.ioc_account = next(
            (row["id"] for spec, row in demo.accounts if spec.key == "ioc"), None
        )
        self.members: dict[int, list[int]] = {}
        for person in demo.rows["persons"]:
            if person["unit_id"] is not None:
                self.members.setdefault(person["unit_id"], []).append(person["id"])

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] += 1
        return value

    def _add(self, table: str, row: Row) -> Row:
        row.setdefault("id", self._id(table))
        self.rows[table].append(row)
        return row

    # --- catalog, places, focal persons ------------------------------------------------------

    def catalog(self) -> None:
        for code, name, urgent, sensitive, agency in CATEGORIES:
            category = self._add(
                "reflection_categories",
                {
                    "code": code,
                    "name": name,
                    "urgent": urgent,
                    "sensitive": sensitive,
                    "active": True,
                },
            )
            if agency == "DISTRICT":  # the district of the commune handles it
                for district in {d["id"]: d for d in self.district_of.values()}.values():
                    self._entry(category["id"], district["id"], district["id"])
            elif agency in self.by_code:
                self._entry(category["id"], self.by_code[agency]["id"], None)
        for commune in self.communes:
            point = commune_point(self.district_of[commune["id"]]["code"], commune["name"])
            if point is None:
                raise ValueError(f"No centre for the demo commune {commune['code']}")
            self.rows["commune_points"].append(
                {"unit_id": commune["id"], "latitude": point[0], "longitude": point[1]}
            )
        for unit_id in sorted(
            {e["agency_unit_id"] for e in self.rows["reflection_category_agencies"]}
        ):
            staff = self.members.get(unit_id, [])
            self.rows["reflection_focals"].append(
                {
                    "agency_unit_id": unit_id,
                    "leader_person_id": staff[0] if staff else None,
                    "handler_person_id": staff[-1] if len(staff) > 1 else None,
                    "updated_at": self.now - timedelta(days=400),
                }
            )

    def _entry(self, category_id: int, agency_id: int, area_id: int | None) -> None:
        self._add(
            "reflection_category_agencies",
            {"category_id": category_id, "agency_unit_id": agency_id, "area_unit_id": area_id},
        )

    def agencies_for(self, category: Row, commune: Row) -> list[int]:
        entries = [
            e
            for e in self.rows["reflection_category_agencies"]
            if e["category_id"] == category["id"]
        ]
        district = self.district_of[commune["id"]]["id"]
        local = [e["agency_unit_id"] for e in entries if e["area_unit_id"] == district]
        return local or [e["agency_unit_id"] for e in entries if e["area_unit_id"] is None]

    # --- reports ---------------------------------------------------------------------------

    def reports(self, count: int) -> None:
        points = {p["unit_id"]: p for p in self.rows["commune_points"]}
        categories = self.rows["reflection_categories"]
        channels, weights = zip(*CHANNELS, strict=True)
        for n in range(count):
            category = categories[n % len(categories)]
            commune = self.rng.choice(self.communes)
            # one in fifty came in over the last hours: the IOC's intake has work waiting
            recent = n % 50 == 49
            age = timedelta(minutes=self.rng.randint(5, 6 * 60 if recent else 365 * 24 * 60))
            submitted = self.now - age
            point = points[commune["id"]]
            story, place = self.rng.choice(STORIES[category["code"]]), self.rng.choice(PLACES)
            content = f"{story} ({place}, {self.district_of[commune['id']]['name']})"
            path = self._path(category, n)
            row = self._add(
                "reflections",
                {
                    "channel": self.rng.choices(channels, weights)[0],
                    "content": content,
                    "occurred_at": submitted - timedelta(minutes=self.rng.randint(5, 600)),
                    "submitted_at": submitted,
                    "latitude": round(point["latitude"] + self.rng.uniform(-0.004, 0.004), 6),
                    "longitude": round(point["longitude"] + self.rng.uniform(-0.004, 0.004), 6),
                    "address": f"{self.rng.randint(1, 200)} {place}",
                    "commune_unit_id": commune["id"],
                    "reporter_name": f"Người phản ánh {n + 1}",
                    "reporter_phone": f"09{self.rng.randint(10_000_000, 99_999_999)}",
                    "reporter_email": f"nguoidan{n + 1}@example.vn",
                    "reporter_kind": ReporterKind.ORGANIZATION
                    if n % 17 == 0
                    else ReporterKind.INDIVIDUAL,
                    "reporter_account_id": None,
                    "consent_contact": n % 3 == 0,
                    "secrecy_requested": n % 23 == 0,
                    "is_public": not category["sensitive"],
                    "priority": P.URGENT if category["urgent"] else P.NORMAL,
                    "sensitive": category["sensitive"],
                    "coordinating_unit_id": self.by_code["SXD"]["id"]
                    if category["sensitive"]
                    else None,
                    "category_id": category["id"],
                    "media": "[]",
                    "published_at": None,
                    "result": None,
                    "rating": None,
                    "rated_at": None,
                    "cancel_reason": None,
                    "tracking_hash": None,
                    "search_text": fold(f"{content} {place}"),
                    "version": 1,
                },
            )
            agencies = self.agencies_for(category, commune)
            Replay(self, row, agencies).run(path)

    def _path(self, category: Row, n: int) -> list[Action]:
        if category["sensitive"]:
            return PATHS["sensitive"]
        roll = self.rng.random()
        for name, upto in (
            ("cancelled", 0.05),
            ("unverified", 0.07),
            ("returned", 0.15),
            ("redo", 0.22),
            ("verified", 0.27),
        ):
            if roll < upto:
                return PATHS[name]
        return PATHS["standard"]


def build_demo_reflections(
    demo: DemoData, *, scale: int, now: datetime, bases: dict[str, int] | None = None
) -> DemoReflections:
    """The field-report rows for a built demo province (same scale and `now`: same rows)."""
    builder = _Builder(demo, scale=scale, now=now, bases=bases or {})
    builder.catalog()
    builder.reports(reflection_count(scale))
    return DemoReflections(builder.rows)


async def load_demo_reflections(
    conn: AsyncConnection,
    demo: DemoData,
    *,
    scale: int,
    now: datetime,
    echo: Callable[[str], None],
    steps: Steps | None = None,
) -> DemoReflections:
    """Build and insert the demo field reports in the loader's transaction."""
    steps = steps or Steps(quiet=True)
    started = time.perf_counter()
    bases = {}
    for name in REFLECTION_TABLES:
        table = tables.metadata.tables[name]
        if "id" in table.c:
            found = (await conn.execute(select(func.max(table.c.id)))).scalar_one()
            bases[name] = int(found or 0) + 1
    with steps.step(f"Building the field reports ({reflection_count(scale):,})"):
        built = build_demo_reflections(demo, scale=scale, now=now, bases=bases)
    total = sum(len(built.rows[name]) for name in REFLECTION_TABLES)
    with steps.step("Inserting the field reports (rows)", total) as advance:
        for name in REFLECTION_TABLES:
            rows = built.rows[name]
            table = tables.metadata.tables[name]
            for start in range(0, len(rows), CHUNK):
                await conn.execute(table.insert(), rows[start : start + CHUNK])
                advance(len(rows[start : start + CHUNK]))
    if conn.dialect.name == "postgresql":
        for name in REFLECTION_TABLES:
            if "id" in tables.metadata.tables[name].c:
                await conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                        f"GREATEST((SELECT max(id) FROM {name}), 1))"
                    )
                )
            await conn.execute(text(f"ANALYZE {name}"))
    reports = len(built.rows["reflections"])
    with steps.step("Field-report statistics", reports) as advance:  # kept on write
        await conn.run_sync(reflection_stats_rollup.rebuild, DEFAULT_TIMEZONE, advance)
    with steps.step("Public feed counts"):
        await conn.run_sync(reflection_feed.rebuild)
    count = len(built.rows["reflections"])
    echo(f"Demo field reports: {count:,} loaded in {time.perf_counter() - started:.1f} s.")
    return built
