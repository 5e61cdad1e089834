"""Health checks against the real services (Redis must be there under CI=true)."""

from __future__ import annotations

import os

import pytest

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
