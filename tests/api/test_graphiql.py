"""GraphiQL is served from this installation (no CDN): the page loads only this server's
files, each file is served by name, and without the npm packages the page says how to
install them. Production has neither."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from govgraph.app import create_app
from govgraph.container import Container
from govgraph.http import graphiql
from govgraph.settings import Mode

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def _need_packages() -> None:
    if not graphiql.installed():
        pytest.skip("GraphiQL's npm packages are not installed (python3 run.py install)")


@pytest.fixture
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        yield client


@pytest.fixture
async def prod(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    settings = container.settings.model_copy(update={"mode": Mode.PRODUCTION})
    transport = httpx.ASGITransport(app=create_app(settings, container))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        yield client


async def test_the_page_loads_only_files_of_this_server(http: httpx.AsyncClient) -> None:
    _need_packages()
    page = await http.get("/graphql", headers=BROWSER)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(sources) == 7
    assert all(source.startswith("/graphiql/") for source in sources), sources
    assert "unpkg" not in page.text
    assert "jsdelivr" not in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "connect-src 'self';" in policy
    for source in sources:
        served = await http.get(source)
        assert served.status_code == 200, source
        assert served.headers["content-type"].startswith(("text/javascript", "text/css"))
        assert len(served.content) > 500


async def test_the_bootstrap_keeps_no_password(http: httpx.AsyncClient) -> None:
    script = (await http.get("/graphiql/govgraph.js")).text
    assert "var backing = window.sessionStorage;" in script
    assert "window.localStorage" not in script
    assert "shouldPersistHeaders: false" in script


async def test_only_the_named_files_are_served(http: httpx.AsyncClient) -> None:
    for name in ("package.json", "..%2Fpackage.json", "react", "graphiql.min.js"):
        response = await http.get(f"/graphiql/{name}")
        assert response.status_code == 404, name
        assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_without_the_packages_the_page_says_how_to_install_them(
    http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(graphiql, "MODULES", tmp_path / "node_modules")
    page = await http.get("/graphql", headers=BROWSER)
    assert page.status_code == 503
    assert "GraphiQL is not installed" in page.text
    assert "npm ci" in page.text
    assert "<script" not in page.text
    assert (await http.get("/graphiql/react.js")).status_code == 404


async def test_production_serves_neither_page_nor_files(prod: httpx.AsyncClient) -> None:
    page = await prod.get("/graphql", headers=BROWSER)
    assert "graphiql" not in page.text.lower()
    assert (await prod.get("/graphiql/govgraph.js")).status_code == 404
