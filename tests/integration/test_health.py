"""Health checks against the real services (Redis must be there under CI=true), and the
liveness and readiness probes over HTTP."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from govgraph.app import create_app
from govgraph.container import Container
from govgraph.health import health, redis_up


def _redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    if os.environ.get("CI") == "true":
        return "redis://127.0.0.1:6379/0"
    pytest.skip("REDIS_URL is not set")


async def test_database_is_up(container: Container) -> None:
    body, status = await health(container)
    assert (body["database"], status) == ("up", 200)


async def test_redis_is_checked_when_configured(container: Container) -> None:
    url = _redis_url()
    assert await redis_up(url), f"Redis at {url} does not answer"
    configured = Container.from_settings(
        container.settings.model_copy(update={"redis_url": url}), clock=container.clock
    )
    try:
        body, status = await health(configured)
    finally:
        await configured.dispose()
    assert body == {"status": "ok", "database": "up", "redis": "up"}
    assert status == 200


async def test_unreachable_redis_makes_the_service_unhealthy(container: Container) -> None:
    broken = Container.from_settings(
        container.settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}),
        clock=container.clock,
    )
    try:
        body, status = await health(broken)
    finally:
        await broken.dispose()
    assert body["redis"] == "down"
    assert status == 503


async def _get(container: Container, path: str) -> httpx.Response:
    app = create_app(container.settings, container)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        return await client.get(path)


async def test_liveness_answers_without_checking_dependencies(container: Container) -> None:
    broken = Container.from_settings(
        container.settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}),
        clock=container.clock,
    )
    try:
        response = await _get(broken, "/healthz")
    finally:
        await broken.dispose()
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readiness_is_503_naming_redis_when_redis_is_unreachable(
    container: Container,
) -> None:
    broken = Container.from_settings(
        container.settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}),
        clock=container.clock,
    )
    try:
        response = await _get(broken, "/readyz")
    finally:
        await broken.dispose()
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "up", "redis": "down"}


async def test_readiness_is_503_naming_the_database_when_it_is_away(
    container: Container, tmp_path: Path
) -> None:
    away = f"sqlite+aiosqlite:///{tmp_path / 'no-such-dir' / 'govgraph.db'}"
    broken = Container.from_settings(
        container.settings.model_copy(update={"database_url": away, "redis_url": None}),
        clock=container.clock,
    )
    try:
        response = await _get(broken, "/readyz")
    finally:
        await broken.dispose()
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}


async def test_readiness_is_200_when_the_database_answers(container: Container) -> None:
    response = await _get(container, "/readyz")
    expected = {"status": "ok", "database": "up"}
    if container.settings.redis_url:  # the PostgreSQL and Redis run of the suite
        expected["redis"] = "up"
    assert (response.status_code, response.json()) == (200, expected)


async def test_a_draining_process_is_not_ready(container: Container) -> None:
    draining = Container.from_settings(container.settings, clock=container.clock)
    try:
        await draining.streams.drain()
        response = await _get(draining, "/readyz")
    finally:
        await draining.dispose()
    assert (response.status_code, response.json()) == (503, {"status": "draining"})
