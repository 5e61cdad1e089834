"""The web dashboard in headless Chromium against a real server with the demo province.

`client-examples/web-dashboard/e2e/dashboard.e2e.mjs` signs in as the demo Chairman, opens
the tree, a department's figures and the map, checking each against the API. Meanwhile this
test plays the other users: the Provincial Office creates press-incident tasks the Chairman
tracks and sends them to Sở Nội vụ; its director returns one while the page's websocket is
cut (the page must resume from the last notification it saw) and one while it is connected,
and the unread badge must count both. Screenshots go to $DASHBOARD_SCREENSHOTS (default
artifacts/web-dashboard/).

Needs Node, Chromium (/usr/bin/chromium or $CHROMIUM_PATH) and `npm ci && npm run build` in
client-examples/web-dashboard; without them the test skips, and under CI=true it fails.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.test_realtime_processes import ROOT, Server

WEB = ROOT / "client-examples" / "web-dashboard"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SHOTS = Path(os.environ.get("DASHBOARD_SCREENSHOTS", ROOT / "artifacts" / "web-dashboard"))
CHAIRMAN = ("chutich@thuathienhue.gov.vn", "UyBan#TTH2026")
OFFICE = ("giaoviec@thuathienhue.gov.vn", "NhiemVu#VP2026")
DIRECTOR = ("giamdoc.snv@thuathienhue.gov.vn", "NoiVu#SoTTH2026")
TITLES = [
    "Báo Thanh Niên phản ánh ùn tắc kéo dài tại cầu Trường Tiền giờ tan tầm",
    "Báo Tuổi Trẻ phản ánh rác thải tồn đọng quanh chợ Đông Ba",
]
SCREENSHOTS = ["tree.png", "unit.png", "map.png", "notification.png", "phone-tree.png"]


def missing() -> str | None:
    """What the browser test lacks on this machine, if anything."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if not (WEB / "node_modules" / "playwright-core").exists():
        return "run `npm ci` in client-examples/web-dashboard"
    if not (WEB / "dist" / "index.html").exists():
        return "run `npm run build` in client-examples/web-dashboard"
    return None


class Api:
    """The GraphQL API as one signed-in user."""

    def __init__(self, client: httpx.AsyncClient, token: str | None = None) -> None:
        self.client = client
        self.token = token

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        body = response.json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def sign_in(self, login: str, password: str) -> dict[str, Any]:
        answer = await self.data(
            "mutation($l: String!, $p: String!) { login(login: $l, password: $p) {"
            " token errors { code } account { person { id } } } }",
            l=login,
            p=password,
        )
        payload: dict[str, Any] = answer["login"]
        assert payload["token"], payload
        return payload


async def as_(client: httpx.AsyncClient, account: tuple[str, str]) -> tuple[Api, dict[str, Any]]:
    payload = await Api(client).sign_in(*account)
    return Api(client, payload["token"]), payload


@pytest.fixture
async def server(tmp_path: Path, database_url: str) -> AsyncIterator[Server]:
    """`govgraph serve` on a fresh SQLite file holding the demo province."""
    if database_url.startswith("postgresql"):  # CI runs the suite twice: once is enough
        pytest.skip("runs in the SQLite pass: it serves its own SQLite file")
    reason = missing()
    if reason:
        if os.environ.get("CI") == "true":  # .ci/run installs them: a skip would hide a break
            pytest.fail(f"the web dashboard test cannot run under CI: {reason}")
        pytest.skip(reason)
    database = f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}"
    env = {**os.environ, "DATABASE_URL": database, "ARGON2_MEMORY_KIB": "1024"}
    env.pop("REDIS_URL", None)
    loaded = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "govgraph.cli", "demo-data", env=env, cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    assert await loaded.wait() == 0, "govgraph demo-data failed"
    running = Server(database, "", poll=0.2)
    yield running
    running.kill()


async def sent_tasks(client: httpx.AsyncClient) -> list[str]:
    """Press incidents the Chairman tracks, sent to Sở Nội vụ (no notification for him yet)."""
    office, _ = await as_(client, OFFICE)
    _, chairman = await as_(client, CHAIRMAN)
    units = await office.data(
        '{ o: orgUnit(code: "VP-UBND") { id } s: orgUnit(code: "SNV") { id } }'
    )
    tracker = {"personId": chairman["account"]["person"]["id"], "role": "CHAIRMAN"}
    ids = []
    for title in TITLES:
        task = {
            "kind": "PRESS_INCIDENT",
            "content": title,
            "officeUnitId": units["o"]["id"],
            "leadUnitId": units["s"]["id"],
            "trackers": [tracker],
        }
        made = (
            await office.data(
                "mutation($t: CreateTaskInput!) { createTask(input: $t) {"
                " task { id } errors { code message } } }",
                t=task,
            )
        )["createTask"]
        assert not made["errors"], made
        sent = await office.data(
            "mutation($id: ID!) { sendTask(id: $id) { errors { code } } }", id=made["task"]["id"]
        )
        assert not sent["sendTask"]["errors"], sent
        ids.append(made["task"]["id"])
    return ids


async def test_a_leader_uses_the_web_dashboard(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.http, timeout=30) as client:
        tasks = await sent_tasks(client)
        director, _ = await as_(client, DIRECTOR)
        for name in SCREENSHOTS:
            (SHOTS / name).unlink(missing_ok=True)
        env = {
            **os.environ,
            "DASHBOARD_URL": f"{server.http}/dashboard/",
            "DASHBOARD_LOGIN": CHAIRMAN[0],
            "DASHBOARD_PASSWORD": CHAIRMAN[1],
            "DASHBOARD_SCREENSHOTS": str(SHOTS),
            "CHROMIUM_PATH": str(CHROMIUM),
            "NOTIFY_TITLES": json.dumps(TITLES, ensure_ascii=False),
        }
        script = await asyncio.create_subprocess_exec(
            "node", "e2e/dashboard.e2e.mjs", cwd=WEB, env=env,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert script.stdin is not None
        assert script.stdout is not None
        lines: list[dict[str, Any]] = []
        try:
            while line := await asyncio.wait_for(script.stdout.readline(), 90):
                if not line.startswith(b"{"):
                    continue
                lines.append(json.loads(line))
                if "await" in lines[-1]:  # the page waits for another user's step
                    returned = await director.data(
                        "mutation($id: ID!, $why: String!) {"
                        " returnTask(id: $id, reason: $why) { errors { code } } }",
                        id=tasks.pop(0),
                        why="Không thuộc thẩm quyền của Sở",
                    )
                    assert not returned["returnTask"]["errors"], returned
                    script.stdin.write(b"go\n")
                    await script.stdin.drain()
        finally:
            if script.returncode is None:
                await asyncio.wait_for(script.wait(), 30)
    assert script.returncode == 0, lines[-1:] or "the script printed nothing"
    steps = [line["step"] for line in lines if "step" in line]
    assert steps == [
        "password change required",
        "sign-in",
        "tree",
        "unit figures",
        "map",
        "notifications, live and resumed",
        "phone width",
    ]
    assert [line["await"] for line in lines if "await" in line] == ["offline", "live"]
    assert lines[-1].get("done") is True
    for name in SCREENSHOTS:
        assert (SHOTS / name).stat().st_size > 10_000, name
