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
import time
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from sqlalchemy import text

from bench.directory import (
    LOGIN,
    Client,
    DatabaseUrl,
    Force,
    Iterations,
    Load,
    Options,
    Scale,
    StatementLog,
    Warmup,
    drive,
    measure,
    print_results,
    recreate_database,
    settings_for,
)
from govgraph.container import Container
from govgraph.demo.accounts import DEMO_ACCOUNTS
from govgraph.demo.load import load_demo
from persistence.database import create_engine
from persistence.migrate import upgrade_async

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_tasks"
ACCOUNTS = {a.key: a for a in DEMO_ACCOUNTS}
DISTRICT = "UBND-HUE"
TASK_TABLES = ("tasks", "task_units", "task_trackers", "task_assignees", "task_progress")

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
    """One request's statements as the server runs them (EXPLAIN ANALYZE: planning plus
    execution ms, free of the client's event loop), and the plan of the slowest (PostgreSQL)."""
    capture = StatementLog(container.engine)
    with capture.listening():
        started = time.perf_counter()
        await client.data(query, variables)
        total = (time.perf_counter() - started) * 1000
    sql = sum(e[0] for e in capture.entries)
    typer.echo("")
    typer.echo(
        f"{name}: one request {total:.1f} ms, {len(capture.entries)} statements taking "
        f"{sql:.1f} ms between sending and receiving"
    )
    if container.engine.dialect.name != "postgresql":
        return
    plans: list[tuple[float, str, list[str]]] = []
    async with container.engine.connect() as conn:
        for _millis, statement, parameters in capture.entries:
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue  # EXPLAIN ANALYZE would run a write (a read's CTEs only read)
            found = await conn.exec_driver_sql(
                "EXPLAIN (ANALYZE, BUFFERS) " + statement, tuple(parameters or ())
            )
            lines = [str(line) for (line,) in found]
            plans.append((_server_ms(lines), statement, lines))
    for server, statement, _lines in plans:
        typer.echo(f"  {server:8.2f} ms  {' '.join(statement.split())[:88]}")
    server, statement, lines = max(plans, key=lambda p: p[0])
    typer.echo(f"  server total {sum(p[0] for p in plans):.1f} ms; the slowest ({server:.2f} ms):")
    for line in lines:
        typer.echo(f"    {line}")


def _server_ms(plan: list[str]) -> float:
    """Planning plus execution time of an EXPLAIN ANALYZE."""
    return sum(
        float(line.split(":")[1].split()[0])
        for line in plan
        if line.startswith(("Planning Time", "Execution Time"))
    )


@dataclass(frozen=True)
class TaskOptions(Options):
    """What to run, and whether to explain each statement."""

    explain: bool


async def vacuum(url: str) -> None:
    """VACUUM the freshly loaded task tables (PostgreSQL), as autovacuum would soon: the
    visibility map lets counts and the inbox read their indexes without the table."""
    if not url.startswith("postgresql"):
        return
    engine = create_engine(url)
    try:
        async with engine.connect() as raw:
            conn = await raw.execution_options(isolation_level="AUTOCOMMIT")
            typer.echo("VACUUM (ANALYZE) of the task tables ...")
            await conn.execute(text(f"VACUUM (ANALYZE) {', '.join(TASK_TABLES)}"))
    finally:
        await engine.dispose()


async def run(url: str, options: TaskOptions) -> None:
    settings = settings_for(url)
    if options.load:
        await recreate_database(url, force=options.force)
        typer.echo("Migrating ...")
        await upgrade_async(url)
        await load_demo(settings, scale=options.scale, quiet=False)
        await vacuum(url)
    await drive(settings, lambda client, log, container: bench(client, log, container, options))


async def bench(
    client: Client, log: StatementLog, container: Container, options: TaskOptions
) -> None:
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
    dialect = container.engine.dialect.name
    title = f"Task benchmark: {dialect}, scale {options.scale} ({tasks:,} tasks)"
    print_results(title, results, width=40)
    if options.explain:
        for name, key, query, variables in runs:
            client.token = tokens[key]
            await explain(client, container, name, query, variables)


@app.command()
def main(
    database_url: DatabaseUrl = DEFAULT_URL,
    scale: Scale = 1,
    iterations: Iterations = 200,
    warmup: Warmup = 10,
    load: Load = True,
    force: Force = False,
    explain_statements: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="EXPLAIN ANALYZE each statement of one request per query (PostgreSQL)",
        ),
    ] = False,
) -> None:
    """Benchmark myWork and a filtered task list."""
    options = TaskOptions(scale, iterations, warmup, load, force, explain_statements)
    asyncio.run(run(database_url, options))


if __name__ == "__main__":
    app()
