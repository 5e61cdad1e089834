"""The province declares extra days off and make-up working days (DOMAIN.md section 6)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from domain import permissions
from domain.calendar import DayKind, DeclaredDay, public_year
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound
from domain.ports import UnitOfWork
from domain.tasks.commands import DeclareCalendarDay, RemoveCalendarDay
from domain.text import clean_text

SATURDAY = 5
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
    """Declare a day off or a make-up working day. The declaration must change the day (no
    day off on a weekend or a public holiday, no working day on a weekday); a date declared
    before is refused until that declaration is withdrawn."""
    day, kind = command.day, command.kind
    if not permissions.can_declare_calendar_days(caller.actor):
        raise Forbidden("Only the province's admins declare days off and working days")
    if not EARLIEST <= day <= LATEST:
        raise DomainError(ErrorCode.INVALID_INPUT, "The date is out of range", "date")
    before = await uow.tasks.declared_day(day)
    if before is not None:
        raise DomainError(
            ErrorCode.INVALID_STATE,
            f"{day.isoformat()} is declared a {before.kind.value} already; withdraw that "
            "declaration first (removeCalendarDay)",
            "date",
        )
    _check_changes_the_day(day, kind)
    declared = DeclaredDay(
        day, kind, clean_text(command.reason, field="reason", max_length=255, required=True)
    )
    await uow.tasks.save_declared_day(declared)
    return declared


def _check_changes_the_day(day: date, kind: DayKind) -> None:
    """INVALID_INPUT when the declaration would not change the day: a day off on a weekend or
    a public holiday, a working day on a weekday or a government make-up Saturday."""
    public = public_year(day.year)
    weekend = day.weekday() >= SATURDAY and day not in public.working_weekend_days
    when = f"{day.isoformat()} ({day.strftime('%A')})"
    if kind is DayKind.DAY_OFF and day in public.days_off:
        raise DomainError(ErrorCode.INVALID_INPUT, f"{when} is a public holiday already", "date")
    if kind is DayKind.DAY_OFF and weekend:
        raise DomainError(ErrorCode.INVALID_INPUT, f"{when} is a weekend day, off already", "date")
    if kind is DayKind.WORKING_DAY and not weekend and day not in public.days_off:
        raise DomainError(
            ErrorCode.INVALID_INPUT,
            f"{when} is a working day already; make-up working days are weekend days",
            "date",
        )


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
