"""Checking that both servers answer the same data, and timing them with autocannon in
interleaved rounds."""

from __future__ import annotations

import json
import statistics
import subprocess
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.peer.queries import Case, Request
from bench.peer.servers import AUTOCANNON, HERE, NODE, Server, settle

LOADGEN = HERE / "load.mjs"


@dataclass
class Answer:
    """One checked request: its body (as sent during the runs) and headers."""

    body: str
    headers: dict[str, str]
    length: int
    data: Any


@dataclass
class Run:
    """One autocannon run."""

    requests: int
    seconds: float
    rate: float  # answers per second (see load.mjs)
    p50: float
    p99: float
    failures: int
    changed: int
    sample_error: str | None = None


@dataclass
class Side:
    """A server's runs of one query."""

    runs: list[Run] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """The mean of the runs' rates (runs of equal length)."""
        return statistics.fmean(r.rate for r in self.runs) if self.runs else 0.0

    @property
    def p50(self) -> float:
        return statistics.median(r.p50 for r in self.runs)

    @property
    def p99(self) -> float:
        return statistics.median(r.p99 for r in self.runs)

    @property
    def failures(self) -> int:
        return sum(r.failures for r in self.runs)


@dataclass
class Row:
    """A query's outcome: same data or not, both sides' runs."""

    case: Case
    same: bool
    difference: str = ""
    statements: int | None = None
    peer_statements: int | None = None
    govgraph: Side = field(default_factory=Side)
    peer: Side = field(default_factory=Side)

    @property
    def ratio(self) -> float | None:
        """govgraph's req/s over PostGraphile's."""
        return self.govgraph.rate / self.peer.rate if self.peer.rate else None

    @property
    def round_ratios(self) -> list[float]:
        pairs = zip(self.govgraph.runs, self.peer.runs, strict=False)
        return [g.rate / p.rate for g, p in pairs if p.rate]


def prepare(request: Request, tokens: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The body and headers of a request."""
    body = json.dumps({"query": request.document, "variables": request.variables})
    headers = {"content-type": "application/json", "accept": "application/json"}
    if request.account is not None:
        headers["authorization"] = f"Bearer {tokens[request.account]}"
    return body, headers


def ask(server: Server, request: Request, tokens: dict[str, str]) -> Answer:
    """Send a request once; its data, or an error naming the server."""
    body, headers = prepare(request, tokens)
    response = httpx.post(server.url, content=body, headers=headers, timeout=300)
    payload = response.json()
    if response.status_code != 200 or payload.get("errors") or not payload.get("data"):
        raise RuntimeError(f"{server.name} answered {response.status_code}: {response.text[:800]}")
    return Answer(body, headers, len(response.content), payload["data"])


def compare(case: Case, govgraph: Answer, peer: Answer) -> tuple[bool, str]:
    """Both answers normalised; equal, or where they first differ."""
    ours, theirs = case.same_govgraph(govgraph.data), case.same_peer(peer.data)
    if ours == theirs:
        return True, ""
    return False, first_difference(ours, theirs)


def first_difference(a: Any, b: Any, path: str = "") -> str:
    """Where two plain values first differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} rows against {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: govgraph {a!r:.200} against PostGraphile {b!r:.200}"


class LoadGenerator:
    """One autocannon process (load.mjs) for every run: Node starts slowly on a busy machine."""

    def __init__(self) -> None:
        if not AUTOCANNON.exists():
            raise RuntimeError(f"{AUTOCANNON} is missing: run bench/peer/install.sh")
        self.proc = subprocess.Popen(
            [str(NODE), str(LOADGEN)],
            cwd=HERE,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def __enter__(self) -> LoadGenerator:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def run(
        self,
        server: Server,
        answer: Answer,
        *,
        connections: int,
        seconds: float = 0,
        amount: int = 0,
    ) -> Run:
        """One run against a server with a checked request: for `seconds`, or for `amount`
        requests; then wait until the server has finished what the run cut off."""
        spec = {
            "url": server.url,
            "body": answer.body,
            "headers": answer.headers,
            "connections": connections,
            **({"amount": amount} if amount else {"duration": seconds}),
            "expectLength": answer.length,
        }
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(spec) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"autocannon stopped (exit code {self.proc.poll()})")
        settle(server)
        out = json.loads(line)
        failures = sum(int(out[k]) for k in ("errors", "timeouts", "non2xx", "graphqlErrors"))
        return Run(
            requests=int(out["requests"]),
            seconds=float(out["seconds"]),
            rate=float(out["rate"]),
            p50=float(out["p50"]),
            p99=float(out["p99"]),
            failures=failures,
            changed=int(out["lengthChanged"]),
            sample_error=out.get("sampleError"),
        )
