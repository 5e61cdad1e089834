"""HTTP-level refusals as GraphQL error bodies: {"errors": [{"message", "extensions": {code}}]}."""

from __future__ import annotations

import json
from collections.abc import Mapping

from cross_web import HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Send

JSON = "application/json"
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"

CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RATE_LIMITED",
    500: "INTERNAL_SERVER_ERROR",
}


class GraphQLHTTPError(HTTPException):
    """An HTTPException with a GraphQL error code and response headers."""

    def __init__(
        self,
        status_code: int,
        reason: str,
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status_code, reason)
        self.code = code or CODES.get(status_code, "BAD_REQUEST")
        self.headers = dict(headers or {})


def content_type(media_type: str) -> str:
    """The Content-Type header for a response media type."""
    return f"{media_type}; charset=utf-8" if media_type == GRAPHQL_RESPONSE_JSON else media_type


def error_body(message: str, code: str, **extensions: object) -> bytes:
    """A GraphQL response carrying one request error (no `data` entry)."""
    payload = {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def error_response(exc: HTTPException, media_type: str = JSON) -> Response:
    """The response for an HTTPException raised while serving a GraphQL request."""
    code = getattr(exc, "code", None) or CODES.get(exc.status_code, "BAD_REQUEST")
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer error="invalid_token"')
    return Response(
        error_body(exc.reason, code),
        status_code=exc.status_code,
        headers=headers,
        media_type=content_type(media_type),
    )


async def routing_error(_request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no such path, a method the path does not take) as JSON
    error bodies like every other refusal, keeping their headers (Allow)."""
    assert isinstance(exc, StarletteHTTPException)
    return Response(
        error_body(exc.detail, CODES.get(exc.status_code, "BAD_REQUEST")),
        status_code=exc.status_code,
        headers=dict(exc.headers or {}),
        media_type=JSON,
    )


async def send_error(
    send: Send,
    status: int,
    message: str,
    *,
    code: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Send a JSON error response on a raw ASGI channel (for middleware)."""
    body = error_body(message, code or CODES.get(status, "BAD_REQUEST"))
    raw = [
        (b"content-type", JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        *((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
