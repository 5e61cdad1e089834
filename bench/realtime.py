"""Real-time benchmark: N concurrent myNotifications subscribers on one server process.

    python -m bench.realtime --sizes 1000,5000,10000 [--database-url ...] [--commits 200]

For each size: a fresh `govgraph serve` process (uvicorn, one worker) on a benchmark
database with N persons, each with an account and a token; N websocket clients (spread over
client processes of --clients-per-process each, bench/ws_clients.py) sign in over
graphql-transport-ws and subscribe to myNotifications, retrying like the graphql-ws client.
A warm-up notification to every person proves each subscription is live (connections held). Then
`--commits` notifications, each to one random person, are committed through the outbox
(one unit of work each, paced at --rate per second); each client notes when it receives
its notification. Prints connections held, server memory per connection (RSS growth / N)
and commit-to-client latency p50/p99 (wall clock from just after the commit returned).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from sqlalchemy import insert

from bench.ws_clients import ClientPool
from domain.accounts.tokens import digest
from domain.calendar import WorkingCalendar
from domain.commands import Caller
from domain.notifications import services
from domain.notifications.model import NotificationKind, SubjectType, Summary
from domain.org.commands import CreateUnit, NewUnit
from domain.org.fields import UnitInfo
from domain.org.model import UnitKind
from domain.org.services import create_unit
from domain.permissions import ANONYMOUS
from govgraph.container import Container
from govgraph.settings import Settings
from persistence import tables
from persistence.migrate import upgrade_async

ROOT = Path(__file__).resolve().parents[1]


async def prepare(url: str, redis: str | None, n: int) -> tuple[Settings, list[tuple[int, str]]]:
    """Migrate; one unit and N persons, accounts and tokens (bulk inserts)."""
    settings = Settings(DATABASE_URL=url, REDIS_URL=redis)
    await upgrade_async(url)
    container = Container.from_settings(settings)
    now = datetime.now(UTC)
    try:
        async with container.uow() as uow:
            unit = await create_unit(
                uow,
                Caller(ANONYMOUS, now, WorkingCalendar()),
                CreateUnit(
                    parent_id=None,
                    new=NewUnit(
                        f"BENCH-{secrets.token_hex(3)}",
                        "PROVINCE",
                        UnitKind.GOVERNMENT,
                        UnitInfo(name="Bench"),
                    ),
                    effective=date(2020, 1, 1),
                    system=True,
                ),
            )
            await uow.commit()
            unit_id = unit.id
        tag = secrets.token_hex(3)
        pairs: list[tuple[int, str]] = []
        async with container.engine.begin() as conn:
            persons = await conn.execute(
                insert(tables.persons).returning(tables.persons.c.id),
                [
                    {
                        "full_name": f"Bench {i}",
                        "search_name": f"bench {i}",
                        "gender": "MALE",
                        "unit_id": unit_id,
                        "status": "ACTIVE",
                        "version": 1,
                    }
                    for i in range(n)
                ],
            )
            person_ids = [row.id for row in persons]
            accounts = await conn.execute(
                insert(tables.accounts).returning(tables.accounts.c.id),
                [
                    {
                        "login": f"bench-{tag}-{pid}",
                        "kind": "PERSONAL",
                        "password_hash": "-",
                        "person_id": pid,
                        "unit_id": unit_id,
                        "must_change_password": False,
                        "disabled": False,
                        "created_at": now,
                        "password_changed_at": now,
                        "version": 1,
                    }
                    for pid in person_ids
                ],
            )
            tokens = [secrets.token_urlsafe(24) for _ in person_ids]
            await conn.execute(
                insert(tables.session_tokens),
                [
                    {
                        "account_id": aid,
                        "token_hash": digest(tok),
                        "created_at": now,
                        "expires_at": now + timedelta(hours=6),
                    }
                    for aid, tok in zip([r.id for r in accounts], tokens, strict=True)
                ],
            )
            pairs = list(zip(person_ids, tokens, strict=True))
    finally:
        await container.dispose()
    return settings, pairs


def start_server(url: str, redis: str | None, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "LOG_LEVEL": "WARNING",
        "SCHEDULER_IN_SERVE": "false",
        "WS_MAX_CONNECTIONS_PER_PERSON": "5",
        "WS_AUTH_RECHECK_SECONDS": "600",
        "WS_INIT_TIMEOUT_SECONDS": "60",
        "RELAY_POLL_SECONDS": "1",
    }
    env.pop("REDIS_URL", None)
    if redis:  # commits of this process wake the server through Redis, as in production
        env["REDIS_URL"] = redis
    profile = os.environ.get("BENCH_PROFILE")  # a file: the server runs under cProfile
    prefix = ["-m", "cProfile", "-o", profile] if profile else []
    command = [sys.executable, *prefix, "-m", "govgraph.cli", "serve", "--no-migrate"]
    command += ["--port", str(port)]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def notify(container: Container, person_id: int, title: str) -> float:
    """Commit one notification to one person; the wall-clock time the commit returned."""
    async with container.uow() as uow:
        await services.raise_notification(
            uow.notifications,  # type: ignore[attr-defined]
            kind=NotificationKind.NEW_ASSIGNMENT,
            subject_type=SubjectType.TASK,
            subject_id=1,
            unit=None,
            summary=Summary(title=title),
            recipients=[person_id],
            now=datetime.now(UTC),
        )
        await uow.commit()
    return time.time()


async def warm_up(container: Container, person_ids: list[int]) -> None:
    async with container.uow() as uow:
        await services.raise_notification(
            uow.notifications,  # type: ignore[attr-defined]
            kind=NotificationKind.NEW_ASSIGNMENT,
            subject_type=SubjectType.TASK,
            subject_id=1,
            unit=None,
            summary=Summary(title="warm-up"),
            recipients=person_ids,
            now=datetime.now(UTC),
        )
        await uow.commit()


async def run_size(
    url: str, redis: str | None, n: int, commits: int, rate: float, processes: int
) -> dict[str, Any]:
    settings, pairs = await prepare(url, redis, n)
    port = random.randint(20000, 40000)
    server = start_server(url, redis, port)
    container = Container.from_settings(settings)
    pool = ClientPool(f"ws://127.0.0.1:{port}/graphql", processes)
    try:
        base = rss_kib(server.pid)
        started = time.perf_counter()
        pool.start(pairs)
        await pool.settled()  # every client has subscribed (or failed) before the warm-up
        await asyncio.sleep(1)
        for _round in range(6):  # one notification each proves the subscriptions live
            waiting = [p for p, _t in pairs if p not in pool.live]
            if len(waiting) <= len(pool.failures):
                break
            await warm_up(container, waiting)
            await pool.collect_live(10)
        held = len(pool.live)
        connect_s = time.perf_counter() - started
        memory = rss_kib(server.pid)
        live = sorted(pool.live)
        sent: dict[str, float] = {}
        for i in range(commits):
            title = f"bench-{i}"
            sent[title] = await notify(container, random.choice(live), title)
            await asyncio.sleep(1 / rate)
        await asyncio.sleep(10)  # stragglers
        received = await pool.finish()
        latencies = sorted((received[t] - at) * 1000 for t, at in sent.items() if t in received)
        return {
            "subscribers": n,
            "client_processes": processes,
            "held": held,
            "failed": len(pool.failures),
            "failures": dict(Counter(pool.failures)),
            "retries": pool.retries,
            "connect_s": round(connect_s, 1),
            "rss_base_mib": round(base / 1024, 1),
            "rss_mib": round(memory / 1024, 1),
            "kib_per_connection": round((memory - base) / max(held, 1), 1),
            "delivered": f"{len(latencies)}/{commits}",
            "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1], 1) if latencies else None,
            "max_ms": round(latencies[-1], 1) if latencies else None,
        }
    finally:
        result_redis = "redis" if redis else "polling"
        typer.echo(f"# {n} subscribers, wake-ups by {result_redis}", err=True)
        pool.stop.set()
        server.send_signal(signal.SIGINT)  # a clean exit (writes the profile when asked)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        server.wait(10)
        await container.dispose()


def main(
    sizes: Annotated[str, typer.Option(help="Comma-separated subscriber counts")] = "1000,5000",
    database_url: Annotated[
        str | None, typer.Option(help="Default: a temporary SQLite file")
    ] = None,
    commits: Annotated[int, typer.Option(help="Notifications per size")] = 200,
    rate: Annotated[float, typer.Option(help="Commits per second")] = 20.0,
    redis_url: Annotated[
        str | None,
        typer.Option(envvar="REDIS_URL", help="Without Redis the server only polls (1 s)"),
    ] = None,
    clients_per_process: Annotated[
        int, typer.Option(help="Websockets per client process (one process starves beyond)")
    ] = 2500,
) -> None:
    """Run the benchmark and print one line of numbers per size."""
    for n in (int(s) for s in sizes.split(",")):
        url = database_url or f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/bench-realtime.db"
        processes = max(1, -(-n // clients_per_process))
        result = asyncio.run(run_size(url, redis_url, n, commits, rate, processes))
        typer.echo(json.dumps(result))


if __name__ == "__main__":
    typer.run(main)
