"""Commands and their use cases: every change to the system is a typed command handled by
exactly one use case, run by one dispatcher (resolvers/dispatch.py) in one transaction.

A use case is `async def handle(uow, caller, command) -> R`, registered with
`@handles(CommandType)`. The dispatcher checks the caller may write (and is signed in when
the command asks it), opens the unit of work, runs the use case, commits (the projections of
the recorded events run inside that commit), retries the whole command on a deadlock or a
serialization failure, and turns every DomainError into the payload's typed errors.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from domain.calendar import WorkingCalendar
from domain.permissions import Principal

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
C = TypeVar("C", bound="Command[Any]")


@dataclass(frozen=True, slots=True)
class Caller:
    """Who acts, at which instant, on which working calendar."""

    actor: Principal
    now: datetime
    calendar: WorkingCalendar


class Command(Generic[R_co]):
    """A request to change the system; `R_co` is what its use case returns.

    Subclasses are frozen dataclasses. `sign_in` says whether an anonymous caller may send
    it (a reporter's own steps with a tracking code, a public submission, signing in).
    """

    sign_in: ClassVar[bool] = True

    def requires_sign_in(self) -> bool:
        """True when the caller must be signed in (a command may decide from its fields)."""
        return self.sign_in


Handler = Callable[[Any, Caller, Any], Awaitable[Any]]
_HANDLERS: dict[type[Command[Any]], Handler] = {}


def handles(command: type[Command[R]]) -> Callable[[Callable[..., Awaitable[R]]], Any]:
    """Register the decorated use case as the one handler of `command`."""

    def register(use_case: Callable[..., Awaitable[R]]) -> Callable[..., Awaitable[R]]:
        if command in _HANDLERS:
            raise RuntimeError(f"{command.__name__} already has a use case")
        _HANDLERS[command] = use_case
        return use_case

    return register


def handler_of(command: Command[R]) -> Callable[[Any, Caller, Command[R]], Awaitable[R]]:
    """The use case registered for the command's type."""
    try:
        return _HANDLERS[type(command)]
    except KeyError:
        raise LookupError(f"No use case handles {type(command).__name__}") from None


def registered() -> dict[type[Command[Any]], Handler]:
    """Every command type with its use case (for checks that none is missing)."""
    return dict(_HANDLERS)
