"""The Starlette application factory."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from domain.reflections.uploads import MAX_BYTES as MEDIA_MAX_BYTES
from govgraph.container import Container
from govgraph.heap import configure_collector, freeze_startup_heap
from govgraph.http import graphiql
from govgraph.http.access_log import AccessLog
from govgraph.http.address_check import AddressCheck
from govgraph.http.body_limit import BodyLimit
from govgraph.http.dashboard import dashboard_routes
from govgraph.http.downloads import apology_file, report_file
from govgraph.http.edge import install_edge
from govgraph.http.errors import routing_error, send_error
from govgraph.http.exports import export_file
from govgraph.http.graphql_view import GovGraphView
from govgraph.http.media import download, upload
from govgraph.http.metrics_endpoint import metrics
from govgraph.http.probes import healthz, readyz
from govgraph.http.sse import events, issue_ticket
from govgraph.logs import REQUEST_ID, configure_logging
from govgraph.metrics import track
from govgraph.settings import Settings, get_settings
from govgraph.tracing import instrument, provider_from_settings
from schema.root import LIMITS, Limits, build_schema

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

log = logging.getLogger("govgraph.app")

_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


class RequestScope:
    """Gives every request an id (or keeps the caller's X-Request-ID), sets the app's limits
    and the id for logs, runs cleanups, and turns an unhandled exception into a JSON 500."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        LIMITS.set(self.limits)
        REQUEST_ID.set(request_id)
        cleanups: list[Callable[[], Awaitable[Any]]] = state.setdefault("cleanups", [])
        started = False

        async def send_with_id(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            if scope["type"] != "http" or started:
                raise
            log.exception("unhandled error")
            await send_error(send_with_id, 500, f"Internal error (request id {request_id})")
        finally:
            for cleanup in cleanups:
                await cleanup()


def create_app(
    settings: Settings | None = None,
    container: Container | None = None,
    tracer_provider: TracerProvider | None = None,
) -> Starlette:
    """Build the ASGI app: /graphql, the streams, files, probes and metrics (and /dashboard/
    in development)."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    container = container or Container.from_settings(settings)
    limits = Limits(
        max_depth=settings.max_query_depth,
        max_aliases=settings.max_aliases,
        max_tokens=settings.max_tokens,
        max_directives=settings.max_directives,
        max_cost=settings.max_query_cost,
        production=settings.production,
    )
    tracer_provider = tracer_provider or provider_from_settings(settings)  # None: no tracing
    schema = build_schema(incremental=settings.enable_defer)
    view = GovGraphView(
        container,
        settings,
        schema=schema,
        graphql_ide=None if settings.production else "graphiql",
        allow_queries_via_get=True,
    )

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        from govgraph.scheduler import build_scheduler

        scheduler = build_scheduler(container) if settings.scheduler_runs_in_serve else None
        if scheduler is not None:
            scheduler.start()  # the embedded default: no separate `govgraph worker`
        configure_collector()
        freeze_startup_heap()
        yield
        if scheduler is not None:
            await scheduler.stop()
        await container.dispose()

    app = Starlette(
        routes=[
            Route("/graphql", view),  # the view answers other methods with a JSON 405
            WebSocketRoute("/graphql", view),  # subscriptions: graphql-transport-ws
            Route("/events/ticket", issue_ticket, methods=["POST"]),  # for an EventSource
            Route("/events/{stream}", events, methods=["GET"]),  # Server-Sent Events
            Route("/healthz", healthz, methods=["GET"]),  # liveness
            Route("/readyz", readyz, methods=["GET"]),  # readiness: database, Redis
            Route("/metrics", metrics, methods=["GET"]),  # Prometheus (token or loopback)
            Route("/reports/{code}/{period}.{fmt}", report_file, methods=["GET"]),
            Route("/dossiers/apologies/{id}.pdf", apology_file, methods=["GET"]),
            Route("/export/tasks.{fmt:str}", export_file, methods=["GET"]),
            Route("/export/reflections.{fmt:str}", export_file, methods=["GET"]),
            Route("/export/dossiers.{fmt:str}", export_file, methods=["GET"]),
            Route("/media", upload, methods=["POST"]),  # photos and videos of field reports
            Route("/media/{key:path}", download, methods=["GET", "HEAD"]),
            # The leader's web page (client-examples/web-dashboard), development mode only
            *([] if settings.production else dashboard_routes()),
            *graphiql.routes(enabled=not settings.production),  # GraphiQL's own files
        ],
        lifespan=lifespan,
        exception_handlers={StarletteHTTPException: routing_error},
    )
    app.state.container = container
    track(container)  # its pool and relay in /metrics
    # Outermost first: RequestScope (id, limits) > AccessLog > BodyLimit > AddressCheck > routes.
    app.add_middleware(AddressCheck)
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        wider={"/media": max(MEDIA_MAX_BYTES, settings.max_body_bytes)},  # its own limits
    )
    app.add_middleware(AccessLog)
    app.add_middleware(RequestScope, limits=limits)
    install_edge(app, settings)  # outermost: proxy headers, CORS, compression
    app.state.schema = schema
    if tracer_provider is not None:  # outermost of all: the request's span covers the edge
        instrument(app, container, tracer_provider, schema)
    return app
