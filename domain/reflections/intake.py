"""Receiving a report (001 Art. 4-6): validation of Art. 5's content, the commune, the catalog."""

from __future__ import annotations

from datetime import timedelta

from domain.accounts.tokens import digest, new_token
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden
from domain.notifications.reflection_rules import notify_reflection_step
from domain.org.model import UnitStatus
from domain.permissions import PrincipalKind, enters_reports
from domain.reflections import deadlines, places
from domain.reflections.commands import (
    CountSubmission,
    NewReflection,
    RecordUpload,
    SubmitReflection,
    Submitted,
)
from domain.reflections.events import ReflectionChanged
from domain.reflections.media import check_media, dump_media
from domain.reflections.model import (
    Channel,
    Reflection,
    ReflectionEvent,
    ReflectionPriority,
    ReflectionState,
    SlaStep,
)
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.uploads import MediaUpload, attach_stored, record, trust_store
from domain.reflections.workflow import Action
from domain.text import clean_email, clean_phone, clean_text, fold

SELF_SERVICE = frozenset({Channel.APP, Channel.PORTAL})
CLOCK_SKEW = timedelta(minutes=5)
OLDEST = timedelta(days=365)
MAX_CONTENT = 5000
COMMUNE_LEVEL = "COMMUNE"


@handles(SubmitReflection)
async def submit(uow: ReflectionUnitOfWork, caller: Caller, command: SubmitReflection) -> Submitted:
    """Receive a report; returns it and its tracking code (shown once, stored as a digest).
    Media under one of `media_bases` + /media/ are taken as the media store recorded them."""
    actor, now, calendar = caller.actor, caller.now, caller.calendar
    new, area, media_bases = command.new, command.area, command.media_bases
    if new.channel not in SELF_SERVICE and not enters_reports(actor):
        raise Forbidden("Hotline, Facebook, Zalo and email reports are entered by the IOC")
    content = clean_text(new.content, field="content", max_length=MAX_CONTENT, required=True)
    if len(content) < 10:
        raise DomainError(ErrorCode.INVALID_INPUT, "Describe what happened", "content")
    if new.occurred_at > now + CLOCK_SKEW:
        raise DomainError(ErrorCode.INVALID_INPUT, "It happened in the future?", "occurredAt")
    if new.occurred_at < now - OLDEST:
        raise DomainError(ErrorCode.INVALID_INPUT, "It happened over a year ago", "occurredAt")
    places.check_inside(area, new.latitude, new.longitude)
    commune_id = await _commune(uow, new)
    priority, sensitive = ReflectionPriority.NORMAL, False
    if new.category_id is not None:
        category = await uow.reflections.get_category(new.category_id)
        if category is None or not category.active:
            raise DomainError(ErrorCode.NOT_FOUND, "Category not found", "categoryId")
        priority = ReflectionPriority.URGENT if category.urgent else priority
        sensitive = category.sensitive
    address = clean_text(new.address, field="address", max_length=500, required=True)
    media = check_media(await trust_store(uow.media, new.media, media_bases))
    code = new_token()
    reflection = Reflection(
        channel=new.channel,
        content=content,
        occurred_at=new.occurred_at,
        submitted_at=now,
        latitude=new.latitude,
        longitude=new.longitude,
        address=address,
        commune_unit_id=commune_id,
        reporter_name=clean_text(
            new.reporter_name, field="reporterName", max_length=255, required=True
        ),
        reporter_phone=_required(clean_phone(new.reporter_phone, field="reporterPhone"), "Phone"),
        reporter_email=_required(clean_email(new.reporter_email, field="reporterEmail"), "Email"),
        reporter_kind=new.reporter_kind,
        reporter_account_id=actor.account_id if actor.kind is PrincipalKind.CITIZEN else None,
        consent_contact=new.consent_contact,
        secrecy_requested=new.secrecy_requested,
        is_public=not sensitive,
        priority=priority,
        sensitive=sensitive,
        category_id=new.category_id,
        media=dump_media(media),
        state=ReflectionState.SUBMITTED,
        step=SlaStep.INTAKE,
        step_due=deadlines.due(calendar, SlaStep.INTAKE, priority, now),
        tracking_hash=digest(code),
        search_text=fold(f"{content} {address}"),
    )
    await uow.reflections.add(reflection)
    uow.record(ReflectionChanged(reflection.id))
    await attach_stored(uow.media, media, media_bases, reflection.id)
    await uow.reflections.add_event(
        ReflectionEvent(
            reflection.id,
            Action.SUBMIT.value,
            None,
            ReflectionState.SUBMITTED,
            now,
            actor.account_id,
            public=True,
            note=f"Received by {new.channel.value}",
        )
    )
    await notify_reflection_step(
        uow,
        actor_person_id=actor.person_id,
        reflection=reflection,
        parts=[],
        action="SUBMIT",
        now=now,
    )
    return Submitted(reflection, code)


