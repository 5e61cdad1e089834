"""Dossier benchmark: an agency desk's queue and the public tracking lookup.

    python -m bench.dossiers \\
        --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_dossiers \\
        --dossiers 1000000 --iterations 200

Recreates the benchmark database (the name must contain "bench"), loads the demo province at
scale 1 (its catalog, applicants and 3,000 demo dossiers), then on PostgreSQL adds
`--dossiers` generated dossiers in batches of INSERT ... SELECT generate_series, spread over
the demo's online procedures and active applicants (5 % at the Vĩnh Ninh commune's desk, the
demo desk; 8 % waiting for reception, 25 % in processing, 60 % done, the rest refused or
withdrawn), each with its SUBMIT and ACCEPT steps; ANALYZEs; and drives the ASGI app
in-process over httpx, printing latency percentiles and SQL statements per request. See
bench/README.md.
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
from persistence.database import create_engine
from persistence.migrate import upgrade_async

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/govgraph_bench_dossiers"
BATCH = 50_000
DESK = "HUE-VINHNINH"  # the demo desk (motcua.vinhninh) and chairman (chutich.vinhninh)

NODE = """id trackingCode state dueAt submittedAt receptionDue overdue
          procedure { code name } applicant { fullName phone }"""
DESK_QUEUE = f"""
query DeskQueue($agency: ID!, $first: Int!) {{
  dossiers(filter: {{agencyId: $agency, states: [SUBMITTED]}}, first: $first) {{
    pageInfo {{ hasNextPage endCursor }}
    edges {{ node {{ {NODE} }} }}
  }}
}}
"""
DESK_COUNTED = DESK_QUEUE.replace("pageInfo {", "totalCount pageInfo {")
LEADER_QUEUE = DESK_QUEUE.replace(
    "agencyId: $agency, states: [SUBMITTED]", "holderId: $agency, states: [RECEIVED, DRAFTED]"
).replace("DeskQueue", "LeaderQueue")
TRACK = """
query Track($code: String!) {
  dossierByTrackingCode(code: $code) {
    trackingCode state submittedAt receivedAt resultDue finishedAt
    procedure { code name } agency { name } steps { action fromState toState at }
  }
}
"""

DOSSIERS = """
INSERT INTO dossiers (procedure_id, procedure_version_id, applicant_account_id, agency_unit_id,
  holder_unit_id, chain_index, tracking_code, channel, payment, delivery, state, submitted_at,
  reception_due, processing_days, received_at, processing_due, due_at, paused_minutes,
  refusals, supplement_requests, finished_at, finish_class, delivered_at, rated, version)
SELECT p.procedure_id, p.version_id, (CAST(:applicants AS int[]))[1 + g % :n_applicants],
  p.agency, p.agency, 0,
  'HS-' || substr(h, 1, 4) || '-' || substr(h, 5, 4) || '-' || substr(h, 9, 4),
  CASE WHEN g % 5 = 0 THEN 'DESK' ELSE 'ONLINE' END,
  CASE WHEN g % 3 = 0 THEN 'ONLINE' ELSE 'DESK' END,
  CASE WHEN g % 4 = 0 THEN 'POST' ELSE 'DESK' END,
  s.state, at, at + interval '1 hour', p.days,
  CASE WHEN s.state NOT IN ('SUBMITTED', 'INCOMPLETE') THEN at + interval '40 minutes' END,
  CASE WHEN s.state NOT IN ('SUBMITTED', 'INCOMPLETE')
       THEN at + p.days * interval '1 day' + interval '2 days' END,
  CASE WHEN s.state = 'SUBMITTED' THEN at + interval '1 hour'
       WHEN s.state IN ('RECEIVED', 'IN_PROCESSING', 'AWAITING_SUPPLEMENT', 'DRAFTED', 'SIGNED')
       THEN at + p.days * interval '1 day' + interval '2 days' END,
  0, CASE WHEN s.state = 'INCOMPLETE' THEN 1 ELSE 0 END, 0,
  CASE WHEN s.state IN ('RESULT_READY', 'DELIVERED') THEN at + p.days * interval '1 day' END,
  CASE WHEN s.state IN ('RESULT_READY', 'DELIVERED')
       THEN (ARRAY['DONE_EARLY', 'DONE_ON_TIME', 'DONE_LATE'])[1 + g % 3] END,
  CASE WHEN s.state = 'DELIVERED' THEN at + p.days * interval '1 day' + interval '1 day' END,
  false, 3
