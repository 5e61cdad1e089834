"""Task benchmark: the `myWork` inbox of three demo logins and a filtered task list.

    python -m bench.tasks \\
        --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_tasks \\
        --scale 1 --iterations 200

Recreates the benchmark database (as bench.directory does: the name must contain "bench"),
loads the demo province with its demo tasks (about 2,000 at scale 1, 20,000 x scale above:
200,000 at scale 10), then drives the ASGI app in-process over httpx and prints latency
percentiles and SQL statements per request. `--explain` prints EXPLAIN ANALYZE of the
slowest statement of each query (PostgreSQL). See bench/README.md.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import httpx
import typer
from sqlalchemy import event, text

from bench.directory import LOGIN, Client, Result, StatementLog, measure, recreate_database
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo.accounts import DEMO_ACCOUNTS
from govgraph.demo.load import load_demo
from govgraph.settings import Settings
from persistence.migrate import upgrade_async

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_tasks"
ACCOUNTS = {a.key: a for a in DEMO_ACCOUNTS}
DISTRICT = "UBND-HUE"

MY_WORK = """
query MyWork {
  myWork(first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id kind state priority deadline statusClass content leadUnit { name } } }
  }
}
"""

TASKS = """
query Tasks($unit: ID!, $first: Int!) {
  tasks(
    filter: {
      unitId: $unit
      includeSubtree: true
      kinds: [DIRECTIVE, PRESS_INCIDENT, CITIZEN_QUESTION, VOTER_PETITION]
      statusClasses: [OPEN_OVERDUE, OPEN_WITHIN_DEADLINE]
    }
    first: $first
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id kind state deadline statusClass content
        leadUnit { name }
        coordinatingUnits { name }
        assignees { role person { fullName } }
        trackers { role person { fullName } }
      }
    }
  }
}
"""

app = typer.Typer(add_completion=False, help=__doc__)


class Statements:
    """The statements of one request with their parameters and durations (for --explain)."""

    def __init__(self, log: StatementLog) -> None:
        self.engine = log.engine
        self.entries: list[tuple[float, str, Any]] = []
        self._started: list[float] = []

    def _before(self, *_args: Any) -> None:
        self._started.append(time.perf_counter())

    def _after(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_a: Any) -> None:
        millis = (time.perf_counter() - self._started.pop()) * 1000
        self.entries.append((millis, statement, parameters))

    @contextmanager
    def listening(self) -> Iterator[Statements]:
        target = self.engine.sync_engine
        event.listen(target, "before_cursor_execute", self._before)
        event.listen(target, "after_cursor_execute", self._after)
        try:
            yield self
        finally:
            event.remove(target, "before_cursor_execute", self._before)
            event.remove(target, "after_cursor_execute", self._after)


async def sign_in(client: Client, key: str) -> str:
    account = ACCOUNTS[key]
    login = await client.data(LOGIN, {"login": account.login, "password": account.password})
    token = login["login"]["token"]
    if not token:
        raise RuntimeError(f"Sign-in of {account.login} failed: {login}")
    return str(token)


async def explain(
    client: Client, container: Container, name: str, query: str, variables: Any
) -> None:
    """EXPLAIN ANALYZE of the slowest statement of one request (PostgreSQL)."""
    capture = Statements(StatementLog(container.engine))
    with capture.listening():
        started = time.perf_counter()
        await client.data(query, variables)
        total = (time.perf_counter() - started) * 1000
    millis, statement, parameters = max(capture.entries, key=lambda e: e[0])
    sql = sum(e[0] for e in capture.entries)
    typer.echo("")
    typer.echo(
        f"{name}: one request {total:.1f} ms, SQL {sql:.1f} ms in {len(capture.entries)} "
        f"statements; the slowest ({millis:.1f} ms):"
    )
    typer.echo(f"  {' '.join(statement.split())[:600]}")
    if container.engine.dialect.name != "postgresql":
        return
    async with container.engine.connect() as conn:
        plan = await conn.exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS) " + statement, tuple(parameters or ())
        )
        for (line,) in plan:
            typer.echo(f"    {line}")


def print_table(
    results: list[Result],
    *,
    scale: int,
    dialect: str,
    tasks: int,
    title: str = "Task",
    unit: str = "tasks",
) -> None:
    typer.echo("")
    typer.echo(f"{title} benchmark: {dialect}, scale {scale} ({tasks:,} {unit})")
    header = (
        f"{'query':<40}{'n':>5}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}{'min ms':>9}"
        f"{'SQL/req':>9}{'bytes':>10}"
    )
    typer.echo(header)
    typer.echo("-" * len(header))
    for r in results:
        stmts = statistics.median(r.statements)
        spread = "" if min(r.statements) == max(r.statements) else "*"
        typer.echo(
            f"{r.name:<40}{len(r.millis):>5}{r.percentile(50):>9.1f}{r.percentile(99):>9.1f}"
            f"{statistics.fmean(r.millis):>9.1f}{min(r.millis):>9.1f}{stmts:>8.0f}{spread:1}"
            f"{r.size:>10,}"
        )
    typer.echo("SQL/req: statements per request, including the sign-in token lookup (* = varies).")


@dataclass(frozen=True)
class Options:
    """What to run."""

    scale: int
    iterations: int
    warmup: int
    load: bool
    force: bool
    explain: bool


async def run(url: str, options: Options) -> None:
    settings = Settings(DATABASE_URL=url, LOG_LEVEL="WARNING")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if options.load:
        await recreate_database(url, force=options.force)
        typer.echo("Migrating ...")
        await upgrade_async(url)
        await load_demo(settings, scale=options.scale, quiet=False)
    container = Container.from_settings(settings)
    web = create_app(settings, container)
    log = StatementLog(container.engine)
    try:
        transport = httpx.ASGITransport(app=web, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            await bench(Client(http), log, container, options)
    finally:
        await container.dispose()


async def bench(client: Client, log: StatementLog, container: Container, options: Options) -> None:
    n, warmup = options.iterations, options.warmup
    tokens = {key: await sign_in(client, key) for key in ("task_creator", "director", "specialist")}
    tokens["chairman"] = await sign_in(client, "chairman")
    client.token = tokens["chairman"]
    found = await client.data(f'{{ orgUnit(code: "{DISTRICT}") {{ id name }} }}')
    district = found["orgUnit"]["id"]
    async with container.engine.connect() as conn:
        tasks = int(await conn.scalar(text("SELECT count(*) FROM tasks")) or 0)
    typer.echo(f"{tasks:,} tasks; {n} iterations after {warmup} warm-up per query.")
    runs: list[tuple[str, str, str, dict[str, Any] | None]] = [
        ("myWork(50) TASK_CREATOR giaoviec", "task_creator", MY_WORK, None),
        ("myWork(50) LEADER giamdoc.snv", "director", MY_WORK, None),
        ("myWork(50) SPECIALIST chuyenvien.snv", "specialist", MY_WORK, None),
        (
            f"tasks({DISTRICT} subtree, open, first 50)",
            "chairman",
            TASKS,
            {"unit": district, "first": 50},
        ),
        (
            f"tasks({DISTRICT} subtree, open, first 10)",
            "chairman",
            TASKS,
            {"unit": district, "first": 10},
        ),
    ]
    results = []
    with log.listening():
        for name, key, query, variables in runs:
            client.token = tokens[key]
            probe = await client.data(query, variables)
            connection = probe.get("myWork") or probe.get("tasks") or {}
            typer.echo(
                f"  {name}: totalCount {connection.get('totalCount')}, "
                f"{len(connection.get('edges', []))} rows"
            )
            results.append(
                await measure(client, log, name, query, variables, iterations=n, warmup=warmup)
            )
    print_table(results, scale=options.scale, dialect=container.engine.dialect.name, tasks=tasks)
    if options.explain:
        for name, key, query, variables in runs:
            client.token = tokens[key]
            await explain(client, container, name, query, variables)


@app.command()
def main(
    database_url: Annotated[
        str, typer.Option(help="Benchmark database (it is emptied!)")
    ] = DEFAULT_URL,
    scale: Annotated[int, typer.Option(min=1, help="Demo province scale")] = 1,
    iterations: Annotated[int, typer.Option(min=1, help="Measured requests per query")] = 200,
    warmup: Annotated[int, typer.Option(min=0, help="Unmeasured requests first")] = 10,
    load: Annotated[
        bool, typer.Option("--load/--no-load", help="Recreate and load the database")
    ] = True,
    force: Annotated[bool, typer.Option(help="Allow a database name without 'bench'")] = False,
    explain_slowest: Annotated[
        bool,
        typer.Option("--explain", help="EXPLAIN ANALYZE the slowest statement of each query"),
    ] = False,
) -> None:
    """Benchmark myWork and a filtered task list."""
    options = Options(scale, iterations, warmup, load, force, explain_slowest)
    asyncio.run(run(database_url, options))


if __name__ == "__main__":
    app()
