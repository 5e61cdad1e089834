"""Per-request DataLoaders of the task chain: a list of tasks and everything nested in it
takes one statement per kind of thing, however long the list."""

from __future__ import annotations

import asyncio

from strawberry.dataloader import DataLoader

from domain.accounts.model import Account
from domain.permissions import Principal
from domain.reading import DirectoryReader
from domain.tasks import policies
from domain.tasks.model import (
    Directive,
    ProgressUpdate,
    Task,
    TaskAssignee,
    TaskEvent,
    TaskResponse,
    TaskTracker,
    TaskUnit,
)
from domain.tasks.policies import TaskParties, TaskScope
from domain.tasks.reading import TaskReader
from resolvers.loaders import Loaders, _many, _one


class TaskLoaders:
    """The task chain's loaders of one request (built on first use by RequestContext)."""

    def __init__(
        self,
        reader: TaskReader,
        directory: DirectoryReader,
        loaders: Loaders,
        principal: Principal,
    ) -> None:
        self.scope: TaskScope = policies.task_scope(principal)
        self._reader = reader
        self._loaders = loaders
        self.task_by_id = DataLoader[int, Task | None](
            load_fn=_one(reader.tasks_by_ids, lambda t: t.id)
        )
        self.visible_by_task_id = DataLoader[int, bool](load_fn=self._visible)
        self.units_by_task_id = DataLoader[int, list[TaskUnit]](
            load_fn=_many(reader.units_of, lambda u: u.task_id)
        )
        self.trackers_by_task_id = DataLoader[int, list[TaskTracker]](
            load_fn=_many(reader.trackers_of, lambda t: t.task_id)
        )
        self.assignees_by_task_id = DataLoader[int, list[TaskAssignee]](
            load_fn=_many(reader.assignees_of, lambda a: a.task_id)
        )
        self.events_by_task_id = DataLoader[int, list[TaskEvent]](
            load_fn=_many(reader.events_of, lambda e: e.task_id)
        )
        self.progress_by_task_id = DataLoader[int, list[ProgressUpdate]](
            load_fn=_many(reader.progress_of, lambda p: p.task_id)
        )
        self.response_by_task_id = DataLoader[int, TaskResponse | None](
            load_fn=_one(reader.responses_of, lambda r: r.task_id)
        )
        self.directive_by_id = DataLoader[int, Directive | None](
            load_fn=_one(reader.directives_by_ids, lambda d: d.id)
        )
        self.account_by_id = DataLoader[int, Account | None](
            load_fn=_one(directory.accounts_by_ids, lambda a: a.id)
        )

    async def _visible(self, keys: list[int]) -> list[bool]:
        if self.scope.empty:
            return [False for _ in keys]
        seen = await self._reader.visible_task_ids(keys, self.scope)
        return [k in seen for k in keys]

    def prime(self, tasks: list[Task]) -> None:
        """Tasks a list query loaded within the caller's scope: known and visible."""
        for task in tasks:
            self.task_by_id.prime(task.id, task)
            self.visible_by_task_id.prime(task.id, True)

    async def parties(self, task: Task) -> TaskParties:
        """The facts the policies decide on, from batched loads."""
        units, trackers, assignees = await asyncio.gather(
            self.units_by_task_id.load(task.id),
            self.trackers_by_task_id.load(task.id),
            self.assignees_by_task_id.load(task.id),
        )
        rows = await self._loaders.unit_by_id.load_many(
            [task.office_unit_id, *(u.unit_id for u in units)]
        )
        paths = {u.id: u.path for u in rows if u is not None}
        return TaskParties(
            office_unit_id=task.office_unit_id,
            office_path=paths.get(task.office_unit_id, ""),
            lead_unit_id=task.lead_unit_id,
            lead_path=paths.get(task.lead_unit_id, ""),
            unit_ids=frozenset(u.unit_id for u in units),
            unit_paths=tuple(paths[u.unit_id] for u in units if u.unit_id in paths),
            tracker_ids=frozenset(t.person_id for t in trackers),
            assignee_ids=frozenset(a.person_id for a in assignees),
        )

    async def parties_of_id(self, task_id: int) -> TaskParties | None:
        """The parties of a task by id (None when it does not exist)."""
        task = await self.task_by_id.load(task_id)
        return await self.parties(task) if task else None
