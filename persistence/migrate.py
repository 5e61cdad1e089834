"""Programmatic Alembic: upgrade, downgrade, where a database is, the list of revisions."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at govgraph's migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database to `revision` (blocking; run outside an event loop)."""
    command.upgrade(alembic_config(url), revision)


async def upgrade_async(url: str, revision: str = "head") -> None:
    """Same as upgrade, from async code (Alembic runs its own loop in a thread)."""
    await asyncio.to_thread(upgrade, url, revision)


def downgrade(url: str, revision: str) -> None:
    """Take the database down to `revision` ("base": empty; blocking)."""
    command.downgrade(alembic_config(url), revision)


def current(url: str) -> str | None:
    """The revision the database is at (None: not migrated)."""
    found: list[str | None] = []

    def remember(revision: tuple[str, ...], _context: object) -> list[object]:
        found.append(revision[0] if revision else None)
        return []

    config = alembic_config(url)
    script = ScriptDirectory.from_config(config)
    with EnvironmentContext(config, script, fn=remember, dont_mutate=True):
        script.run_env()
    return found[0] if found else None


def history(url: str) -> list[tuple[str, str | None, str]]:
    """Every revision, newest first: (revision, the one it follows, its title)."""
    script = ScriptDirectory.from_config(alembic_config(url))
    return [
        (str(r.revision), str(r.down_revision) if r.down_revision else None, r.doc.splitlines()[0])
        for r in script.walk_revisions()
    ]
