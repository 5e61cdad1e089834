"""Backups: deploy/backup.sh dumps the database with pg_dump and deploy/restore.sh restores the
archive into an empty database with pg_restore; every table comes back with its rows, and
the schema at the same revision (PostgreSQL)."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from govgraph.container import Container
from persistence.database import create_engine
from persistence.migrate import current
from persistence.tables import metadata
from tests.factories import build_province

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.fixture
async def target(container: Container) -> AsyncIterator[str]:
    """An empty database beside the suite's, dropped afterwards."""
    if container.engine.dialect.name != "postgresql":
        pytest.skip("pg_dump and pg_restore back up PostgreSQL")
    if shutil.which("pg_dump") is None:
        if os.environ.get("CI") == "true":
            raise AssertionError("pg_dump is not installed")
        pytest.skip("pg_dump is not installed")
    url = make_url(container.settings.database_url)
    name = f"{url.database}_restore"
    admin = await asyncpg.connect(
        host=url.host, port=url.port or 5432, user=url.username, database="postgres"
    )
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield url.set(database=name).render_as_string(hide_password=False)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return {
                table.name: int(
                    (await conn.execute(select(func.count()).select_from(table))).scalar_one()
                )
                for table in metadata.sorted_tables
            }
    finally:
        await engine.dispose()


async def _run(command: list[Path], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True, check=False
    )


async def test_a_backup_restores_into_an_empty_database(
    container: Container, target: str, tmp_path: Path
) -> None:
    await build_province(container)
    source = container.settings.database_url
    env = {**os.environ, "DATABASE_URL": source}
    archive = tmp_path / "govgraph.dump"
    backup = await _run([DEPLOY / "backup.sh", archive], env)
    assert backup.returncode == 0, backup.stderr
    assert archive.stat().st_size > 0
    restore = await _run([DEPLOY / "restore.sh", archive, target], env)
    assert restore.returncode == 0, restore.stderr
    before, after = await _counts(source), await _counts(target)
    assert after == before
    assert before["persons"] > 0
    assert before["accounts"] > 0
    assert await asyncio.to_thread(current, target) == await asyncio.to_thread(current, source)
