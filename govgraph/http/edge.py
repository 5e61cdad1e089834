"""The HTTP edge: what sits in front of every route, configured from the settings.

* behind a reverse proxy (`FORWARDED_ALLOW_IPS`), the client address and scheme come from
  `X-Forwarded-For` / `X-Forwarded-Proto`, but only when the connection comes from one of
  the trusted proxies (uvicorn's ProxyHeadersMiddleware, here inside the app so every
  route, websocket and test sees the same address); every per-address limit counts it;
* responses above COMPRESSION_MIN_BYTES are compressed (zstd, brotli or gzip, as the
  client accepts: starlette-compress) when their type is text-like: GraphQL answers in both
  media types, CSV exports, GraphiQL's files; never Server-Sent Events nor multipart
  streams (each event must leave at once), nor websockets, nor media files.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette_compress import CompressMiddleware, add_compress_type, remove_compress_type
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from govgraph.settings import Settings


def trusted_proxies(settings: Settings) -> list[str]:
    """The addresses or networks (CIDR) of the trusted reverse proxies; `*` trusts all."""
    return [item.strip() for item in settings.forwarded_allow_ips.split(",") if item.strip()]


COMPRESSED = ("application/graphql-response+json", "text/csv")
NEVER_COMPRESSED = ("text/event-stream", "multipart/mixed")


def install_edge(app: Starlette, settings: Settings) -> None:
    """Add the edge middleware (call after the app's own, so these run first)."""
    for media_type in COMPRESSED:
        add_compress_type(media_type)
    for media_type in NEVER_COMPRESSED:
        remove_compress_type(media_type)
    app.add_middleware(CompressMiddleware, minimum_size=settings.compression_min_bytes)
    proxies = trusted_proxies(settings)
    if proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)
