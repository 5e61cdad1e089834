"""Long commands show their progress: one line per step with a bar, on stderr."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from govgraph.settings import Settings
from persistence.migrate import upgrade_async


async def test_stats_rebuild_shows_the_progress_of_each_step(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from typer.testing import CliRunner

    from govgraph.cli import app
    from govgraph.settings import get_settings

    url = f"sqlite+aiosqlite:///{tmp_path / 'progress.db'}"
    await upgrade_async(url)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        result = await asyncio.to_thread(CliRunner().invoke, app, ["stats-rebuild"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    for step in ("Task statistics", "Field-report statistics", "Public feed counts"):
        assert step in result.stderr
    assert "Task statistics rebuilt from 0 tasks." in result.stdout
