"""The read port of the task chain: filtered lists, the inbox, and batch loads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
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


FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)
"""Where tasks without a deadline sort by due time: last."""


def sort_key(task: Task, sort: TaskSort) -> tuple[str, int]:
    """The keyset position of a task in a list sorted by `sort` (the `after` of the next page)."""
    if sort is TaskSort.NEWEST:
        return ("", task.id)
    return ((task.deadline or FAR_FUTURE).isoformat(), task.id)


@dataclass(frozen=True)
class TaskFilter:
    """What a task list shows (always inside the caller's TaskScope)."""

    unit_path: str | None = None
    include_subtree: bool = True
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
    """Where the caller has work waiting: per side, the units or persons and the states.

    Paths match exactly; the `*_subtree_paths` match the unit and everything under it. As a
    tracker, the person has work where an extension request waits for a decision.
    """

    office_paths: tuple[str, ...]
    office_states: tuple[TaskState, ...]
    leader_unit_ids: tuple[int, ...]
    leader_paths: tuple[str, ...]
    leader_states: tuple[TaskState, ...]
    person_id: int | None
    specialist_states: tuple[TaskState, ...]
    office_subtree_paths: tuple[str, ...] = ()
    leader_subtree_paths: tuple[str, ...] = ()
    tracker_states: tuple[TaskState, ...] = ()
    """States in which an extension request on a task `person_id` tracks awaits a decision."""

    @property
    def empty(self) -> bool:
        """True when nothing can wait for the caller."""
        return not (
            self.office_paths
            or self.office_subtree_paths
            or self.leader_unit_ids
            or self.leader_paths
            or self.leader_subtree_paths
            or self.person_id
        )


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
        before: tuple[str, int] | None = None,
        backward: bool = False,
    ) -> list[Task]:
        """A page between two sort keys, either way (domain.paging.Seek)."""
        ...

    async def count_tasks(self, where: TaskFilter, scope: TaskScope) -> int: ...
    async def inbox(
        self,
        inbox: Inbox,
        *,
        after: tuple[str, int] | None,
        limit: int,
        before: tuple[str, int] | None = None,
        backward: bool = False,
    ) -> list[Task]:
        """What waits for the caller by due time then id, a page either way."""
        ...

    async def count_inbox(self, inbox: Inbox) -> int: ...
    async def tasks_by_ids(self, ids: Sequence[int]) -> list[Task]: ...
    async def visible_task_ids(self, ids: Sequence[int], scope: TaskScope) -> set[int]: ...
    async def units_of(self, task_ids: Sequence[int]) -> list[TaskUnit]: ...
    async def trackers_of(self, task_ids: Sequence[int]) -> list[TaskTracker]: ...
    async def assignees_of(self, task_ids: Sequence[int]) -> list[TaskAssignee]: ...
    async def events_of(self, task_ids: Sequence[int]) -> list[TaskEvent]: ...
    async def progress_of(self, task_ids: Sequence[int]) -> list[ProgressUpdate]: ...
    async def responses_of(self, task_ids: Sequence[int]) -> list[TaskResponse]: ...
    async def directives_by_ids(self, ids: Sequence[int]) -> list[Directive]: ...
