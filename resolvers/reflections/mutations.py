"""Mutations of the field reports: thin calls to the domain's use cases in one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar, cast

from domain import permissions
from domain.errors import DomainError, ErrorCode
from domain.ports import UnitOfWork
from domain.reflections import catalog, intake, interaction, transitions
from domain.reflections.catalog import CategoryInput
from domain.reflections.intake import NewReflection
from domain.reflections.model import (
    AgencyFocal,
    Category,
    CommunePoint,
    Question,
    Rating,
    Reflection,
)
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.transitions import Step
from resolvers.context import RequestContext, run_use_case

T = TypeVar("T")

SUBMISSIONS_PER_HOUR = 10
"""Reports one client address may send in an hour (the IOC's own entry is not limited)."""


def _ruow(uow: UnitOfWork) -> ReflectionUnitOfWork:
    return cast(ReflectionUnitOfWork, uow)


async def _run(
    ctx: RequestContext,
    use_case: Callable[[ReflectionUnitOfWork], Awaitable[T]],
    *,
    sign_in: bool = True,
) -> T | DomainError:
    result = await run_use_case(ctx, lambda uow: use_case(_ruow(uow)), sign_in=sign_in)
    if isinstance(result, Reflection):
        ctx.reflection_loaders.prime([result])
    return result


async def _within_rate(ctx: RequestContext) -> DomainError | None:
    """Count this submission against the client address (its own transaction)."""
    if permissions.enters_reports(ctx.principal):
        return None
    now = ctx.now()

    async def count(uow: ReflectionUnitOfWork) -> int:
        return await uow.accounts.count_attempt(
            f"reflection-submit:{ctx.client_address}", now, now - timedelta(hours=1)
        )

    counted = await _run(ctx, count, sign_in=False)
    if isinstance(counted, DomainError):
        return counted
    if counted > SUBMISSIONS_PER_HOUR:
        return DomainError(
            ErrorCode.RATE_LIMITED, "Too many reports from this address; try again later"
        )
    return None


async def submit(ctx: RequestContext, new: NewReflection) -> tuple[Reflection, str] | DomainError:
    """Receive a report from anyone (rate-limited per client address)."""
    refused = await _within_rate(ctx)
    if refused is not None:
        return refused
    calendar = await ctx.calendars.get()
    result = await _run(
        ctx,
        lambda uow: intake.submit(
            uow=uow,
            actor=ctx.principal,
            calendar=calendar,
            new=new,
            now=ctx.now(),
            media_bases=ctx.media_bases,
        ),
        sign_in=False,
    )
    if not isinstance(result, DomainError):
        ctx.reflection_loaders.prime([result[0]])
        ctx.reflection_loaders.tracked.add(result[0].id)
    return result


async def act(
    ctx: RequestContext, *, reflection_id: int, version: int | None, step: Step
) -> Reflection | DomainError:
    """Move a report one step; the reporter's own steps accept a tracking code instead of
    signing in."""
    calendar = await ctx.calendars.get()
    result = await _run(
        ctx,
        lambda uow: transitions.act(
            uow=uow,
            actor=ctx.principal,
            calendar=calendar,
            reflection_id=reflection_id,
            expected_version=version,
            step=step,
            now=ctx.now(),
        ),
        sign_in=step.tracking_code is None,
    )
    if isinstance(result, Reflection) and step.tracking_code:
        ctx.reflection_loaders.tracked.add(result.id)
    return result


async def ask(
    ctx: RequestContext, *, reflection_id: int, question: str, tracking_code: str | None
) -> Question | DomainError:
    """The reporter asks a follow-up question."""
    calendar = await ctx.calendars.get()
    return await _run(
        ctx,
        lambda uow: interaction.ask(
            uow=uow,
            actor=ctx.principal,
            calendar=calendar,
            reflection_id=reflection_id,
            question=question,
            now=ctx.now(),
            tracking_code=tracking_code,
        ),
        sign_in=tracking_code is None,
    )


async def answer(ctx: RequestContext, *, question_id: int, text: str) -> Question | DomainError:
    """A handling agency answers."""
    return await _run(
        ctx,
        lambda uow: interaction.answer(
            uow=uow, actor=ctx.principal, question_id=question_id, text=text, now=ctx.now()
        ),
    )


async def rate(
    ctx: RequestContext, *, reflection_id: int, rating: Rating, tracking_code: str | None
) -> Reflection | DomainError:
    """The reporter rates the result."""
    result = await _run(
        ctx,
        lambda uow: interaction.rate(
            uow=uow,
            actor=ctx.principal,
            reflection_id=reflection_id,
            rating=rating,
            now=ctx.now(),
            tracking_code=tracking_code,
        ),
        sign_in=tracking_code is None,
    )
    if isinstance(result, Reflection) and tracking_code:
        ctx.reflection_loaders.tracked.add(result.id)
    return result


async def set_focals(
    ctx: RequestContext, *, agency_id: int, leader_id: int | None, handler_id: int | None
) -> AgencyFocal | DomainError:
    """Name an agency's focal leader and handler."""
    return await _run(
        ctx,
        lambda uow: interaction.set_focals(
            uow=uow,
            actor=ctx.principal,
            agency_id=agency_id,
            leader_person_id=leader_id,
            handler_person_id=handler_id,
            now=ctx.now(),
        ),
    )


async def set_commune_point(
    ctx: RequestContext, *, commune_id: int, latitude: float, longitude: float
) -> CommunePoint | DomainError:
    """Place a commune for the resolution of coordinates."""
    return await _run(
        ctx,
        lambda uow: catalog.set_commune_point(
            uow=uow,
            actor=ctx.principal,
            commune_id=commune_id,
            latitude=latitude,
            longitude=longitude,
        ),
    )


async def save_category(ctx: RequestContext, entry: CategoryInput) -> Category | DomainError:
    """Create or update a catalog entry with its default agencies."""
    return await _run(
        ctx, lambda uow: catalog.save_category(uow=uow, actor=ctx.principal, entry=entry)
    )
