"""The benchmark database: the demo province loaded as the other benchmarks load it, plus the
SQL the PostGraphile side needs (schema `bench_peer`, from peer.sql)."""

from __future__ import annotations

import time
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import typer
from sqlalchemy import make_url, text

from bench.directory import recreate_database, settings_for
from bench.tasks import vacuum
from govgraph.demo.load import load_demo
from persistence.database import create_engine
from persistence.migrate import upgrade_async

PEER_SQL = Path(__file__).with_name("peer.sql")


def libpq_url(url: str) -> str:
    """The SQLAlchemy URL as libpq (asyncpg, node-postgres) spells it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def check_name(url: str) -> None:
    """Only PostgreSQL, and only a database whose name says it is a benchmark's."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise typer.BadParameter("PostGraphile needs PostgreSQL", param_hint="--database-url")
    if "bench" not in (parsed.database or ""):
        raise typer.BadParameter(
            "the database is emptied: its name must contain 'bench'", param_hint="--database-url"
        )


async def load(url: str, scale: int) -> None:
    """Recreate the database and load the demo province at `scale`, with progress."""
    started = time.perf_counter()
    await recreate_database(url, force=False)
    typer.echo("Migrating ...")
    await upgrade_async(url)
    await load_demo(settings_for(url), scale=scale, quiet=False)
    await vacuum(url)
    typer.echo(f"Loaded scale {scale} in {time.perf_counter() - started:.0f} s.")


async def prepare(url: str) -> dict[str, int]:
    """Migrate (a reused database may be behind), apply peer.sql; the data's sizes."""
    await upgrade_async(url)
    raw = await asyncpg.connect(libpq_url(url))
    try:  # a script of several statements: asyncpg's simple query protocol
        await raw.execute(PEER_SQL.read_text(encoding="utf-8"))
    finally:
        await raw.close()
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            sizes = {
                name: int(await conn.scalar(text(sql)) or 0)
                for name, sql in {
                    "units": "SELECT count(*) FROM org_units WHERE valid_to IS NULL",
                    "people": "SELECT count(*) FROM persons WHERE unit_id IS NOT NULL",
                    "tasks": "SELECT count(*) FROM tasks",
                    "reports": "SELECT count(*) FROM reflections",
                }.items()
            }
    finally:
        await engine.dispose()
    if not sizes["units"]:
        raise typer.BadParameter("the database holds no demo province: run without --no-load")
    return sizes
