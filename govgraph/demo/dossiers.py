"""Demo dossiers: a few thousand applications of the demo's active applicants for the demo
catalog's online procedures, over the last five months, played forward on the working
calendar to where each stands now: every state, some received late or done late, some
supplemented (the clock stopped), refused and completed, withdrawn, surveyed, explained when
overdue, and one refused three times through the desk's fault, with its apology letter.

Rows are inserted in bulk (Core) in the loader's transaction, then the statistics cells are
rebuilt once. The files are records of the media store without content (a GET of their URL
is 404); dossiers submitted through the API carry real files."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.calendar import WorkingCalendar
from domain.dossiers import tracking
from domain.dossiers.model import StatusClass, SurveyCriterion
from domain.dossiers.survey import OPTIONAL
from govgraph.demo.applicants import DEMO_CITIZEN
from govgraph.demo.dossier_play import Play, play
from persistence import applicant_tables as at
from persistence import catalog_tables as ct
from persistence import dossier_tables as dt
from persistence import tables as t
from persistence.dossier_stats import rebuild
from persistence.media_tables import media_uploads

Row = dict[str, Any]
SEED = 20_170_201
DOSSIERS = 3_000
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj "
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
DESK_UNIT = "HUE-VINHNINH"
FOR_DESK, FOR_CITIZEN = 60, 6
"""The first dossiers are of the demo desk's commune; the first few the demo citizen's."""
APOLOGY = 7
FIXED_CODES = {0: "HS-TTH2-2026-0001", APOLOGY: "HS-TTH2-2026-0007"}
"""Codes the docs name: the first dossier, and the one with the apology letter."""
TABLES: tuple[Table, ...] = (
    dt.dossiers,
    dt.dossier_steps,
    dt.dossier_components,
    dt.dossier_supplements,
    dt.dossier_apologies,
    dt.dossier_notices,
    dt.dossier_surveys,
)


async def _procedures(conn: AsyncConnection) -> list[Row]:
    """Current versions taking dossiers online, with their chains and components."""
    p, v = ct.procedures.c, ct.procedure_versions.c
    rows = await conn.execute(
        select(v.id, v.procedure_id, v.name, v.processing_days, v.methods)
        .join(ct.procedures, p.id == v.procedure_id)
        .where(v.number == p.current_number, v.service_level >= 3)
        .order_by(v.id)
    )
    found = [dict(r._mapping) for r in rows if "ONLINE" in r.methods]
    pa, pc = ct.procedure_agencies.c, ct.procedure_components.c
    chains: dict[int, list[int]] = {}
    for r in await conn.execute(
        select(pa.version_id, pa.unit_id).order_by(pa.version_id, pa.position)
    ):
        chains.setdefault(r.version_id, []).append(r.unit_id)
    parts: dict[int, list[int]] = {}
    for r in await conn.execute(select(pc.version_id, pc.id).where(pc.required).order_by(pc.id)):
        parts.setdefault(r.version_id, []).append(r.id)
    for row in found:
        row["chain"] = chains.get(row["id"], [])
        row["components"] = parts.get(row["id"], [])
    return [r for r in found if r["chain"] and r["components"]]


async def _applicants(conn: AsyncConnection) -> list[int]:
    """Active applicants' accounts, the documented citizen's first."""
    a, c = at.applicants.c, t.accounts.c
    rows = await conn.execute(
        select(a.account_id)
        .join(t.accounts, c.id == a.account_id)
        .where(a.status == "ACTIVE")
        .order_by((c.login == DEMO_CITIZEN.login).desc(), a.id)
    )
    return [int(r[0]) for r in rows]


async def _desk_unit(conn: AsyncConnection) -> int | None:
    u = t.org_units.c
    found = await conn.scalar(select(u.id).where(u.code == DESK_UNIT))
    return int(found) if found is not None else None


async def load_demo_dossiers(
    conn: AsyncConnection,
    *,
    now: datetime,
    time_zone: str,
    count: int = DOSSIERS,
    advance: Callable[[int], None] | None = None,
) -> int:
    """Insert the demo dossiers in the loader's transaction; how many."""
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
    procedures, applicants = await _procedures(conn), await _applicants(conn)
    if not procedures or not applicants:
        return 0
    desk = await _desk_unit(conn)
    at_desk = [p for p in procedures if p["chain"][0] == desk] or procedures
    calendar = WorkingCalendar(timezone=time_zone)
    ids = {t.name: await _next(conn, t) for t in TABLES}
    rows: dict[str, list[Row]] = {t.name: [] for t in (*TABLES, media_uploads)}

    def add(table: Table, row: Row) -> Row:
        if table.name in ids:
            row["id"] = ids[table.name]
            ids[table.name] += 1
        rows[table.name].append(row)
        return row

    for n in range(count):
        # the first ones go to the demo desk (Vĩnh Ninh), the very first to the demo citizen
        choice = at_desk if n < FOR_DESK else procedures
        procedure = choice[rng.randrange(len(choice))]
        applicant = applicants[0] if n < FOR_CITIZEN else rng.choice(applicants)
        # recent ones are many (open), the oldest few (done); the first ones came in today
        age = timedelta(minutes=10 + int(rng.random() ** 2 * 150 * 24 * 60))
        if n < 40:
            age = timedelta(minutes=rng.randint(5, 8 * 60))
        if n == APOLOGY:  # old enough to have been refused three times and apologised for
            age = timedelta(days=40)
        story = play(
            Play(calendar, rng, now, now - age, procedure, apology=(n == APOLOGY)),
        )
        dossier = add(dt.dossiers, story.dossier | {"applicant_account_id": applicant})
        dossier["tracking_code"] = FIXED_CODES.get(n) or _code(rng)
        for step in story.steps:
            add(dt.dossier_steps, step | {"dossier_id": dossier["id"]})
        for index, (component, round_) in enumerate(story.files):
            key = f"demo{dossier['id']:010d}{index:04d}".ljust(32, "0")
            add(media_uploads, _upload(key, dossier, now))
            add(dt.dossier_components, _component(key, dossier, component, round_))
        for table, extra in (
            (dt.dossier_supplements, story.supplements),
            (dt.dossier_apologies, story.apologies),
            (dt.dossier_notices, story.notices),
        ):
            for row in extra:
                add(table, row | {"dossier_id": dossier["id"]})
        if story.surveyed:
            add(dt.dossier_surveys, _survey(rng, dossier))
            dossier["rated"] = True
        if advance is not None and n % 500 == 499:
            advance(500)
    await _insert(conn, rows)
    await conn.run_sync(lambda sync: rebuild(sync, time_zone))
    return count


