"""The task repository."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from domain.calendar import DayKind, DeclaredDay
from domain.stats.rollup import TaskFacts, facts_of
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
from persistence import task_tables as t
from persistence.repositories.task_extras import TaskExtrasRepository


class SqlTaskRepository(TaskExtrasRepository):
    """TaskRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.before: dict[int, TaskFacts | None] = {}
        """The facts of every task handed out, as loaded (None: added here)."""

    async def get_directive(self, directive_id: int) -> Directive | None:
        return await self.session.get(Directive, directive_id)

    async def add_directive(self, directive: Directive) -> Directive:
        self.session.add(directive)
        await self.session.flush()
        return directive

    async def count_tasks_of(self, directive_id: int) -> int:
        query = (
            select(func.count()).select_from(t.tasks).where(t.tasks.c.directive_id == directive_id)
        )
        return int((await self.session.execute(query)).scalar_one())

    async def unit_ids_of_directive(self, directive_id: int) -> set[int]:
        query = (
            select(t.task_units.c.unit_id)
            .join(t.tasks, t.tasks.c.id == t.task_units.c.task_id)
            .where(t.tasks.c.directive_id == directive_id)
            .distinct()
        )
        return set((await self.session.scalars(query)).all())

    async def get(self, task_id: int) -> Task | None:
        task = await self.session.get(Task, task_id)
        if task is not None:
            self.before.setdefault(task.id, facts_of(task))
        return task

    async def add(self, task: Task) -> Task:
        self.session.add(task)
        await self.session.flush()
        self.before.setdefault(task.id, None)
        return task

    async def touch(self, task: Task) -> None:
        flag_modified(task, "state")  # the version moves even when nothing else changed

    async def units_of(self, task_id: int) -> list[TaskUnit]:
        result = await self.session.scalars(
            select(TaskUnit).where(t.task_units.c.task_id == task_id).order_by(t.task_units.c.id)
        )
        return list(result)

    async def set_units(self, task_id: int, units: list[TaskUnit]) -> None:
        # ORM delete: the replaced rows also leave the session, so reused ids (SQLite) are clean
        await self.session.execute(
            delete(TaskUnit)
            .where(t.task_units.c.task_id == task_id)
            .execution_options(synchronize_session="fetch")
        )
        self.session.add_all(units)
        await self.session.flush()

    async def trackers_of(self, task_id: int) -> list[TaskTracker]:
        await self.session.flush()  # the session does not autoflush: see trackers just added
        result = await self.session.scalars(
            select(TaskTracker).where(t.task_trackers.c.task_id == task_id)
        )
        return list(result)

    async def add_tracker(self, tracker: TaskTracker) -> None:
        self.session.add(tracker)

    async def assignees_of(self, task_id: int) -> list[TaskAssignee]:
        await self.session.flush()
        result = await self.session.scalars(
            select(TaskAssignee).where(t.task_assignees.c.task_id == task_id)
        )
        return list(result)

    async def set_assignees(self, task_id: int, assignees: list[TaskAssignee]) -> None:
        await self.session.execute(
            delete(TaskAssignee)
            .where(t.task_assignees.c.task_id == task_id)
            .execution_options(synchronize_session="fetch")
        )
        self.session.add_all(assignees)
        await self.session.flush()

    async def add_event(self, event: TaskEvent) -> None:
        self.session.add(event)

    async def add_progress(self, update: ProgressUpdate) -> ProgressUpdate:
        self.session.add(update)
        await self.session.flush()
        return update

    async def get_progress(self, update_id: int) -> ProgressUpdate | None:
        return await self.session.get(ProgressUpdate, update_id)

    async def response_of(self, task_id: int) -> TaskResponse | None:
        result = await self.session.scalars(
            select(TaskResponse).where(t.task_responses.c.task_id == task_id)
        )
        return result.first()

    async def add_response(self, response: TaskResponse) -> TaskResponse:
        self.session.add(response)
        await self.session.flush()
        return response

    # The province's declared calendar days (domain.tasks.calendar_days).

    async def declared_day(self, day: date) -> DeclaredDay | None:
        row = (
            await self.session.execute(select(t.calendar_days).where(t.calendar_days.c.date == day))
        ).first()
        return DeclaredDay(row.date, DayKind(row.kind), row.reason) if row else None

    async def save_declared_day(self, declared: DeclaredDay) -> None:
        days = t.calendar_days
        values = {"kind": declared.kind, "reason": declared.reason}
        updated = await self.session.execute(
            update(days).where(days.c.date == declared.date).values(**values)
        )
        if not getattr(updated, "rowcount", 0):
            await self.session.execute(insert(days).values(date=declared.date, **values))

    async def delete_declared_day(self, day: date) -> None:
        await self.session.execute(delete(t.calendar_days).where(t.calendar_days.c.date == day))
