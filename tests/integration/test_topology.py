"""The production topology, end to end: nginx (Debian's, with deploy/nginx/govgraph.conf made
to listen on a local port without TLS) in front of two `govgraph serve` processes in
production mode and one `govgraph worker`, on PostgreSQL (a database of its own) and Redis.

Through the proxy: a query, a websocket subscription and an SSE stream that receive a
notification, the per-address upload limit counted per client (X-Forwarded-For from nginx,
trusted through FORWARDED_ALLOW_IPS), and an API process killed under a subscriber who
resumes through the proxy on the other one without losing or repeating a notification.
/metrics is scraped from each process (and is not reachable through the proxy).
"""

from __future__ import annotations

import asyncio
import getpass
import json
import os
import re
import shutil
import signal
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from govgraph.settings import Settings
from persistence.database import create_engine
from persistence.migrate import alembic_config, current, upgrade_async
from persistence.tables import metadata
from tests.api.task_factories import TaskWorld, build_task_world
from tests.conftest import NOW
from tests.processes import ROOT, Process, Serve, environment
from tests.realtime import Closed, WsClient, free_port

TOKEN = "scrape-topology-0123456789"
MY = "subscription($after: String) { myNotifications(after: $after) { cursor summary { title } } }"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(300)


def _redis() -> str:
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    if os.environ.get("CI") == "true":
        return "redis://127.0.0.1:6379/0"
    pytest.skip("REDIS_URL is not set")


def _nginx() -> str:
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if binary is None:
        if os.environ.get("CI") == "true":
            raise AssertionError("nginx is not installed (apt-get install nginx)")
        pytest.skip("nginx is not installed")
    return binary


def site(ports: tuple[int, int], listen: int) -> str:
    """deploy/nginx/govgraph.conf, listening on a local port without TLS."""
    text = (ROOT / "deploy" / "nginx" / "govgraph.conf").read_text()
    text = text[text.index("upstream govgraph_api") :]
    redirect = re.compile(r"server \{\s*listen 80;.*?\n\}\n", re.S)
    text = redirect.sub("", text)
    text = text.replace("127.0.0.1:8001", f"127.0.0.1:{ports[0]}")
    text = text.replace("127.0.0.1:8002", f"127.0.0.1:{ports[1]}")
    text = re.sub(r"\n\s*listen \[::\]:443 ssl http2;", "", text)
    text = text.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{listen};")
    return re.sub(r"\n\s*ssl_[a-z_]+ [^\n]*;", "", text)


