"""Engine and session factory for SQLite (embedded default) and PostgreSQL (asyncpg)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from types import SimpleNamespace
from typing import Any

import asyncpg
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from domain.calendar import DEFAULT_TIMEZONE
from persistence.compiled.sqljson import SQLITE_BASE64, SQLITE_FLOAT, sqlite_base64, sqlite_float
from persistence.mapping import map_domain
from persistence.stats_rollup import TIME_ZONE_KEY


def create_engine(
    url: str, *, statement_timeout_ms: int | None = None, echo: bool = False
) -> AsyncEngine:
    """An async engine; SQLite gets WAL and foreign keys, PostgreSQL a statement timeout."""
    map_domain()
    kwargs: dict[str, Any] = {"echo": echo}
    if url.startswith("postgresql"):
        kwargs["pool_size"] = 10
        kwargs["max_overflow"] = 10
        # No pre-ping round trip per checkout: a connection the server dropped fails its
        # first statement, which is run again on a fresh one (run_locked; the dispatcher
        # retries commands).
        kwargs["pool_pre_ping"] = False
        # JIT compiles for 50-200 ms when a plan's cost estimate is high: too slow for the
        # short, indexed reads of an API (it made a 15 ms inbox take 200 ms). Prepared
        # statements are planned for their parameters every time: a generic plan (chosen
        # after five runs) cannot know how many units a path covers and walked 500 ms.
        settings = {"jit": "off", "plan_cache_mode": "force_custom_plan"}
        if statement_timeout_ms:
            settings["statement_timeout"] = str(statement_timeout_ms)
        kwargs["connect_args"] = {"server_settings": settings}
    elif url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 30}
    engine = create_async_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.create_function(SQLITE_BASE64, 1, sqlite_base64, deterministic=True)
    dbapi_connection.create_function(SQLITE_FLOAT, 1, sqlite_float, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(
    engine: AsyncEngine, *, time_zone: str = DEFAULT_TIMEZONE
) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit; `time_zone` is the province's
    (task statistics are cut by local dates)."""
    return async_sessionmaker(
        engine, expire_on_commit=False, autoflush=False, info={TIME_ZONE_KEY: time_zone}
    )


def read_session_factory(
    engine: AsyncEngine, *, time_zone: str = DEFAULT_TIMEZONE
) -> async_sessionmaker[AsyncSession]:
    """Sessions for read-only requests: autocommit, so no BEGIN and ROLLBACK round trips
    around their statements (each reads committed data, as inside a READ COMMITTED
    transaction)."""
    return async_sessionmaker(
        engine.execution_options(isolation_level="AUTOCOMMIT"),
        expire_on_commit=False,
        autoflush=False,
        info={TIME_ZONE_KEY: time_zone},
    )


class StatementCounter:
    """Counts SQL statements sent on an engine (tests assert that lists do not cause N+1)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.count = 0
        self.statements: list[str] = []

    def _on_execute(self, *args: Any) -> None:
        self.count += 1
        self.statements.append(str(args[2]))

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine.sync_engine, "before_cursor_execute", self._on_execute)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine.sync_engine, "before_cursor_execute", self._on_execute)


async def close_when_idle(session: AsyncSession) -> None:
    """Close a request's read session once no statement runs on it.

    A statement whose resolver was cancelled (a sibling field failed) still runs to its end
    under the statement lock; closing before that would roll back under it and break the
    connection.
    """
    async with statement_lock(session):
        await session.close()


async def driver_rows(session: AsyncSession, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    """Rows of SQL text given to the driver as is, for the statements every request runs
    (the compiled reads, the revisions): on PostgreSQL straight to asyncpg, whose prepared
    statement cache keeps them, without SQLAlchemy's execution machinery. A connection the
    server dropped is reported as SQLAlchemy reports it, so run_locked retries once."""
    connection = await session.connection()
    if connection.dialect.name != "postgresql":
        return list(await connection.exec_driver_sql(sql, tuple(params)))
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None, "a checked-out connection has its driver connection"
    events = connection.sync_connection.dispatch if connection.sync_connection else None
    context = SimpleNamespace()  # what cursor-execute listeners (statement counts, traces) get
    if events is not None and events.before_cursor_execute:
        events.before_cursor_execute(connection.sync_connection, None, sql, params, context, False)
    try:
        rows = list(await driver.fetch(sql, *params))
    except Exception as exc:
        if not _connection_lost(exc):
            raise
        raw.invalidate(exc)
        raise DBAPIError(sql, None, exc, connection_invalidated=True) from exc
    if events is not None and events.after_cursor_execute:
        events.after_cursor_execute(connection.sync_connection, None, sql, params, context, False)
    return rows


def _connection_lost(exc: Exception) -> bool:
    """An asyncpg error that means the connection is gone (the server dropped it, a
    network error, a protocol left in a broken state)."""
    if isinstance(exc, OSError | asyncpg.InterfaceError | asyncpg.InternalClientError):
        return True
    state = getattr(exc, "sqlstate", None) or ""
    return isinstance(exc, asyncpg.PostgresError) and state[:2] in ("08", "57")


def statement_lock(session: AsyncSession) -> asyncio.Lock:
    """The lock every reader of one request's session takes around a statement.

    GraphQL resolves sibling fields concurrently, so loaders of different readers (directory,
    tasks) may query at once; an AsyncSession and its one connection run one statement at a
    time.
    """
    lock = session.info.get(_LOCK)
    if lock is None:
        lock = session.info[_LOCK] = asyncio.Lock()
    assert isinstance(lock, asyncio.Lock)
    return lock


async def run_locked(
    session: AsyncSession, statement: Callable[[], Awaitable[Iterable[Any]]]
) -> list[Any]:
    """Run one statement under the session's lock and list its rows. A cancelled caller (a
    sibling field failed) lets the statement finish: cut short, it would leave the session's
    connection unusable for the rest of the request."""

    async def fetch() -> list[Any]:
        try:
            return list(await statement())
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            await session.rollback()  # the server dropped the connection: once more
            return list(await statement())

    async with statement_lock(session):
        running = asyncio.ensure_future(fetch())
        try:
            return await asyncio.shield(running)
        except asyncio.CancelledError:
            await asyncio.wait([running])
            if not running.cancelled():
                running.exception()  # retrieved: the caller is gone, nobody else will
            raise


_LOCK = "govgraph.statement_lock"
