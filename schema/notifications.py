"""The inbox and the real-time streams in GraphQL: types, queries, mutations, subscriptions."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.notifications import model
from domain.notifications.commands import MarkAllNotificationsRead, MarkNotificationsRead
from resolvers import notifications as run
from resolvers.pagination import Page
from schema.common import (
    PageInfo,
    UserError,
    ctx_of,
    decode_id,
    dispatched,
    encode_id,
    raise_graphql,
)
from schema.descriptions import (
    CURSOR,
    EDGES,
    ERRORS,
    NODE,
    PAGE_INFO,
    TOTAL_COUNT,
    After,
    Before,
    First,
    Last,
    describe_enum,
)

T = TypeVar("T")
R = TypeVar("R")

Resume = Annotated[
    str | None,
    strawberry.argument(
        description="The cursor of the last item received: what came after it is replayed "
        "first, then the stream goes on live; null: live from now on"
    ),
]

K = model.NotificationKind
describe_enum(
    K,
    "NotificationKind",
    "Why someone is told (000 Art. 6.5 for birthdays)",
    {
        K.NEW_ASSIGNMENT: "New work for the recipient: a task sent to their unit or assigned "
        "to them, a field report received, distributed, advised, agreed, a result to approve, "
        "a follow-up question to answer",
        K.DEADLINE_WARNING: "A deadline is near (DEADLINE_WARNINGS thresholds; `threshold` "
        "says which)",
        K.OVERDUE: "A deadline has passed with the work still open",
        K.RETURNED: "Work came back to the recipient: a task or draft returned, a task "
        "reopened, a field report returned, sent back or disagreed with",
        K.APPROVED: "A draft or a field report's result was approved",
        K.PUBLISHED: "A field report's result was published",
        K.ESCALATED: "A voter petition went one level up",
        K.REPORT_DUE: "A periodic report is due soon from the recipient's unit "
        "(REPORT_DUE_REMINDERS)",
        K.BIRTHDAY: "A colleague's birthday today (the day and month only)",
    },
)
describe_enum(
    model.SubjectType,
    "NotificationSubjectType",
    "What a notification is about; `subjectId` is the global id of that object",
    {
        model.SubjectType.TASK: "A Task",
        model.SubjectType.REFLECTION: "A Reflection (a field report)",
        model.SubjectType.REPORT: "A ReportType (a periodic report)",
        model.SubjectType.PERSON: "A Person (a colleague's birthday)",
        model.SubjectType.DOSSIER: "A Dossier (a public-service application)",
    },
)

_SUBJECT_TYPES = {
    model.SubjectType.TASK: "Task",
    model.SubjectType.PERSON: "Person",
    model.SubjectType.REFLECTION: "Reflection",
    model.SubjectType.REPORT: "ReportType",
    model.SubjectType.DOSSIER: "Dossier",
}


@strawberry.type(
    description="What a notification says: only what every recipient may read (never notes, "
    "drafts or reporter data)"
)
class NotificationSummary:
    title: str = strawberry.field(
        description="The subject's title: a task's content (shortened), a colleague's name; "
        "for a field report its number, category and commune (never its text or reporter); "
        "for a periodic report its name and period"
    )
    action: str | None = strawberry.field(description="The step taken (SEND, ASSIGN...)")
    state: str | None = strawberry.field(description="The subject's state after it")
    due_at: datetime | None = strawberry.field(
        description="The deadline; for BIRTHDAY the start of the day"
    )
    priority: str | None = strawberry.field(
        description="The subject's priority (NORMAL, HIGH, URGENT); null when it has none"
    )
    threshold: str | None = strawberry.field(
        description="For DEADLINE_WARNING: how long before the deadline (e.g. 2_WORKING_HOURS)"
    )

    @classmethod
    def from_domain(cls, summary: model.Summary) -> NotificationSummary:
        """Build from the stored payload."""
        return cls(
            title=summary.title,
            action=summary.action,
            state=summary.state,
            due_at=summary.due_at,
            priority=summary.priority,
            threshold=summary.threshold,
        )


@strawberry.type(description="One notification in the signed-in person's inbox")
class Notification:
    id: strawberry.ID = strawberry.field(description="Global id, for markNotificationsRead")
    cursor: str = strawberry.field(
        description="Give it as `after` to myNotifications to resume after this one"
    )
    kind: model.NotificationKind = strawberry.field(description="Why the person is told")
    subject_type: model.SubjectType = strawberry.field(description="What it is about")
    subject_id: strawberry.ID = strawberry.field(
        description="Global id of the subject (a Task, a Reflection, a ReportType, a Person)"
    )
    unit_id: strawberry.ID | None = strawberry.field(description="The unit concerned")
    summary: NotificationSummary = strawberry.field(description="What to show")
    created_at: datetime = strawberry.field(description="When it was sent (UTC)")
    read_at: datetime | None = strawberry.field(
        description="When the person marked it read (UTC); null while unread"
    )
    read: bool = strawberry.field(description="True once marked read")

    @classmethod
    def from_domain(cls, n: model.Notification) -> Notification:
        """Build from the domain's inbox row."""
        return cls(
            id=encode_id("Notification", n.id),
            cursor=run.cursor_of(n),
            kind=n.kind,
            subject_type=n.subject_type,
            subject_id=encode_id(_SUBJECT_TYPES[n.subject_type], n.subject_id),
            unit_id=encode_id("OrgUnit", n.unit_id) if n.unit_id else None,
            summary=NotificationSummary.from_domain(n.summary),
            created_at=n.created_at,
            read_at=n.read_at,
            read=n.read,
        )


