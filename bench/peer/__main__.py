"""govgraph side by side with PostGraphile 5 on the same PostgreSQL data.

    .venv/bin/python -m bench.peer --scale 1 --duration 10 --connections 10
    .venv/bin/python -m bench.peer --scale 1 --no-load --quick

Loads the demo province into peer_bench<scale> (or --database-url; --no-load reuses it),
applies bench/peer/peer.sql, starts govgraph (`govgraph serve`, production, its directory
cache off; a second process with the cache on for the "cached" rows) and PostGraphile 5 on
loopback, checks that both answer every query with the same data, then times each query with
autocannon in interleaved rounds and prints a markdown table. See bench/README.md.
"""

from __future__ import annotations

import asyncio
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from sqlalchemy import text

from bench.directory import settings_for
from bench.peer import database, statements
from bench.peer.measure import LoadGenerator, Row, ask, compare
from bench.peer.queries import Case, Facts, cases, last_month
from bench.peer.report import as_json, load_average, markdown, write, write_json
from bench.peer.servers import HERE, NODE, ROOT, Server, running
from govgraph.demo.accounts import DEMO_ACCOUNTS
from persistence.database import create_engine

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/peer_bench{scale}"
ACCOUNTS = {a.key: a for a in DEMO_ACCOUNTS}
LOGIN = """mutation($login: String!, $password: String!) {
  login(login: $login, password: $password) { token errors { code message } } }"""

app = typer.Typer(add_completion=False, help=__doc__)


@dataclass(frozen=True)
class Plan:
    """How long and how hard to measure."""

    duration: float
    rounds: int
    warmup: float
    connections: int
    quick: bool = False  # runs of a few requests instead of timed runs

    def describe(self) -> str:
        c = self.connections
        if self.quick:
            return f"{c} connections, quick: {2 * c + 2} requests per side"
        return (
            f"{c} connections, {self.rounds} round(s) of about {self.duration:g} s per side "
            f"after {self.warmup:g} s warm-up"
        )


def install() -> None:
    """npm ci in bench/peer when its packages are missing (install.sh)."""
    if NODE.exists() and (HERE / "node_modules" / "postgraphile").exists():
        return
    typer.echo("Installing PostGraphile, autocannon and Node 22 (npm ci) ...")
    subprocess.run(["bash", str(HERE / "install.sh")], check=True)


async def facts_of(url: str, time_zone: str) -> Facts:
    """The keys the queries name."""
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            units: dict[str, int] = dict(
                (
                    await conn.execute(
                        text(
                            "SELECT code, id FROM org_units WHERE code IN "
                            "('UBND-TTH', 'UBND-HUE', 'SNV')"
                        )
                    )
                ).all()
            )
            person = await conn.scalar(
                text("SELECT person_id FROM accounts WHERE login = :login"),
                {"login": ACCOUNTS["director"].login},
            )
    finally:
        await engine.dispose()
    return Facts(
        province_id=units["UBND-TTH"],
        district_id=units["UBND-HUE"],
        agency_id=units["SNV"],
        director_person_id=int(person),
        last_month=last_month(datetime.now(ZoneInfo(time_zone)).date()),
    )


def sign_in(server: Server, keys: set[str]) -> dict[str, str]:
    """A bearer token per demo account (valid on both govgraph processes: same database)."""
    import httpx

    tokens = {}
    for key in sorted(keys):
        account = ACCOUNTS[key]
        answer = httpx.post(
            server.url,
            json={
                "query": LOGIN,
                "variables": {"login": account.login, "password": account.password},
            },
            timeout=60,
        ).json()
        token = ((answer.get("data") or {}).get("login") or {}).get("token")
        if not token:
            raise RuntimeError(f"sign-in of {account.login} failed: {answer}")
        tokens[key] = token
    return tokens


def measure_case(
    row: Row, servers: dict[str, Server], tokens: dict[str, str], plan: Plan, gen: LoadGenerator
) -> None:
    """Warm both sides, then rounds alternating which side goes first."""
    case = row.case
    ours = servers["govgraph-cached" if case.cached else "govgraph"]
    theirs = servers["postgraphile"]
    sides = [
        (ours, ask(ours, case.govgraph, tokens), row.govgraph),
        (theirs, ask(theirs, case.peer, tokens), row.peer),
    ]
    c = plan.connections
    least = 2 * c + 2  # enough answers for a steady-state rate (load.mjs)
    rates = {}
    if not plan.quick:  # (quick: the checked request was the warm-up)
        for server, answer, _ in sides:
            rates[server.name] = gen.run(server, answer, connections=c, seconds=plan.warmup).rate
    for n in range(plan.rounds):
        for server, answer, side in sides if n % 2 == 0 else sides[::-1]:
            # a run of as many requests as the side's last rate gives in --duration seconds:
            # no request is cut off, and a slow side still answers enough of them
            size = least if plan.quick else max(least, round(rates[server.name] * plan.duration))
            run = gen.run(server, answer, connections=c, amount=size)
            rates[server.name] = run.rate
            side.runs.append(run)
    typer.echo(
        f"  {case.name}: govgraph {row.govgraph.rate:,.1f} req/s, PostGraphile "
        f"{row.peer.rate:,.1f} req/s, ratio {row.ratio or 0:.3f}"
    )