def _required(value: str | None, what: str) -> str:
    if not value:
        raise DomainError(
            ErrorCode.INVALID_INPUT,
            f"{what} of the reporter is required (001 Art. 5.3)",
            f"reporter{what}",
        )
    return value


async def _commune(uow: ReflectionUnitOfWork, new: NewReflection) -> int:
    if new.commune_id is None:
        points = await uow.reflections.commune_points()
        return places.nearest_commune(points, new.latitude, new.longitude)
    unit = await uow.units.get(new.commune_id)
    if unit is None or unit.status is not UnitStatus.ACTIVE:
        raise DomainError(ErrorCode.NOT_FOUND, "Commune not found", "communeId")
    if unit.level_code != COMMUNE_LEVEL:
        raise DomainError(ErrorCode.INVALID_INPUT, "The unit is not a commune or ward", "communeId")
    points = await uow.reflections.commune_points()
    places.check_near_commune(points, unit.id, new.latitude, new.longitude)
    return unit.id


SUBMISSIONS_PER_HOUR = 10
"""Reports one client address may send in an hour (the IOC's own entry is not limited)."""


@handles(RecordUpload)
async def record_upload(
    uow: ReflectionUnitOfWork, caller: Caller, command: RecordUpload
) -> MediaUpload:
    """Record a received file within its address's hourly limit."""
    await record(uow.media, command.upload, command.per_hour)
    return command.upload


@handles(CountSubmission)
async def count_submission(
    uow: ReflectionUnitOfWork, caller: Caller, command: CountSubmission
) -> int:
    """Count this submission against its client address (committed on its own, so refused
    submissions count too); the submissions in the last hour, 0 for the IOC's own entry."""
    if enters_reports(caller.actor):
        return 0
    return await uow.accounts.count_attempt(
        f"reflection-submit:{command.address}", caller.now, caller.now - timedelta(hours=1)
    )


def within_rate(count: int) -> None:
    """Refuse a submission over the hourly limit of its address."""
    if count > SUBMISSIONS_PER_HOUR:
        raise DomainError(
            ErrorCode.RATE_LIMITED, "Too many reports from this address; try again later"
        )


async def default_agencies(
    uow: ReflectionUnitOfWork, *, category_id: int | None, commune_path: str
) -> list[int]:
    """The catalog's handling agencies for the category in the most specific matching area."""
    if category_id is None:
        return []
    entries = await uow.reflections.category_agencies(category_id)
    area_ids = {e.area_unit_id for e in entries if e.area_unit_id is not None}
    paths = {u.id: u.path for u in await uow.units.get_many(sorted(area_ids))}
    best_depth, chosen = -1, list[int]()
    for entry in entries:
        if entry.area_unit_id is None:
            depth = 0
        else:
            path = paths.get(entry.area_unit_id)
            if path is None or not commune_path.startswith(path):
                continue
            depth = path.count("/")
        if depth > best_depth:
            best_depth, chosen = depth, [entry.agency_unit_id]
        elif depth == best_depth and entry.agency_unit_id not in chosen:
            chosen.append(entry.agency_unit_id)
    return chosen
