"""The Starlette application factory."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from govgraph.container import Container
from govgraph.http.graphql_view import GovGraphView
from govgraph.settings import Settings, get_settings
from schema.root import LIMITS, Limits, build_schema


class RequestScope:
    """Gives every request an id (or keeps the caller's X-Request-ID) and runs cleanups."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1")[:64] or uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        LIMITS.set(self.limits)
        cleanups: list[Callable[[], Awaitable[Any]]] = state.setdefault("cleanups", [])

        async def send_with_id(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            for cleanup in cleanups:
                await cleanup()


def create_app(settings: Settings | None = None, container: Container | None = None) -> Starlette:
    """Build the ASGI app: /graphql and /healthz."""
    settings = settings or get_settings()
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
        except Exception:  # noqa: BLE001 - any failure means unhealthy
            return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "up"})

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        await container.dispose()

    app = Starlette(
        routes=[
            Route("/graphql", view, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.container = container
    app.add_middleware(RequestScope, limits=limits)
    return app
