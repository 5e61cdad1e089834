"""Periodic occurrences, the press digest and citizen questions: queries and mutations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from domain.errors import DomainError, ErrorCode, Forbidden, Unauthenticated
from domain.tasks import occurrence_reports, policies, press, questions
from domain.tasks.forwarding import Forward
from domain.tasks.model import Task, TaskEvent
from domain.tasks.occurrence_reports import OccurrenceReport
from domain.tasks.periods import OccurrenceState, TaskOccurrence
from domain.tasks.portal_model import CitizenQuestion, PressDigest, PressItem
from domain.tasks.portal_reading import Key
from domain.tasks.press import NewPressItem
from domain.tasks.questions import NewQuestion
from resolvers.context import RequestContext
from resolvers.pagination import Page, paginate
from resolvers.tasks.mutations import known, run_tasks
from resolvers.tasks.queries import MAX_SEARCH, aware

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


async def report_occurrence(
    ctx: RequestContext, *, occurrence_id: int, version: int | None, report: OccurrenceReport
) -> TaskOccurrence | DomainError:
    """The lead unit reports one period."""
    return await run_tasks(
        ctx,
        lambda uow: occurrence_reports.report_occurrence(
            uow=uow,
            actor=ctx.principal,
            occurrence_id=occurrence_id,
            expected_version=version,
            report=report,
            now=ctx.now(),
        ),
    )


async def reopen_occurrence(
    ctx: RequestContext, *, occurrence_id: int, version: int | None, reason: str
) -> TaskOccurrence | DomainError:
    """The office sends a period's result back."""
    return await run_tasks(
        ctx,
        lambda uow: occurrence_reports.reopen_occurrence(
            uow=uow,
            actor=ctx.principal,
            occurrence_id=occurrence_id,
            expected_version=version,
            reason=reason,
            now=ctx.now(),
        ),
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


def _key(after: Any) -> Key | None:
    if after is None:
        return None
    if not (
        isinstance(after, list)
        and len(after) == 2
        and isinstance(after[0], str)
        and isinstance(after[1], int)
        and not isinstance(after[1], bool)
    ):
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", "after")
    try:
        datetime.fromisoformat(after[0])
    except ValueError:
        raise DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", "after") from None
    return (after[0], after[1])


async def press_digests(
    ctx: RequestContext,
    *,
    start: date | None,
    end: date | None,
    first: int | None,
    after: str | None,
) -> Page[PressDigest]:
    """Digests, newest first; every signed-in staff member and unit account reads them."""
    _staff(ctx)

    async def fetch(after_key: Any, limit: int) -> list[PressDigest]:
        return await ctx.portal.digests(start, end, after=_key(after_key), limit=limit)

    return await paginate(
        fetch,
        lambda d: [d.digest_date.isoformat(), d.id],
        first=first,
        after=after,
        count=lambda: ctx.portal.count_digests(start, end),
    )


async def press_items(ctx: RequestContext, digest: PressDigest) -> list[PressItem]:
    """A digest's items, batched."""
    found: list[PressItem] = await ctx.portal_loaders.items_by_digest_id.load(digest.id)
    return found


async def publish_digest(
    ctx: RequestContext,
    *,
    office_unit_id: int,
    day: date | None,
    items: tuple[NewPressItem, ...],
    version: int | None,
) -> PressDigest | DomainError:
    """Post the day's digest, or add items to it."""
    calendar = await ctx.calendars.get()
    return await run_tasks(
        ctx,
        lambda uow: press.publish_digest(
            uow=uow,
            actor=ctx.principal,
            calendar=calendar,
            office_unit_id=office_unit_id,
            day=day,
            items=items,
            expected_version=version,
            now=ctx.now(),
        ),
    )


async def forward_press_item(
    ctx: RequestContext, *, item_id: int, version: int | None, to: Forward
) -> tuple[PressItem, Task] | DomainError:
    """Forward a press item as a PRESS_INCIDENT task, sent at once."""
    calendar = await ctx.calendars.get()
    result = await run_tasks(
        ctx,
        lambda uow: press.forward_item(
            uow=uow,
            actor=ctx.principal,
            calendar=calendar,
            item_id=item_id,
            expected_version=version,
            forward=to,
            now=ctx.now(),
        ),
    )
    if not isinstance(result, DomainError):
        known(ctx, result[1])
    return result


# --- Citizen questions -----------------------------------------------------------------


async def citizen_questions(
    ctx: RequestContext,
    *,
    office_unit_id: int,
    forwarded: bool | None,
    first: int | None,
    after: str | None,
) -> Page[CitizenQuestion]:
    """An office's questions, latest intake first: its task creators and overseers only."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    office = await ctx.loaders.unit_by_id.load(office_unit_id)
    if office is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "officeUnitId")
    if not policies.can_read_questions(ctx.principal, office.path):
        raise Forbidden("Only the office that takes questions in reads them")

    async def fetch(after_key: Any, limit: int) -> list[CitizenQuestion]:
        return await ctx.portal.questions(
            office_unit_id, forwarded, after=_key(after_key), limit=limit
        )

    return await paginate(
        fetch,
        lambda q: [q.intake_at.isoformat(), q.id],
        first=first,
        after=after,
        count=lambda: ctx.portal.count_questions(office_unit_id, forwarded),
    )


async def published_answers(
    ctx: RequestContext, *, search: str | None, first: int | None, after: str | None
) -> Page[CitizenQuestion]:
    """Published answers, newest first: public, without the askers' personal data."""
    if search is not None and len(search) > MAX_SEARCH:
        raise DomainError(
            ErrorCode.TOO_LONG, f"search is longer than {MAX_SEARCH} characters", "search"
        )

    async def fetch(after_key: Any, limit: int) -> list[CitizenQuestion]:
        return await ctx.portal.published_answers(search, after=_key(after_key), limit=limit)

    return await paginate(
        fetch,
        lambda q: [q.published_at.isoformat() if q.published_at else "", q.id],
        first=first,
        after=after,
        count=lambda: ctx.portal.count_published(search),
    )


async def take_in_question(ctx: RequestContext, new: NewQuestion) -> CitizenQuestion | DomainError:
    """Record a question from the portal."""
    calendar = await ctx.calendars.get()
    return await run_tasks(
        ctx,
        lambda uow: questions.take_in(
            uow=uow,
            actor=ctx.principal,
            calendar=calendar,
            new=NewQuestion(**{**new.__dict__, "submitted_at": aware(ctx, new.submitted_at)}),
            now=ctx.now(),
        ),
    )


async def forward_question(
    ctx: RequestContext, *, question_id: int, version: int | None, to: Forward
) -> tuple[CitizenQuestion, Task] | DomainError:
    """Forward a question as a CITIZEN_QUESTION task, sent at once."""
    calendar = await ctx.calendars.get()
    result = await run_tasks(
        ctx,
        lambda uow: questions.forward(
            uow=uow,
            actor=ctx.principal,
            calendar=calendar,
            question_id=question_id,
            expected_version=version,
            to=to,
            now=ctx.now(),
        ),
    )
    if not isinstance(result, DomainError):
        known(ctx, result[1])
    return result
