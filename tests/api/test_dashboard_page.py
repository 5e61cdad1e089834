"""/dashboard/: the built web dashboard in development mode, a how-to-build page until it is
built, nothing in production."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from govgraph.app import create_app
from govgraph.container import Container
from govgraph.http import dashboard
from govgraph.settings import Mode


@pytest.fixture
def dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(dashboard, "DIST", tmp_path / "dist")
    return tmp_path / "dist"


async def client(container: Container, mode: Mode = Mode.DEVELOPMENT) -> httpx.AsyncClient:
    settings = container.settings.model_copy(update={"mode": mode})
    transport = httpx.ASGITransport(app=create_app(settings, container))
    return httpx.AsyncClient(transport=transport, base_url="http://govgraph.test")


def build(dist: Path, files: dict[str, str]) -> None:
    """Stand in for `npm run build`."""
    for name, text in files.items():
        (dist / name).parent.mkdir(parents=True, exist_ok=True)
        (dist / name).write_text(text, "utf-8")


@pytest.fixture
async def http(container: Container, dist: Path) -> AsyncIterator[httpx.AsyncClient]:
    async with await client(container) as c:
        yield c


async def test_the_built_page_and_its_assets_are_served(
    http: httpx.AsyncClient, dist: Path
) -> None:
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>Bảng điều hành</title>", "utf-8")
    (dist / "assets" / "index-abc.js").write_text("console.log(1)", "utf-8")

    moved = await http.get("/dashboard")
    assert (moved.status_code, moved.headers["location"]) == (308, "/dashboard/")
    page = await http.get("/dashboard/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Bảng điều hành" in page.text
    assert "connect-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    script = await http.get("/dashboard/assets/index-abc.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    assert (await http.get("/dashboard/assets/missing.js")).status_code == 404
    assert (await http.get("/dashboard/../pyproject.toml")).status_code == 404


async def test_until_it_is_built_a_page_says_how(http: httpx.AsyncClient, dist: Path) -> None:
    page = await http.get("/dashboard/")
    assert page.status_code == 503
    assert "npm run build" in page.text
    build(dist, {"index.html": "<!doctype html><title>ok</title>"})
    assert (await http.get("/dashboard/")).status_code == 200  # picked up without a restart


async def test_production_serves_no_dashboard(container: Container, dist: Path) -> None:
    build(dist, {"index.html": "<!doctype html>"})
    async with await client(container, Mode.PRODUCTION) as prod:
        assert (await prod.get("/dashboard/")).status_code == 404