def check(all_cases: list[Case], servers: dict[str, Server], tokens: dict[str, str]) -> list[Row]:
    """Ask each query once on both sides and compare the normalised data."""
    rows = []
    for case in all_cases:
        ours = ask(servers["govgraph-cached" if case.cached else "govgraph"], case.govgraph, tokens)
        theirs = ask(servers["postgraphile"], case.peer, tokens)
        same, difference = compare(case, ours, theirs)
        rows.append(Row(case, same, difference))
        verdict = "same data" if same else f"DIFFERENT DATA: {difference}"
        typer.echo(f"  {case.name}: {verdict} ({ours.length:,} / {theirs.length:,} bytes)")
    return rows


def run(
    url: str,
    scale: int,
    load_data: bool,
    plan: Plan,
    port: int,
    only: list[str],
    markdown_path: Path | None,
    json_path: Path | None,
    log_dir: Path,
) -> int:
    """The whole benchmark; 1 when some query's data differed or requests failed."""
    database.check_name(url)
    install()
    if load_data:
        asyncio.run(database.load(url, scale))
    sizes = asyncio.run(database.prepare(url))
    settings = settings_for(url)
    facts = asyncio.run(facts_of(url, settings.time_zone))
    chosen = [c for c in cases(facts) if not only or any(o in c.name for o in only)]
    typer.echo(
        f"{sizes['units']:,} units, {sizes['people']:,} people, {sizes['tasks']:,} tasks, "
        f"{sizes['reports']:,} reports; {len(chosen)} queries."
    )
    began = time.perf_counter()
    with running(url, port, log_dir) as servers:
        typer.echo(f"Servers up in {time.perf_counter() - began:.0f} s: {_urls(servers)}")
        accounts = {c.govgraph.account for c in chosen if c.govgraph.account is not None}
        tokens = sign_in(servers["govgraph"], accounts)
        typer.echo("Checking that both servers answer the same data ...")
        rows = check(chosen, servers, tokens)
        counts = asyncio.run(statements.count(url, chosen, tokens))
        peer_counts = statements.count_peer(servers["postgraphile-debug"], chosen)
        typer.echo(f"Checked and counted statements in {time.perf_counter() - began:.0f} s.")
        for row in rows:
            row.statements = counts.get(row.case.name)
            row.peer_statements = peer_counts.get(row.case.name)
        typer.echo(f"Measuring: {plan.describe()} ...")
        started = time.perf_counter()
        with LoadGenerator() as gen:
            for row in rows:
                measure_case(row, servers, tokens, plan, gen)
    command = " ".join(shlex.quote(a) for a in ["python", "-m", "bench.peer", *sys.argv[1:]])
    header = [
        f"`{command}` — scale {scale}: {sizes['units']:,} units, {sizes['people']:,} people, "
        f"{sizes['tasks']:,} tasks, {sizes['reports']:,} reports; {plan.describe()}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average at the end "
        f"{load_average()} on {_cpus()} CPUs; measuring took {time.perf_counter() - started:.0f} s."
    ]
    table = markdown(rows, header)
    typer.echo("")
    typer.echo(table)
    write(markdown_path, table)
    conditions = {"scale": scale, "sizes": sizes, "plan": plan.__dict__, "command": command}
    write_json(json_path, as_json(rows, conditions))
    failed = [r for r in rows if not r.same or r.govgraph.failures or r.peer.failures]
    for row in failed:
        typer.echo(f"FAILED: {row.case.name}: {row.difference or 'failed requests'}", err=True)
    return 1 if failed else 0


def _urls(servers: dict[str, Server]) -> str:
    return ", ".join(f"{name} {server.url}" for name, server in servers.items())


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


@app.command()
def main(
    scale: Annotated[int, typer.Option(min=1, help="Demo province scale")] = 1,
    database_url: Annotated[
        str, typer.Option(help="Benchmark database, emptied unless --no-load ({scale} is replaced)")
    ] = DEFAULT_URL,
    load_data: Annotated[
        bool, typer.Option("--load/--no-load", help="Recreate and load the database")
    ] = True,
    duration: Annotated[
        float, typer.Option(min=0.5, help="Seconds a measured run aims at (sized by rate)")
    ] = 10,
    rounds: Annotated[int, typer.Option(min=1, help="Runs per side and query, interleaved")] = 3,
    warmup: Annotated[float, typer.Option(min=0.5, help="Unmeasured seconds per side first")] = 3,
    connections: Annotated[int, typer.Option(min=1, help="Concurrent connections")] = 10,
    quick: Annotated[
        bool,
        typer.Option(
            help="A smoke run: per side, one request per connection to warm "
            "up, then one round of two per connection"
        ),
    ] = False,
    port: Annotated[
        int,
        typer.Option(
            help="govgraph, cached govgraph, PostGraphile, PostGraphile logging its SQL: 4 ports"
        ),
    ] = 18100,
    only: Annotated[list[str] | None, typer.Option(help="Only queries whose name has this")] = None,
    markdown_path: Annotated[
        Path | None, typer.Option("--markdown", help="Write the table")
    ] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the figures")] = None,
    log_dir: Annotated[Path, typer.Option(help="The servers' logs")] = ROOT / "var" / "bench-peer",
) -> None:
    """Benchmark govgraph against PostGraphile 5 on the same demo data."""
    plan = Plan(duration, rounds, warmup, connections)
    if quick:
        plan = Plan(0, 1, 0, connections, quick=True)
    url = database_url.replace("{scale}", str(scale))
    code = run(url, scale, load_data, plan, port, only or [], markdown_path, json_path, log_dir)
    raise typer.Exit(code)


if __name__ == "__main__":
    app()
