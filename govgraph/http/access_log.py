"""One JSON access-log line per HTTP request: method, path, status, duration, request id.

Never logged: the query string, the body, or any header (Authorization, X-API-Key).
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govgraph.metrics import HTTP_SECONDS, route_label

log = logging.getLogger("govgraph.access")


class AccessLog:
    """Pure ASGI middleware; sits inside RequestScope so the request id is known."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            took = time.perf_counter() - start
            state = scope.get("state") or {}
            route = route_label(str(scope.get("path", "")))
            if route != "events":  # a stream's length is not a latency
                HTTP_SECONDS.labels(route, f"{status // 100}xx").observe(took)
            extra: dict[str, object] = {
                "method": scope.get("method"),
                "path": scope.get("path"),
                "status": status,
                "duration_ms": round(took * 1000, 2),
            }
            if state.get("graphql_operation"):
                extra["operation"] = state["graphql_operation"]
            log.info("%s %s %s", scope.get("method"), scope.get("path"), status, extra=extra)
