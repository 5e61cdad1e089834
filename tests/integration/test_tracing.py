"""OpenTelemetry: with a tracer provider the app makes spans for the HTTP request, the
GraphQL operation and its resolvers, SQL statements and Redis commands, and keeps what
callers send out of them; without an OTLP endpoint nothing is installed."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest
from opentelemetry.instrumentation.redis import RedisInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from govgraph.app import create_app
from govgraph.container import Container
from govgraph.tracing import endpoint_configured, provider_from_settings
from schema.root import build_schema
from schema.tracing import RedactedOpenTelemetry, uninstall_tracing

SECRET = "Mat-khau#Bi-mat-2026"


@pytest.fixture
def exporter() -> Iterator[tuple[TracerProvider, InMemorySpanExporter]]:
    provider = TracerProvider()
    spans = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    yield provider, spans
    uninstall_tracing(build_schema())
    SQLAlchemyInstrumentor().uninstrument()
    RedisInstrumentor().uninstrument()


def _everything(spans: tuple[ReadableSpan, ...]) -> str:
    return " ".join(f"{s.name} {dict(s.attributes or {})}" for s in spans)


async def test_spans_for_request_operation_resolvers_sql_and_redis(
    container: Container, exporter: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    provider, spans = exporter
    redis = os.environ.get("REDIS_URL") or (
        "redis://127.0.0.1:6379/8" if os.environ.get("CI") == "true" else None
    )
    if redis:
        container.settings = container.settings.model_copy(update={"redis_url": redis})
    app = create_app(container.settings, container, tracer_provider=provider)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.5", 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        query = "query Levels { orgLevels { code } }"
        await client.post("/graphql", json={"query": query}, headers={"Accept": "application/json"})
        login = f'mutation {{ login(login: "nobody", password: "{SECRET}") {{ token }} }}'
        await client.post("/graphql", json={"query": login}, headers={"Accept": "application/json"})
        await client.get("/media/AbCdEfGhIjKlMnOpQrStUvWxYz012345?x=1")
        await client.get("/readyz")
    made = spans.get_finished_spans()
    names = [s.name for s in made]
    assert "POST /graphql" in names  # the ASGI request
    assert "GraphQL Query: Levels" in names  # the operation
    assert "GraphQL Parsing" in names
    assert any(s.attributes and s.attributes.get("graphql.path") == "orgLevels" for s in made)
    assert any(s.attributes and s.attributes.get("db.system") for s in made)  # SQL
    operation = next(s for s in made if s.name == "GraphQL Query: Levels")
    requests = {s.context.span_id for s in made if s.name == "POST /graphql" and s.context}
    assert operation.parent is not None
    assert operation.parent.span_id in requests  # the operation runs inside its request
    if redis:
        assert any(s.attributes and s.attributes.get("db.system") == "redis" for s in made)
    text = _everything(made)
    assert SECRET not in text  # neither the document nor argument values
    assert "AbCdEfGhIjKl" not in text  # a media key is a capability
    assert "203.0.113.5" not in text  # nor the caller's address
    assert "x=1" not in text


def test_without_an_endpoint_nothing_is_installed(container: Container) -> None:
    assert not endpoint_configured(container.settings)
    assert provider_from_settings(container.settings) is None
    app = create_app(container.settings, container)
    assert all("OpenTelemetry" not in m.cls.__name__ for m in app.user_middleware)
    extensions = build_schema().get_extensions()
    assert not any(isinstance(e, RedactedOpenTelemetry) for e in extensions)
