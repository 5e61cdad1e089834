"""A periodic task's occurrences: one per period, with its own due instant and report."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from domain.tasks import model, periods
from resolvers.tasks.portal import sees_occurrence_report
from schema import task_enums  # noqa: F401  # TaskOccurrenceState, with its descriptions
from schema.common import VisibleTo, ctx_of, encode_id
from schema.descriptions import VERSION_FIELD
from schema.task_parts import TaskActor, actor


@strawberry.type(
    description="One period of a periodic task: its window, due instant, report and status class"
)
class TaskOccurrence:
    domain: strawberry.Private[periods.TaskOccurrence]

    @strawberry.field(description="Pass it to reportTaskOccurrence")
    def id(self) -> strawberry.ID:
        return encode_id("TaskOccurrence", self.domain.id)

    @strawberry.field(description="1 for the first period, then 2, 3...")
    def seq(self) -> int:
        return self.domain.seq

    @strawberry.field(description="First day of the period (a local date in the province)")
    def period_start(self) -> date:
        return self.domain.period_start

    @strawberry.field(description="Last day of the period (a local date)")
    def period_end(self) -> date:
        return self.domain.period_end

    @strawberry.field(
        description="When the period's report is due (UTC): the end of the last working "
        "session of the period's last working day"
    )
    def due(self) -> datetime:
        return self.domain.due

    @strawberry.field(description="Nothing reported, progress reported, or done")
    def state(self) -> periods.OccurrenceState:
        return self.domain.state

    @strawberry.field(description="Status class of this period alone, now on the server's clock")
    def status_class(self, info: Info) -> model.StatusClass:
        return self.domain.status_class(ctx_of(info).now())

    @strawberry.field(description="0 to 100; 100 once the result is reported")
    def progress_percent(self) -> int:
        return self.domain.progress_percent

    @strawberry.field(
        description="The period's report; progress not yet final only for the lead unit's "
        "staff on the task, its leader and the trackers",
        extensions=[VisibleTo(sees_occurrence_report)],
    )
    async def report(self) -> str | None:
        return self.domain.report

    @strawberry.field(description="When the last report was given (UTC); null before any")
    def reported_at(self) -> datetime | None:
        return self.domain.reported_at

    @strawberry.field(description="Who gave the last report; null before any")
    def reported_by(self) -> TaskActor | None:
        return actor(self.domain.reported_by)

    @strawberry.field(
        description="When the period's final result was reported (UTC); null until then"
    )
    def done_at(self) -> datetime | None:
        return self.domain.done_at

    @strawberry.field(description=VERSION_FIELD)
    def version(self) -> int:
        return self.domain.version
