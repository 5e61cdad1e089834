"""bench.peer end to end in its quick mode: the demo loaded, govgraph and PostGraphile 5 started
as real processes, every query answered with the same data by both, a ratio for each.

Runs in the PostgreSQL pass (`--postgres`) under CI=true (where a missing PostgreSQL, Node or
npm fails it) or with GOVGRAPH_PEER_BENCH=1: two minutes on a quiet machine, four on a busy
one (loading the demo takes half of it). Speed is not asserted: that is bench/'s business.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parents[2]
WANTED = os.environ.get("GOVGRAPH_PEER_BENCH") == "1" or os.environ.get("CI") == "true"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not WANTED, reason="set GOVGRAPH_PEER_BENCH=1 (it runs under CI=true)"),
]


def _database_url() -> str:
    """A database of its own (emptied), on the test server."""
    explicit = os.environ.get("GOVGRAPH_PEER_BENCH_URL")
    if explicit:
        return explicit
    server = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1/test")
    return make_url(server).set(database="peer_bench_test").render_as_string(hide_password=False)


def test_both_servers_answer_the_same_data_and_a_ratio_is_measured(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if not request.config.getoption("--postgres"):
        pytest.skip("runs once, in the PostgreSQL pass (it loads a database of its own)")
    results = tmp_path / "peer.json"
    command = [
        sys.executable, "-m", "bench.peer", "--scale", "1", "--quick", "--connections", "2",
        "--database-url", _database_url(),
        "--port", os.environ.get("GOVGRAPH_PEER_BENCH_PORT", "18150"),
        "--json", str(results), "--log-dir", str(tmp_path / "logs"),
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]

    rows = json.loads(results.read_text())["rows"]
    names = [row["query"] for row in rows]
    assert len(rows) == 10, names
    for row in rows:
        assert row["same"], (row["query"], row["difference"])
        assert row["failures"] == 0, row
        assert row["ratio"] is not None, row
        assert row["ratio"] > 0, row
        assert row["statements"] is not None, row
        assert row["peer_statements"] is not None, row
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")][1:]
    assert [line.split(" | ")[0].removeprefix("| ") for line in table] == names
    for line in table:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[7] not in ("", "—"), line  # govgraph ÷ PostGraphile
        assert cells[10] == "yes", line  # same data
