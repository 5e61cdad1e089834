"""GraphiQL on an offline intranet: headless Chromium (Debian's, driven by Playwright from
npm) opens the page of a real `govgraph serve` while every request to another host fails,
runs a query, signs in through the Variables pane, queries with the token in the Headers
pane, and leaves neither the password nor the token in the browser's storage."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from govgraph.container import Container
from govgraph.http import graphiql
from tests.factories import PASSWORD, build_province
from tests.integration.test_realtime_processes import Server
from tests.node_tools import need_node, run_node

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def need_browser() -> None:
    missing = []
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        missing.append("chromium (apt-get install -y --no-install-recommends chromium)")
    if not graphiql.installed():
        missing.append("GraphiQL's npm packages (python3 run.py install)")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"missing under CI: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")


async def test_graphiql_works_offline_and_keeps_no_password(
    container: Container, migrated: str
) -> None:
    node = need_node("playwright-core")
    need_browser()
    await build_province(container)
    login = "dung.pt"
    server = Server(migrated, "", poll=1)
    try:
        seen = await run_node(
            node,
            "graphiql_offline.mjs",
            server.http,
            seconds=180,
            env={"GOVGRAPH_LOGIN": login, "GOVGRAPH_PASSWORD": PASSWORD, "CHROMIUM": CHROMIUM},
        )
    finally:
        server.kill()
    assert seen["errors"] == [], seen
    assert seen["blocked"] == []  # the page asked no other host for anything
    assert {"PROVINCE", "DEPARTMENT"} <= set(seen["levels"])
    assert seen["signedIn"] is True
    assert seen["me"] == login
    assert seen["passwordKept"] is False
    assert seen["tokenKept"] is False
    assert seen["localStorageUsed"] is False
    assert any(key.startswith("graphiql:") for key in seen["sessionKeys"])
    assert "password" not in (seen["queryAfterReload"] or "").lower()