def nginx_conf(folder: Path, site_file: Path) -> str:
    temp = {n: folder / n for n in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(exist_ok=True)
    user = "user root;" if getpass.getuser() == "root" else ""
    return f"""{user}
daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    access_log {folder / "access.log"};
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {site_file};
}}
"""


@dataclass
class Topology:
    proxy: str
    servers: list[Serve]
    worker: Process
    worker_metrics: int
    world: TaskWorld

    @property
    def ws(self) -> str:
        return self.proxy.replace("http://", "ws://") + "/graphql"


def _topology_url(suite_url: str) -> str:
    url = make_url(suite_url)
    return url.set(database=f"{url.database}_topology").render_as_string(hide_password=False)


async def _database(topology: str) -> None:
    """The topology's own database, emptied (kept between runs when it is at the head
    revision: emptying is quicker than creating and migrating it)."""
    url = make_url(topology)
    name = str(url.database)
    admin = await asyncpg.connect(
        host=url.host, port=url.port or 5432, user=url.username, database="postgres"
    )
    try:
        if await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            head = ScriptDirectory.from_config(alembic_config(topology)).get_current_head()
            if await asyncio.to_thread(current, topology) == head:
                await _empty(topology)
                return
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    await upgrade_async(topology)


async def _empty(url: str) -> None:
    engine = create_engine(url)  # maps every table module
    kept = ("org_levels", "revisions", "alembic_version")
    names = [t.name for t in metadata.sorted_tables if t.name not in kept]
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


async def _wait_for(url: str) -> None:
    async with httpx.AsyncClient(timeout=1) as client:
        for _ in range(300):
            try:
                await client.get(url)
                return
            except httpx.HTTPError:
                await asyncio.sleep(0.1)
    raise AssertionError(f"{url} does not answer")


@pytest.fixture(scope="module")
async def topology(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Topology]:
    if not database_url.startswith("postgresql"):
        pytest.skip("the production topology runs with the PostgreSQL suite (--postgres)")
    redis, nginx = _redis(), _nginx()
    folder = tmp_path_factory.mktemp("topology")
    database = _topology_url(database_url)  # of its own, beside the suite's
    extra = {
        "GOVGRAPH_MODE": "production",
        "SECRET_KEY": "topology-secret-0123456789abcdef",
        "REDIS_URL": redis,
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "METRICS_TOKEN": TOKEN,
        "MEDIA_DIR": str(folder / "media"),
        "MEDIA_UPLOADS_PER_HOUR": "2",
        "RELAY_POLL_SECONDS": "1",
        "PASSWORD_ROTATION_DAYS": "0",
        "SCHEDULER_INTERVAL_SECONDS": "2",
    }
    env = environment(database, extra)
    ports = (free_port(), free_port())
    worker_metrics = free_port()
    starting = [  # the API processes start (imports: seconds) while the database is made
        asyncio.to_thread(Serve, env, folder / f"serve-{n}.log", port)
        for n, port in enumerate(ports)
    ]

    async def database_then_worker() -> Process:
        await _database(database)
        return Process(
            ["worker"], {**env, "WORKER_METRICS_PORT": str(worker_metrics)}, folder / "worker.log"
        )

    made = await asyncio.gather(database_then_worker(), *starting, return_exceptions=True)
    processes = [p for p in made if isinstance(p, Process)]
    failed = [e for e in made if isinstance(e, BaseException)]
    if failed:
        for process in processes:
            process.kill()
        raise failed[0]
    worker, *rest = processes
    servers = [s for s in rest if isinstance(s, Serve)]
    listen = free_port()
    (folder / "site.conf").write_text(site(ports, listen))
    (folder / "nginx.conf").write_text(nginx_conf(folder, folder / "site.conf"))
    proxy = subprocess.Popen(  # noqa: ASYNC220 - starts at once, runs in the background
        [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "nginx.out").open("wb"),
    )
    container = Container.from_settings(
        Settings(DATABASE_URL=database, ARGON2_MEMORY_KIB=1024, ARGON2_TIME_COST=1),
        clock=FixedClock(NOW),
    )
    client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{listen}", timeout=30)
    try:
        await _wait_for(f"http://127.0.0.1:{listen}/healthz")
        await _wait_for(f"http://127.0.0.1:{worker_metrics}/healthz")
        world = await build_task_world(container, client, FixedClock(NOW))
        yield Topology(f"http://127.0.0.1:{listen}", servers, worker, worker_metrics, world)
    finally:
        await client.aclose()
        await container.dispose()
        proxy.send_signal(signal.SIGQUIT)
        await asyncio.to_thread(proxy.wait, 10)
        for process in (*servers, worker):
            process.kill()


async def notify(world: TaskWorld, title: str) -> None:
    """A task sent to the Department of Home Affairs: its leader `an` is told."""
    task = await world.new_task(content=title)
    await world.advance(task["id"], [Action.SEND])


async def test_a_query_through_the_proxy(topology: Topology) -> None:
    async with httpx.AsyncClient(base_url=topology.proxy) as client:
        response = await client.post(
            "/graphql",
            json={"query": "query Levels { orgLevels { code } }"},
            headers={"Accept": "application/json"},
        )
    assert response.status_code == 200, response.text
    assert {"code": "PROVINCE"} in response.json()["data"]["orgLevels"]
    assert response.headers["x-request-id"]


async def test_a_websocket_subscription_and_an_sse_stream_through_the_proxy(
    topology: Topology,
) -> None:
    token = (await topology.world.as_("an")).token
    subscriber = await WsClient.open(topology.ws, token)
    await subscriber.subscribe("1", MY, {"after": None})
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(base_url=topology.proxy, timeout=30) as client,
        client.stream("GET", "/events/notifications", headers=headers) as sse,
    ):
        assert sse.status_code == 200
        await asyncio.sleep(1.0)  # both streams registered on their processes
        await notify(topology.world, "Qua proxy")
        data = await subscriber.next_data("1", wait=15)
        assert data["myNotifications"]["summary"]["title"] == "Qua proxy"
        lines = sse.aiter_lines()
        while True:  # unbuffered: the event arrives while the stream stays open
            line = await asyncio.wait_for(anext(lines), 15)
            if line.startswith("data: "):
                assert json.loads(line[6:])["summary"]["title"] == "Qua proxy"
                break
    await subscriber.close()


