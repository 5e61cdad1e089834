"""The inbox and the notification streams: thin calls to the domain's rules."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection
from typing import Any

from domain.errors import DomainError, ErrorCode, Forbidden, NotFound, Unauthenticated
from domain.notifications.model import Notification, NotificationEvent, NotificationKind
from domain.notifications.policies import can_see_event, can_watch_unit, inbox_owner
from domain.notifications.ports import LiveFeed, NotificationRepository
from domain.paging import Seek
from resolvers.context import RequestContext
from resolvers.pagination import Page, decode_cursor, encode_cursor, paginate

ASSIGNMENTS = frozenset({NotificationKind.NEW_ASSIGNMENT})
DEADLINES = frozenset({NotificationKind.DEADLINE_WARNING, NotificationKind.OVERDUE})


def cursor_of(notification: Notification | NotificationEvent) -> str:
    """The opaque cursor of a notification (or a dashboard event)."""
    return encode_cursor(notification.id)


def cursor_id(cursor: str | None, field: str = "after") -> int | None:
    """The id inside a cursor; a malformed one is a typed error."""
    value = decode_cursor(cursor, field)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field)
    return value


def _repo(ctx: RequestContext) -> NotificationRepository:
    assert ctx.notifications is not None
    return ctx.notifications


def _live(ctx: RequestContext) -> LiveFeed:
    if ctx.live is None:
        raise DomainError(ErrorCode.INVALID_STATE, "Real-time delivery is not available")
    return ctx.live


async def inbox(
    ctx: RequestContext,
    *,
    first: int | None,
    after: str | None,
    unread_only: bool,
    last: int | None = None,
    before: str | None = None,
) -> Page[Notification]:
    """The caller's notifications, newest first (ids descending: a cursor's id bounds the
    page, `after` towards older ones, `before` towards newer ones)."""
    person = inbox_owner(ctx.principal)
    repo = _repo(ctx)

    async def fetch(seek: Seek[Any], limit: int) -> list[Notification]:
        ids = seek.map(_cursor_id)
        return await repo.inbox(
            person,
            before_id=ids.after,
            after_id=ids.before,
            oldest_first=ids.backward,
            limit=limit,
            unread_only=unread_only,
        )

    return await paginate(
        fetch,
        lambda n: n.id,
        first=first,
        after=after,
        last=last,
        before=before,
        count=lambda: repo.count(person, unread_only=unread_only),
        shape=int,
    )


def _cursor_id(key: Any, field: str) -> int:
    if not isinstance(key, int) or isinstance(key, bool) or key < 0:
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field)
    return key


async def unread_count(ctx: RequestContext) -> int:
    """How many of the caller's notifications are unread."""
    return await _repo(ctx).count(inbox_owner(ctx.principal), unread_only=True)


async def my_notifications(ctx: RequestContext, after: str | None) -> AsyncIterator[Notification]:
    """The caller's notifications after the cursor (replayed), then live."""
    person = inbox_owner(ctx.principal)
    start = cursor_id(after)
    async for notification in _live(ctx).inbox(person, start):
        yield notification


async def unit_events(
    ctx: RequestContext,
    *,
    unit_id: int,
    include_subtree: bool,
    kinds: Collection[NotificationKind],
    after: str | None = None,
) -> AsyncIterator[NotificationEvent]:
    """A unit's (or subtree's) events of `kinds`, checked when subscribing and for every
    event against the caller's grants as they are now."""
    if ctx.principal.account_id is None:
        raise Unauthenticated
    async with ctx.uow() as uow:  # a short session: a stream holds no connection
        unit = await uow.units.get(unit_id)
        path = unit.path if unit is not None else None
    if path is None:
        raise NotFound("Unit", "unitId")
    if not can_watch_unit(ctx.principal, path, include_subtree=include_subtree):
        raise Forbidden("Only the unit's overseers and own staff watch its streams")
    async for batch in _live(ctx).events(kinds, cursor_id(after)):
        principal = await ctx.current_principal()
        if principal is None:
            raise Unauthenticated
        if not can_watch_unit(principal, path, include_subtree=include_subtree):
            raise Forbidden("The role that allowed this stream was withdrawn")
        for event in batch:
            if can_see_event(principal, event, unit_path=path, include_subtree=include_subtree):
                yield event
