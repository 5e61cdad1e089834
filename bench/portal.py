"""Periodic occurrences, press digests and citizen questions benchmark.

    python -m bench.portal \\
        --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_portal \\
        --scale 1 --iterations 200

Recreates the benchmark database (its name must contain "bench"), loads the demo province
with its tasks, occurrences, digests and questions, then drives the ASGI app in-process and
prints latency percentiles and SQL statements per request: a page of 50 work-program tasks
with their occurrences, 20 press digests with their items and linked tasks, the office's
citizen questions, and the public published answers (a page, and a search). Statement counts
must not depend on the page size. See bench/README.md.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import typer
from sqlalchemy import text

from bench.directory import (
    Client,
    DatabaseUrl,
    Force,
    Iterations,
    Load,
    Scale,
    StatementLog,
    Warmup,
    drive,
    measure,
    print_results,
    recreate_database,
    settings_for,
)
from bench.tasks import TaskOptions, explain, sign_in, vacuum
from govgraph.container import Container
from govgraph.demo.load import load_demo
from persistence.migrate import upgrade_async

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_portal"

PERIODIC = """
query Periodic($first: Int!) {
  tasks(filter: {kinds: [WORK_PROGRAM_ITEM]}, first: $first) {
    totalCount
    edges { node { id period deadline leadUnit { name }
      occurrences { seq periodStart due state statusClass progressPercent report } } }
  }
}
"""

DIGESTS = """
query Digests($first: Int!) {
  pressDigests(first: $first) {
    totalCount
    edges { node { date publishedLate items { headline outlet forwarded task { id state } } } }
  }
}
"""

QUESTIONS = """
query Questions($office: ID!, $first: Int!) {
  citizenQuestions(officeUnitId: $office, first: $first) {
    totalCount
    edges { node { title askerName intakeAt forwardDue forwardedLate task { id state } } }
  }
}
"""

ANSWERS = """
query Answers($search: String, $first: Int!) {
  publishedAnswers(search: $search, first: $first) {
    totalCount
    edges { node { title answer askedOn answeredBy { name } } }
  }
}
"""

app = typer.Typer(add_completion=False, help=__doc__)


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
    tokens: dict[str, str | None] = {
        key: await sign_in(client, key) for key in ("chairman", "director", "task_creator")
    }
    tokens["public"] = None
    client.token = tokens["chairman"]
    office = (await client.data('{ orgUnit(code: "VP-UBND") { id } }'))["orgUnit"]["id"]
    async with container.engine.connect() as conn:
        tasks = int(await conn.scalar(text("SELECT count(*) FROM tasks")) or 0)
        for name in ("task_occurrences", "press_items", "citizen_questions"):
            rows = int(await conn.scalar(text(f"SELECT count(*) FROM {name}")) or 0)
            typer.echo(f"{name}: {rows:,} rows")
    runs: list[tuple[str, str, str, dict[str, Any]]] = [
        ("tasks(WORK_PROGRAM_ITEM, 50) occurrences", "chairman", PERIODIC, {"first": 50}),
        ("tasks(WORK_PROGRAM_ITEM, 10) occurrences", "chairman", PERIODIC, {"first": 10}),
        ("pressDigests(20) items + tasks", "director", DIGESTS, {"first": 20}),
        ("pressDigests(5) items + tasks", "director", DIGESTS, {"first": 5}),
        ("citizenQuestions(VP, 50)", "task_creator", QUESTIONS, {"office": office, "first": 50}),
        ("publishedAnswers(20) public", "public", ANSWERS, {"first": 20}),
        (
            "publishedAnswers(search, 20) public",
            "public",
            ANSWERS,
            {"first": 20, "search": "thu tuc"},
        ),
    ]
    results = []
    with log.listening():
        for name, key, query, variables in runs:
            client.token = tokens[key]
            probe = await client.data(query, variables)
            connection = next(iter(probe.values()))
            typer.echo(
                f"  {name}: totalCount {connection['totalCount']}, {len(connection['edges'])} rows"
            )
            results.append(
                await measure(client, log, name, query, variables, iterations=n, warmup=warmup)
            )
    dialect = container.engine.dialect.name
    title = f"Portal benchmark: {dialect}, scale {options.scale} ({tasks:,} tasks)"
    print_results(title, results, width=44)
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
    """Benchmark occurrences, digests and questions."""
    options = TaskOptions(scale, iterations, warmup, load, force, explain_statements)
    asyncio.run(run(database_url, options))


if __name__ == "__main__":
    app()
