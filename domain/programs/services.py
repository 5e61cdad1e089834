"""Use cases of work programs: register, compile (pick, edit, add), edit an item, issue
(items become WORK_PROGRAM_ITEM tasks, sent to their units), report results, aggregate."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.calendar import WorkingCalendar
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound, StaleVersion
from domain.org.model import OrgUnit
from domain.org.services import load_active
from domain.permissions import Principal
from domain.programs.commands import (
    CompileProgram,
    EditProgramItem,
    IssueProgram,
    NewItem,
    RegisterProgram,
)
from domain.programs.model import (
    ProgramItem,
    ProgramKind,
    ProgramState,
    ProgramView,
    WorkProgram,
)
from domain.programs.ports import ProgramUnitOfWork
from domain.reports.model import GRAIN_OF
from domain.reports.services import can_submit_for
from domain.stats.periods import ReportPeriod, parse_period
from domain.tasks import services as tasks
from domain.tasks import transitions
from domain.tasks.commands import ActOnTask, CreateTask, NewTask, Step
from domain.tasks.model import Period, TaskKind
from domain.tasks.workflow import Action
from domain.text import clean_text

MAX_ITEMS = 200
_PROGRAM_PERIODS = (Period.MONTHLY, Period.YEARLY)


def program_period(period: Period, name: str) -> ReportPeriod:
    """The program's period: a month for monthly programs, a year for yearly ones."""
    if period not in _PROGRAM_PERIODS:
        raise DomainError(ErrorCode.INVALID_INPUT, "Programs are monthly or yearly", "period")
    found = parse_period(name, "periodName")
    if found.grain is not GRAIN_OF[period]:
        raise DomainError(
            ErrorCode.INVALID_PERIOD, f"Name a {period.value.lower()} period", "periodName"
        )
    return found


def _planned(name: str, within: ReportPeriod) -> str:
    found = parse_period(name, "plannedPeriod")
    if found.start < within.start or found.end > within.end:
        raise DomainError(
            ErrorCode.INVALID_PERIOD, "The planned period lies outside the program", "plannedPeriod"
        )
    return found.name


async def _view(uow: ProgramUnitOfWork, program: WorkProgram) -> ProgramView:
    """The program as written, with its items (read in the same transaction)."""
    return ProgramView(program, await uow.programs.items_of([program.id]), {})


@handles(RegisterProgram)
async def register_program(
    uow: ProgramUnitOfWork, caller: Caller, command: RegisterProgram
) -> ProgramView:
    """A unit registers its program for a month or a year (its leader or unit account)."""
    actor, now, period = caller.actor, caller.now, command.period
    unit = await load_active(uow, command.unit_id, field="unitId")
    if not can_submit_for(actor, unit):
        raise Forbidden("Only the unit's leader or its unit account registers its program")
    span = program_period(period, command.period_name)
    if await uow.programs.find(unit.id, ProgramKind.REGISTRATION, span.name) is not None:
        raise DomainError(ErrorCode.INVALID_STATE, "The unit registered this period", "periodName")
    program = await uow.programs.add(
        WorkProgram(
            unit.id,
            ProgramKind.REGISTRATION,
            period,
            span.name,
            f"{unit.name} — {span.name}",
            ProgramState.REGISTERED,
            now,
            actor.account_id,
        )
    )
    items = [NewItem(i.content, unit.id, i.planned_period) for i in command.items]
    await _add_items(uow, program, span, items, unit)
    return await _view(uow, program)


@handles(CompileProgram)
async def compile_program(
    uow: ProgramUnitOfWork, caller: Caller, command: CompileProgram
) -> ProgramView:
    """The level's office drafts the level's program from the registrations of units under
    the level (picks, possibly edited) and items of its own."""
    actor, office_unit_id, period = caller.actor, command.office_unit_id, command.period
    office_path = await tasks.office_path(uow, actor, office_unit_id)
    level = await load_active(uow, command.level_unit_id, field="levelUnitId")
    if not office_path.startswith(level.path):
        raise DomainError(
            ErrorCode.INVALID_INPUT, "The office belongs to another level", "officeUnitId"
        )
    span = program_period(period, command.period_name)
    program = await uow.programs.add(
        WorkProgram(
            level.id,
            ProgramKind.COMPILED,
            period,
            span.name,
            clean_text(command.title, field="title", max_length=255, required=True),
            ProgramState.DRAFT,
            caller.now,
            actor.account_id,
            office_unit_id,
        )
    )
    await _add_items(uow, program, span, list(command.items), level)
    return await _view(uow, program)


