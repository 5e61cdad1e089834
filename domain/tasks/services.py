"""Use cases that create directives and tasks, and correct them while the office holds them."""

from __future__ import annotations

import json
from datetime import datetime

from domain.accounts.model import Role
from domain.calendar import WorkingCalendar
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound, StaleVersion
from domain.org.services import load_active
from domain.permissions import Principal
from domain.tasks import deadlines
from domain.tasks.commands import CorrectTask, CreateDirective, CreateTask
from domain.tasks.events import TaskChanged
from domain.tasks.model import (
    Directive,
    Period,
    Task,
    TaskEvent,
    TaskKind,
    TaskState,
    TaskTracker,
    TaskUnit,
    UnitRole,
)
from domain.tasks.ports import TaskUnitOfWork
from domain.text import clean_optional, clean_text, fold

MAX_ATTACHMENTS = 50


async def office_path(uow: TaskUnitOfWork, actor: Principal, office_unit_id: int) -> str:
    """The office's path, after checking the caller creates tasks there."""
    office = await load_active(uow, office_unit_id, field="officeUnitId")
    if not actor.has(Role.TASK_CREATOR, office.path):
        raise Forbidden("Only task creators of this office enter its directives and tasks")
    return office.path


@handles(CreateDirective)
async def create_directive(
    uow: TaskUnitOfWork, caller: Caller, command: CreateDirective
) -> Directive:
    """Enter a directive document; a secret one is refused (004 Art. 3.3).

    Dates are judged in the province's time zone (the calendar's).
    """
    actor, now, new = caller.actor, caller.now, command.new
    if new.secret:
        raise DomainError(
            ErrorCode.SECRET_DOCUMENT_REFUSED,
            "Tasks from secret documents must never be entered into the system",
            "secret",
        )
    await office_path(uow, actor, new.office_unit_id)
    if len(new.attachments) > MAX_ATTACHMENTS:
        raise DomainError(ErrorCode.INVALID_INPUT, "Too many attachments", "attachments")
    today = caller.calendar.local_date(now)
    if new.issued_on > today:
        raise DomainError(
            ErrorCode.INVALID_INPUT, "The document is dated in the future", "issuedOn"
        )
    if new.received_at is not None and new.received_at > now:
        raise DomainError(
            ErrorCode.INVALID_INPUT, "The document was received in the future", "receivedAt"
        )
    attachments = [
        {
            "name": clean_text(a.name, field="attachments.name", max_length=255, required=True),
            "url": clean_optional(a.url, field="attachments.url", max_length=1000),
            "mimeType": clean_optional(a.mime_type, field="attachments.mimeType", max_length=100),
            "sizeBytes": a.size_bytes,
        }
        for a in new.attachments
    ]
    directive = Directive(
        doc_type=new.doc_type,
        number_symbol=clean_text(
            new.number_symbol, field="numberSymbol", max_length=60, required=True
        ),
        issued_on=new.issued_on,
        issuer=clean_text(new.issuer, field="issuer", max_length=255, required=True),
        summary=clean_text(new.summary, field="summary", max_length=5000, required=True),
        office_unit_id=new.office_unit_id,
        received_at=new.received_at or now,
        created_at=now,
        created_by=actor.account_id,
        attachments=json.dumps(attachments, ensure_ascii=False),
    )
    return await uow.tasks.add_directive(directive)


@handles(CreateTask)
async def create_task(uow: TaskUnitOfWork, caller: Caller, command: CreateTask) -> Task:
    """Enter a task for a lead unit (and coordinating units), with trackers."""
    actor, now, new = caller.actor, caller.now, command.new
    await office_path(uow, actor, new.office_unit_id)
    entry_due = None
    if new.directive_id is not None:
        directive = await uow.tasks.get_directive(new.directive_id)
        if directive is None:
            raise NotFound("Directive", "directiveId")
        if directive.office_unit_id != new.office_unit_id:
            raise DomainError(
                ErrorCode.INVALID_INPUT, "The directive belongs to another office", "directiveId"
            )
        entry_due = await directive_entry_due(
            uow,
            caller.calendar,
            directive,
            new_units={new.lead_unit_id, *new.coordinating_unit_ids},
        )
    elif new.kind is TaskKind.DIRECTIVE:
        raise DomainError(
            ErrorCode.INVALID_INPUT, "A directive task needs its directive document", "directiveId"
        )
    if new.deadline is not None and new.deadline <= now:
        raise DomainError(ErrorCode.DEADLINE_IN_PAST, "The deadline has already passed", "deadline")
    if new.kind is TaskKind.VOTER_PETITION and new.petition_level is None:
        raise DomainError(ErrorCode.INVALID_INPUT, "Give the petition's level", "petitionLevel")
    try:
        period = Period(new.period) if new.period else None
    except ValueError:
        raise DomainError(ErrorCode.INVALID_INPUT, "Unknown period", "period") from None
    content = clean_text(new.content, field="content", max_length=10_000, required=True)
    await _check_units(uow, new.lead_unit_id, new.coordinating_unit_ids)
    task = Task(
        directive_id=new.directive_id,
        kind=new.kind,
        content=content,
        office_unit_id=new.office_unit_id,
        lead_unit_id=new.lead_unit_id,
        created_at=now,
        created_by=actor.account_id,
        priority=new.priority,
        deadline=new.deadline,
        period=period,
        entry_due=entry_due,
        petition_level=new.petition_level,
        hard_case=new.hard_case,
        search_text=fold(content),
    )
    await uow.tasks.add(task)
    uow.record(TaskChanged(task.id))
    await _set_units(uow, task, new.lead_unit_id, new.coordinating_unit_ids)
    for person_id, role in dict(new.trackers).items():
        if await uow.people.get(person_id) is None:
            raise NotFound("Tracker", "trackers")
        await uow.tasks.add_tracker(TaskTracker(task.id, person_id, role))
    await uow.tasks.add_event(
        TaskEvent(
            task.id, "CREATE", None, TaskState.CREATED, now, actor.account_id, actor.person_id
        )
    )
    return task


