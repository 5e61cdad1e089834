"""The Starlette application factory."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from domain.reflections.uploads import MAX_BYTES as MEDIA_MAX_BYTES
from govgraph.container import Container
from govgraph.heap import freeze_startup_heap
from govgraph.http.access_log import AccessLog
from govgraph.http.address_check import AddressCheck
from govgraph.http.body_limit import BodyLimit
from govgraph.http.downloads import report_file
from govgraph.http.errors import routing_error, send_error
from govgraph.http.exports import export_file
from govgraph.http.graphql_view import GovGraphView
from govgraph.http.media import download, upload
from govgraph.http.sse import events
from govgraph.logs import REQUEST_ID, configure_logging
from govgraph.settings import Settings, get_settings
from schema.root import LIMITS, Limits, build_schema

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


def create_app(settings: Settings | None = None, container: Container | None = None) -> Starlette:
    """Build the ASGI app: /graphql and /healthz."""
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
    schema = build_schema()
    view = GovGraphView(
        container,
        schema=schema,
        graphql_ide=None if settings.production else "graphiql",
        allow_queries_via_get=True,
    )

    async def healthz(_request: Request) -> JSONResponse:
        try:
            async with container.sessions() as session:
                await session.execute(text("SELECT 1"))
        except Exception:  # any failure means unhealthy
            return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "up"})

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        from govgraph.scheduler import build_scheduler

        scheduler = build_scheduler(container) if settings.scheduler_runs_in_serve else None
        if scheduler is not None:
            scheduler.start()  # the embedded default: no separate `govgraph worker`
        freeze_startup_heap()
        yield
        if scheduler is not None:
            await scheduler.stop()
        await container.dispose()

    app = Starlette(
        routes=[
            Route("/graphql", view),  # the view answers other methods with a JSON 405
            WebSocketRoute("/graphql", view),  # subscriptions: graphql-transport-ws
            Route("/events/{stream}", events, methods=["GET"]),  # Server-Sent Events
            Route("/healthz", healthz, methods=["GET"]),
            Route("/reports/{code}/{period}.{fmt}", report_file, methods=["GET"]),
            Route("/export/tasks.{fmt:str}", export_file, methods=["GET"]),
            Route("/export/reflections.{fmt:str}", export_file, methods=["GET"]),
            Route("/media", upload, methods=["POST"]),  # photos and videos of field reports
            Route("/media/{key:path}", download, methods=["GET", "HEAD"]),
        ],
        lifespan=lifespan,
        exception_handlers={StarletteHTTPException: routing_error},
    )
    app.state.container = container
    # Outermost first: RequestScope (id, limits) > AccessLog > BodyLimit > AddressCheck > routes.
    app.add_middleware(AddressCheck)
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        wider={"/media": max(MEDIA_MAX_BYTES, settings.max_body_bytes)},  # its own limits
    )
    app.add_middleware(AccessLog)
    app.add_middleware(RequestScope, limits=limits)
    return app
