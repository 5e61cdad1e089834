"""Field-report benchmark: the public list (50 per page) and an agency's work queue.

    python -m bench.reflections \\
        --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_reflections \\
        --reports 1000000 --iterations 200

Recreates the benchmark database (the name must contain "bench"), loads the demo province at
scale 1 (with its 3,000 demo reports), then on PostgreSQL adds `--reports` generated reports
in batches of INSERT ... SELECT generate_series (75 % published, 10 % in handling with an
agency's open part, the rest submitted, handled, answered privately or cancelled; one agency
part and two events per report), ANALYZEs, and drives the ASGI app in-process over httpx,
printing latency percentiles and SQL statements per request. See bench/README.md.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Annotated, Any

import httpx
import typer
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.directory import Client, StatementLog, measure, print_results, recreate_database
from bench.tasks import explain, sign_in
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo.load import load_demo
from govgraph.settings import Settings
from persistence import reflection_feed
from persistence.database import create_engine
from persistence.migrate import upgrade_async

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_reflections"
BATCH = 50_000
AGENCY = "SNV"  # the demo LEADER giamdoc.snv leads it

PUBLIC = """
query Public($first: Int!, $after: String) {
  publicReflections(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id content address publishedAt state rating
                   commune { name } category { name } } }
  }
}
"""
PUBLIC_COUNTED = PUBLIC.replace("pageInfo {", "totalCount pageInfo {")
PUBLIC_TIMELINE = PUBLIC.replace("category { name }", "category { name } timeline { action at }")
QUEUE = """
query Queue($agency: ID!, $first: Int!) {
  reflectionWorkQueue(agencyId: $agency, first: $first) {
    pageInfo { hasNextPage endCursor }
    edges { node { state step dueAt } reflection { id content state priority stepDue
                                                  reporterPhone commune { name } } }
  }
}
"""

REPORTS = """
INSERT INTO reflections (channel, content, occurred_at, submitted_at, latitude, longitude,
  address, commune_unit_id, reporter_name, reporter_phone, reporter_email, reporter_kind,
  consent_contact, secrecy_requested, is_public, priority, sensitive, category_id, media,
  state, step, step_due, published_at, result, rating, search_text, version)
SELECT
  (ARRAY['APP','PORTAL','HOTLINE','FACEBOOK','ZALO','EMAIL'])[1 + g % 6],
  'Phản ánh số ' || g || ': đèn đường hỏng, rác thải, ổ gà trên tuyến đường',
  now() - (g % 525000) * interval '1 minute' - interval '2 hours',
  now() - (g % 525000) * interval '1 minute',
  16.40 + (g % 1000) / 10000.0, 107.50 + (g % 997) / 10000.0,
  (g % 200) || ' Lê Lợi', (CAST(:communes AS int[]))[1 + g % cardinality(CAST(:communes AS int[]))],
  'Người dân ' || g, '09' || lpad((g % 100000000)::text, 8, '0'), 'p' || g || '@example.vn',
  'INDIVIDUAL', g % 3 = 0, g % 50 = 0, true,
  CASE WHEN g % 10 = 0 THEN 'URGENT' ELSE 'NORMAL' END, false,
  (CAST(:categories AS int[]))[1 + g % cardinality(CAST(:categories AS int[]))], '[]',
  CASE WHEN g % 50 = 0 AND g % 100 < 75 THEN 'ANSWERED_PRIVATELY'
       WHEN g % 100 < 75 THEN 'PUBLISHED' WHEN g % 100 < 85 THEN 'IN_HANDLING'
       WHEN g % 100 < 90 THEN 'SUBMITTED' WHEN g % 100 < 95 THEN 'HANDLED'
       ELSE 'CANCELLED' END,
  CASE WHEN g % 100 BETWEEN 75 AND 84 THEN 'HANDLE' WHEN g % 100 BETWEEN 85 AND 89
       THEN 'INTAKE' WHEN g % 100 BETWEEN 90 AND 94 THEN 'PUBLISH' END,
  CASE WHEN g % 100 BETWEEN 75 AND 94
       THEN now() - (g % 525000) * interval '1 minute' + interval '6 days' END,
  CASE WHEN g % 100 < 75 THEN now() - (g % 525000) * interval '1 minute' + interval '3 days' END,
  CASE WHEN g % 100 < 75 THEN 'Kính gửi: Quý cá nhân ... Trân trọng./.' END,
  CASE WHEN g % 100 < 75 AND g % 4 = 0
       THEN (ARRAY['SATISFIED','ACCEPTABLE','UNSATISFIED'])[1 + g % 3] END,
  'phan anh so ' || g, 3
FROM generate_series(CAST(:start AS int), CAST(:stop AS int)) AS g
"""
PARTS = """
INSERT INTO reflection_assignments (reflection_id, agency_unit_id, state, assigned_at, due_at,
  step, note)
SELECT r.id, (CAST(:agencies AS int[]))[1 + r.id % cardinality(CAST(:agencies AS int[]))],
  CASE WHEN r.state = 'IN_HANDLING'
       THEN (ARRAY['ASSIGNED','ACCEPTED','RESULT_SUBMITTED'])[1 + r.id % 3] ELSE 'APPROVED' END,
  r.submitted_at + interval '30 minutes',
  CASE WHEN r.state = 'IN_HANDLING' THEN r.step_due END,
  CASE WHEN r.state = 'IN_HANDLING' THEN 'HANDLE' END, ''
FROM reflections r
WHERE r.id >= :first_id AND r.state NOT IN ('SUBMITTED', 'CANCELLED')
"""
EVENTS = """
INSERT INTO reflection_events (reflection_id, action, from_state, to_state, at,
  agency_unit_id, breached, public, note)
