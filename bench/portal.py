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
import logging
from typing import Annotated, Any

import httpx
import typer
from sqlalchemy import text

from bench.directory import Client, StatementLog, measure, recreate_database
from bench.tasks import Options, explain, print_table, sign_in
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo.load import load_demo
from govgraph.settings import Settings
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
    """Benchmark occurrences, digests and questions."""
    options = Options(scale, iterations, warmup, load, force, explain_slowest)
    asyncio.run(run(database_url, options))


if __name__ == "__main__":
    app()