async def test_the_per_address_limit_counts_each_client_behind_the_proxy(
    topology: Topology,
) -> None:
    async def upload(address: str) -> int:
        transport = httpx.AsyncHTTPTransport(local_address=address)
        async with httpx.AsyncClient(transport=transport, base_url=topology.proxy) as client:
            response = await client.post(
                "/media", content=JPEG, headers={"Content-Type": "image/jpeg"}
            )
            return response.status_code

    assert [await upload("127.0.0.2") for _ in range(3)] == [201, 201, 429]
    assert await upload("127.0.0.3") == 201  # another address, its own count


async def _holder(topology: Topology) -> Serve:
    """The API process holding the one open websocket (read from its metrics)."""
    for _ in range(50):
        for server in topology.servers:
            text = await _metrics(f"{server.http}/metrics")
            if 'govgraph_open_streams{transport="websocket"} 1.0' in text:
                return server
        await asyncio.sleep(0.1)
    raise AssertionError("no process holds the subscription")


async def _metrics(url: str) -> str:
    async with httpx.AsyncClient() as client:
        response = await client.get(url, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    return response.text


async def _collect(client: WsClient, count: int, seen: list[dict[str, Any]]) -> None:
    while len(seen) < count:
        seen.append((await client.next_data("1", wait=15))["myNotifications"])


async def test_a_killed_api_process_the_subscriber_resumes_through_the_proxy(
    topology: Topology,
) -> None:
    world = topology.world
    token = (await world.as_("an")).token
    seen: list[dict[str, Any]] = []
    client = await WsClient.open(topology.ws, token)
    await client.subscribe("1", MY, {"after": None})
    holder = await _holder(topology)
    await notify(world, "Trước khi tắt")
    await _collect(client, 1, seen)
    holder.kill()  # SIGKILL: no goodbye
    with pytest.raises(Closed):
        await client.receive(10)
    for i in range(3):  # committed while the subscriber is away, through the other process
        await notify(world, f"Khi vắng {i}")
    client = await WsClient.open(topology.ws, token)  # nginx passes it to the survivor
    await client.subscribe("1", MY, {"after": seen[-1]["cursor"]})
    await notify(world, "Sau khi nối lại")
    await _collect(client, 5, seen)
    assert await client.silent(1.0)
    titles = [n["summary"]["title"] for n in seen]
    assert titles == ["Trước khi tắt", *(f"Khi vắng {i}" for i in range(3)), "Sau khi nối lại"]
    await client.close()


async def test_metrics_are_scraped_from_each_process_not_through_the_proxy(
    topology: Topology,
) -> None:
    async with httpx.AsyncClient(base_url=topology.proxy) as client:
        assert (await client.get("/metrics")).status_code == 404
    alive = [s for s in topology.servers if s.process.poll() is None]
    api = await _metrics(f"{alive[0].http}/metrics")
    assert "govgraph_graphql_requests_total{" in api
    assert "govgraph_db_pool_size" in api
    worker = await _metrics(f"http://127.0.0.1:{topology.worker_metrics}/metrics")
    assert 'govgraph_scheduler_job_runs_total{job="channels"}' in worker
