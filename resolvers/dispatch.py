"""The one dispatcher of commands: every mutation goes through `execute`.

It checks the caller may write (API keys are read-only; most commands need a signed-in
caller), opens the unit of work, runs the command's use case with the caller's context,
commits (the projections of the recorded events run inside that commit), retries the whole
command when the database reports a deadlock or a serialization failure, and returns every
refusal as a DomainError value, which the schema turns into the payload's typed errors.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from domain import (
    permissions,
    use_cases,  # noqa: F401  (registers every use case)
)
from domain.clock import Clock
from domain.commands import Caller, Command, handler_of
from domain.errors import DomainError, Forbidden, RetryableConflict, Unauthenticated
from domain.permissions import Principal
from domain.ports import UnitOfWork
from resolvers.context import CalendarProvider

R = TypeVar("R")

ATTEMPTS = 4
"""Tries of one command when the database asks for a retry (deadlock, serialization)."""
BACKOFF_SECONDS = 0.02
"""First pause between tries; doubles each time, with full jitter."""


class Requester(Protocol):
    """What the dispatcher needs of the request a command comes with: a GraphQL operation's
    RequestContext, or a `PlainRequest` for an HTTP handler outside GraphQL."""

    principal: Principal
    calendars: CalendarProvider

    def uow(self) -> AbstractAsyncContextManager[UnitOfWork]: ...

    def now(self) -> datetime: ...

    def remember(self, command: object, result: object) -> None: ...


@dataclass
class PlainRequest:
    """A request outside GraphQL (a media upload): a caller, and no loaders to prime."""

    principal: Principal
    calendars: CalendarProvider
    uow: Callable[[], AbstractAsyncContextManager[UnitOfWork]]
    clock: Clock

    def now(self) -> datetime:
        """The current instant."""
        return self.clock.now()

    def remember(self, command: object, result: object) -> None:
        """Nothing to tell: the response is built from the result alone."""


def admit(principal: Principal, *, sign_in: bool) -> None:
    """FORBIDDEN for a read-only caller (an API key); UNAUTHENTICATED for an anonymous one
    when the command needs a signed-in caller. A transport may ask before reading a body."""
    if not permissions.can_write(principal):
        raise Forbidden("API keys are read-only")
    if sign_in and principal.account_id is None:
        raise Unauthenticated


async def execute(ctx: Requester, command: Command[R]) -> R | DomainError:
    """Run `command` in one transaction: its result, or the refusal; nothing half-written."""
    use_case = handler_of(command)
    try:
        admit(ctx.principal, sign_in=command.requires_sign_in())
        calendar = await ctx.calendars.get()
        for attempt in range(1, ATTEMPTS + 1):
            caller = Caller(actor=ctx.principal, now=ctx.now(), calendar=calendar)
            try:
                async with ctx.uow() as uow:
                    result = await use_case(uow, caller, command)
                    await uow.commit()
                ctx.remember(command, result)
                return result
            except RetryableConflict:
                if attempt == ATTEMPTS:
                    raise
                await asyncio.sleep(random.uniform(0, BACKOFF_SECONDS * 2 ** (attempt - 1)))  # noqa: S311
        raise AssertionError("unreachable")  # pragma: no cover
    except DomainError as error:
        return ctx.principal.explain(error)  # a token that must change its password is told so