@strawberry.type(description="Something happened in a watched unit (dashboard streams)")
class UnitEvent:
    id: strawberry.ID = strawberry.field(description="Global id of the event")
    cursor: str = strawberry.field(
        description="Give it as `after` to the same subscription to resume after this event"
    )
    kind: model.NotificationKind = strawberry.field(description="What happened")
    subject_type: model.SubjectType = strawberry.field(description="What it is about")
    subject_id: strawberry.ID = strawberry.field(description="Global id of the subject")
    unit_id: strawberry.ID | None = strawberry.field(description="The unit concerned")
    summary: NotificationSummary = strawberry.field(description="What to show")
    occurred_at: datetime = strawberry.field(description="When it happened (UTC)")

    @classmethod
    def from_domain(cls, e: model.NotificationEvent) -> UnitEvent:
        """Build from the domain's event."""
        return cls(
            id=encode_id("UnitEvent", e.id),
            cursor=run.cursor_of(e),
            kind=e.kind,
            subject_type=e.subject_type,
            subject_id=encode_id(_SUBJECT_TYPES[e.subject_type], e.subject_id),
            unit_id=encode_id("OrgUnit", e.unit_id) if e.unit_id else None,
            summary=NotificationSummary.from_domain(e.summary),
            occurred_at=e.occurred_at,
        )


@strawberry.type(description="A notification in a page of notifications, with its cursor")
class NotificationEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: Notification = strawberry.field(description=NODE)


