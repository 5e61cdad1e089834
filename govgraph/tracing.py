"""OpenTelemetry traces, exported over OTLP (HTTP) only when an endpoint is configured
(OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, the standard variables;
OTEL_SERVICE_NAME and the other OTEL_* variables apply as usual). Without one, nothing is
imported or installed: no middleware, no schema extension, no database or Redis hooks.

Spans: the HTTP request (ASGI), the GraphQL operation, parsing, validation and each
resolver (Strawberry), every SQL statement (SQLAlchemy) and Redis command. What callers
send stays out: no document text, no argument values, no query string, no client address,
and paths only as their route family (a media URL is a capability).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from govgraph.metrics import route_label
from govgraph.settings import Settings

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from starlette.applications import Starlette

    from govgraph.container import Container

_REDACTED_ATTRIBUTES = (
    "http.url",
    "http.target",
    "url.full",
    "url.path",
    "url.query",
    "net.peer.ip",
    "net.sock.peer.addr",
    "client.address",
    "network.peer.address",
    "http.client_ip",
)
_PROVIDER: TracerProvider | None = None


def endpoint_configured(settings: Settings) -> bool:
    """True when traces have somewhere to go."""
    return bool(settings.otel_endpoint or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))


def provider_from_settings(settings: Settings) -> TracerProvider | None:
    """The process's tracer provider exporting over OTLP, made once; None when no endpoint
    is configured."""
    global _PROVIDER  # noqa: PLW0603 - one exporter per process
    if not endpoint_configured(settings):
        return None
    if _PROVIDER is not None:
        return _PROVIDER
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    given = settings.otel_endpoint
    exporter = (
        OTLPSpanExporter()  # the SDK reads the OTEL_* variables itself
        if os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or not given
        else OTLPSpanExporter(endpoint=given.rstrip("/") + "/v1/traces")  # from .env
    )
    name = os.environ.get("OTEL_SERVICE_NAME", "govgraph")
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _PROVIDER = provider
    return provider


def _redact(span: Any, _scope: dict[str, Any]) -> None:
    """Keep the route family of the request; drop the path, query string and peer address."""
    if span is None or not span.is_recording():
        return
    route = "/" + route_label(str(_scope.get("path", "")))
    present = getattr(span, "attributes", None) or {}
    for key in _REDACTED_ATTRIBUTES:
        if key in present:
            span.set_attribute(key, route if key in ("http.target", "url.path") else "")


def instrument(app: Starlette, container: Container, provider: TracerProvider, schema: Any) -> None:
    """Trace the app (outermost middleware), its GraphQL operations, database and Redis."""
    from schema.tracing import install_tracing

    install_tracing(schema, provider)
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    # its declared range stops below SQLAlchemy 2.1, whose engine events it uses unchanged
    # (tests/integration/test_tracing.py checks the statements' spans)
    SQLAlchemyInstrumentor().instrument(
        engine=container.engine.sync_engine, tracer_provider=provider, skip_dep_check=True
    )
    if container.settings.redis_url:
        RedisInstrumentor().instrument(tracer_provider=provider)
    app.add_middleware(
        OpenTelemetryMiddleware,
        tracer_provider=provider,
        server_request_hook=_redact,
        default_span_details=_span_details,
        exclude_spans=["receive", "send"],  # one span per request, not per message
    )


def _span_details(scope: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The span's name and first attributes: the method and route family, not the path."""
    method = str(scope.get("method", "WEBSOCKET" if scope.get("type") == "websocket" else ""))
    route = route_label(str(scope.get("path", "")))
    return f"{method} /{route}".strip(), {"http.route": f"/{route}"}
