"""Running the Node tools of tests/node (npm ci there) from pytest: skipped without Node or
the packages, failed instead under CI=true (.ci/run installs them: a skip would hide a break)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

NODE_DIR = Path(__file__).resolve().parent / "node"


def need_node(*packages: str) -> str:
    """The path of `node`, once the packages are installed in tests/node; else skip (fail
    under CI)."""
    node = shutil.which("node")
    missing = [p for p in packages if not (NODE_DIR / "node_modules" / p).exists()]
    if node is None or missing:
        why = "node is not installed" if node is None else f"missing {', '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}: run `npm ci` in tests/node (CI needs it)")
        pytest.skip(f"{why}: run `npm ci` in tests/node")
    return node


async def run_node(
    node: str, script: str, *args: str, seconds: float = 120, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run a script of tests/node; its last stdout line is JSON, returned parsed."""
    process = await asyncio.create_subprocess_exec(
        node,
        script,
        *args,
        cwd=NODE_DIR,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    out, err = await asyncio.wait_for(process.communicate(), seconds)
    assert process.returncode == 0, f"{script} failed:\n{out.decode()}\n{err.decode()}"
    lines = out.decode().strip().splitlines()
    assert lines, f"{script} printed nothing:\n{err.decode()}"
    result: dict[str, Any] = json.loads(lines[-1])
    return result
