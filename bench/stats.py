"""Statistics benchmark: province-wide and one district's monthly task figures, a year's
series and the scorecards, read from the cells kept on write.

    python -m bench.stats \\
        --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_stats \\
        --scale 10 --iterations 200

Recreates the benchmark database (the name must contain "bench") and loads the demo province
with its tasks (200,000 at scale 10; the loader rebuilds the statistics cells), or reuses a
loaded one with --no-load (then migrates it and, with --rebuild, recomputes the cells). Drives
the ASGI app in-process as an integrator API key and prints latency percentiles and SQL
statements per request. See bench/README.md.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

import httpx
import typer
from sqlalchemy import text

from bench.directory import Client, StatementLog, measure, print_results, recreate_database
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo.load import load_demo
from govgraph.settings import Settings
from persistence import stats_rollup
from persistence.migrate import upgrade_async

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_stats"
PROVINCE, DISTRICT = "UBND-TTH", "UBND-HUE"
FIELDS = (
    "period total doneOnTime doneLate openWithinDeadline openOverdue onTimeRate medianHandlingDays"
)
STATS = f"""
query Stats($unit: ID!, $period: String!) {{
  taskStats(unitId: $unit, period: $period) {{ {FIELDS} }}
}}
"""
SERIES = f"""
query Series($unit: ID!, $from: String!, $to: String!) {{
  taskStatsSeries(unitId: $unit, grain: MONTH, from: $from, to: $to) {{ {FIELDS} }}
}}
"""
CARDS = """
query Cards($unit: ID!, $year: Int!) {
  unitScorecards(unitId: $unit, year: $year) { rank unit { code } stats { total onTimeRate } }
}
"""
KEY = """mutation($unit: ID!) { createApiKey(name: "bench", unitId: $unit, includeSubtree: true)
  { secret errors { code } } }"""

app = typer.Typer(add_completion=False, help=__doc__)


class KeyClient(Client):
    """The bench client, sending an API key instead of a bearer token."""

    def __init__(self, http: httpx.AsyncClient, key: str) -> None:
        super().__init__(http)
        self.key = key

    async def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        headers = {"Accept": "application/json", "X-API-Key": self.key}
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )


async def _key(http: httpx.AsyncClient, province: str) -> str:
    admin = Client(http)
    login = await admin.data(
        'mutation { login(login: "admin@thuathienhue.gov.vn", password: "QuanTri#Hue2026") '
        "{ token } }"
    )
    admin.token = login["login"]["token"]
    made = await admin.data(KEY, {"unit": province})
    return str(made["createApiKey"]["secret"])


async def run(
    url: str,
    *,
    scale: int,
    iterations: int,
    warmup: int,
    load: bool,
    rebuild: bool,
    force: bool,
    explain: bool,
) -> None:
    settings = Settings(DATABASE_URL=url, LOG_LEVEL="WARNING")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if load:
        await recreate_database(url, force=force)
    typer.echo("Migrating ...")
    await upgrade_async(url)
    if load:
        await load_demo(settings, scale=scale, quiet=False)
    container = Container.from_settings(settings)
    if rebuild:
        started = time.perf_counter()
        async with container.engine.begin() as conn:
            count = await conn.run_sync(stats_rollup.rebuild)
        typer.echo(f"Rebuilt the cells of {count:,} tasks in {time.perf_counter() - started:.1f} s")
    web = create_app(settings, container)
    log = StatementLog(container.engine)
    try:
        transport = httpx.ASGITransport(app=web, client=("127.0.0.1", 50001))
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
            await bench(client, log, container, units, iterations, warmup, scale, explain)
    finally:
        await container.dispose()


async def bench(
    client: KeyClient,
    log: StatementLog,
    container: Container,
    units: Any,
    n: int,
    warmup: int,
    scale: int,
    explain: bool,
) -> None:
    today = datetime.now(UTC).date()
    last = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    month, current = f"{last:%Y-%m}", f"{today:%Y-%m}"
    first = date(today.year - 1, today.month, 1)
    province, district = units["p"]["id"], units["d"]["id"]
    async with container.engine.connect() as conn:
        tasks = int(await conn.scalar(text("SELECT count(*) FROM tasks")) or 0)
        cells = int(await conn.scalar(text("SELECT count(*) FROM task_stat_cells")) or 0)
    typer.echo(f"{tasks:,} tasks in {cells:,} cells; {n} iterations after {warmup} warm-up.")
    runs: list[tuple[str, str, dict[str, Any]]] = [
        (f"taskStats(province, {month})", STATS, {"unit": province, "period": month}),
        (f"taskStats({DISTRICT}, {month})", STATS, {"unit": district, "period": month}),
        (f"taskStats(province, {current}: live)", STATS, {"unit": province, "period": current}),
        (
            f"taskStats(province, {today.year})",
            STATS,
            {"unit": province, "period": str(today.year)},
        ),
        (
            "taskStatsSeries(province, 13 months)",
            SERIES,
            {"unit": province, "from": f"{first:%Y-%m}", "to": current},
        ),
        (f"unitScorecards(province, {today.year})", CARDS, {"unit": province, "year": today.year}),
    ]
    results = []
    with log.listening():
        for name, query, variables in runs:
            probe = await client.data(query, variables)
            value = probe.get("taskStats") or {}
            if value:
                typer.echo(
                    f"  {name}: total {value['total']}, overdue {value['openOverdue']}, "
                    f"on time {value['onTimeRate']}, median {value['medianHandlingDays']}"
                )
            results.append(
                await measure(client, log, name, query, variables, iterations=n, warmup=warmup)
            )
    title = (
        f"Statistics benchmark: {container.engine.dialect.name}, scale {scale} ({tasks:,} tasks)"
    )
    print_results(title, results, width=42)
    if explain:
        for name, query, variables in runs:
            capture = StatementLog(container.engine)
            with capture.listening():
                await client.data(query, variables)
            sql = sum(e[0] for e in capture.entries)
            slowest = max(capture.entries, key=lambda e: e[0])
            typer.echo(
                f"{name}: SQL {sql:.1f} ms in {len(capture.entries)} statements, "
                f"slowest {slowest[0]:.1f} ms: {' '.join(slowest[1].split())[:300]}"
            )


@app.command()
def main(
    database_url: Annotated[
        str, typer.Option(help="Benchmark database (emptied with --load)")
    ] = DEFAULT_URL,
    scale: Annotated[int, typer.Option(min=1, help="Demo province scale")] = 10,
    iterations: Annotated[int, typer.Option(min=1, help="Measured requests per query")] = 200,
    warmup: Annotated[int, typer.Option(min=0, help="Unmeasured requests first")] = 10,
    load: Annotated[bool, typer.Option("--load/--no-load", help="Recreate and load")] = True,
    rebuild: Annotated[bool, typer.Option(help="Recompute the cells first")] = False,
    force: Annotated[bool, typer.Option(help="Allow a database name without 'bench'")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Print each query's SQL time")] = False,
) -> None:
    """Benchmark the task statistics."""
    asyncio.run(
        run(
            database_url,
            scale=scale,
            iterations=iterations,
            warmup=warmup,
            load=load,
            rebuild=rebuild,
            force=force,
            explain=explain,
        )
    )


if __name__ == "__main__":
    app()
