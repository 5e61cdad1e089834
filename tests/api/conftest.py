"""API fixtures: the ASGI app over the test database and a logged-out client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from govgraph.app import create_app
from govgraph.container import Container
from tests.factories import Api, Province, build_province


@pytest.fixture
async def province(container: Container) -> Province:
    return await build_province(container)


@pytest.fixture
def app(container: Container) -> Starlette:
    return create_app(container.settings, container)


@pytest.fixture
async def api(app: Starlette) -> AsyncIterator[Api]:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        yield Api(client)
