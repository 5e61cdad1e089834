"""Every module whose use cases handle commands: importing this registers them all.

The dispatcher imports it once; `tests/unit/test_commands.py` checks that every command has
its use case.
"""

from __future__ import annotations

from domain.reflections import catalog, intake, interaction, transitions

__all__ = ["catalog", "intake", "interaction", "transitions"]
