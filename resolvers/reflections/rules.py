"""Field rules of the field reports (schema.common.VisibleTo) and the reads they guard: each
decides on the report's parties, at once when the page primed them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from domain import permissions
from domain.permissions import Principal, ReflectionParties
from domain.reflections.model import Question, Reflection, ReflectionEvent
from resolvers.context import RequestContext


def sees_reporter(ctx: RequestContext, reflection: Reflection) -> bool | Awaitable[bool]:
    """Reporter name, phone, email (PERMISSIONS.md)."""
    return _decide(ctx, reflection, _reporter_rule)


def sees_internals(ctx: RequestContext, reflection: Reflection) -> bool | Awaitable[bool]:
    """Agency parts, notes, consent and secrecy flags, the coordinating agency."""
    return _decide(ctx, reflection, permissions.can_view_reflection_internals)


def sees_own_or_internals(ctx: RequestContext, reflection: Reflection) -> bool | Awaitable[bool]:
    """Follow-up questions and the tracking of a private answer: the reporter and staff."""
    return _decide(ctx, reflection, _own_or_internals_rule)


def _reporter_rule(principal: Principal, parties: ReflectionParties) -> bool:
    return permissions.can_view_reporter_contact(principal, parties)


def _own_or_internals_rule(principal: Principal, parties: ReflectionParties) -> bool:
    return permissions.can_view_reflection_internals(
        principal, parties
    ) or permissions.is_reflection_reporter(principal, parties)


def _decide(
    ctx: RequestContext,
    reflection: Reflection,
    rule: Callable[[Principal, ReflectionParties], bool],
) -> bool | Awaitable[bool]:
    """The rule's answer: at once when the report's parties are known, else once loaded."""
    known = ctx.reflection_loaders.known_parties(reflection)
    if known is not None:
        return rule(ctx.principal, known)

    async def later() -> bool:
        return rule(ctx.principal, await ctx.reflection_loaders.parties(reflection))

    return later()


async def timeline(ctx: RequestContext, reflection: Reflection) -> list[ReflectionEvent]:
    """Every step for staff and the reporter; the public steps for everyone else."""
    events: list[ReflectionEvent]
    events = await ctx.reflection_loaders.events_by_reflection_id.load(reflection.id)
    parties = await ctx.reflection_loaders.parties(reflection)
    if _own_or_internals_rule(ctx.principal, parties):
        return events
    return [e for e in events if e.public]


async def questions(ctx: RequestContext, reflection: Reflection) -> list[Question]:
    """Follow-up questions and answers."""
    found: list[Question]
    found = await ctx.reflection_loaders.questions_by_reflection_id.load(reflection.id)
    return found
