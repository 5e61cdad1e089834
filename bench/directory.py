"""Directory benchmark: the dashboard's org tree and a people search, through the real app.

    python -m bench.directory \\
        --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench \\
        --scale 1 --iterations 200

Recreates the benchmark database (creates it if missing, drops its schema, migrates, loads the
demo province at the given scale), then drives the ASGI app in-process over httpx, signed in
as a demo staff account, and prints latency percentiles and SQL statements per request.
See bench/README.md.
"""

from __future__ import annotations

import asyncio
import cProfile
import gc
import io
import logging
import math
import pstats
import statistics
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from sqlalchemy import event, make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine

from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo.accounts import DEMO_ACCOUNTS
from govgraph.demo.data import PROVINCE_CODE
from govgraph.demo.load import load_demo
from govgraph.settings import Settings
from persistence.database import create_engine
from persistence.migrate import upgrade_async

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench"
CHAIRMAN = next(a for a in DEMO_ACCOUNTS if a.key == "chairman")

TREE = """
query Dashboard {
  orgTree(depth: 4) {
    ...Card
    children {
      ...Card
      children {
        ...Card
        children { ...Card }
      }
    }
  }
}

fragment Card on OrgUnit {
  id code name levelCode memberCount subtreeMemberCount
  leaders { title rank person { fullName } }
}
"""

# The tree query stripped of one feature at a time (--breakdown), to see what costs what.
BREAKDOWN = {
    "tree: units only": "id code name levelCode memberCount",
    "  + leaders { title rank }": "id code name levelCode memberCount leaders { title rank }",
    "  + leaders.person.fullName": (
        "id code name levelCode memberCount leaders { title rank person { fullName } }"
    ),
    "  + subtreeMemberCount": (
        "id code name levelCode memberCount subtreeMemberCount "
        "leaders { title rank person { fullName } }"
    ),
}


def tree_query(card: str) -> str:
    """The dashboard tree query with `card` as the fields of every unit."""
    return (
        "query Dashboard { orgTree(depth: 4) { ...Card children { ...Card children { ...Card "
        "children { ...Card } } } } } fragment Card on OrgUnit { " + card + " }"
    )


SEARCH = """
query Search($unit: ID!) {
  people(search: "nguyen van", includeSubtree: true, unitId: $unit, first: 20) {
    totalCount
    edges { node { id fullName position unit { name } } }
  }
}
"""

LOGIN = """
mutation Login($login: String!, $password: String!) {
  login(login: $login, password: $password) { token errors { code message } }
}
"""

app = typer.Typer(add_completion=False, help=__doc__)


@dataclass
class Result:
    """Timings (ms) and statement counts of one benchmarked query."""

    name: str
    millis: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    sql_millis: list[float] = field(default_factory=list)
    size: int = 0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.millis)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


class StatementLog:
    """Every SQL statement sent on an engine, with its duration (for --profile)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.entries: list[tuple[float, str, Any]] = []  # (ms, statement, parameters)
        self.count = 0
        self._started: list[float] = []

    def _before(self, *_args: Any) -> None:
        self._started.append(time.perf_counter())

    def _after(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_a: Any) -> None:
        self.count += 1
        millis = (time.perf_counter() - self._started.pop()) * 1000
        self.entries.append((millis, statement, parameters))

    @contextmanager
    def listening(self) -> Iterator[StatementLog]:
        target = self.engine.sync_engine
        event.listen(target, "before_cursor_execute", self._before)
        event.listen(target, "after_cursor_execute", self._after)
        try:
            yield self
        finally:
            event.remove(target, "before_cursor_execute", self._before)
            event.remove(target, "after_cursor_execute", self._after)


async def recreate_database(url: str, *, force: bool) -> None:
    """Create the database if missing and empty it (PostgreSQL), or delete the file (SQLite)."""
    parsed = make_url(url)
    name = parsed.database or ""
    if "bench" not in name and not force:
        raise typer.BadParameter(
            f"Refusing to drop database {name!r}: use a name containing 'bench' or --force",
            param_hint="--database-url",
        )
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)  # noqa: ASYNC240 - before any I/O
        return
    admin = create_engine(parsed.set(database="postgres").render_as_string(hide_password=False))
    try:
        async with admin.connect() as raw:
            conn = await raw.execution_options(isolation_level="AUTOCOMMIT")
            exists = await conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if not exists:
                typer.echo(f"Creating database {name} ...")
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await admin.dispose()
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


class Client:
    """GraphQL over the in-process ASGI app with one bearer token."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.token: str | None = None

    async def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self.post(query, variables)
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(f"{response.status_code}: {body}")
        result: dict[str, Any] = body["data"]
        return result


