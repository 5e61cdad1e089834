"""Mutations around the task chain: progress reports and extension requests, and the
working calendar's declared days."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.calendar import DayKind
from domain.tasks.commands import (
    DecideExtension,
    DeclareCalendarDay,
    RemoveCalendarDay,
    ReportProgress,
)
from resolvers.tasks.queries import aware
from schema.common import ctx_of, decode_id, dispatch
from schema.mutations.task_inputs import CalendarDayPayload, TaskPayload, TaskProgressPayload
from schema.mutations.tasks import Note


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
        task_id: Annotated[
            strawberry.ID, strawberry.argument(description="The open task (lead unit's staff)")
        ],
        content: Annotated[
            str,
            strawberry.argument(description="What has been done, at most 10,000 characters"),
        ],
        delay_reason: Annotated[
            str | None,
            strawberry.argument(description="Why the work is late, at most 5,000 characters"),
        ] = None,
        proposals: Annotated[
            str | None,
            strawberry.argument(
                description="What the unit proposes to get it done, at most 5,000 characters"
            ),
        ] = None,
        extension_until: Annotated[
            datetime | None,
            strawberry.argument(
                description="The new deadline asked for, after the current one "
                "(DEADLINE_IN_PAST otherwise); a tracker or the office decides. Null: no "
                "extension asked"
            ),
        ] = None,
    ) -> TaskProgressPayload:
        return TaskProgressPayload.of(
            await dispatch(
                info,
                lambda: ReportProgress(
                    decode_id(task_id, "Task", "taskId"),
                    content,
                    delay_reason,
                    proposals,
                    aware(ctx_of(info), extension_until),
                ),
            )
        )

    @strawberry.mutation(
        description="A tracker or the office grants (moving the deadline) or refuses an "
        "extension request"
    )
    async def decide_task_extension(
        self,
        info: Info,
        progress_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="The progress report asking for it (ProgressUpdate.id)"
            ),
        ],
        grant: Annotated[
            bool,
            strawberry.argument(
                description="True: the deadline moves to the date asked for; false: refused"
            ),
        ],
        note: Note = None,
    ) -> TaskPayload:
        return TaskPayload.of(
            await dispatch(
                info,
                lambda: DecideExtension(
                    decode_id(progress_id, "ProgressUpdate", "progressId"), grant, note
                ),
            )
        )

    @strawberry.mutation(
        description="Declare a province-wide day off or make-up working day (province admins); "
        "deadlines computed from now on count it"
    )
    async def declare_calendar_day(
        self,
        info: Info,
        day: Annotated[
            date,
            strawberry.argument(
                name="date",
                description="The local date; the declaration must change it (no day off on a "
                "weekend or holiday: INVALID_INPUT), and a date already declared is withdrawn "
                "first (INVALID_STATE)",
            ),
        ],
        kind: Annotated[DayKind, strawberry.argument(description="Day off or working day")],
        reason: Annotated[
            str,
            strawberry.argument(description="Why (the decision behind it), at most 255"),
        ],
    ) -> CalendarDayPayload:
        return CalendarDayPayload.of(
            await dispatch(info, lambda: DeclareCalendarDay(day, kind, reason))
        )

    @strawberry.mutation(description="Withdraw a declared day (province admins)")
    async def remove_calendar_day(
        self,
        info: Info,
        day: Annotated[
            date, strawberry.argument(name="date", description="The declared local date")
        ],
    ) -> CalendarDayPayload:
        return CalendarDayPayload.of(await dispatch(info, lambda: RemoveCalendarDay(day)))
