"""The daily press digest (000 Annex IV): portal editors post the day's press items about the
province by 11:00 on working days, shared to every unit; the office forwards the items that
need action as PRESS_INCIDENT tasks (5 working days, 10 for hard multi-agency cases)."""

from __future__ import annotations

from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, NotFound, StaleVersion
from domain.tasks import deadlines
from domain.tasks.forwarding import forward_as_task
from domain.tasks.model import TaskKind
from domain.tasks.portal_commands import Forwarded, ForwardPressItem, PublishPressDigest
from domain.tasks.portal_model import PressDigest, PressItem
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.services import office_path
from domain.text import clean_optional, clean_text

MAX_ITEMS = 50


@handles(PublishPressDigest)
async def publish_digest(
    uow: TaskUnitOfWork, caller: Caller, command: PublishPressDigest
) -> PressDigest:
    """Post the day's digest, or add items to it (give the version read). Posting after
    11:00 is allowed and flagged `published_late`."""
    actor, now, calendar = caller.actor, caller.now, caller.calendar
    office_unit_id, items = command.office_unit_id, command.items
    await office_path(uow, actor, office_unit_id)
    today = calendar.local_date(now)
    day = command.day or today
    if day > today:
        raise DomainError(ErrorCode.INVALID_INPUT, "The digest is dated in the future", "date")
    if not calendar.is_working_day(day):
        raise DomainError(ErrorCode.INVALID_INPUT, "Digests are posted on working days", "date")
    if not 1 <= len(items) <= MAX_ITEMS:
        raise DomainError(ErrorCode.INVALID_INPUT, f"Give 1 to {MAX_ITEMS} press items", "items")
    digest = await uow.tasks.digest_on(office_unit_id, day)
    if digest is None:
        due = deadlines.press_digest_due(calendar, day)
        digest = await uow.tasks.add_digest(
            PressDigest(office_unit_id, day, due, now, actor.account_id, now > due)
        )
    else:
        if command.version is not None and command.version != digest.version:
            raise StaleVersion("Press digest")
        await uow.tasks.touch_digest(digest)
    for item in items:
        await uow.tasks.add_press_item(
            PressItem(
                digest_id=digest.id,
                headline=clean_text(item.headline, field="headline", max_length=500, required=True),
                outlet=clean_text(item.outlet, field="outlet", max_length=255, required=True),
                summary=clean_text(item.summary, field="summary", max_length=5000, required=True),
                url=clean_optional(item.url, field="url", max_length=1000),
                article_date=item.article_date,
            )
        )
    return digest


@handles(ForwardPressItem)
async def forward_item(
    uow: TaskUnitOfWork, caller: Caller, command: ForwardPressItem
) -> Forwarded[PressItem]:
    """Forward a press item as a PRESS_INCIDENT task of the digest's office, sent at once."""
    actor, now = caller.actor, caller.now
    item = await uow.tasks.get_press_item(command.item_id)
    digest = await uow.tasks.get_digest(item.digest_id) if item else None
    if item is None or digest is None:
        raise NotFound("Press item", "id")
    await office_path(uow, actor, digest.office_unit_id)
    if command.version is not None and command.version != item.version:
        raise StaleVersion("Press item")
    if item.task_id is not None:
        raise DomainError(ErrorCode.INVALID_STATE, "The item was already forwarded", "id")
    content = f"{item.headline} ({item.outlet}, {digest.digest_date.isoformat()}): {item.summary}"
    task = await forward_as_task(
        uow,
        caller,
        kind=TaskKind.PRESS_INCIDENT,
        content=content[:10_000],
        office_unit_id=digest.office_unit_id,
        forward=command.forward,
    )
    item.task_id, item.forwarded_at, item.forwarded_by = task.id, now, actor.account_id
    return Forwarded(item, task)
