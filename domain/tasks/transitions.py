"""Moving a task along the chain: one entry point, the transition table, per-action effects."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode
from domain.notifications.task_rules import notify_task_step
from domain.stats.rollup import handling_tenths
from domain.tasks import deadlines, periods, policies, publication
from domain.tasks.commands import ActOnTask, Step
from domain.tasks.escalation import escalate_petition
from domain.tasks.events import TaskChanged
from domain.tasks.model import (
    AssigneeRole,
    Task,
    TaskAssignee,
    TaskEvent,
    TaskResponse,
)
from domain.tasks.policies import TaskParties
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.services import directive_entry_due, load_task
from domain.tasks.workflow import Action, check_actor, next_state
from domain.text import clean_optional, clean_text


async def parties_of(uow: TaskUnitOfWork, task: Task) -> TaskParties:
    """Collect the facts the policies decide on."""
    units = await uow.tasks.units_of(task.id)
    unit_rows = await uow.units.get_many([u.unit_id for u in units] + [task.office_unit_id])
    paths = {u.id: u.path for u in unit_rows}
    trackers = await uow.tasks.trackers_of(task.id)
    assignees = await uow.tasks.assignees_of(task.id)
    return TaskParties(
        office_unit_id=task.office_unit_id,
        office_path=paths.get(task.office_unit_id, ""),
        lead_unit_id=task.lead_unit_id,
        lead_path=paths.get(task.lead_unit_id, ""),
        unit_ids=frozenset(u.unit_id for u in units),
        unit_paths=tuple(paths[u.unit_id] for u in units if u.unit_id in paths),
        tracker_ids=frozenset(t.person_id for t in trackers),
        assignee_ids=frozenset(a.person_id for a in assignees),
    )


@handles(ActOnTask)
async def act(uow: TaskUnitOfWork, caller: Caller, command: ActOnTask) -> Task:
    """Take one step: check the table and the caller's side, apply its effects, log it."""
    actor, now, step = caller.actor, caller.now, command.step
    task = await load_task(uow, command.task_id, command.version)
    parties = await parties_of(uow, task)
    if not policies.can_view(actor, parties):
        raise DomainError(ErrorCode.NOT_FOUND, "Task not found", "id")
    target = next_state(task.state, step.action, kind=task.kind)
    check_actor(step.action, policies.sides(actor, parties))
    note = clean_optional(step.note, field="note", max_length=5000) or ""
    needs_reason = (Action.RETURN, Action.RETURN_DRAFT, Action.CANCEL, Action.REOPEN)
    if step.action in needs_reason and not note:
        raise DomainError(ErrorCode.INVALID_INPUT, "Give the reason", "note")
    before = task.state
    await _EFFECTS.get(step.action, _nothing)(uow, caller, task, step)
    task.state = target
    await uow.tasks.touch(task)  # same-state steps (re-assigning) must move the version too
    uow.record(TaskChanged(task.id))
    await uow.tasks.add_event(
        TaskEvent(
            task.id, step.action.value, before, target, now, actor.account_id, actor.person_id, note
        )
    )
    if step.action is Action.SEND:  # a periodic task's first periods open when it is sent
        await periods.ensure_occurrences(uow, caller.calendar, task, now)
    assignees = parties.assignee_ids
    if step.action is Action.ASSIGN:
        assignees = frozenset(a.person_id for a in await uow.tasks.assignees_of(task.id))
    await notify_task_step(
        uow.notifications,
        actor=actor,
        task=task,
        parties=parties,
        action=step.action,
        assignees_after=assignees,
        now=now,
    )
    return task


async def _nothing(*_args: object) -> None:
    return None


async def _send(uow: TaskUnitOfWork, caller: Caller, task: Task, step: Step) -> None:
    calendar, now = caller.calendar, caller.now
    if task.sent_at is None:
        if task.directive_id is not None:
            # judged on the directive's load now, not when this task happened to be entered
            directive = await uow.tasks.get_directive(task.directive_id)
            if directive is not None:
                task.entry_due = await directive_entry_due(uow, calendar, directive)
        task.sent_at = now
        task.entry_late = task.entry_due is not None and now > task.entry_due
    if task.deadline is None:
        task.deadline = deadlines.default_deadline(
            calendar, task.kind, now, hard_case=task.hard_case
        )