SELECT r.id, a.action, a.from_state, r.state, r.submitted_at + a.after, NULL, false, true, ''
FROM reflections r
CROSS JOIN (VALUES ('SUBMIT', NULL, interval '0'),
                   ('DISTRIBUTE', 'SUBMITTED', interval '40 minutes'))
  AS a(action, from_state, after)
WHERE r.id >= :first_id
"""


@dataclass(frozen=True)
class Options:
    """What to run."""

    reports: int
    iterations: int
    warmup: int
    load: bool
    force: bool
    explain: bool


async def generate(engine: AsyncEngine, count: int) -> None:
    """Add `count` reports with their agencies' parts and events (PostgreSQL)."""
    async with engine.begin() as conn:
        communes = list(
            await conn.scalars(text("SELECT id FROM org_units WHERE level_code = 'COMMUNE'"))
        )
        categories = list(await conn.scalars(text("SELECT id FROM reflection_categories")))
        agencies = list(
            await conn.scalars(
                text("SELECT DISTINCT agency_unit_id FROM reflection_category_agencies")
            )
        )
        first_id = int(await conn.scalar(text("SELECT coalesce(max(id), 0) + 1 FROM reflections")))
    started = time.perf_counter()
    for start in range(1, count + 1, BATCH):
        stop = min(start + BATCH - 1, count)
        async with engine.begin() as conn:
            batch_first = int(
                await conn.scalar(text("SELECT coalesce(max(id), 0) + 1 FROM reflections"))
            )
            await conn.execute(
                text(REPORTS),
                {"communes": communes, "categories": categories, "start": start, "stop": stop},
            )
            await conn.execute(text(PARTS), {"agencies": agencies, "first_id": batch_first})
            await conn.execute(text(EVENTS), {"first_id": batch_first})
        typer.echo(f"  {stop:,} reports generated ({time.perf_counter() - started:.0f} s)")
    async with engine.begin() as conn:  # the public feed's counts, as kept on write
        await conn.run_sync(reflection_feed.rebuild)
    async with engine.begin() as conn:
        for name in ("reflections", "reflection_assignments", "reflection_events"):
            await conn.execute(text(f"ANALYZE {name}"))
    typer.echo(f"Generated from id {first_id:,} in {time.perf_counter() - started:.0f} s.")


async def run(url: str, options: Options) -> None:
    settings = Settings(DATABASE_URL=url, LOG_LEVEL="WARNING")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    container = Container.from_settings(settings)
    try:
        if options.load:
            await recreate_database(url, force=options.force)
            typer.echo("Migrating ...")
            await upgrade_async(url)
            await load_demo(settings, scale=1, quiet=True)
            if options.reports and container.engine.dialect.name == "postgresql":
                loader = create_engine(url)  # no statement timeout while generating
                try:
                    await generate(loader, options.reports)
                finally:
                    await loader.dispose()
        web = create_app(settings, container)
        log = StatementLog(container.engine)
        transport = httpx.ASGITransport(app=web, client=("127.0.0.1", 50000))
        # start-up as `govgraph serve` runs it (the heap is frozen there)
        async with (
            web.router.lifespan_context(web),
            httpx.AsyncClient(transport=transport, base_url="http://bench") as http,
        ):
            await bench(Client(http), log, container, options)
    finally:
        await container.dispose()


async def bench(client: Client, log: StatementLog, container: Container, options: Options) -> None:
    n, warmup = options.iterations, options.warmup
    leader = await sign_in(client, "director")
    async with container.engine.connect() as conn:
        total = int(await conn.scalar(text("SELECT count(*) FROM reflections")) or 0)
        agency = await conn.scalar(text(f"SELECT id FROM org_units WHERE code = '{AGENCY}'"))
    client.token = leader
    unit = await client.data("query($c: String!) { orgUnit(code: $c) { id } }", {"c": AGENCY})
    agency_id = unit["orgUnit"]["id"]
    typer.echo(f"{total:,} reports (agency {AGENCY} = {agency}); {n} iterations per query.")
    runs: list[tuple[str, str | None, str, dict[str, Any]]] = [
        ("publicReflections(50) anonymous", None, PUBLIC, {"first": 50}),
        ("publicReflections(50) + timeline", None, PUBLIC_TIMELINE, {"first": 50}),
        ("publicReflections(50) + totalCount", None, PUBLIC_COUNTED, {"first": 50}),
        ("reflectionWorkQueue(SNV, 50) leader", leader, QUEUE, {"agency": agency_id, "first": 50}),
    ]
    results = []
    with log.listening():
        for name, token, query, variables in runs:
            client.token = token
            probe = await client.data(query, variables)
            connection = next(iter(probe.values()))
            typer.echo(f"  {name}: {len(connection['edges'])} rows")
            results.append(
                await measure(client, log, name, query, variables, iterations=n, warmup=warmup)
            )
    dialect = container.engine.dialect.name
    print_results(f"Field-report benchmark: {dialect} ({total:,} reports)", results, width=40)
    if options.explain:
        for name, token, query, variables in runs:
            client.token = token
            await explain(client, container, name, query, variables)


app = typer.Typer(add_completion=False, help=__doc__)


@app.command()
def main(
    database_url: Annotated[
        str, typer.Option(help="Benchmark database (it is emptied!)")
    ] = DEFAULT_URL,
    reports: Annotated[int, typer.Option(min=0, help="Generated reports (PostgreSQL)")] = 100_000,
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
    """Benchmark the public list of field reports and an agency's work queue."""
    options = Options(reports, iterations, warmup, load, force, explain_slowest)
    asyncio.run(run(database_url, options))


if __name__ == "__main__":
    app()
