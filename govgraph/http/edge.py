"""The HTTP edge: what sits in front of every route, configured from the settings.

* behind a reverse proxy (`FORWARDED_ALLOW_IPS`), the client address and scheme come from
  `X-Forwarded-For` / `X-Forwarded-Proto`, but only when the connection comes from one of
  the trusted proxies (uvicorn's ProxyHeadersMiddleware, here inside the app so every
  route, websocket and test sees the same address); every per-address limit counts it;
* pages on the origins of ALLOWED_ORIGINS may call the API from a browser (CORS: preflight
  answered, the headers the API reads allowed, those it sets exposed) on every route:
  /graphql, /events, /media, exports; the websocket at /graphql checks the same list
  (GovGraphView). Default: none, same-origin only. No cookies are used: credentials are
  bearer tokens in a header, so no `Access-Control-Allow-Credentials`;
* responses above COMPRESSION_MIN_BYTES are compressed (zstd, brotli or gzip, as the
  client accepts: starlette-compress) when their type is text-like: GraphQL answers in both
  media types, CSV exports, GraphiQL's files; never Server-Sent Events nor multipart
  streams (each event must leave at once), nor websockets, nor media files.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette_compress import CompressMiddleware, add_compress_type, remove_compress_type
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from govgraph.settings import Settings


def trusted_proxies(settings: Settings) -> list[str]:
    """The addresses or networks (CIDR) of the trusted reverse proxies; `*` trusts all."""
    return [item.strip() for item in settings.forwarded_allow_ips.split(",") if item.strip()]


COMPRESSED = ("application/graphql-response+json", "text/csv")
NEVER_COMPRESSED = ("text/event-stream", "multipart/mixed")


REQUEST_HEADERS = (
    "Authorization",
    "Content-Type",
    "X-API-Key",
    "X-Request-ID",
    "Last-Event-ID",
    "If-None-Match",
    "Apollo-Require-Preflight",
    "apollographql-client-name",
    "apollographql-client-version",
)
RESPONSE_HEADERS = ("X-Request-ID", "Retry-After", "ETag", "Content-Disposition")


def allowed_origins(settings: Settings) -> list[str]:
    """The origins (scheme://host[:port]) whose pages may call the API; `*`: any."""
    return [
        item.strip().rstrip("/") for item in settings.allowed_origins.split(",") if item.strip()
    ]


def install_edge(app: Starlette, settings: Settings) -> None:
    """Add the edge middleware (call after the app's own, so these run first)."""
    for media_type in COMPRESSED:
        add_compress_type(media_type)
    for media_type in NEVER_COMPRESSED:
        remove_compress_type(media_type)
    app.add_middleware(CompressMiddleware, minimum_size=settings.compression_min_bytes)
    origins = allowed_origins(settings)
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
            allow_headers=list(REQUEST_HEADERS),
            expose_headers=list(RESPONSE_HEADERS),
            max_age=600,
        )
    proxies = trusted_proxies(settings)
    if proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)