async def _insert(conn: AsyncConnection, rows: dict[str, list[Row]]) -> None:
    """The rows, dossiers first; PostgreSQL's sequences past the explicit ids."""
    for table in (*TABLES[:1], media_uploads, *TABLES[1:]):
        batch = rows[table.name]
        for start in range(0, len(batch), 2_000):
            await conn.execute(table.insert(), batch[start : start + 2_000])
        if conn.dialect.name == "postgresql" and table in TABLES:
            await conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                    f"GREATEST((SELECT max(id) FROM {table.name}), 1))"
                )
            )


def _code(rng: random.Random) -> str:
    """A tracking code of the demo's own sequence (the same on every load)."""
    groups = ("".join(rng.choice(tracking.ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join((tracking.PREFIX, *groups))


def _upload(key: str, dossier: Row, now: datetime) -> Row:
    return {
        "key": key,
        "kind": "DOCUMENT",
        "mime_type": "application/pdf",
        "size_bytes": len(PDF),
        "sha256": "0" * 64,
        "name": "ho-so.pdf",
        "uploaded_at": dossier["submitted_at"],
        "client_address": "demo",
        "person_id": None,
        "reflection_id": None,
        "dossier_id": dossier["id"],
    }


def _component(key: str, dossier: Row, component: int, round_: int) -> Row:
    return {
        "dossier_id": dossier["id"],
        "component_id": component,
        "upload_key": key,
        "file_name": "ho-so.pdf",
        "mime_type": "application/pdf",
        "size_bytes": len(PDF),
        "sha256": "0" * 64,
        "added_at": dossier["submitted_at"],
        "round": round_,
        "signature": None,
    }


def _survey(rng: random.Random, dossier: Row) -> Row:
    late = dossier["finish_class"] == StatusClass.DONE_LATE
    scores: Row = {}
    for criterion in SurveyCriterion:
        if criterion in OPTIONAL and rng.random() < 0.4:
            scores[criterion.value.lower()] = None
            continue
        low = 1 if late and criterion is SurveyCriterion.PROCESSING_TIME else 3
        scores[criterion.value.lower()] = rng.randint(low, 5)
    return {
        "dossier_id": dossier["id"],
        "submitted_at": dossier["delivered_at"] or dossier["finished_at"],
        "comment": "",
        **scores,
    }


async def _next(conn: AsyncConnection, table: Table) -> int:
    found = (await conn.execute(select(func.max(table.c.id)))).scalar_one()
    return int(found or 0) + 1
