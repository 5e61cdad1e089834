"""Field-report statistics benchmark: province-wide and one district's monthly figures, a
13-month series and the agency side, whole GraphQL requests as an integrator API key.

    python -m bench.reflection_stats \\
        --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_rstats \\
        --scale 10 --reports 1000000 --iterations 200

Recreates the benchmark database (the name must contain "bench"), loads the demo province at
`--scale` (200,000 tasks at scale 10), then on PostgreSQL adds `--reports` generated field
reports in batches of INSERT ... SELECT generate_series (the rows of bench.reflections, plus
closed steps: every distributed report's intake, one late in seven, and the agency's handle
step of the answered ones), and fills the statistics cells with `stats-rebuild`'s
`reflection_stats_rollup.rebuild` (INSERT ... SELECT ... GROUP BY on PostgreSQL; `--rebuild`
uses the report-by-report `recount` instead). With --no-load it reuses a loaded database.
Drives the ASGI app in-process (bench.stats' driver) and prints latency percentiles and SQL
statements per request. See bench/README.md.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import httpx
import typer
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.directory import Client, StatementLog, measure, print_results, recreate_database
from bench.reflections import BATCH, PARTS, REPORTS
from bench.stats import DISTRICT, PROVINCE, KeyClient, _key
from domain.calendar import DEFAULT_TIMEZONE
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo.load import load_demo
from govgraph.settings import Settings
from persistence import reflection_stats_rollup
from persistence.database import create_engine
from persistence.migrate import upgrade_async

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_rstats"
FIELDS = """period received handled open secret cancelled rated satisfactionRate overdue
onTimeRate steps { step onTime late overdue }"""
STATS = f"""
query Stats($unit: ID!, $period: String!, $side: ReflectionStatsSide) {{
  reflectionStats(unitId: $unit, period: $period, side: $side) {{ {FIELDS} }}
}}
"""
SERIES = f"""
query Series($unit: ID!, $from: String!, $to: String!) {{
  reflectionStatsSeries(unitId: $unit, grain: MONTH, from: $from, to: $to) {{ {FIELDS} }}
}}
"""
# Closed steps: the intake of every distributed report (closed by DISTRIBUTE, one late in
# seven) and the agency's handle step of the answered ones (closed by SUBMIT_RESULT).
STEPS = """
INSERT INTO reflection_events (reflection_id, action, from_state, to_state, at,
  agency_unit_id, step, due_at, breached, public, note)
SELECT r.id, 'DISTRIBUTE', 'SUBMITTED', 'IN_HANDLING', r.submitted_at + interval '40 minutes',
  a.agency_unit_id, 'INTAKE', r.submitted_at + interval '1 hour', r.id % 7 = 0, true, ''
FROM reflections r JOIN reflection_assignments a ON a.reflection_id = r.id
WHERE r.id >= :first_id
UNION ALL
SELECT r.id, 'SUBMIT_RESULT', 'IN_HANDLING', 'IN_HANDLING', r.submitted_at + interval '2 days',
  a.agency_unit_id, 'HANDLE', r.submitted_at + interval '6 days', r.id % 11 = 0, false, ''
