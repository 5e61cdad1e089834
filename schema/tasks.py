"""Task chain types: Task and Directive (federation entities and Relay nodes), task lists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from domain.tasks import model
from domain.tasks.model import UnitRole
from domain.tasks.reading import TaskSort
from domain.tasks.workflow import Action
from resolvers.pagination import Page
from resolvers.tasks import portal, queries
from resolvers.tasks.queries import TaskListArgs
from schema.common import PageInfo, ctx_of, decode_id
from schema.descriptions import (
    CURSOR,
    EDGES,
    NODE,
    PAGE_INFO,
    TOTAL_COUNT,
    VERSION_FIELD,
    After,
    Before,
    First,
    Last,
)
from schema.org import OrgUnit
from schema.task_occurrences import TaskOccurrence
from schema.task_parts import (
    Attachment,
    ProgressUpdate,
    TaskAssignee,
    TaskEvent,
    TaskResponse,
    TaskTracker,
    attachments,
)


async def _unit(info: Info, unit_id: int) -> OrgUnit | None:
    unit = await ctx_of(info).loaders.unit_by_id.load(unit_id)
    return OrgUnit.from_domain(unit) if unit else None


@strawberry.federation.type(
    keys=["id"],
    name="Task",
    description="A task given to a lead unit (and coordinating units): from a directive, a "
    "press incident, a citizen question, a voter petition or a work program. Visible to the "
    "assigned units, their overseers, the creating office, the trackers and the assignees.",
)
class Task(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Task]
    kind: model.TaskKind = strawberry.field(description="What work it is")
    content: str = strawberry.field(description="What the unit must do, as the office wrote it")
    state: model.TaskState = strawberry.field(description="Where it stands in the chain")
    priority: model.Priority = strawberry.field(description="How urgent it is")
    deadline: datetime | None = strawberry.field(
        description="When the result is due (UTC); null: no deadline, report when there is a result"
    )
    period: model.Period | None = strawberry.field(
        description="How often a periodic task recurs (see `occurrences`); null for one-time work"
    )
    created_at: datetime = strawberry.field(description="When the office entered it (UTC)")
    sent_at: datetime | None = strawberry.field(
        description="When it was first sent to the units (UTC); null until sent"
    )
    entry_due: datetime | None = strawberry.field(
        description="When the office had to send it (UTC): 1 working day after the directive "
        "was received, 2 when it gives 5 tasks or more, or 3 units or more; null without a "
        "directive"
    )
    entry_late: bool = strawberry.field(description="True when it was sent after entryDue")
    completed_at: datetime | None = strawberry.field(
        description="When the office confirmed it done (UTC); null while not completed (a "
        "reopened task loses it)"
    )
    petition_level: model.PetitionLevel | None = strawberry.field(
        description="The level a voter petition sits at; null for other kinds"
    )
    hard_case: bool = strawberry.field(
        description="A hard multi-agency case: press incidents, citizen questions and voter "
        "petitions sent without a deadline get 10 working days instead of 5"
    )
    version: int = strawberry.field(description=VERSION_FIELD)

    @classmethod
    def from_domain(cls, task: model.Task) -> Task:
        """Build from the domain task."""
        return cls(
            id=task.id,
            domain=task,
            kind=task.kind,
            content=task.content,
            state=task.state,
            priority=task.priority,
            deadline=task.deadline,
            period=task.period,
            created_at=task.created_at,
            sent_at=task.sent_at,
            entry_due=task.entry_due,
            entry_late=task.entry_late,
            completed_at=task.completed_at,
            petition_level=task.petition_level,
            hard_case=task.hard_case,
            version=task.version,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # hidden ids resolve to null
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Task | None]:
        found = await queries.visible_tasks(ctx_of(info), [int(i) for i in node_ids])
        return [cls.from_domain(t) if t else None for t in found]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Task | None:
        [found] = await queries.visible_tasks(ctx_of(info), [decode_id(id, "Task")])
        return cls.from_domain(found) if found else None

    @strawberry.field(
        description="How national reports class it now, on the server's clock; null for "
        "cancelled and escalated tasks"
    )
    def status_class(self, info: Info) -> model.StatusClass | None:
        return self.domain.status_class(ctx_of(info).now())

    @strawberry.field(
        description="The directive document it comes from; null when it has none (a press "
        "incident, a question...) or the caller may not see it"
    )
    async def directive(self, info: Info) -> Directive | None:
        if self.domain.directive_id is None:
            return None
        found = await ctx_of(info).task_loaders.directive_by_id.load(self.domain.directive_id)
        return Directive.from_domain(found) if found else None

    @strawberry.field(description="The office that created and tracks the task")
    async def office_unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.office_unit_id)

    @strawberry.field(description="The unit responsible for the result (chủ trì)")
    async def lead_unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.lead_unit_id)

    @strawberry.field(description="The units that help the lead unit (phối hợp)")
    async def coordinating_units(self, info: Info) -> list[OrgUnit]:
        ctx = ctx_of(info)
        parts = await ctx.task_loaders.units_by_task_id.load(self.id)
        ids = [p.unit_id for p in parts if p.role is UnitRole.COORDINATING]
        return [OrgUnit.from_domain(u) for u in await ctx.loaders.unit_by_id.load_many(ids) if u]

    @strawberry.field(description="The persons following the task for the office and leaders")
    async def trackers(self, info: Info) -> list[TaskTracker]:
        found = await ctx_of(info).task_loaders.trackers_by_task_id.load(self.id)
        return [TaskTracker(domain=t) for t in found]

    @strawberry.field(description="The lead specialist and coordinating specialists")
    async def assignees(self, info: Info) -> list[TaskAssignee]:
        found = await ctx_of(info).task_loaders.assignees_by_task_id.load(self.id)
        return [TaskAssignee(domain=a) for a in found]

    @strawberry.field(description="Every step, oldest first")
    async def timeline(self, info: Info) -> list[TaskEvent]:
        found = await ctx_of(info).task_loaders.events_by_task_id.load(self.id)
        return [TaskEvent(domain=e) for e in found]

    @strawberry.field(description="Progress reports, oldest first")
    async def progress_updates(self, info: Info) -> list[ProgressUpdate]:
        found = await ctx_of(info).task_loaders.progress_by_task_id.load(self.id)
        return [ProgressUpdate(domain=p) for p in found]

    @strawberry.field(
        description="The unit's result: its draft, approval and official reply; null before a draft"
    )
    async def response(self, info: Info) -> TaskResponse | None:
        found = await ctx_of(info).task_loaders.response_by_task_id.load(self.id)
        return TaskResponse(domain=found) if found else None

    @strawberry.field(
        description="The lower level's petition this one was escalated from; null when none "
        "(or the caller may not see it)"
    )
    async def escalated_from(self, info: Info) -> Task | None:
        if self.domain.escalated_from_id is None:
            return None
        [found] = await queries.visible_tasks(ctx_of(info), [self.domain.escalated_from_id])
        return Task.from_domain(found) if found else None

    @strawberry.field(
        description="The upper level's petition this one was escalated to (null when the "
        "caller may not see it)"
    )
    async def escalated_to(self, info: Info) -> Task | None:
        if self.domain.escalated_to_id is None:
            return None
        [found] = await queries.visible_tasks(ctx_of(info), [self.domain.escalated_to_id])
        return Task.from_domain(found) if found else None

    @strawberry.field(
        description="The timelines of the lower levels this petition was escalated from, "
        "oldest first: its history travels with it"
    )
    async def escalation_history(self, info: Info) -> list[TaskEvent]:
        found = await portal.escalation_history(ctx_of(info), self.domain)
        return [TaskEvent(domain=e) for e in found]

    @strawberry.field(
        description="A periodic task's periods, oldest first: each with its own due instant, "
        "report and status class (empty for one-time tasks)"
    )
    async def occurrences(self, info: Info) -> list[TaskOccurrence]:
        found = await portal.occurrences(ctx_of(info), self.domain)
        return [TaskOccurrence(domain=o) for o in found]

    @strawberry.field(
        description="The steps the signed-in caller may take now, given the state and their "
        "part in the task (empty when none)"
    )
    async def available_actions(self, info: Info) -> list[Action]:
        return await queries.actions_for(ctx_of(info), self.domain)


@strawberry.federation.type(
    keys=["id"],
    name="Directive",
    description="A directive document tasks come from (never a secret one). Visible to its "
    "office and to whoever sees one of its tasks.",
)
class Directive(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Directive]
    doc_type: model.DirectiveType = strawberry.field(description="What kind of document it is")
    number_symbol: str = strawberry.field(description='Number and symbol, e.g. "45/CT-UBND"')
    issued_on: date = strawberry.field(description="Local date it was issued")
    issuer: str = strawberry.field(
        description="Who issued it, as written on it (Chủ tịch UBND tỉnh...)"
    )
    summary: str = strawberry.field(description="What it is about (trích yếu)")
    received_at: datetime = strawberry.field(
        description="When the office received it (UTC); entry deadlines count from it"
    )
    created_at: datetime = strawberry.field(description="When it was entered (UTC)")
    version: int = strawberry.field(description=VERSION_FIELD)

    @classmethod
    def from_domain(cls, directive: model.Directive) -> Directive:
        """Build from the domain directive."""
        return cls(
            id=directive.id,
            domain=directive,
            doc_type=directive.doc_type,
            number_symbol=directive.number_symbol,
            issued_on=directive.issued_on,
            issuer=directive.issuer,
            summary=directive.summary,
            received_at=directive.received_at,
            created_at=directive.created_at,
            version=directive.version,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # hidden ids resolve to null
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Directive | None]:
        found = await queries.visible_directives(ctx_of(info), [int(i) for i in node_ids])
        return [cls.from_domain(d) if d else None for d in found]

    @classmethod
    async def resolve_reference(
        cls,
        info: Info,
        id: strawberry.ID,
    ) -> Directive | None:
        [found] = await queries.visible_directives(ctx_of(info), [decode_id(id, "Directive")])
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The files attached to it, as entered")
    def attachments(self) -> list[Attachment]:
        return attachments(self.domain.attachments)

    @strawberry.field(description="The office that entered it and tracks its tasks")
    async def office_unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.office_unit_id)

    @strawberry.field(description="Its tasks the caller may see")
    async def tasks(
        self,
        info: Info,
        sort: Annotated[TaskSort, strawberry.argument(description="The list's order")] = (
            TaskSort.DEADLINE
        ),
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> TaskConnection:
        page = await queries.tasks(
            ctx_of(info),
            TaskListArgs(directive_id=self.id),
            sort=sort,
            first=first,
            after=after,
            last=last,
            before=before,
        )
        return TaskConnection.from_page(page)


@strawberry.type(description="A task in a page of tasks, with its cursor")
class TaskEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: Task = strawberry.field(description=NODE)


@strawberry.type(description="A page of tasks")
class TaskConnection:
    edges: list[TaskEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.Task]) -> TaskConnection:
        """Build from a resolver page."""
        return cls(
            edges=[
                TaskEdge(cursor=c, node=Task.from_domain(t))
                for t, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()
