"""Shared fixtures: a migrated database (SQLite, or PostgreSQL with --postgres), a container,
an ASGI client, and a small province built through the domain's own use cases."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from domain.clock import FixedClock
from govgraph.container import Container
from govgraph.settings import Settings
from persistence.migrate import upgrade_async
from persistence.tables import metadata

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # Friday 10:00 in Hà Nội time


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--postgres", action="store_true", help="run against PostgreSQL")


@pytest.fixture(scope="session")
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.config.getoption("--postgres") or os.environ.get("GOVGRAPH_TEST_DB") == "postgres":
        return POSTGRES_URL
    path: Path = tmp_path_factory.mktemp("db") / "govgraph-test.db"
    return f"sqlite+aiosqlite:///{path}"


async def _reset_postgres(url: str) -> None:
    from persistence.database import create_engine

    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    except OSError as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"PostgreSQL is not reachable: {exc}")
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
async def migrated(database_url: str) -> str:
    if database_url.startswith("postgresql"):
        await _reset_postgres(database_url)
    await upgrade_async(database_url)
    return database_url


@pytest.fixture(scope="session")
def settings(migrated: str) -> Settings:
    return Settings(
        DATABASE_URL=migrated,
        ARGON2_MEMORY_KIB=1024,  # fast hashing in tests; production defaults are checked apart
        ARGON2_TIME_COST=1,
        GOVGRAPH_MODE="development",
    )


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
async def container(
    settings: Settings, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Container]:
    own = settings.model_copy(update={"media_dir": tmp_path / "media"})  # a store per test
    container = Container.from_settings(own, clock=clock)
    await _truncate(container)
    yield container
    await container.dispose()


async def _truncate(container: Container) -> None:
    kept = ("org_levels", "revisions")
    tables = [t.name for t in reversed(metadata.sorted_tables) if t.name not in kept]
    async with container.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                await conn.execute(text(f"DELETE FROM {name}"))
