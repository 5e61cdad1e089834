"""The mobile client examples against a real server: the subscribers receive what they
missed since their saved cursor, then live notifications, and save the new cursor; the
reporter's example uploads a photo and submits a report with it."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from pathlib import Path

import httpx
import pytest

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from tests.api.reflection_factories import build_reflection_world
from tests.api.task_factories import LOGINS, TaskWorld, build_task_world
from tests.factories import PASSWORD, Api
from tests.integration.test_realtime_processes import ROOT, Server

MOBILE = ROOT / "client-examples" / "mobile"


async def send(world: TaskWorld, title: str) -> None:
    task = await world.new_task(content=title)
    await world.advance(task["id"], [Action.SEND])


async def run_example(
    command: list[str], server: Server, world: TaskWorld, state: Path
) -> list[str]:
    """Start the example with a saved cursor, commit one more notification, read both."""
    await send(world, "Đã lỡ")  # missed while the app was closed
    listed = await (await world.as_("an")).data(
        "{ notifications(first: 2) { edges { node { cursor } } } }"
    )
    state.write_text(listed["notifications"]["edges"][1]["node"]["cursor"])  # noqa: ASYNC240
    args = ["--url", f"{server.http}/graphql", "--login", LOGINS["an"], "--password", PASSWORD]
    process = await asyncio.create_subprocess_exec(
        *command,
        *args,
        "--state",
        str(state),
        "--count",
        "2",
        cwd=MOBILE,
        stdout=asyncio.subprocess.PIPE,
    )
    await asyncio.sleep(3)
    await send(world, "Trực tiếp")
    out, _ = await asyncio.wait_for(process.communicate(), 60)
    lines = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    assert state.read_text() == lines[-1]["cursor"]  # noqa: ASYNC240
    return [line["summary"]["title"] for line in lines]


@pytest.fixture
async def setup(container: Container, clock: FixedClock, migrated: str) -> tuple[Server, TaskWorld]:
    server = Server(migrated, "", poll=0.2)
    client = httpx.AsyncClient(base_url=server.http, timeout=30)
    world = await build_task_world(container, client, clock)
    await send(world, "Đã xem")
    yield server, world
    await client.aclose()
    server.kill()


async def test_the_python_example_resumes_from_its_cursor(
    setup: tuple[Server, TaskWorld], tmp_path: Path
) -> None:
    server, world = setup
    titles = await run_example([sys.executable, "subscriber.py"], server, world, tmp_path / "c")
    assert titles == ["Đã lỡ", "Trực tiếp"]


async def test_the_node_example_resumes_from_its_cursor(
    setup: tuple[Server, TaskWorld], tmp_path: Path
) -> None:
    if shutil.which("node") is None or not (MOBILE / "node_modules" / "graphql-ws").exists():
        if os.environ.get("CI") == "true":  # .ci/run installs them: a skip would hide a break
            pytest.fail("node and `npm ci` in client-examples/mobile are needed under CI")
        pytest.skip("node and `npm install` in client-examples/mobile are needed")
    server, world = setup
    titles = await run_example(["node", "subscriber.mjs"], server, world, tmp_path / "c")
    assert titles == ["Đã lỡ", "Trực tiếp"]


async def test_the_reporters_example_uploads_a_photo_and_submits_it(
    container: Container, migrated: str, tmp_path: Path
) -> None:
    server = Server(migrated, "", poll=0.2, media_dir=str(tmp_path / "media"))
    try:
        async with httpx.AsyncClient(base_url=server.http, timeout=30) as client:
            await build_reflection_world(container, Api(client))  # communes to resolve to
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "submit_and_follow.py",
                "--url",
                f"{server.http}/graphql",
                cwd=MOBILE,
                stdout=asyncio.subprocess.PIPE,
            )
            out, _ = await asyncio.wait_for(process.communicate(), 60)
            assert process.returncode == 0, out.decode()
            lines = out.decode().splitlines()
            uploaded = next(line for line in lines if line.startswith("Uploaded: "))
            url = uploaded.split()[1]
            assert url.startswith(f"{server.http}/media/")
            mine = f"  PHOTO {url} (image/png, "  # the report's own media, as stored
            assert any(line.startswith(mine) for line in lines), lines
            photo = await client.get(url)
            assert photo.status_code == 200
            assert photo.headers["content-type"] == "image/png"
            assert photo.content.startswith(b"\x89PNG")
    finally:
        server.kill()


CITIZEN = ROOT / "client-examples" / "citizen"


async def test_the_citizens_example_applies_and_follows(
    container: Container, migrated: str, tmp_path: Path
) -> None:
    from tests.api.dossier_factories import build_desk

    server = Server(migrated, "", poll=0.2, media_dir=str(tmp_path / "media"))
    try:
        async with httpx.AsyncClient(base_url=server.http, timeout=30) as client:
            api = Api(client)
            from tests.factories import build_province

            province = await build_province(container)
            await build_desk(api, container, province)
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "apply_and_follow.py",
                "--url",
                f"{server.http}/graphql",
                "--login",
                "hoa.nguyen@example.vn",
                "--password",
                "DichVuCong#2026",
                "--procedure",
                "HT-KS.PHUHOI",
                "--walk-through",
                "--desk",
                f"motcua.phuhoi:{PASSWORD}",
                "--leader",
                f"chutich.phuhoi:{PASSWORD}",
                cwd=CITIZEN,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            out, err = await asyncio.wait_for(process.communicate(), 90)
            assert process.returncode == 0, (out.decode(), err.decode())
            lines = out.decode().splitlines()
            assert any(line.startswith("Tracking code (keep it): HS-") for line in lines), lines
            assert any("deliverDossierResult" in line and "DELIVERED" in line for line in lines)
            assert "Rated: {'rated': True}" in lines
            assert any(line.startswith("Anyone with the code sees: DELIVERED") for line in lines)
    finally:
        server.kill()