async def _assign(uow: TaskUnitOfWork, caller: Caller, task: Task, step: Step) -> None:
    if step.lead_specialist_id is None:
        raise DomainError(ErrorCode.INVALID_INPUT, "Name the lead specialist", "leadSpecialistId")
    chosen = [step.lead_specialist_id, *step.coordinating_specialist_ids]
    if len(set(chosen)) != len(chosen):
        raise DomainError(
            ErrorCode.INVALID_INPUT, "Name each specialist once", "coordinatingSpecialistIds"
        )
    for person_id in chosen:
        person = await uow.people.get(person_id)
        if person is None or person.unit_id != task.lead_unit_id:
            raise DomainError(
                ErrorCode.NOT_IN_COMPETENCE,
                "Specialists must be members of the lead unit",
                "leadSpecialistId",
            )
    await uow.tasks.set_assignees(
        task.id,
        [TaskAssignee(task.id, step.lead_specialist_id, AssigneeRole.LEAD_SPECIALIST)]
        + [
            TaskAssignee(task.id, pid, AssigneeRole.COORDINATING_SPECIALIST)
            for pid in step.coordinating_specialist_ids
        ],
    )


async def _draft(uow: TaskUnitOfWork, caller: Caller, task: Task, step: Step) -> None:
    now, account_id = caller.now, caller.actor.account_id
    content = clean_text(step.content or "", field="content", max_length=20_000, required=True)
    response = await uow.tasks.response_of(task.id)
    if response is None:
        await uow.tasks.add_response(TaskResponse(task.id, content, now, account_id))
        return
    response.content, response.drafted_at, response.drafted_by = content, now, account_id
    response.approved_at = response.approved_by = None


async def _approve(uow: TaskUnitOfWork, caller: Caller, task: Task, step: Step) -> None:
    response = await uow.tasks.response_of(task.id)
    if response is None:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "There is no draft to approve", "id")
    if step.content is not None:
        response.content = clean_text(
            step.content, field="content", max_length=20_000, required=True
        )
    response.approved_at, response.approved_by = caller.now, caller.actor.account_id


async def _report(uow: TaskUnitOfWork, caller: Caller, task: Task, step: Step) -> None:
    calendar, now = caller.calendar, caller.now
    response = await uow.tasks.response_of(task.id)
    if response is None or response.approved_at is None:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "Report an approved result", "id")
    if step.reply_date is None or not step.reply_number:
        raise DomainError(
            ErrorCode.INVALID_INPUT,
            "Give the official reply's number, symbol and date",
            "replyNumber",
        )
    if step.reply_date > calendar.local_date(now):
        raise DomainError(ErrorCode.INVALID_INPUT, "The reply is dated in the future", "replyDate")
    response.reply_number = clean_text(
        step.reply_number, field="replyNumber", max_length=60, required=True
    )
    if step.content is not None:  # the leader reports the text as sent in the official reply
        response.content = clean_text(
            step.content, field="content", max_length=20_000, required=True
        )
    response.reply_date = step.reply_date
    response.recorded_at = now
    response.recorded_late = now > deadlines.recording_due(calendar, step.reply_date)


async def _confirm(uow: TaskUnitOfWork, caller: Caller, task: Task, step: Step) -> None:
    calendar, now = caller.calendar, caller.now
    task.completed_at = now
    task.handling_tenths = handling_tenths(calendar, task.sent_at or task.created_at, now)
    await publication.on_confirmed(uow, task, now)


async def _reopen(uow: TaskUnitOfWork, caller: Caller, task: Task, step: Step) -> None:
    if not step.note:
        raise DomainError(ErrorCode.INVALID_INPUT, "Say why the task is reopened", "note")
    task.completed_at = None
    task.handling_tenths = None
    await publication.on_reopened(uow, task)


Effect = Callable[[TaskUnitOfWork, Caller, Task, Step], Awaitable[None]]

_EFFECTS: dict[Action, Effect] = {
    Action.SEND: _send,
    Action.ASSIGN: _assign,
    Action.SUBMIT_DRAFT: _draft,
    Action.APPROVE: _approve,
    Action.REPORT: _report,
    Action.CONFIRM: _confirm,
    Action.REOPEN: _reopen,
    Action.ESCALATE: escalate_petition,
}
