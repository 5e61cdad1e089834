"""The reporting schema on PostgreSQL: views answer without personal data, and the BI role
reads them and nothing else, read-only."""

from __future__ import annotations

import os
import uuid

import asyncpg
import pytest
from sqlalchemy import text

from domain.clock import FixedClock
from govgraph.container import Container
from persistence.reporting_views import ALL_VIEWS, bi_role_statements
from tests.api.task_factories import build_task_world
from tests.api.test_task_stats import _november
from tests.factories import Api

PERSONAL = ("full_name", "content", "phone", "email", "birth", "address", "password", "text")


@pytest.fixture
def postgres(container: Container) -> Container:
    if container.engine.dialect.name != "postgresql":
        pytest.skip("the reporting schema exists on PostgreSQL")
    return container


async def test_views_hold_no_personal_data_and_answer(
    postgres: Container, api: Api, clock: FixedClock
) -> None:
    world = await build_task_world(postgres, api.client, clock)
    await _november(world, clock)
    async with postgres.engine.connect() as conn:
        for name in ALL_VIEWS:
            columns = [
                r[0]
                for r in await conn.execute(
                    text(
                        "SELECT column_name FROM information_schema.columns "
                        "WHERE table_schema = 'reporting' AND table_name = :name"
                    ),
                    {"name": name},
                )
            ]
            assert columns, name
            assert not [c for c in columns if any(p in c for p in PERSONAL)], (name, columns)
            comment = await conn.scalar(
                text("SELECT obj_description(('reporting.' || :name)::regclass)"), {"name": name}
            )
            assert comment, name
        classes = dict(
            (
                await conn.execute(
                    text("SELECT status_class, count(*) FROM reporting.tasks GROUP BY 1")
                )
            ).all()
        )
        # evaluated at the database's now(), not the tests' clock: B and C are open either way
        opened = classes.pop("OPEN_OVERDUE", 0) + classes.pop("OPEN_WITHIN_DEADLINE", 0)
        assert (opened, classes) == (2, {"DONE_ON_TIME": 1, "DONE_LATE": 1, None: 1})
        monthly = await conn.scalar(
            text("SELECT sum(total) FROM reporting.task_stats_monthly WHERE month = '2026-11-01'")
        )
        assert monthly == 3


async def test_the_bi_role_reads_the_views_only(postgres: Container) -> None:
    name = f"bi_test_{uuid.uuid4().hex[:8]}"
    url = postgres.settings.database_url
    async with postgres.engine.begin() as conn:
        database = await conn.scalar(text("SELECT current_database()"))
        for statement in bi_role_statements(name, "Bao-cao#BI-2026", str(database)):
            await conn.execute(text(statement))
    dsn = url.replace("postgresql+asyncpg://", "postgresql://").split("@", 1)[1]
    try:
        reader = await asyncpg.connect(f"postgresql://{name}:Bao-cao%23BI-2026@{dsn}", timeout=10)
        try:
            assert await reader.fetchval("SELECT count(*) FROM reporting.units") >= 0
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await reader.fetch("SELECT * FROM public.persons")
            with pytest.raises(asyncpg.PostgresError):
                await reader.execute("CREATE TABLE reporting.x (id int)")
        finally:
            await reader.close()
    finally:
        async with postgres.engine.begin() as conn:
            await conn.execute(text(f"DROP OWNED BY {name}"))
            await conn.execute(text(f"DROP ROLE {name}"))


def test_role_names_and_passwords_are_checked() -> None:
    with pytest.raises(ValueError, match="role name"):
        bi_role_statements("bi; drop table x", "long-enough-password", "db")
    with pytest.raises(ValueError, match="12"):
        bi_role_statements("bi_reader", "short", "db")
    statements = bi_role_statements("bi_reader", "it's-long-enough", "db")
    assert "PASSWORD 'it''s-long-enough'" in statements[1]
    assert os.environ.get("CI") is None or statements
