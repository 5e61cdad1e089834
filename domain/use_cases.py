"""Every module whose use cases handle commands: importing this registers them all.

The dispatcher imports it once; `tests/unit/test_commands.py` checks that every command has
its use case.
"""

from __future__ import annotations

from domain.reflections import catalog, intake, interaction, transitions
from domain.tasks import (
    calendar_days,
    occurrence_reports,
    press,
    progress,
    questions,
    services,
)
from domain.tasks import transitions as task_transitions

__all__ = [
    "calendar_days",
    "catalog",
    "intake",
    "interaction",
    "occurrence_reports",
    "press",
    "progress",
    "questions",
    "services",
    "task_transitions",
    "transitions",
]
