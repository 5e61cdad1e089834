"""Periodic occurrences, the press digest and citizen questions: the reads (their changes are
commands, see domain/tasks/portal_commands.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from domain.errors import DomainError, ErrorCode, Forbidden, Unauthenticated
from domain.paging import Seek
from domain.tasks import policies
from domain.tasks.model import Task, TaskEvent
from domain.tasks.periods import OccurrenceState, TaskOccurrence
from domain.tasks.portal_model import CitizenQuestion, PressDigest, PressItem
from domain.tasks.portal_reading import Key
from resolvers.context import RequestContext
from resolvers.pagination import Page, paginate
from resolvers.tasks.queries import MAX_SEARCH

# --- Periodic tasks --------------------------------------------------------------------


async def occurrences(ctx: RequestContext, task: Task) -> list[TaskOccurrence]:
    """A visible task's occurrences, oldest first (batched across a list of tasks)."""
    found: list[TaskOccurrence] = await ctx.portal_loaders.occurrences_by_task_id.load(task.id)
    return found


async def sees_occurrence_report(ctx: RequestContext, occurrence: TaskOccurrence) -> bool:
    """A period's result once done: every reader of the task; progress: draft readers."""
    parties = await ctx.task_loaders.parties_of_id(occurrence.task_id)
    return parties is not None and policies.can_see_response_content(
        ctx.principal, parties, approved=occurrence.state is OccurrenceState.DONE
    )


async def escalation_history(ctx: RequestContext, task: Task) -> list[TaskEvent]:
    """The timelines of the lower levels a petition came from, oldest first."""
    chain: list[int] = []
    current = task
    while current.escalated_from_id is not None and len(chain) < 5:
        lower = await ctx.task_loaders.task_by_id.load(current.escalated_from_id)
        if lower is None:
            break
        chain.insert(0, lower.id)
        current = lower
    groups = await ctx.task_loaders.events_by_task_id.load_many(chain)
    return [event for group in groups for event in group]


# --- The press digest ------------------------------------------------------------------


def _staff(ctx: RequestContext) -> None:
    if not ctx.principal.signed_in:
        raise Unauthenticated
    if not policies.can_read_press(ctx.principal):
        raise Forbidden("The press digest is shared to the province's staff")


def _key(after: Any, field: str) -> Key:
    if not (
        isinstance(after, list)
        and len(after) == 2
        and isinstance(after[0], str)
        and isinstance(after[1], int)
        and not isinstance(after[1], bool)
    ):
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field)
    try:
        datetime.fromisoformat(after[0])
    except ValueError:
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field) from None
    return (after[0], after[1])


async def press_digests(
    ctx: RequestContext,
    *,
    start: date | None,
    end: date | None,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[PressDigest]:
    """Digests, newest first; every signed-in staff member and unit account reads them."""
    _staff(ctx)

    async def fetch(seek: Seek[Any], limit: int) -> list[PressDigest]:
        keys = seek.map(_key)
        return await ctx.portal.digests(
            start, end, after=keys.after, before=keys.before, backward=keys.backward, limit=limit
        )

    return await paginate(
        fetch,
        lambda d: [d.digest_date.isoformat(), d.id],
        first=first,
        after=after,
        last=last,
        before=before,
        count=lambda: ctx.portal.count_digests(start, end),
    )


async def press_items(ctx: RequestContext, digest: PressDigest) -> list[PressItem]:
    """A digest's items, batched."""
    found: list[PressItem] = await ctx.portal_loaders.items_by_digest_id.load(digest.id)
    return found


# --- Citizen questions -----------------------------------------------------------------


async def citizen_questions(
    ctx: RequestContext,
    *,
    office_unit_id: int,
    forwarded: bool | None,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[CitizenQuestion]:
    """An office's questions, latest intake first: its task creators and overseers only."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    office = await ctx.loaders.unit_by_id.load(office_unit_id)
    if office is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "officeUnitId")
    if not policies.can_read_questions(ctx.principal, office.path):
        raise Forbidden("Only the office that takes questions in reads them")

    async def fetch(seek: Seek[Any], limit: int) -> list[CitizenQuestion]:
        keys = seek.map(_key)
        return await ctx.portal.questions(
            office_unit_id,
            forwarded,
            after=keys.after,
            before=keys.before,
            backward=keys.backward,
            limit=limit,
        )

    return await paginate(
        fetch,
        lambda q: [q.intake_at.isoformat(), q.id],
        first=first,
        after=after,
        last=last,
        before=before,
        count=lambda: ctx.portal.count_questions(office_unit_id, forwarded),
    )


async def published_answers(
    ctx: RequestContext,
    *,
    search: str | None,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[CitizenQuestion]:
    """Published answers, newest first: public, without the askers' personal data."""
    if search is not None and len(search) > MAX_SEARCH:
        raise DomainError(
            ErrorCode.TOO_LONG, f"search is longer than {MAX_SEARCH} characters", "search"
        )

    async def fetch(seek: Seek[Any], limit: int) -> list[CitizenQuestion]:
        keys = seek.map(_key)
        return await ctx.portal.published_answers(
            search, after=keys.after, before=keys.before, backward=keys.backward, limit=limit
        )

    return await paginate(
        fetch,
        lambda q: [q.published_at.isoformat() if q.published_at else "", q.id],
        first=first,
        after=after,
        last=last,
        before=before,
        count=lambda: ctx.portal.count_published(search),
    )
