"""The inbox use cases, and the entry point other features raise notifications through."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode
from domain.notifications.commands import MarkAllNotificationsRead, MarkNotificationsRead
from domain.notifications.model import NotificationEvent, NotificationKind, SubjectType, Summary
from domain.notifications.policies import inbox_owner
from domain.notifications.ports import NotificationRepository, NotificationUnitOfWork
from domain.permissions import Principal

MAX_MARK = 100


async def mark_read(
    repo: NotificationRepository, *, actor: Principal, ids: Sequence[int], now: datetime
) -> int:
    """Mark some of the caller's notifications read (others' ids are silently not theirs)."""
    person = inbox_owner(actor)
    if len(ids) > MAX_MARK:
        raise DomainError(ErrorCode.INVALID_INPUT, f"At most {MAX_MARK} ids at once", "ids")
    return await repo.mark_read(person, ids, now)


async def mark_all_read(
    repo: NotificationRepository, *, actor: Principal, up_to_id: int | None, now: datetime
) -> int:
    """Mark every notification of the caller read (up to a cursor, when given)."""
    return await repo.mark_all_read(inbox_owner(actor), up_to_id, now)


@handles(MarkAllNotificationsRead)
@handles(MarkNotificationsRead)
async def mark_inbox_read(
    uow: NotificationUnitOfWork,
    caller: Caller,
    command: MarkNotificationsRead | MarkAllNotificationsRead,
) -> int:
    """Mark some (by id) or all (up to an id) of the caller's notifications read; the unread
    count after."""
    repo, actor, now = uow.notifications, caller.actor, caller.now
    if isinstance(command, MarkNotificationsRead):
        await mark_read(repo, actor=actor, ids=command.ids, now=now)
    else:
        await mark_all_read(repo, actor=actor, up_to_id=command.up_to_id, now=now)
    return await repo.count(inbox_owner(actor), unread_only=True)


async def raise_notification(
    repo: NotificationRepository,
    *,
    kind: NotificationKind,
    subject_type: SubjectType,
    subject_id: int,
    unit: tuple[int, str] | None,
    summary: Summary,
    recipients: Collection[int],
    now: datetime,
    once_for: tuple[str, datetime] | None = None,
) -> None:
    """Write a notification in the caller's transaction (other features use this, e.g. a
    periodic report's REPORT_DUE). `once_for=(threshold, due_at)` makes it a timed event
    raised at most once; False when it was raised before.

    The summary must hold only what every recipient may read."""
    event = NotificationEvent(
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        unit_id=unit[0] if unit else None,
        unit_path=unit[1] if unit else None,
        summary=summary,
        occurred_at=now,
        threshold=once_for[0] if once_for else None,
        due_at=once_for[1] if once_for else None,
    )
    await repo.record(event, sorted(set(recipients)))
