"""Health checks: the database always, Redis when REDIS_URL is set."""

from __future__ import annotations

import asyncio

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from govgraph.container import Container

CHECK_TIMEOUT_S = 3.0


async def database_up(container: Container) -> bool:
    """True when a trivial statement runs."""
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_S), container.sessions() as session:
            await session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError, TimeoutError):
        return False
    return True


async def redis_up(url: str) -> bool:
    """True when Redis answers PING."""
    client = Redis.from_url(url, socket_connect_timeout=CHECK_TIMEOUT_S)
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_S):
            return bool(await client.ping())
    except (RedisError, OSError, TimeoutError):
        return False
    finally:
        await client.aclose()


async def health(container: Container) -> tuple[dict[str, str], int]:
    """The /healthz body and HTTP status: 200 when every configured dependency is up."""
    report = {"database": "up" if await database_up(container) else "down"}
    if container.settings.redis_url:
        report["redis"] = "up" if await redis_up(container.settings.redis_url) else "down"
    healthy = all(state == "up" for state in report.values())
    return {"status": "ok" if healthy else "unavailable", **report}, 200 if healthy else 503
