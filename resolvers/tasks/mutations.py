"""Mutations of the task chain: thin calls to the domain's use cases in one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TypeVar, cast

from domain.calendar import DayKind, DeclaredDay
from domain.errors import DomainError
from domain.ports import UnitOfWork
from domain.tasks import calendar_days, progress, services, transitions
from domain.tasks.calendar_days import CalendarUnitOfWork
from domain.tasks.model import Directive, ProgressUpdate, Task
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.services import NewDirective, NewTask
from domain.tasks.transitions import Step
from resolvers.context import RequestContext, run_use_case
from resolvers.tasks.queries import aware

T = TypeVar("T")


async def _run(
    ctx: RequestContext, use_case: Callable[[TaskUnitOfWork], Awaitable[T]]
) -> T | DomainError:
    """run_use_case with the task chain's unit of work (the SQL one reaches `tasks`)."""
    return await run_use_case(ctx, lambda uow: use_case(_tasks_uow(uow)))


def _tasks_uow(uow: UnitOfWork) -> TaskUnitOfWork:
    return cast(TaskUnitOfWork, uow)


def _known(ctx: RequestContext, result: T | DomainError) -> T | DomainError:
    """Make the task of a successful use case known to this request's loaders."""
    if isinstance(result, Task):
        ctx.task_loaders.prime([result])
    return result


async def create_directive(ctx: RequestContext, new: NewDirective) -> Directive | DomainError:
    """Enter a directive document (never a secret one)."""
    calendar = await ctx.calendars.get()
    return await _run(
        ctx,
        lambda uow: services.create_directive(
            uow=uow, actor=ctx.principal, new=new, now=ctx.now(), calendar=calendar
        ),
    )


async def create_task(ctx: RequestContext, new: NewTask) -> Task | DomainError:
    """Enter a task for a lead unit."""
    calendar = await ctx.calendars.get()
    result = await _run(
        ctx,
        lambda uow: services.create_task(
            uow=uow, actor=ctx.principal, calendar=calendar, new=new, now=ctx.now()
        ),
    )
    return _known(ctx, result)


async def correct_task(
    ctx: RequestContext,
    *,
    task_id: int,
    version: int | None,
    content: str | None,
    deadline: datetime | None,
    lead_unit_id: int | None,
    coordinating_unit_ids: tuple[int, ...] | None,
) -> Task | DomainError:
    """The office corrects or reassigns a task it holds."""
    result = await _run(
        ctx,
        lambda uow: services.correct_task(
            uow=uow,
            actor=ctx.principal,
            task_id=task_id,
            expected_version=version,
            content=content,
            deadline=aware(ctx, deadline),
            lead_unit_id=lead_unit_id,
            coordinating_unit_ids=coordinating_unit_ids,
            now=ctx.now(),
        ),
    )
    return _known(ctx, result)


async def act(
    ctx: RequestContext, *, task_id: int, version: int | None, step: Step
) -> Task | DomainError:
    """Move a task one step along the chain, on the province's working calendar."""
    calendar = await ctx.calendars.get()
    result = await _run(
        ctx,
        lambda uow: transitions.act(
            uow=uow,
            actor=ctx.principal,
            calendar=calendar,
            task_id=task_id,
            expected_version=version,
            step=step,
            now=ctx.now(),
        ),
    )
    return _known(ctx, result)


async def report_progress(
    ctx: RequestContext,
    *,
    task_id: int,
    content: str,
    delay_reason: str | None,
    proposals: str | None,
    extension_until: datetime | None,
) -> ProgressUpdate | DomainError:
    """The lead unit reports progress, perhaps asking for more time."""
    return await _run(
        ctx,
        lambda uow: progress.report_progress(
            uow=uow,
            actor=ctx.principal,
            task_id=task_id,
            content=content,
            delay_reason=delay_reason,
            proposals=proposals,
            extension_until=aware(ctx, extension_until),
            now=ctx.now(),
        ),
    )


async def decide_extension(
    ctx: RequestContext, *, progress_id: int, grant: bool, note: str | None
) -> Task | DomainError:
    """A tracker or the office grants or refuses an extension request."""
    result = await _run(
        ctx,
        lambda uow: progress.decide_extension(
            uow=uow,
            actor=ctx.principal,
            update_id=progress_id,
            grant=grant,
            note=note,
            now=ctx.now(),
        ),
    )
    return _known(ctx, result)


async def declare_day(
    ctx: RequestContext, *, day: date, kind: DayKind, reason: str
) -> DeclaredDay | DomainError:
    """Declare a day off or a make-up working day; SLAs count it from now on."""
    result = await run_use_case(
        ctx,
        lambda uow: calendar_days.declare_day(
            uow=cast(CalendarUnitOfWork, uow),
            actor=ctx.principal,
            day=day,
            kind=kind,
            reason=reason,
        ),
    )
    if not isinstance(result, DomainError):
        ctx.calendars.invalidate()
    return result


async def remove_day(ctx: RequestContext, *, day: date) -> DeclaredDay | DomainError:
    """Withdraw a declared day."""
    result = await run_use_case(
        ctx,
        lambda uow: calendar_days.remove_day(
            uow=cast(CalendarUnitOfWork, uow), actor=ctx.principal, day=day
        ),
    )
    if not isinstance(result, DomainError):
        ctx.calendars.invalidate()
    return result


run_tasks = _run
"""run_use_case with the task chain's unit of work, for the other task resolvers."""
known = _known
"""Make a use case's task known to this request's loaders, for the other task resolvers."""
