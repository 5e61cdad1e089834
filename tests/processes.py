"""Real govgraph processes for end-to-end tests: `govgraph serve` and `govgraph worker` on
their own ports, with their log kept in a file for the failure message."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.realtime import free_port

ROOT = Path(__file__).resolve().parents[1]

TEST_ENV = {
    "SCHEDULER_IN_SERVE": "false",
    "ARGON2_MEMORY_KIB": "1024",
    "ARGON2_TIME_COST": "1",
    "LOG_LEVEL": "INFO",
}


def environment(database_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment without its REDIS_URL, with the test settings."""
    inherited = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    return {**inherited, **TEST_ENV, "DATABASE_URL": database_url, **(extra or {})}


class Process:
    """A govgraph command running in the background."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "govgraph.cli", *args],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def signal(self, sig: int) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)

    def kill(self) -> None:
        self.signal(signal.SIGKILL)
        self.process.wait(10)


class Serve(Process):
    """`govgraph serve` on a port; returns once /healthz answers."""

    def __init__(
        self, env: dict[str, str], log: Path, port: int | None = None, wait: float = 120
    ) -> None:
        self.port = port or free_port()
        super().__init__(["serve", "--no-migrate", "--port", str(self.port)], env, log)
        deadline = time.monotonic() + wait  # a loaded machine starts processes slowly
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited:\n{self.output()[-3000:]}")
            try:
                if httpx.get(f"{self.http}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.kill()
        raise AssertionError(f"serve did not start:\n{self.output()[-3000:]}")

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/graphql"
