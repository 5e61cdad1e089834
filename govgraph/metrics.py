"""Prometheus metrics of one process (each `serve` and `worker` exposes its own: scrape them
all; there is no aggregation across processes here).

Operation names are the clients' own words: they are cut to GraphQL names and at most
MAX_OPERATIONS distinct ones are kept per process (the rest count as `other`), so a caller
cannot grow the metrics without bound. Nothing else a client sends becomes a label.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

REGISTRY = CollectorRegistry()
ProcessCollector(registry=REGISTRY)

MAX_OPERATIONS = 200
OUTCOMES = ("ok", "field_errors", "request_error")
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
_DOCUMENT_NAME = re.compile(r"^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)")
_LATENCY = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

GRAPHQL_REQUESTS = Counter(
    "govgraph_graphql_requests",
    "GraphQL requests over HTTP by operation name and outcome "
    "(ok, field_errors: executed with errors, request_error: not executed or refused)",
    ["operation", "outcome"],
    registry=REGISTRY,
)
GRAPHQL_SECONDS = Histogram(
    "govgraph_graphql_request_duration_seconds",
    "Time to answer a GraphQL request over HTTP, by operation name",
    ["operation"],
    buckets=_LATENCY,
    registry=REGISTRY,
)
HTTP_SECONDS = Histogram(
    "govgraph_http_request_duration_seconds",
    "Time to answer an HTTP request (streams excluded), by route and status class",
    ["route", "status"],
    buckets=_LATENCY,
    registry=REGISTRY,
)
OPEN_STREAMS = Gauge(
    "govgraph_open_streams",
    "Subscription streams open in this process (websocket connections, SSE streams)",
    ["transport"],
    registry=REGISTRY,
)
SCHEDULER_RUNS = Counter(
    "govgraph_scheduler_job_runs", "Scheduler job runs", ["job"], registry=REGISTRY
)
SCHEDULER_FAILURES = Counter(
    "govgraph_scheduler_job_failures", "Scheduler job runs that failed", ["job"], registry=REGISTRY
)
CHANNEL_SENDS = Counter(
    "govgraph_channel_sends", "Messages handed to a gateway", ["channel"], registry=REGISTRY
)
CHANNEL_FAILURES = Counter(
    "govgraph_channel_failures",
    "Messages a gateway refused or did not answer (retried later)",
    ["channel"],
    registry=REGISTRY,
)
CHANNEL_DEAD = Counter(
    "govgraph_channel_dead",
    "Messages given up after CHANNEL_MAX_ATTEMPTS tries (dead letters)",
    ["source"],
    registry=REGISTRY,
)
for transport in ("websocket", "sse"):
    OPEN_STREAMS.labels(transport)

_operations: set[str] = set()


def operation_label(operation_name: str | None, query: str | None = None) -> str:
    """A bounded label for an operation: its name (given, or the document's first), else
    `anonymous`; a name that is not a GraphQL name, or one too many, is `other`."""
    name = operation_name
    if not name and query:
        found = _DOCUMENT_NAME.match(query)
        name = found.group(1) if found else None
    if not name:
        return "anonymous"
    if not _NAME.fullmatch(name):
        return "other"
    if name not in _operations:
        if len(_operations) >= MAX_OPERATIONS:
            return "other"
        _operations.add(name)
    return name


def route_label(path: str) -> str:
    """The route family of a path (never the path itself: media keys are capabilities)."""
    first = path.strip("/").split("/", 1)[0]
    return first if first in _ROUTES else "other"


_ROUTES = {"graphql", "events", "media", "reports", "export", "healthz", "readyz", "metrics"}


class _Sources(Collector):
    """Values read when scraped: database pools and the relay of each tracked container."""

    def __init__(self) -> None:
        self.containers: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()

    def collect(self) -> Iterator[Metric]:
        checked_out = GaugeMetricFamily(
            "govgraph_db_pool_checked_out", "Database connections in use (this process)"
        )
        size = GaugeMetricFamily(
            "govgraph_db_pool_size", "Database connections the pool keeps (this process)"
        )
        relayed = CounterMetricFamily(
            "govgraph_notifications_relayed",
            "Inbox rows the relay handed to this process's streams' queues",
        )
        used = kept = handed = 0
        for container in list(self.containers.values()):
            pool = container.engine.pool
            used += int(getattr(pool, "checkedout", lambda: 0)())
            kept += int(getattr(pool, "size", lambda: 0)())
            handed += container.hub.relayed
        checked_out.add_metric([], used)
        size.add_metric([], kept)
        relayed.add_metric([], handed)
        yield from (checked_out, size, relayed)


_SOURCES = _Sources()
REGISTRY.register(_SOURCES)


def track(container: Any) -> None:
    """Report this container's pool and relay (held weakly)."""
    _SOURCES.containers[id(container)] = container


def count_graphql(operation: str, refused: bool, errors: bool, seconds: float) -> None:
    """Count one answered GraphQL request: `refused` (not executed) is a request error,
    executed with `errors` a field error, else ok; and its latency."""
    outcome = "request_error" if refused else "field_errors" if errors else "ok"
    GRAPHQL_REQUESTS.labels(operation, outcome).inc()
    GRAPHQL_SECONDS.labels(operation).observe(seconds)


def job_ran(name: str, ok: bool) -> None:
    """Count a scheduler job's run (the scheduler's hook)."""
    SCHEDULER_RUNS.labels(name).inc()
    if not ok:
        SCHEDULER_FAILURES.labels(name).inc()
