"""The daily press digest (000 Annex IV): portal editors post the day's press items about the
province by 11:00 on working days, shared to every unit; the office forwards the items that
need action as PRESS_INCIDENT tasks (5 working days, 10 for hard multi-agency cases)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.calendar import WorkingCalendar
from domain.errors import DomainError, ErrorCode, NotFound, StaleVersion
from domain.permissions import Principal
from domain.tasks import deadlines
from domain.tasks.forwarding import Forward, forward_as_task
from domain.tasks.model import Task, TaskKind
from domain.tasks.portal_model import PressDigest, PressItem
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.services import office_path
from domain.text import clean_optional, clean_text

MAX_ITEMS = 50


@dataclass(frozen=True)
class NewPressItem:
    """A press item as the editors enter it."""

    headline: str
    outlet: str
    summary: str
    url: str | None = None
    article_date: date | None = None


async def publish_digest(
    *,
    uow: TaskUnitOfWork,
    actor: Principal,
    calendar: WorkingCalendar,
    office_unit_id: int,
    day: date | None,
    items: tuple[NewPressItem, ...],
    expected_version: int | None,
    now: datetime,
) -> PressDigest:
    """Post the day's digest, or add items to it (give the version read). Posting after
    11:00 is allowed and flagged `published_late`."""
    await office_path(uow, actor, office_unit_id)
    today = calendar.local_date(now)
    day = day or today
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
        if expected_version is not None and expected_version != digest.version:
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


async def forward_item(
    *,
    uow: TaskUnitOfWork,
    actor: Principal,
    calendar: WorkingCalendar,
    item_id: int,
    expected_version: int | None,
    forward: Forward,
    now: datetime,
) -> tuple[PressItem, Task]:
    """Forward a press item as a PRESS_INCIDENT task of the digest's office, sent at once."""
    item = await uow.tasks.get_press_item(item_id)
    digest = await uow.tasks.get_digest(item.digest_id) if item else None
    if item is None or digest is None:
        raise NotFound("Press item", "id")
    await office_path(uow, actor, digest.office_unit_id)
    if expected_version is not None and expected_version != item.version:
        raise StaleVersion("Press item")
    if item.task_id is not None:
        raise DomainError(ErrorCode.INVALID_STATE, "The item was already forwarded", "id")
    content = f"{item.headline} ({item.outlet}, {digest.digest_date.isoformat()}): {item.summary}"
    task = await forward_as_task(
        uow=uow,
        actor=actor,
        calendar=calendar,
        kind=TaskKind.PRESS_INCIDENT,
        content=content[:10_000],
        office_unit_id=digest.office_unit_id,
        forward=forward,
        now=now,
    )
    item.task_id, item.forwarded_at, item.forwarded_by = task.id, now, actor.account_id
    return item, task
