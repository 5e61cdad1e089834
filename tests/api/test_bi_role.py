"""The BI role on PostgreSQL: it reads the reporting views and is refused everything else,
also after it turns its read-only default off; a statement timeout, a connection limit,
no temporary tables, no large objects, no other database once the operator took CONNECT
from PUBLIC there; every column of every view commented in Vietnamese and English."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from govgraph.admin import create_bi_role
from govgraph.container import Container

PASSWORD = "Bao-cao#BI-2026"


@pytest.fixture
def postgres(container: Container) -> Container:
    if container.engine.dialect.name != "postgresql":
        pytest.skip("roles and the reporting schema exist on PostgreSQL")
    return container


class Bi:
    """Connections as the BI role."""

    def __init__(self, name: str, url: str) -> None:
        parsed = make_url(url)
        self.name = name
        self.server = {"host": parsed.host, "port": parsed.port or 5432}
        self.database = str(parsed.database)

    async def connect(self, database: str | None = None) -> asyncpg.Connection:
        return await asyncpg.connect(
            user=self.name,
            password=PASSWORD,
            database=database or self.database,
            timeout=10,
            **self.server,
        )


@pytest.fixture
async def bi(postgres: Container) -> AsyncIterator[Bi]:
    name = f"bi_test_{uuid.uuid4().hex[:8]}"
    await create_bi_role(
        postgres.settings, name, PASSWORD, statement_timeout="500ms", connection_limit=2
    )
    yield Bi(name, postgres.settings.database_url)
    async with postgres.engine.begin() as conn:
        await conn.execute(text(f"DROP OWNED BY {name}"))
        await conn.execute(text(f"DROP ROLE {name}"))


async def refused(reader: asyncpg.Connection, statement: str) -> str:
    """The error class a statement is refused with (fails the test when it runs)."""
    try:
        await reader.execute(statement)
    except asyncpg.PostgresError as error:
        return type(error).__name__
    raise AssertionError(f"{statement!r} was allowed")


async def test_it_reads_the_views_and_nothing_else(bi: Bi) -> None:
    reader = await bi.connect()
    try:
        assert await reader.fetchval("SELECT count(*) FROM reporting.units") >= 0
        assert await reader.fetchval("SHOW default_transaction_read_only") == "on"
        no = "InsufficientPrivilegeError"
        assert await refused(reader, "SELECT * FROM public.persons") == no
        assert await refused(reader, "SET ROLE postgres") == no  # the views' owner
    finally:
        await reader.close()


async def test_turning_read_only_off_gains_it_nothing(bi: Bi) -> None:
    reader = await bi.connect()
    try:
        await reader.execute("SET default_transaction_read_only = off")
        assert await reader.fetchval("SHOW transaction_read_only") == "off"
        no = "InsufficientPrivilegeError"
        for statement in (
            "INSERT INTO reporting.reflection_categories (id, code, name) VALUES (9, 'x', 'x')",
            "UPDATE reporting.units SET name = 'x'",
            "DELETE FROM reporting.tasks",
            "CREATE TABLE public.x (id int)",
            "CREATE TABLE reporting.x (id int)",
            "CREATE TEMP TABLE x (id int)",
            "CREATE SCHEMA x",
            "CREATE VIEW reporting.x AS SELECT 1",
            "SELECT lo_create(0)",
            "SELECT lo_from_bytea(0, 'x')",
            "SELECT nextval('public.tasks_id_seq')",
            "ALTER ROLE CURRENT_USER CONNECTION LIMIT 100",
        ):
            assert await refused(reader, statement) == no, statement
    finally:
        await reader.close()


async def test_a_long_query_is_cancelled_by_the_statement_timeout(bi: Bi) -> None:
    reader = await bi.connect()
    try:
        assert await reader.fetchval("SHOW statement_timeout") == "500ms"
        # 400 million rows
        cross = "SELECT count(*) FROM generate_series(1, 20000) a, generate_series(1, 20000) b"
        with pytest.raises(asyncpg.QueryCanceledError):
            await reader.fetchval(cross)
    finally:
        await reader.close()


async def test_it_holds_at_most_its_connection_limit(bi: Bi) -> None:
    held = [await bi.connect() for _ in range(2)]
    try:
        with pytest.raises(asyncpg.TooManyConnectionsError):
            await bi.connect()
    finally:
        await asyncio.gather(*(c.close() for c in held))


async def test_it_cannot_connect_where_the_operator_took_connect_from_public(
    bi: Bi, postgres: Container
) -> None:
    other = f"{bi.database}_bi_other"
    admin = await asyncpg.connect(
        user=make_url(postgres.settings.database_url).username, database="postgres", **bi.server
    )
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{other}"')
        await admin.execute(f'CREATE DATABASE "{other}"')
        await admin.execute(f'REVOKE CONNECT ON DATABASE "{other}" FROM PUBLIC')  # docs/bi.md
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await bi.connect(other)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{other}" WITH (FORCE)')
        await admin.close()


async def test_every_view_column_is_described_in_vietnamese_and_english(
    postgres: Container,
) -> None:
    async with postgres.engine.connect() as conn:
        rows: list[Any] = (
            await conn.execute(
                text(
                    "SELECT c.table_name, c.column_name, col_description("
                    "  ('reporting.' || quote_ident(c.table_name))::regclass, c.ordinal_position)"
                    " FROM information_schema.columns c WHERE c.table_schema = 'reporting'"
                )
            )
        ).all()
    assert len(rows) > 150
    missing = [(view, column) for view, column, comment in rows if not comment]
    assert missing == []
    for view, column, comment in rows:
        vietnamese, _, english = comment.partition(" (EN: ")
        assert vietnamese.strip(), (view, column)
        assert english.rstrip(")").strip(), (view, column)