async def measure(
    client: Client,
    log: StatementLog,
    name: str,
    query: str,
    variables: dict[str, Any] | None,
    *,
    iterations: int,
    warmup: int,
) -> Result:
    result = Result(name)
    for _ in range(warmup):
        await client.data(query, variables)
    for _ in range(iterations):
        before, logged = log.count, len(log.entries)
        started = time.perf_counter()
        response = await client.post(query, variables)
        result.millis.append((time.perf_counter() - started) * 1000)
        result.statements.append(log.count - before)
        result.sql_millis.append(sum(entry[0] for entry in log.entries[logged:]))
        if response.status_code != 200:
            raise RuntimeError(response.text)
        result.size = len(response.content)
    log.entries.clear()
    return result


async def gc_share(client: Client, query: str, iterations: int) -> tuple[float, float, float]:
    """p50 of the tree query with the collector as configured, frozen, and disabled."""
    medians = []
    for mode in ("normal", "freeze", "off"):
        if mode == "freeze":
            gc.collect()
            gc.freeze()
        if mode == "off":
            gc.disable()
        millis = []
        for _ in range(iterations):
            started = time.perf_counter()
            await client.data(query)
            millis.append((time.perf_counter() - started) * 1000)
        medians.append(statistics.median(millis))
    gc.enable()
    gc.unfreeze()
    return medians[0], medians[1], medians[2]


async def profile_once(client: Client, log: StatementLog, query: str, variables: Any) -> None:
    """The statements of one request with their durations, and the hottest Python functions."""
    log.entries.clear()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    await client.data(query, variables)
    profiler.disable()
    total = (time.perf_counter() - started) * 1000
    sql = sum(entry[0] for entry in log.entries)
    typer.echo(
        f"  one request: {total:.1f} ms, of which SQL {sql:.1f} ms in {len(log.entries)} statements"
    )
    for ms, statement, _ in log.entries:
        typer.echo(f"    {ms:7.2f} ms  {' '.join(statement.split())[:150]}")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    typer.echo("  hottest functions (own time, profiled run is slower):")
    for line in out.getvalue().splitlines():
        if line.strip() and ("(" in line or "ncalls" in line):
            typer.echo(f"    {line.strip()[:150]}")


def print_results(title: str, results: list[Result], *, width: int) -> None:
    """The table of latencies, statements per request and SQL time of the benchmarked queries."""
    typer.echo("")
    typer.echo(title)
    header = (
        f"{'query':<{width}}{'n':>5}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}{'min ms':>9}"
        f"{'SQL/req':>9}{'SQL p50':>9}{'bytes':>10}"
    )
    typer.echo(header)
    typer.echo("-" * len(header))
    for r in results:
        stmts = statistics.median(r.statements)
        spread = "" if min(r.statements) == max(r.statements) else "*"
        typer.echo(
            f"{r.name:<{width}}{len(r.millis):>5}{r.percentile(50):>9.1f}"
            f"{r.percentile(99):>9.1f}{statistics.fmean(r.millis):>9.1f}{min(r.millis):>9.1f}"
            f"{stmts:>8.0f}{spread:1}{statistics.median(r.sql_millis):>9.1f}{r.size:>10,}"
        )
    typer.echo("SQL/req: statements per request, including the sign-in token lookup (* = varies).")
    typer.echo("SQL p50: median of the summed statement durations of a request (client side).")


@dataclass(frozen=True)
class Options:
    """What to run (every benchmark)."""

    scale: int
    iterations: int
    warmup: int
    load: bool
    force: bool


@dataclass(frozen=True)
class DirectoryOptions(Options):
    """What to run, and the directory benchmark's extras."""

    profile: bool
    breakdown: bool


async def run(url: str, options: DirectoryOptions) -> None:
    settings = settings_for(url)
    if options.load:
        await recreate_database(url, force=options.force)
        typer.echo("Migrating ...")
        await upgrade_async(url)
        await load_demo(settings, scale=options.scale)
    await drive(settings, lambda client, log, container: bench(client, log, container, options))


