"""The HTTP edge: what sits in front of every route, configured from the settings.

* behind a reverse proxy (`FORWARDED_ALLOW_IPS`), the client address and scheme come from
  `X-Forwarded-For` / `X-Forwarded-Proto`, but only when the connection comes from one of
  the trusted proxies (uvicorn's ProxyHeadersMiddleware, here inside the app so every
  route, websocket and test sees the same address); every per-address limit counts it.
"""

from __future__ import annotations

from starlette.applications import Starlette
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from govgraph.settings import Settings


def trusted_proxies(settings: Settings) -> list[str]:
    """The addresses or networks (CIDR) of the trusted reverse proxies; `*` trusts all."""
    return [item.strip() for item in settings.forwarded_allow_ips.split(",") if item.strip()]


def install_edge(app: Starlette, settings: Settings) -> None:
    """Add the edge middleware (call after the app's own, so these run first)."""
    proxies = trusted_proxies(settings)
    if proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)
