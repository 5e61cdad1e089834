"""SECRET_KEY signs the channels' idempotency keys; production refuses to start `serve` or
`worker` with the development default (and starts with a key of its own)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from govgraph import cli
from govgraph.settings import DEV_SECRET_KEY, Settings, get_settings, startup_problems


def test_only_production_with_the_development_key_is_a_problem() -> None:
    assert startup_problems(Settings(GOVGRAPH_MODE="development")) == []
    assert startup_problems(Settings(GOVGRAPH_MODE="production", SECRET_KEY="x" * 40)) == []
    [problem] = startup_problems(Settings(GOVGRAPH_MODE="production", SECRET_KEY=DEV_SECRET_KEY))
    assert "SECRET_KEY" in problem


@pytest.mark.parametrize("command", ["serve", "worker"])
def test_serve_and_worker_refuse_the_development_key_in_production(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVGRAPH_MODE", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "sqlite+aiosqlite:////nonexistent/never-used.db")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, [command])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "Refusing to start: SECRET_KEY" in result.output
