"""`govgraph worker`'s /metrics and /healthz, on WORKER_METRICS_PORT (HOST as for serve):
the same endpoint and protection as the API's (METRICS_TOKEN, else loopback only)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Route

from govgraph.container import Container
from govgraph.http.metrics_endpoint import metrics
from govgraph.http.probes import healthz
from govgraph.metrics import track


class _QuietServer(uvicorn.Server):
    """Leaves the process's signals alone: the worker stops as it always did."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def serve_metrics(container: Container) -> asyncio.Task[None] | None:
    """Serve the worker's metrics in this event loop (None when no port is set)."""
    settings = container.settings
    if not settings.worker_metrics_port:
        return None
    app = Starlette(
        routes=[
            Route("/metrics", metrics, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )
    app.state.container = container
    track(container)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.worker_metrics_port,
        lifespan="off",
        log_config=None,
        access_log=False,
    )
    return asyncio.get_running_loop().create_task(_QuietServer(config).serve())
