"""What happened to tasks, as the projections need it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.events import DomainEvent


@dataclass(frozen=True, slots=True)
class TaskChanged(DomainEvent):
    """A task was created or changed: its statistics cells move at commit."""

    task_id: int
