"""Query fields of the task chain (merged into the Query root)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.tasks import model
from domain.tasks.reading import TaskSort
from resolvers.tasks import queries
from resolvers.tasks.queries import TaskListArgs
from schema.common import ctx_of, decode_id
from schema.descriptions import After, Before, First, Last
from schema.task_parts import (
    CalendarDay,
)
from schema.tasks import Directive, Task, TaskConnection


@strawberry.input(description="Which tasks a list shows; always inside the caller's scope")
class TaskFilterInput:
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="Tasks where this unit takes part (lead or coordinating)"
    )
    include_subtree: bool = strawberry.field(
        default=True, description="With unitId: also the units under it"
    )
    kinds: list[model.TaskKind] | None = strawberry.field(
        default=None, description="Only tasks of these kinds; null or empty: every kind"
    )
    states: list[model.TaskState] | None = strawberry.field(
        default=None, description="Only tasks in these states; null or empty: every state"
    )
    status_classes: list[model.StatusClass] | None = strawberry.field(
        default=None,
        description="Only tasks the national reports class so now; null or empty: any",
    )
    due_from: datetime | None = strawberry.field(
        default=None, description="Deadline at or after (no offset: the province's time)"
    )
    due_to: datetime | None = strawberry.field(default=None, description="Deadline before")
    tracker_id: strawberry.ID | None = strawberry.field(
        default=None, description="Tasks this person tracks"
    )
    directive_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the tasks of this directive document"
    )
    search: str | None = strawberry.field(
        default=None, description='Words of the content; diacritics ignored ("ke hoach")'
    )

    def to_args(self) -> TaskListArgs:
        """The resolver's arguments, ids decoded."""
        return TaskListArgs(
            unit_id=decode_id(self.unit_id, "OrgUnit", "unitId") if self.unit_id else None,
            include_subtree=self.include_subtree,
            kinds=tuple(self.kinds or ()),
            states=tuple(self.states or ()),
            status_classes=tuple(self.status_classes or ()),
            due_from=self.due_from,
            due_to=self.due_to,
            tracker_id=(
                decode_id(self.tracker_id, "Person", "trackerId") if self.tracker_id else None
            ),
            directive_id=(
                decode_id(self.directive_id, "Directive", "directiveId")
                if self.directive_id
                else None
            ),
            search=self.search,
        )


@strawberry.type
class TaskQuery:
    @strawberry.field(
        description="Tasks the caller may see, filtered and sorted (DEADLINE: soonest first, no "
        "deadline last; NEWEST: last created first). Signed-in staff."
    )
    async def tasks(
        self,
        info: Info,
        filter: Annotated[
            TaskFilterInput | None,
            strawberry.argument(description="Which tasks; null: every task the caller may see"),
        ] = None,
        sort: Annotated[TaskSort, strawberry.argument(description="The list's order")] = (
            TaskSort.DEADLINE
        ),
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> TaskConnection:
        args = filter.to_args() if filter else TaskListArgs()
        page = await queries.tasks(
            ctx_of(info), args, sort=sort, first=first, after=after, last=last, before=before
        )
        return TaskConnection.from_page(page)

    @strawberry.field(description="A task, when the caller may see it; else null")
    async def task(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The task's global id")],
    ) -> Task | None:
        found = await queries.task(ctx_of(info), decode_id(id, "Task"))
        return Task.from_domain(found) if found else None

    @strawberry.field(description="A directive document, when the caller may see it; else null")
    async def directive(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The directive's global id")],
    ) -> Directive | None:
        found = await queries.directive(ctx_of(info), decode_id(id, "Directive"))
        return Directive.from_domain(found) if found else None

    @strawberry.field(
        description="What waits for the signed-in person's action now, by due time: as the "
        "office (created, returned, reported), as a unit leader or unit account (sent, "
        "received, drafted, approved), as an assigned specialist (assigned, in progress), as "
        "a tracker (an extension request waiting for a decision)"
    )
    async def my_work(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> TaskConnection:
        page = await queries.my_work(
            ctx_of(info), first=first, after=after, last=last, before=before
        )
        return TaskConnection.from_page(page)

    @strawberry.field(
        description="Days the province declared off or working, between two dates inclusive "
        "(weekends and public holidays are not listed)"
    )
    async def calendar_days(
        self,
        info: Info,
        from_: Annotated[
            date, strawberry.argument(name="from", description="First local date, inclusive")
        ],
        to: Annotated[date, strawberry.argument(description="Last local date, inclusive")],
    ) -> list[CalendarDay]:
        found = await queries.calendar_days(ctx_of(info), start=from_, end=to)
        return [CalendarDay.from_domain(d) for d in found]
