"""Mutations around the task chain: progress reports and extension requests, and the
working calendar's declared days."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.calendar import DayKind
from domain.errors import DomainError
from resolvers.tasks import mutations as run
from schema.common import attempt, ctx_of, decode_id, errors_of
from schema.mutations.task_inputs import (
    CalendarDayPayload,
    TaskPayload,
    TaskProgressPayload,
    day_payload,
    task_payload,
)
from schema.mutations.tasks import Note
from schema.task_parts import ProgressUpdate
from schema.tasks import Task


@strawberry.type
class TaskProgressMutations:
    @strawberry.mutation(
        description="The lead unit reports progress on unfinished work: why it is late, "
        "proposals, and perhaps an extension request with a date"
    )
    async def report_task_progress(
        self,
        info: Info,
        *,
        task_id: strawberry.ID,
        content: str,
        delay_reason: str | None = None,
        proposals: str | None = None,
        extension_until: datetime | None = None,
    ) -> TaskProgressPayload:
        ctx = ctx_of(info)
        result = await attempt(
            lambda: run.report_progress(
                ctx,
                task_id=decode_id(task_id, "Task", "taskId"),
                content=content,
                delay_reason=delay_reason,
                proposals=proposals,
                extension_until=extension_until,
            )
        )
        if isinstance(result, DomainError):
            return TaskProgressPayload(progress=None, task=None, errors=errors_of(result))
        task = await ctx.task_loaders.task_by_id.load(result.task_id)
        return TaskProgressPayload(
            progress=ProgressUpdate(domain=result),
            task=Task.from_domain(task) if task else None,
            errors=[],
        )

    @strawberry.mutation(
        description="A tracker or the office grants (moving the deadline) or refuses an "
        "extension request"
    )
    async def decide_task_extension(
        self, info: Info, progress_id: strawberry.ID, grant: bool, note: Note = None
    ) -> TaskPayload:
        ctx = ctx_of(info)
        return task_payload(
            await attempt(
                lambda: run.decide_extension(
                    ctx,
                    progress_id=decode_id(progress_id, "ProgressUpdate", "progressId"),
                    grant=grant,
                    note=note,
                )
            )
        )

    @strawberry.mutation(
        description="Declare a province-wide day off or make-up working day (province admins); "
        "deadlines computed from now on count it"
    )
    async def declare_calendar_day(
        self,
        info: Info,
        day: Annotated[date, strawberry.argument(name="date")],
        kind: DayKind,
        reason: str,
    ) -> CalendarDayPayload:
        ctx = ctx_of(info)
        return day_payload(
            await attempt(lambda: run.declare_day(ctx, day=day, kind=kind, reason=reason))
        )

    @strawberry.mutation(description="Withdraw a declared day (province admins)")
    async def remove_calendar_day(
        self, info: Info, day: Annotated[date, strawberry.argument(name="date")]
    ) -> CalendarDayPayload:
        ctx = ctx_of(info)
        return day_payload(await attempt(lambda: run.remove_day(ctx, day=day)))