@strawberry.type(description="A page of notifications, newest first")
class NotificationConnection:
    edges: list[NotificationEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.Notification]) -> NotificationConnection:
        """Build from a resolver page."""
        return cls(
            edges=[
                NotificationEdge(cursor=c, node=Notification.from_domain(n))
                for n, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type
class NotificationQuery:
    @strawberry.field(
        description="The signed-in person's notifications, newest first (`after` pages to "
        "older ones, `before` to newer ones). Staff with a personal account."
    )
    async def notifications(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        unread_only: Annotated[
            bool, strawberry.argument(description="Only those not marked read yet")
        ] = False,
        last: Last = None,
        before: Before = None,
    ) -> NotificationConnection:
        page = await run.inbox(
            ctx_of(info),
            first=first,
            after=after,
            last=last,
            before=before,
            unread_only=unread_only,
        )
        return NotificationConnection.from_page(page)

    @strawberry.field(description="How many of the signed-in person's notifications are unread")
    async def unread_notification_count(self, info: Info) -> int:
        return await run.unread_count(ctx_of(info))


@strawberry.type(description="How many notifications are left unread, or why it was refused")
class MarkNotificationsPayload:
    unread_count: int | None = strawberry.field(description="Unread notifications left")
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(
        description="Mark some of one's notifications read (ids of others are ignored)"
    )
    async def mark_notifications_read(
        self,
        info: Info,
        ids: Annotated[
            list[strawberry.ID],
            strawberry.argument(description="Global ids of the notifications to mark read"),
        ],
    ) -> MarkNotificationsPayload:
        count, errors = await dispatched(
            info,
            lambda: MarkNotificationsRead(tuple(decode_id(i, "Notification", "ids") for i in ids)),
            int,
        )
        return MarkNotificationsPayload(unread_count=count, errors=errors)

    @strawberry.mutation(
        description="Mark all of one's notifications read, or those up to a cursor"
    )
    async def mark_all_notifications_read(
        self,
        info: Info,
        up_to: Annotated[
            str | None,
            strawberry.argument(
                description="A notification's cursor: that one and every older one are marked; "
                "null: all of them"
            ),
        ] = None,
    ) -> MarkNotificationsPayload:
        count, errors = await dispatched(
            info, lambda: MarkAllNotificationsRead(run.cursor_id(up_to, "upTo")), int
        )
        return MarkNotificationsPayload(unread_count=count, errors=errors)


async def coded(
    make: Callable[[], AsyncIterator[T]], convert: Callable[[T], R]
) -> AsyncGenerator[R, None]:
    """A stream whose refusals end it with a GraphQL error carrying the domain's code."""
    try:
        async for item in make():
            yield convert(item)
    except DomainError as error:
        raise_graphql(error)


@strawberry.type(
    description="Real-time streams, over the websocket (graphql-transport-ws) or Server-Sent "
    "Events; each resumes from a cursor without losing an event"
)
class Subscription:
    @strawberry.subscription(
        description="The signed-in person's notifications: those after `after` (a cursor) are "
        "replayed from the inbox, then new ones arrive live, none missed and none twice. "
        "Without `after`: live from now on."
    )
    async def my_notifications(
        self, info: Info, after: Resume = None
    ) -> AsyncGenerator[Notification, None]:
        ctx = ctx_of(info)
        async for item in coded(lambda: run.my_notifications(ctx, after), Notification.from_domain):
            yield item

    @strawberry.subscription(
        description="New work put on a unit (or any unit under it): tasks sent, specialists "
        "assigned, field reports distributed to an agency (the IOC's intake shows on no unit). "
        "For the unit's overseers (with a subtree grant for includeSubtree) and its "
        "own staff; checked for every event. With `after` (a cursor), events since are "
        "replayed first"
    )
    async def assignment_created(
        self,
        info: Info,
        unit_id: Annotated[strawberry.ID, strawberry.argument(description="The unit watched")],
        include_subtree: Annotated[
            bool,
            strawberry.argument(description="Also every unit under it (needs a subtree grant)"),
        ] = False,
        after: Resume = None,
    ) -> AsyncGenerator[UnitEvent, None]:
        async for item in _unit_stream(info, unit_id, include_subtree, run.ASSIGNMENTS, after):
            yield item

    @strawberry.subscription(
        description="Deadline warnings and overdue notices of a unit's work (or its "
        "subtree's), for the same callers as assignmentCreated"
    )
    async def deadline_warnings(
        self,
        info: Info,
        unit_id: Annotated[strawberry.ID, strawberry.argument(description="The unit watched")],
        include_subtree: Annotated[
            bool,
            strawberry.argument(description="Also every unit under it (needs a subtree grant)"),
        ] = False,
        after: Resume = None,
    ) -> AsyncGenerator[UnitEvent, None]:
        async for item in _unit_stream(info, unit_id, include_subtree, run.DEADLINES, after):
            yield item


def _unit_stream(
    info: Info,
    unit_id: strawberry.ID,
    include_subtree: bool,
    kinds: frozenset[model.NotificationKind],
    after: str | None,
) -> AsyncGenerator[UnitEvent, None]:
    ctx = ctx_of(info)
    return coded(
        lambda: run.unit_events(
            ctx,
            unit_id=decode_id(unit_id, "OrgUnit", "unitId"),
            include_subtree=include_subtree,
            kinds=kinds,
            after=after,
        ),
        UnitEvent.from_domain,
    )
