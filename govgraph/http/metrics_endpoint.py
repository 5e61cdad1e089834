"""`GET /metrics`: this process's Prometheus metrics, for the operators' scraper only.

With METRICS_TOKEN set, the caller must send `Authorization: Bearer <METRICS_TOKEN>`; without
it, only a direct caller on this machine is answered: the peer is a loopback address and the
request came through no proxy (no X-Forwarded-For, Forwarded or X-Real-IP header), so the
metrics never reach callers through the public proxy. Operation names are the clients' own:
they are not for anonymous eyes.
"""

from __future__ import annotations

import hmac
import ipaddress

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import Response

from govgraph.container import Container
from govgraph.http.errors import GraphQLHTTPError, error_response
from govgraph.metrics import REGISTRY

PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


def _loopback(host: str | None) -> bool:
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed(request: Request, token: str | None) -> GraphQLHTTPError | None:
    """Why this caller may not read the metrics (None: it may)."""
    if token:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token):
            return None
        return GraphQLHTTPError(401, "Send the metrics token as a bearer token")
    direct = not any(name in request.headers for name in PROXY_HEADERS)
    if direct and _loopback(request.client.host if request.client else None):
        return None
    return GraphQLHTTPError(403, "Metrics are served to this machine only (or set METRICS_TOKEN)")


async def metrics(request: Request) -> Response:
    """The metrics in Prometheus' text format, or a refusal."""
    container: Container = request.app.state.container
    secret = container.settings.metrics_token
    refusal = allowed(request, secret.get_secret_value() if secret else None)
    if refusal is not None:
        return error_response(refusal)
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