def settings_for(url: str) -> Settings:
    """The app's settings on the benchmark database, quiet."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return Settings(DATABASE_URL=url, LOG_LEVEL="WARNING")


Body = Callable[[Client, StatementLog, Container], Awaitable[None]]


async def drive(settings: Settings, body: Body) -> None:
    """Build the real app and run `body` against it in-process (httpx over ASGI)."""
    container = Container.from_settings(settings)
    web = create_app(settings, container)
    log = StatementLog(container.engine)
    try:
        transport = httpx.ASGITransport(app=web, client=("127.0.0.1", 50000))
        # start-up as `govgraph serve` runs it (the heap is frozen there)
        async with (
            web.router.lifespan_context(web),
            httpx.AsyncClient(transport=transport, base_url="http://bench") as http,
        ):
            await body(Client(http), log, container)
    finally:
        await container.dispose()


async def bench(
    client: Client, log: StatementLog, container: Container, options: DirectoryOptions
) -> None:
    login = await client.data(LOGIN, {"login": CHAIRMAN.login, "password": CHAIRMAN.password})
    client.token = login["login"]["token"]
    if not client.token:
        raise RuntimeError(f"Sign-in failed: {login}")
    found = await client.data(f'{{ orgUnit(code: "{PROVINCE_CODE}") {{ id }} }}')
    province = {"unit": found["orgUnit"]["id"]}
    async with container.engine.connect() as conn:
        units = await conn.scalar(text("SELECT count(*) FROM org_units WHERE valid_to IS NULL"))
        people = await conn.scalar(text("SELECT count(*) FROM persons WHERE unit_id IS NOT NULL"))
    n, warmup = options.iterations, options.warmup
    typer.echo(f"Signed in as {CHAIRMAN.login}; {n} iterations after {warmup} warm-up.")
    with log.listening():
        cache = container.result_cache
        container.result_cache = None  # type: ignore[assignment]  # cold: every request executes
        cold = await measure(
            client, log, "orgTree(depth: 4), no cache", TREE, None, iterations=n, warmup=warmup
        )
        container.result_cache = cache
        results = [
            cold,
            await measure(
                client, log, "orgTree(depth: 4), cached", TREE, None, iterations=n, warmup=warmup
            ),
            await measure(
                client, log, 'people("nguyen van")', SEARCH, province, iterations=n, warmup=warmup
            ),
        ]
        if options.breakdown:
            for name, card in BREAKDOWN.items():
                query = tree_query(card)
                results.append(
                    await measure(client, log, name, query, None, iterations=n, warmup=warmup)
                )
        dialect = container.engine.dialect.name
        print_results(
            f"Directory benchmark: {dialect}, scale {options.scale} "
            f"({int(units or 0):,} units, {int(people or 0):,} people)",
            results,
            width=30,
        )
        if options.breakdown:
            normal, frozen, off = await gc_share(client, TREE, max(20, n // 4))
            typer.echo(
                f"orgTree p50 by garbage collector: as configured {normal:.1f} ms, "
                f"gc.freeze() {frozen:.1f} ms, gc disabled {off:.1f} ms"
            )
        if options.profile:
            typer.echo("")
            typer.echo("Profile of orgTree(depth: 4):")
            await profile_once(client, log, TREE, None)
            typer.echo("")
            typer.echo('Profile of people("nguyen van"):')
            await profile_once(client, log, SEARCH, province)


DatabaseUrl = Annotated[str, typer.Option(help="Benchmark database (it is emptied!)")]
Scale = Annotated[int, typer.Option(min=1, help="Demo province scale")]
Iterations = Annotated[int, typer.Option(min=1, help="Measured requests per query")]
Warmup = Annotated[int, typer.Option(min=0, help="Unmeasured requests first")]
Load = Annotated[bool, typer.Option("--load/--no-load", help="Recreate and load the database")]
Force = Annotated[bool, typer.Option(help="Allow a database name without 'bench'")]


@app.command()
def main(
    database_url: DatabaseUrl = DEFAULT_URL,
    scale: Scale = 1,
    iterations: Iterations = 200,
    warmup: Warmup = 10,
    load: Load = True,
    force: Force = False,
    profile: Annotated[
        bool, typer.Option(help="Print statements and hot functions of one request")
    ] = False,
    breakdown: Annotated[
        bool, typer.Option(help="Also time the tree query feature by feature, and the GC share")
    ] = False,
) -> None:
    """Benchmark the org-tree dashboard query and a people search."""
    options = DirectoryOptions(scale, iterations, warmup, load, force, profile, breakdown)
    asyncio.run(run(database_url, options))


if __name__ == "__main__":
    app()
