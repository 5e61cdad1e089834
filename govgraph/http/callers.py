"""Who is calling: the client address every per-address limit counts (behind trusted
proxies, the forwarded one: govgraph/http/edge.py) and the credentials of the headers."""

from __future__ import annotations

from typing import Any

from starlette.requests import HTTPConnection


def client_address(connection: HTTPConnection) -> str:
    """The caller's address, as every per-address limit counts it."""
    return connection.client.host if connection.client else "unknown"


def credentials(headers: Any) -> tuple[str | None, str | None]:
    """(bearer token, API key) from the Authorization or X-API-Key headers."""
    auth = headers.get("authorization") or ""
    scheme, _, value = auth.partition(" ")
    bearer = value.strip() if scheme.lower() == "bearer" and value.strip() else None
    api_key = headers.get("x-api-key") or (value.strip() if scheme.lower() == "apikey" else None)
    return bearer, api_key or None
