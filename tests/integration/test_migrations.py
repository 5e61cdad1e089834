"""The migrations build exactly what the table definitions declare, on both databases, and
every one goes down as well as up: a walk from head to base and back, one step at a time,
on a database of its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

import persistence.applicant_tables
import persistence.catalog_tables
import persistence.dossier_stats
import persistence.dossier_tables
import persistence.media_tables
import persistence.notification_tables
import persistence.portal_tables
import persistence.program_tables
import persistence.reflection_stats_tables
import persistence.reflection_tables
import persistence.report_tables
import persistence.reporter_message_tables
import persistence.stats_tables
import persistence.task_tables  # noqa: F401  (every table module, for the metadata)
from govgraph.settings import Settings
from persistence.database import create_engine
from persistence.migrate import alembic_config
from persistence.tables import metadata

# PostgreSQL-only indexes the migrations create with SQL of their own (pattern operator class,
# trigram search, the public feed's partial index): not part of the portable definitions
POSTGRES_ONLY = {
    "ix_org_units_path_pattern",
    "ix_persons_search_trgm",
    "ix_reflections_public_feed",
}


def _differences(connection: Any) -> list[Any]:
    return compare_metadata(MigrationContext.configure(connection), metadata)


async def test_the_migrated_schema_matches_the_table_definitions(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            found = await conn.run_sync(_differences)
    finally:
        await engine.dispose()
    extra = [d for d in found if not (d[0] == "remove_index" and d[1].name in POSTGRES_ONLY)]
    assert extra == []


@pytest.fixture
async def scratch(migrated: str, tmp_path: Any) -> AsyncIterator[str]:
    """An empty database of the same kind as the suite's, for this test alone."""
    if not migrated.startswith("postgresql"):
        yield f"sqlite+aiosqlite:///{tmp_path / 'walk.db'}"
        return
    url = make_url(migrated)
    name = f"{url.database}_walk"
    admin = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database="postgres",
    )
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield url.set(database=name).render_as_string(hide_password=False)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def _walk(url: str) -> list[str]:
    """Down from head to base one step at a time, then up again; the revisions gone down."""
    config = alembic_config(url)
    command.upgrade(config, "head")
    script = ScriptDirectory.from_config(config)
    steps = [revision.revision for revision in script.walk_revisions()]  # head first
    for revision in steps:
        down_to = script.get_revision(revision).down_revision or "base"
        command.downgrade(config, str(down_to))
    for revision in reversed(steps):
        command.upgrade(config, revision)
    return steps


async def test_every_migration_goes_down_to_base_and_up_again(scratch: str) -> None:
    steps = await asyncio.to_thread(_walk, scratch)
    assert steps[-1] == "0001"
    assert len(steps) >= 16
    engine = create_engine(scratch)
    try:
        async with engine.connect() as conn:
            found = await conn.run_sync(_differences)
            at = await conn.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())
    finally:
        await engine.dispose()
    assert at == steps[0]
    assert [d for d in found if not (d[0] == "remove_index" and d[1].name in POSTGRES_ONLY)] == []


def test_the_db_command_upgrades_shows_and_downgrades(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from govgraph.cli import app
    from govgraph.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, ["db", *args])
        assert result.exit_code == 0, result.output
        return result.stdout  # logs, when another test set them up, go to stderr

    try:
        assert "(not migrated)" in run("current")
        run("upgrade")
        head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
        assert run("current").strip() == head
        listed = run("history")
        assert "0014 -> 0015  reporter messages" in listed
        assert "base -> 0001" in listed
        refused = runner.invoke(app, ["db", "downgrade", "0015"], input="n\n")
        assert refused.exit_code != 0
        assert run("current").strip() == head
        run("downgrade", "0015", "--yes")
        assert run("current").strip() == "0015"
        run("upgrade", "head")
        assert run("current").strip() == head
    finally:
        get_settings.cache_clear()
