"""The province declares extra days off and make-up working days (DOMAIN.md section 6)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from domain import permissions
from domain.calendar import DeclaredDay
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound
from domain.ports import UnitOfWork
from domain.tasks.commands import DeclareCalendarDay, RemoveCalendarDay
from domain.text import clean_text

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


class DeclaredDayRepository(Protocol):
    """The declared days (kept with the task chain's storage)."""

    async def declared_day(self, day: date) -> DeclaredDay | None: ...
    async def save_declared_day(self, declared: DeclaredDay) -> None: ...
    async def delete_declared_day(self, day: date) -> None: ...


class CalendarUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that reaches the declared days."""

    tasks: DeclaredDayRepository


@handles(DeclareCalendarDay)
async def declare_day(
    uow: CalendarUnitOfWork, caller: Caller, command: DeclareCalendarDay
) -> DeclaredDay:
    """Declare a day off or a make-up working day; a date declared before is re-declared."""
    day = command.day
    if not permissions.can_declare_calendar_days(caller.actor):
        raise Forbidden("Only the province's admins declare days off and working days")
    if not EARLIEST <= day <= LATEST:
        raise DomainError(ErrorCode.INVALID_INPUT, "The date is out of range", "date")
    declared = DeclaredDay(
        day, command.kind, clean_text(command.reason, field="reason", max_length=255, required=True)
    )
    await uow.tasks.save_declared_day(declared)
    return declared


@handles(RemoveCalendarDay)
async def remove_day(
    uow: CalendarUnitOfWork, caller: Caller, command: RemoveCalendarDay
) -> DeclaredDay:
    """Withdraw a declaration: the date follows weekends and public holidays again."""
    if not permissions.can_declare_calendar_days(caller.actor):
        raise Forbidden("Only the province's admins declare days off and working days")
    declared = await uow.tasks.declared_day(command.day)
    if declared is None:
        raise NotFound("Declared day", "date")
    await uow.tasks.delete_declared_day(command.day)
    return declared
