"""The input boundary for what the address carries: the path and the query parameters of
every HTTP request (exports, report downloads, SSE streams, media) are refused with 400
INVALID_INPUT when they hold a control character or a lone surrogate, before any handler
or SQL sees them. GraphQL arguments have their own boundary (schema/input_boundary.py)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from domain.text import unprintable
from govgraph.http.errors import send_error


class AddressCheck:
    """Pure ASGI middleware refusing request addresses with unprintable characters."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _faulty(scope):
            await send_error(
                send,
                400,
                "The address holds a control character or a lone surrogate",
                code="INVALID_INPUT",
            )
            return
        await self.app(scope, receive, send)


def _faulty(scope: Scope) -> bool:
    query = bytes(scope.get("query_string") or b"").decode("latin-1")
    pairs = parse_qsl(query, keep_blank_values=True, encoding="utf-8", errors="replace")
    texts = [str(scope.get("path", "")), *(part for pair in pairs for part in pair)]
    return any(unprintable(text) for text in texts)
