"""Who is calling: the client address every per-address limit counts (behind trusted
proxies, the forwarded one: govgraph/http/edge.py) and the credentials of the headers."""

from __future__ import annotations

import hmac
from typing import Any

from pydantic import SecretStr
from starlette.requests import HTTPConnection

ROUTER_HEADER = "x-router-token"


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


def is_router(headers: Any, router_token: SecretStr | None) -> bool:
    """True when the request carries the federation router's token (ROUTER_TOKEN)."""
    expected = router_token.get_secret_value().encode() if router_token is not None else b""
    given = (headers.get(ROUTER_HEADER) or "").encode()
    return bool(expected and given and hmac.compare_digest(given, expected))
