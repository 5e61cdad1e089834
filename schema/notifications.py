"""The inbox and the real-time streams in GraphQL: types, queries, mutations, subscriptions."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Callable
from datetime import datetime
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.notifications import model
from resolvers import notifications as run
from resolvers.pagination import Page
from schema.common import (
    PageInfo,
    UserError,
    attempt,
    ctx_of,
    decode_id,
    encode_id,
    errors_of,
    raise_graphql,
)

T = TypeVar("T")
R = TypeVar("R")

strawberry.enum(model.NotificationKind, name="NotificationKind", description="Why someone is told")
strawberry.enum(
    model.SubjectType, name="NotificationSubjectType", description="What a notification is about"
)
for _value in model.SubjectType.__strawberry_definition__.values:  # type: ignore[attr-defined]
    if _value.name == model.SubjectType.DOSSIER.name:
        _value.description = "A public-service dossier (subjectId: a Dossier id)"

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
    priority: str | None
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
    id: strawberry.ID
    cursor: str = strawberry.field(
        description="Give it as `after` to myNotifications to resume after this one"
    )
    kind: model.NotificationKind
    subject_type: model.SubjectType
    subject_id: strawberry.ID = strawberry.field(
        description="Global id of the subject (a Task, a Reflection, a ReportType, a Person)"
    )
    unit_id: strawberry.ID | None = strawberry.field(description="The unit concerned")
    summary: NotificationSummary
    created_at: datetime
    read_at: datetime | None
    read: bool

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
    id: strawberry.ID
    cursor: str
    kind: model.NotificationKind
    subject_type: model.SubjectType
    subject_id: strawberry.ID
    unit_id: strawberry.ID | None
    summary: NotificationSummary
    occurred_at: datetime

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


@strawberry.type
class NotificationEdge:
    cursor: str
    node: Notification


@strawberry.type(description="A page of notifications, newest first")
class NotificationConnection:
    edges: list[NotificationEdge]
    page_info: PageInfo
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

    @strawberry.field(description="Notifications in the whole list")
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type
class NotificationQuery:
    @strawberry.field(
        description="The signed-in person's notifications, newest first (`after` pages to "
        "older ones). Staff with a personal account."
    )
    async def notifications(
        self,
        info: Info,
        first: int | None = 20,
        after: str | None = None,
        unread_only: bool = False,
    ) -> NotificationConnection:
        page = await run.inbox(ctx_of(info), first=first, after=after, unread_only=unread_only)
        return NotificationConnection.from_page(page)

    @strawberry.field(description="How many of the signed-in person's notifications are unread")
    async def unread_notification_count(self, info: Info) -> int:
        return await run.unread_count(ctx_of(info))


@strawberry.type
class MarkNotificationsPayload:
    unread_count: int | None = strawberry.field(description="Unread notifications left")
    errors: list[UserError]


def _payload(result: int | DomainError) -> MarkNotificationsPayload:
    count = None if isinstance(result, DomainError) else result
    return MarkNotificationsPayload(unread_count=count, errors=errors_of(result))


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(
        description="Mark some of one's notifications read (ids of others are ignored)"
    )
    async def mark_notifications_read(
        self, info: Info, ids: list[strawberry.ID]
    ) -> MarkNotificationsPayload:
        ctx = ctx_of(info)

        async def mark() -> int | DomainError:
            return await run.mark_read(ctx, [decode_id(i, "Notification", "ids") for i in ids])

        return _payload(await attempt(mark))

    @strawberry.mutation(
        description="Mark all of one's notifications read, or those up to a cursor"
    )
    async def mark_all_notifications_read(
        self, info: Info, up_to: str | None = None
    ) -> MarkNotificationsPayload:
        return _payload(await run.mark_all_read(ctx_of(info), up_to))


async def coded(
    make: Callable[[], AsyncIterator[T]], convert: Callable[[T], R]
) -> AsyncGenerator[R, None]:
    """A stream whose refusals end it with a GraphQL error carrying the domain's code."""
    try:
        async for item in make():
            yield convert(item)
    except DomainError as error:
        raise_graphql(error)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="The signed-in person's notifications: those after `after` (a cursor) are "
        "replayed from the inbox, then new ones arrive live, none missed and none twice. "
        "Without `after`: live from now on."
    )
    async def my_notifications(
        self, info: Info, after: str | None = None
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
        unit_id: strawberry.ID,
        include_subtree: bool = False,
        after: str | None = None,
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
        unit_id: strawberry.ID,
        include_subtree: bool = False,
        after: str | None = None,
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
