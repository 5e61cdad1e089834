"""Load the demo province into a migrated database: bulk Core inserts in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import typer
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.calendar import WorkingCalendar
from govgraph.container import auth_config
from govgraph.demo.applicants import load_demo_applicants
from govgraph.demo.build import TABLES, DemoData, build_demo
from govgraph.demo.catalog import load_demo_catalog
from govgraph.demo.dossiers import DOSSIERS, load_demo_dossiers
from govgraph.demo.notifications import STEPS, load_demo_notifications
from govgraph.demo.portal import load_demo_portal
from govgraph.demo.reflections import load_demo_reflections
from govgraph.demo.reports import load_demo_reports
from govgraph.demo.tasks import OFFICE_CODE, load_demo_tasks
from govgraph.progress import Steps
from govgraph.settings import Settings
from persistence import tables
from persistence.database import create_engine

CHUNK = 2_000


class DemoDataError(typer.BadParameter):
    """The demo cannot be loaded (the CLI prints the message, without a traceback)."""

    def format_message(self) -> str:
        return self.message


async def load_demo(
    settings: Settings,
    *,
    scale: int = 1,
    if_empty: bool = False,
    now: datetime | None = None,
    quiet: bool = False,
) -> None:
    """Load the demo province `scale` times larger (districts, communes and people).

    The database must be migrated and hold no units; with `if_empty` a database that has
    units is left alone. `now` stamps the accounts (default: the current time; passwords
    expire after the rotation period counted from it).
    """
    if scale < 1:
        raise DemoDataError("--scale must be at least 1")
    echo: Callable[[str], None] = (lambda _message: None) if quiet else typer.echo
    started = time.perf_counter()
    engine = create_engine(settings.database_url)
    try:
        with Steps(quiet=quiet) as steps:
            demo = await _load(engine, settings, scale, if_empty, now, echo, steps)
            if demo is None:
                return
            with steps.step("Notifications of the latest task steps", STEPS) as advance:
                told = await load_demo_notifications(engine, advance)
        echo(f"  Notifications: {told:,} in the demo inboxes")
    finally:
        await engine.dispose()
    echo(f"Demo province loaded in {time.perf_counter() - started:.1f} s.")
    _summary(demo, echo)


async def _load(  # noqa: PLR0917
    engine: AsyncEngine,
    settings: Settings,
    scale: int,
    if_empty: bool,
    now: datetime | None,
    echo: Callable[[str], None],
    steps: Steps,
) -> DemoData | None:
    """Everything but the notifications, in one transaction (None: skipped, not empty)."""
    async with engine.begin() as conn:
        units = (
            await conn.execute(select(func.count()).select_from(tables.org_units))
        ).scalar_one()
        if units:
            if if_empty:
                echo(f"The database already has {units} units: demo data not loaded.")
                return None
            raise DemoDataError(
                f"The database already has {units} units. Load the demo into an empty "
                "database, or pass --if-empty to skip loading when units exist."
            )
        bases = {name: await _next_id(conn, name) for name in TABLES}
        with steps.step(f"Building the demo province (scale {scale})"):
            demo = build_demo(scale=scale, bases=bases)
            _stamp_accounts(demo, settings, now or datetime.now(UTC))
        await _insert(conn, demo, steps)
        built = await load_demo_tasks(
            conn, demo, scale=scale, now=now or datetime.now(UTC), echo=echo, steps=steps
        )
        office = next(u for u in demo.rows["org_units"] if u["code"] == OFFICE_CODE)
        with steps.step("Press digests, citizen questions, periodic occurrences"):
            await load_demo_portal(
                conn, built, office_id=office["id"], now=now or datetime.now(UTC), echo=echo
            )
        with steps.step("Periodic reports and work programs"):
            made = await load_demo_reports(conn, demo, now=now or datetime.now(UTC))
        echo(f"Demo reports and work programs: {made} rows.")
        await load_demo_reflections(
            conn, demo, scale=scale, now=now or datetime.now(UTC), echo=echo, steps=steps
        )
        with steps.step("The procedure catalog and applicant accounts"):
            await _catalog(conn, demo, settings, now or datetime.now(UTC), echo)
        with steps.step("Dossiers of the online public services", DOSSIERS) as advance:
            made = await load_demo_dossiers(
                conn,
                now=now or datetime.now(UTC),
                time_zone=settings.time_zone,
                advance=advance,
            )
        echo(f"Demo dossiers: {made:,} in every state.")
        await conn.execute(  # caches of directory reads must see the new province
            update(tables.revisions)
            .where(tables.revisions.c.name == "directory")
            .values(value=tables.revisions.c.value + 1)
        )
        if conn.dialect.name == "postgresql":
            with steps.step("Sequences and planner statistics", len(TABLES)) as advance:
                await _sequences(conn, advance)
    return demo


async def _catalog(
    conn: AsyncConnection,
    demo: DemoData,
    settings: Settings,
    now: datetime,
    echo: Callable[[str], None],
) -> None:
    """Procedures of the departments, district offices and communes; applicant accounts."""
    procedures = await load_demo_catalog(conn, demo, now=now)
    office = next((row["id"] for spec, row in demo.accounts if spec.key == "account_office"), None)
    applicants = await load_demo_applicants(
        conn,
        now=now,
        auth=auth_config(settings),
        calendar=WorkingCalendar(),
        office_account_id=office,
    )
    echo(f"Demo catalog: {procedures} procedures; {applicants} applicant accounts.")


async def _sequences(conn: AsyncConnection, advance: Callable[[int], None]) -> None:
    """PostgreSQL: sequences past the explicit ids, fresh statistics for the planner."""
    for name in TABLES:
        # Explicit ids leave the sequences behind; later inserts must not collide.
        await conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {name}))"
            )
        )
        # Fresh statistics, so the planner uses the trigram and path indexes.
        await conn.execute(text(f"ANALYZE {name}"))
        advance(1)


async def _next_id(conn: AsyncConnection, name: str) -> int:
    table = tables.metadata.tables[name]
    found = (await conn.execute(select(func.max(table.c.id)))).scalar_one()
    return int(found or 0) + 1


def _stamp_accounts(demo: DemoData, settings: Settings, now: datetime) -> None:
    """Hash the documented passwords (after checking them against the policy)."""
    config = auth_config(settings)
    for spec, row in demo.accounts:
        config.policy.check(spec.password, login=spec.login)
        row["password_hash"] = config.hasher.hash(spec.password)
        row["created_at"] = row["password_changed_at"] = now
    for grant in demo.rows["role_grants"]:
        grant["granted_at"] = now


async def _insert(conn: AsyncConnection, demo: DemoData, steps: Steps) -> None:
    total = sum(len(rows) for rows in demo.rows.values())
    with steps.step("Inserting the directory (rows)", total) as advance:
        for name in TABLES:
            await _insert_table(conn, name, demo.rows[name], advance)


async def _insert_table(
    conn: AsyncConnection, name: str, rows: list[dict[str, Any]], advance: Callable[[int], Any]
) -> None:
    table = tables.metadata.tables[name]
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        await conn.execute(table.insert(), chunk)
        advance(len(chunk))


def _summary(demo: DemoData, echo: Callable[[str], None]) -> None:
    units = demo.rows["org_units"]
    by_level: dict[str, int] = {}
    for unit in units:
        if unit["valid_to"] is None:
            by_level[unit["level_code"]] = by_level.get(unit["level_code"], 0) + 1
    levels = ", ".join(f"{count} {level.lower()}" for level, count in by_level.items())
    people = sum(1 for p in demo.rows["persons"] if p["unit_id"] is not None)
    echo(f"  Units: {levels}")
    echo(f"  People: {people:,} current ({len(demo.rows['persons']):,} with history)")
    echo(f"  Leadership positions: {len(demo.rows['leaderships']):,}")
    echo("")
    echo("Demo accounts (docs/demo-accounts.md; the passwords are public, demo only):")
    persons = {p["id"]: p for p in demo.rows["persons"]}
    by_id = {u["id"]: u for u in units}
    width = max(len(spec.login) for spec, _row in demo.accounts)
    for spec, row in demo.accounts:
        roles = (
            ", ".join(
                f"{role.value} on {code}{' (subtree)' if subtree else ''}"
                for role, code, subtree in spec.roles
            )
            or "no role"
        )
        who = persons[row["person_id"]]["full_name"] if row["person_id"] else "unit account"
        note = "; must change password at first sign-in" if spec.must_change_password else ""
        echo(f"  {spec.login:<{width}}  {spec.password:<20} {roles}")
        echo(f"  {'':<{width}}  {'':<20} {who}, {by_id[row['unit_id']]['name']}{note}")