async def directive_entry_due(
    uow: TaskUnitOfWork,
    calendar: WorkingCalendar,
    directive: Directive,
    *,
    new_units: set[int] | None = None,
) -> datetime:
    """When the office must have sent the directive's tasks: 2 working days once the directive
    holds many tasks or units in all (counting a task about to be added with `new_units`)."""
    tasks = await uow.tasks.count_tasks_of(directive.id) + (1 if new_units is not None else 0)
    units = await uow.tasks.unit_ids_of_directive(directive.id) | (new_units or set())
    return deadlines.entry_due(calendar, directive.received_at, tasks=tasks, units=len(units))


async def _check_units(
    uow: TaskUnitOfWork, lead_unit_id: int, coordinating: tuple[int, ...]
) -> None:
    """The units exist, are active, and take one part each (before anything refers to them)."""
    if lead_unit_id in coordinating or len(set(coordinating)) != len(coordinating):
        raise DomainError(
            ErrorCode.INVALID_INPUT, "Each unit takes one part in a task", "coordinatingUnitIds"
        )
    await load_active(uow, lead_unit_id, field="leadUnitId")
    for unit_id in coordinating:
        await load_active(uow, unit_id, field="coordinatingUnitIds")


async def _set_units(
    uow: TaskUnitOfWork, task: Task, lead_unit_id: int, coordinating: tuple[int, ...]
) -> None:
    await _check_units(uow, lead_unit_id, coordinating)
    task.lead_unit_id = lead_unit_id
    await uow.tasks.set_units(
        task.id,
        [TaskUnit(task.id, lead_unit_id, UnitRole.LEAD)]
        + [TaskUnit(task.id, unit_id, UnitRole.COORDINATING) for unit_id in coordinating],
    )


@handles(CorrectTask)
async def correct_task(uow: TaskUnitOfWork, caller: Caller, command: CorrectTask) -> Task:
    """The office corrects or reassigns a task it holds (created, or returned by a unit)."""
    actor, now = caller.actor, caller.now
    task = await load_task(uow, command.task_id, command.version)
    await office_path(uow, actor, task.office_unit_id)
    if task.state not in (TaskState.CREATED, TaskState.RETURNED):
        raise DomainError(
            ErrorCode.INVALID_TRANSITION, "Only tasks the office holds can be corrected", "id"
        )
    if (deadline := command.deadline) is not None:
        if deadline <= now:
            raise DomainError(
                ErrorCode.DEADLINE_IN_PAST, "The deadline has already passed", "deadline"
            )
        task.deadline = deadline
    if command.content is not None:
        task.content = clean_text(
            command.content, field="content", max_length=10_000, required=True
        )
        task.search_text = fold(task.content)
    if command.lead_unit_id is not None or command.coordinating_unit_ids is not None:
        current = await uow.tasks.units_of(task.id)
        coordinating = command.coordinating_unit_ids
        if coordinating is None:
            coordinating = tuple(u.unit_id for u in current if u.role is UnitRole.COORDINATING)
        await _set_units(uow, task, command.lead_unit_id or task.lead_unit_id, coordinating)
    uow.record(TaskChanged(task.id))
    await uow.tasks.add_event(
        TaskEvent(
            task.id, "CORRECT", task.state, task.state, now, actor.account_id, actor.person_id
        )
    )
    return task


async def load_task(
    uow: TaskUnitOfWork, task_id: int, expected_version: int | None, *, field: str = "id"
) -> Task:
    """The task, checked against the version the caller read (`field`: the argument that
    named it)."""
    task = await uow.tasks.get(task_id)
    if task is None:
        raise NotFound("Task", field)
    if expected_version is not None and expected_version != task.version:
        raise StaleVersion("Task")
    return task