FROM generate_series(CAST(:start AS int), CAST(:stop AS int)) AS g
CROSS JOIN LATERAL (SELECT upper(lpad(to_hex(g + 1000000000), 12, '0')) AS h,
                           now() - (g % 259200) * interval '1 minute' AS at) AS k
CROSS JOIN LATERAL (
  SELECT (CAST(:procedures AS int[]))[1 + i] AS procedure_id,
         (CAST(:versions AS int[]))[1 + i] AS version_id,
         (CAST(:agencies AS int[]))[1 + i] AS agency, (CAST(:days AS int[]))[1 + i] AS days
    FROM (SELECT CASE WHEN g % 20 = 0 THEN (g / 20) % :n_desk
                      ELSE :n_desk + g % (:n_procedures - :n_desk) END AS i) AS pick
) AS p
CROSS JOIN LATERAL (SELECT CASE
  WHEN g % 100 < 8 THEN 'SUBMITTED' WHEN g % 100 < 11 THEN 'INCOMPLETE'
  WHEN g % 100 < 16 THEN 'RECEIVED' WHEN g % 100 < 30 THEN 'IN_PROCESSING'
  WHEN g % 100 < 33 THEN 'AWAITING_SUPPLEMENT' WHEN g % 100 < 36 THEN 'DRAFTED'
  WHEN g % 100 < 38 THEN 'SIGNED' WHEN g % 100 < 44 THEN 'RESULT_READY'
  WHEN g % 100 < 98 THEN 'DELIVERED' ELSE 'WITHDRAWN' END AS state) AS s
"""
STEPS = """
INSERT INTO dossier_steps (dossier_id, action, from_state, to_state, at, unit_id, note, due_at,
  breached)
SELECT d.id, a.action, a.from_state, a.to_state, d.submitted_at + a.after, d.agency_unit_id,
  '', d.reception_due, false
FROM dossiers d
CROSS JOIN (VALUES ('SUBMIT', NULL, 'SUBMITTED', interval '0'),
                   ('ACCEPT', 'SUBMITTED', 'RECEIVED', interval '40 minutes'))
  AS a(action, from_state, to_state, after)
