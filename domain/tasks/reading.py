"""The read port of the task chain: filtered lists, the inbox, and batch loads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from domain.tasks.model import (
    Directive,
    ProgressUpdate,
    StatusClass,
    Task,
    TaskAssignee,
    TaskEvent,
    TaskKind,
    TaskResponse,
    TaskState,
    TaskTracker,
    TaskUnit,
)
from domain.tasks.policies import TaskScope


class TaskSort(StrEnum):
    """Orders of task lists."""

    DEADLINE = "DEADLINE"
    NEWEST = "NEWEST"


@dataclass(frozen=True)
class TaskFilter:
    """What a task list shows (always inside the caller's TaskScope)."""

    unit_path: str | None = None
    kinds: tuple[TaskKind, ...] = ()
    states: tuple[TaskState, ...] = ()
    status_classes: tuple[StatusClass, ...] = ()
    due_from: datetime | None = None
    due_to: datetime | None = None
    tracker_person_id: int | None = None
    directive_id: int | None = None
    search: str | None = None
    now: datetime | None = None


@dataclass(frozen=True)
class Inbox:
    """Where the caller has work waiting: per side, the units or persons and the states."""

    office_paths: tuple[str, ...]
    office_states: tuple[TaskState, ...]
    leader_unit_ids: tuple[int, ...]
    leader_paths: tuple[str, ...]
    leader_states: tuple[TaskState, ...]
    person_id: int | None
    specialist_states: tuple[TaskState, ...]


class TaskReader(Protocol):
    """Read-only queries of the chain; each method is one SQL statement."""

    async def tasks(
        self,
        where: TaskFilter,
        scope: TaskScope,
        *,
        sort: TaskSort,
        after: tuple[str, int] | None,
        limit: int,
    ) -> list[Task]: ...
    async def count_tasks(self, where: TaskFilter, scope: TaskScope) -> int: ...
    async def inbox(self, inbox: Inbox, *, after: tuple[str, int] | None, limit: int) -> list[Task]: ...
    async def tasks_by_ids(self, ids: Sequence[int]) -> list[Task]: ...
    async def visible_task_ids(self, ids: Sequence[int], scope: TaskScope) -> set[int]: ...
    async def units_of(self, task_ids: Sequence[int]) -> list[TaskUnit]: ...
    async def trackers_of(self, task_ids: Sequence[int]) -> list[TaskTracker]: ...
    async def assignees_of(self, task_ids: Sequence[int]) -> list[TaskAssignee]: ...
    async def events_of(self, task_ids: Sequence[int]) -> list[TaskEvent]: ...
    async def progress_of(self, task_ids: Sequence[int]) -> list[ProgressUpdate]: ...
    async def responses_of(self, task_ids: Sequence[int]) -> list[TaskResponse]: ...
    async def directives_by_ids(self, ids: Sequence[int]) -> list[Directive]: ...