FROM reflections r JOIN reflection_assignments a ON a.reflection_id = r.id
WHERE r.id >= :first_id AND a.state = 'APPROVED'
"""

app = typer.Typer(add_completion=False, help=__doc__)


async def generate(engine: AsyncEngine, count: int, *, rebuild: bool = False) -> None:
    """Add `count` reports with their parts and closed steps, then rebuild the cells."""
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
    started = time.perf_counter()
    for start in range(1, count + 1, BATCH):
        stop = min(start + BATCH - 1, count)
        async with engine.begin() as conn:
            first = int(await conn.scalar(text("SELECT coalesce(max(id), 0) + 1 FROM reflections")))
            await conn.execute(
                text(REPORTS),
                {"communes": communes, "categories": categories, "start": start, "stop": stop},
            )
            await conn.execute(text(PARTS), {"agencies": agencies, "first_id": first})
            await conn.execute(text(STEPS), {"first_id": first})
        typer.echo(f"  {stop:,} reports generated ({time.perf_counter() - started:.0f} s)")
    async with engine.begin() as conn:
        for name in ("reflections", "reflection_assignments", "reflection_events"):
            await conn.execute(text(f"ANALYZE {name}"))
    typer.echo(f"Generated in {time.perf_counter() - started:.0f} s; filling the cells ...")
    started = time.perf_counter()
    async with engine.begin() as conn:
        if rebuild:
            await conn.run_sync(reflection_stats_rollup.recount, DEFAULT_TIMEZONE)
        else:
            await conn.run_sync(reflection_stats_rollup.rebuild, DEFAULT_TIMEZONE)
    how = "report by report" if rebuild else "INSERT ... SELECT"
    typer.echo(f"Cells filled ({how}) in {time.perf_counter() - started:.0f} s.")


async def run(
    url: str,
    *,
    scale: int,
    reports: int,
    iterations: int,
    load: bool,
    force: bool,
    rebuild: bool,
    monthly_only: bool = False,
) -> None:
    settings = Settings(DATABASE_URL=url, LOG_LEVEL="WARNING")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if load:
        await recreate_database(url, force=force)
    typer.echo("Migrating ...")
    await upgrade_async(url)
    if load:
        started = time.perf_counter()
        await load_demo(settings, scale=scale, quiet=True)
        typer.echo(f"Demo province at scale {scale} in {time.perf_counter() - started:.0f} s.")
        loader = create_engine(url)  # no statement timeout while generating
        try:
            await generate(loader, reports, rebuild=rebuild)
        finally:
            await loader.dispose()
    container = Container.from_settings(settings)
    web = create_app(settings, container)
    log = StatementLog(container.engine)
    try:
        transport = httpx.ASGITransport(app=web, client=("127.0.0.1", 50002))
        # start-up as `govgraph serve` runs it (the heap is frozen there)
        async with (
            web.router.lifespan_context(web),
            httpx.AsyncClient(transport=transport, base_url="http://bench") as http,
        ):
            units = await Client(http).data(
                f'{{ p: orgUnit(code: "{PROVINCE}") {{ id }} '
                f'd: orgUnit(code: "{DISTRICT}") {{ id }} }}'
            )
            client = KeyClient(http, await _key(http, units["p"]["id"]))
            await bench(client, log, container, units, iterations, monthly_only)
    finally:
        await container.dispose()


async def bench(
    client: KeyClient,
    log: StatementLog,
    container: Container,
    units: Any,
    n: int,
    monthly_only: bool = False,
) -> None:
    today = datetime.now(UTC).date()
    last = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    month, current = f"{last:%Y-%m}", f"{today:%Y-%m}"
    first = f"{today.year - 1}-{today.month:02d}"
    province, district = units["p"]["id"], units["d"]["id"]
    async with container.engine.connect() as conn:
        counts = [
            int(await conn.scalar(text(f"SELECT count(*) FROM {t}")) or 0)
            for t in ("reflections", "tasks", "reflection_stat_cells", "reflection_stat_steps")
        ]
    typer.echo(
        f"{counts[0]:,} field reports, {counts[1]:,} tasks; {counts[2]:,} report cells, "
        f"{counts[3]:,} step cells; {n} iterations; load average {os.getloadavg()}"
    )
    runs: list[tuple[str, str, dict[str, Any]]] = [
        (f"reflectionStats(province, {month})", STATS, {"unit": province, "period": month}),
        (f"reflectionStats({DISTRICT}, {month})", STATS, {"unit": district, "period": month}),
        (
            f"reflectionStats(province, {month}, AGENCY)",
            STATS,
            {"unit": province, "period": month, "side": "AGENCY"},
        ),
        (
            f"reflectionStats(province, {current}: live)",
            STATS,
            {"unit": province, "period": current},
        ),
        (
            f"reflectionStats(province, {today.year})",
            STATS,
            {"unit": province, "period": str(today.year)},
        ),
        (
            "reflectionStatsSeries(province, 13 months)",
            SERIES,
            {"unit": province, "from": first, "to": current},
        ),
    ]
    if monthly_only:
        runs = runs[:3]
    results = []
    with log.listening():
        for name, query, variables in runs:
            value = (await client.data(query, variables)).get("reflectionStats") or {}
            if value:
                typer.echo(
                    f"  {name}: received {value['received']}, handled {value['handled']}, "
                    f"overdue {value['overdue']}, on time {value['onTimeRate']}, "
                    f"satisfaction {value['satisfactionRate']}"
                )
            results.append(
                await measure(client, log, name, query, variables, iterations=n, warmup=10)
            )
    print_results(
        f"Field-report statistics: {container.engine.dialect.name} ({counts[0]:,} reports)",
        results,
        width=46,
    )
    typer.echo(f"load average after: {os.getloadavg()}")


@app.command()
def main(
    database_url: Annotated[str, typer.Option(help="Benchmark database (emptied!)")] = DEFAULT_URL,
    scale: Annotated[int, typer.Option(min=1, help="Demo province scale (tasks)")] = 10,
    reports: Annotated[int, typer.Option(min=0, help="Generated field reports")] = 1_000_000,
    iterations: Annotated[int, typer.Option(min=1, help="Measured requests per query")] = 200,
    load: Annotated[bool, typer.Option("--load/--no-load", help="Recreate and load")] = True,
    force: Annotated[bool, typer.Option(help="Allow a database name without 'bench'")] = False,
    rebuild: Annotated[bool, typer.Option(help="Fill the cells report by report")] = False,
    monthly_only: Annotated[
        bool, typer.Option(help="Only last month's figures (province, district, agencies)")
    ] = False,
) -> None:
    """Benchmark the field-report statistics."""
    asyncio.run(
        run(
            database_url,
            scale=scale,
            reports=reports,
            iterations=iterations,
            load=load,
            force=force,
            rebuild=rebuild,
            monthly_only=monthly_only,
        )
    )


if __name__ == "__main__":
    app()