WHERE d.id >= :first_id AND (a.action = 'SUBMIT' OR d.received_at IS NOT NULL)
"""


@dataclass(frozen=True)
class Options:
    """What to run."""

    dossiers: int
    iterations: int
    warmup: int
    load: bool
    force: bool
    explain: bool


async def _catalog(engine: AsyncEngine) -> dict[str, Any]:
    """The online procedures (the desk's first) and the active applicants."""
    async with engine.connect() as conn:
        desk = await conn.scalar(text("SELECT id FROM org_units WHERE code = :c"), {"c": DESK})
        rows = (
            await conn.execute(
                text(
                    "SELECT v.procedure_id, v.id, a.unit_id, v.processing_days "
                    "FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id "
                    "AND p.current_number = v.number JOIN procedure_agencies a "
                    "ON a.version_id = v.id AND a.position = 1 "
                    "WHERE v.service_level >= 3 AND v.methods LIKE '%ONLINE%' "
                    "ORDER BY (a.unit_id = :desk) DESC, v.id"
                ),
                {"desk": desk},
            )
        ).all()
        applicants = list(
            await conn.scalars(text("SELECT account_id FROM applicants WHERE status = 'ACTIVE'"))
        )
    at_desk = sum(1 for r in rows if r[2] == desk)
    return {
        "procedures": [r[0] for r in rows],
        "versions": [r[1] for r in rows],
        "agencies": [r[2] for r in rows],
        "days": [r[3] for r in rows],
        "n_procedures": len(rows),
        "n_desk": max(at_desk, 1),
        "applicants": applicants,
        "n_applicants": len(applicants),
    }


async def generate(engine: AsyncEngine, count: int) -> None:
    """Add `count` dossiers with their first steps (PostgreSQL)."""
    values = await _catalog(engine)
    started = time.perf_counter()
    for start in range(1, count + 1, BATCH):
        stop = min(start + BATCH - 1, count)
        async with engine.begin() as conn:
            first = int(await conn.scalar(text("SELECT coalesce(max(id), 0) + 1 FROM dossiers")))
            await conn.execute(text(DOSSIERS), {**values, "start": start, "stop": stop})
            await conn.execute(text(STEPS), {"first_id": first})
        typer.echo(f"  {stop:,} dossiers generated ({time.perf_counter() - started:.0f} s)")
    async with engine.begin() as conn:
        for name in ("dossiers", "dossier_steps"):
            await conn.execute(text(f"ANALYZE {name}"))
    typer.echo(f"Generated in {time.perf_counter() - started:.0f} s.")


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
            if options.dossiers and container.engine.dialect.name == "postgresql":
                loader = create_engine(url)  # no statement timeout while generating
                try:
                    await generate(loader, options.dossiers)
                finally:
                    await loader.dispose()
        web = create_app(settings, container)
        log = StatementLog(container.engine)
        transport = httpx.ASGITransport(app=web, client=("127.0.0.1", 50000))
        async with (
            web.router.lifespan_context(web),
            httpx.AsyncClient(transport=transport, base_url="http://bench") as http,
        ):
            await bench(Client(http), log, container, options)
    finally:
        await container.dispose()


async def bench(client: Client, log: StatementLog, container: Container, options: Options) -> None:
    n, warmup = options.iterations, options.warmup
    desk = await sign_in(client, "commune_desk")
    leader = await sign_in(client, "commune_leader")
    async with container.engine.connect() as conn:
        total = int(await conn.scalar(text("SELECT count(*) FROM dossiers")) or 0)
        code = await conn.scalar(
            text("SELECT tracking_code FROM dossiers WHERE state = 'DELIVERED' ORDER BY id DESC")
        )
    client.token = desk
    unit = await client.data("query($c: String!) { orgUnit(code: $c) { id } }", {"c": DESK})
    agency = unit["orgUnit"]["id"]
    typer.echo(f"{total:,} dossiers; {n} iterations per query.")
    runs: list[tuple[str, str | None, str, dict[str, Any]]] = [
        ("desk queue (SUBMITTED, 50)", desk, DESK_QUEUE, {"agency": agency, "first": 50}),
        ("desk queue + totalCount", desk, DESK_COUNTED, {"agency": agency, "first": 50}),
        ("leader queue (holder, 50)", leader, LEADER_QUEUE, {"agency": agency, "first": 50}),
        ("dossierByTrackingCode anonymous", None, TRACK, {"code": code}),
    ]
    results = []
    with log.listening():
        for name, token, query, variables in runs:
            client.token = token
            probe = await client.data(query, variables)
            found = next(iter(probe.values()))
            rows = len(found["edges"]) if "edges" in found else len(found["steps"])
            typer.echo(f"  {name}: {rows} rows")
            results.append(
                await measure(client, log, name, query, variables, iterations=n, warmup=warmup)
            )
    dialect = container.engine.dialect.name
    print_results(f"Dossier benchmark: {dialect} ({total:,} dossiers)", results, width=36)
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
    dossiers: Annotated[
        int, typer.Option(min=0, help="Generated dossiers (PostgreSQL)")
    ] = 1_000_000,
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
    """Benchmark an agency desk's queue of dossiers and the public tracking lookup."""
    options = Options(dossiers, iterations, warmup, load, force, explain_slowest)
    asyncio.run(run(database_url, options))


if __name__ == "__main__":
    app()