async def _add_items(
    uow: ProgramUnitOfWork,
    program: WorkProgram,
    span: ReportPeriod,
    items: list[NewItem],
    level: OrgUnit,
) -> None:
    if not items or len(items) > MAX_ITEMS:
        raise DomainError(ErrorCode.INVALID_INPUT, f"Give 1 to {MAX_ITEMS} items", "items")
    for position, new in enumerate(items, start=1):
        source = None
        if new.source_item_id is not None:
            source = await _registered_item(uow, new.source_item_id, span, level)
        content = new.content if new.content is not None else (source.content if source else "")
        owner_id = new.owner_unit_id or (source.owner_unit_id if source else None)
        planned = new.planned_period or (source.planned_period if source else span.name)
        if owner_id is None:
            raise DomainError(ErrorCode.INVALID_INPUT, "Name the item's unit", "items.ownerUnitId")
        owner = await load_active(uow, owner_id, field="items.ownerUnitId")
        if not owner.path.startswith(level.path):
            raise DomainError(
                ErrorCode.NOT_IN_COMPETENCE, "The unit is outside this level", "items.ownerUnitId"
            )
        await uow.programs.add_item(
            ProgramItem(
                program.id,
                position,
                clean_text(content, field="items.content", max_length=5000, required=True),
                owner.id,
                _planned(planned, span),
                source.id if source else None,
            )
        )


async def _registered_item(
    uow: ProgramUnitOfWork, item_id: int, span: ReportPeriod, level: OrgUnit
) -> ProgramItem:
    item = await uow.programs.get_item(item_id)
    program = await uow.programs.get(item.program_id) if item else None
    owner = await uow.units.get(item.owner_unit_id) if item else None
    if item is None or program is None or owner is None:
        raise NotFound("Registered item", "items.sourceItemId")
    if program.kind is not ProgramKind.REGISTRATION or not owner.path.startswith(level.path):
        raise DomainError(
            ErrorCode.INVALID_INPUT, "Pick registered items of this level", "items.sourceItemId"
        )
    planned = parse_period(item.planned_period)
    if planned.start < span.start or planned.end > span.end:
        raise DomainError(
            ErrorCode.INVALID_PERIOD, "The item is planned for another period", "items.sourceItemId"
        )
    return item


async def _draft(
    uow: ProgramUnitOfWork, actor: Principal, program_id: int, version: int | None
) -> WorkProgram:
    program = await uow.programs.get(program_id)
    if (
        program is None
        or program.kind is not ProgramKind.COMPILED
        or program.office_unit_id is None
    ):
        raise NotFound("Work program", "id")
    await tasks.office_path(uow, actor, program.office_unit_id)
    if version is not None and version != program.version:
        raise StaleVersion("The work program")
    if program.state is not ProgramState.DRAFT:
        raise DomainError(ErrorCode.INVALID_STATE, "The program is already issued", "id")
    return program


@handles(EditProgramItem)
async def edit_item(
    uow: ProgramUnitOfWork, caller: Caller, command: EditProgramItem
) -> ProgramItem:
    """The office edits an item of its draft program."""
    new = command.new
    item = await uow.programs.get_item(command.item_id)
    if item is None:
        raise NotFound("Program item", "id")
    program = await _draft(uow, caller.actor, item.program_id, None)
    if command.version is not None and command.version != item.version:
        raise StaleVersion("The program item")
    level = await load_active(uow, program.unit_id, field="id")
    span = parse_period(program.period_name)
    if new.content is not None:
        item.content = clean_text(new.content, field="content", max_length=5000, required=True)
    if new.planned_period is not None:
        item.planned_period = _planned(new.planned_period, span)
    if new.owner_unit_id is not None:
        owner = await load_active(uow, new.owner_unit_id, field="ownerUnitId")
        if not owner.path.startswith(level.path):
            raise DomainError(
                ErrorCode.NOT_IN_COMPETENCE, "The unit is outside this level", "ownerUnitId"
            )
        item.owner_unit_id = owner.id
    return item


@handles(IssueProgram)
async def issue_program(
    uow: ProgramUnitOfWork, caller: Caller, command: IssueProgram
) -> ProgramView:
    """Issue the draft: every item becomes a WORK_PROGRAM_ITEM task of its unit, due at the
    end of its planned period, and is sent at once."""
    calendar, now = caller.calendar, caller.now
    program = await _draft(uow, caller.actor, command.program_id, command.version)
    assert program.office_unit_id is not None
    for item in await uow.programs.items_of([program.id]):
        new = NewTask(
            kind=TaskKind.WORK_PROGRAM_ITEM,
            content=item.content,
            office_unit_id=program.office_unit_id,
            lead_unit_id=item.owner_unit_id,
            deadline=period_end(calendar, parse_period(item.planned_period), now),
            period=program.period.value,
        )
        task = await tasks.create_task(uow, caller, CreateTask(new))
        await transitions.act(uow, caller, ActOnTask(task.id, None, Step(Action.SEND)))
        item.task_id = task.id
    program.state, program.issued_at = ProgramState.ISSUED, now
    return await _view(uow, program)


def period_end(calendar: WorkingCalendar, period: ReportPeriod, now: datetime) -> datetime:
    """The end of the last working session of the period (DEADLINE_IN_PAST when over)."""
    day: date = period.end - timedelta(days=1)
    while not calendar.is_working_day(day) and day > period.start:
        day -= timedelta(days=1)
    sessions = calendar.sessions_on(day)
    due = (
        sessions[-1][1] if sessions else calendar.sessions_on(calendar.next_working_day(day))[-1][1]
    )
    if due <= now:
        raise DomainError(
            ErrorCode.DEADLINE_IN_PAST, f"Period {period.name} is over", "plannedPeriod"
        )
    return due
