"""Progress updates on unfinished work and extension requests (004 Art. 10.3)."""

from __future__ import annotations

from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode
from domain.tasks import policies
from domain.tasks.commands import DecideExtension, ReportedProgress, ReportProgress
from domain.tasks.events import TaskChanged
from domain.tasks.model import ProgressUpdate, Task, TaskEvent
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.services import load_task
from domain.tasks.transitions import parties_of
from domain.tasks.workflow import OPEN_STATES, Actor
from domain.text import clean_optional, clean_text

GRANTED = "GRANTED"
REFUSED = "REFUSED"


@handles(ReportProgress)
async def report_progress(
    uow: TaskUnitOfWork, caller: Caller, command: ReportProgress
) -> ReportedProgress:
    """The lead unit reports progress; it may ask for a later deadline."""
    actor, now, extension_until = caller.actor, caller.now, command.extension_until
    task = await load_task(uow, command.task_id, None, field="taskId")
    parties = await parties_of(uow, task)
    sides = policies.sides(actor, parties)
    if not sides & {Actor.UNIT_LEADER, Actor.SPECIALIST}:
        raise DomainError(ErrorCode.FORBIDDEN, "Only the lead unit reports progress")
    if task.state not in OPEN_STATES:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "The task is not open", "taskId")
    if extension_until is not None and extension_until <= max(now, task.deadline or now):
        raise DomainError(
            ErrorCode.DEADLINE_IN_PAST,
            "Ask for a date after the current deadline",
            "extensionUntil",
        )
    update = ProgressUpdate(
        task_id=task.id,
        content=clean_text(command.content, field="content", max_length=10_000, required=True),
        at=now,
        author_account_id=actor.account_id,
        delay_reason=clean_optional(command.delay_reason, field="delayReason", max_length=5000),
        proposals=clean_optional(command.proposals, field="proposals", max_length=5000),
        extension_until=extension_until,
    )
    await uow.tasks.add_progress(update)
    await uow.tasks.add_event(
        TaskEvent(
            task.id, "PROGRESS", task.state, task.state, now, actor.account_id, actor.person_id
        )
    )
    return ReportedProgress(update, task)


@handles(DecideExtension)
async def decide_extension(uow: TaskUnitOfWork, caller: Caller, command: DecideExtension) -> Task:
    """A tracker or the office grants (moving the deadline) or refuses an extension request."""
    actor, now, grant = caller.actor, caller.now, command.grant
    update = await uow.tasks.get_progress(command.progress_id)
    if update is None or update.extension_until is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Extension request not found", "progressId")
    if update.extension_decision is not None:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION, "The request was already decided", "progressId"
        )
    task = await load_task(uow, update.task_id, None)
    if not policies.can_decide_extension(actor, await parties_of(uow, task)):
        raise DomainError(ErrorCode.FORBIDDEN, "Only trackers or the office decide extensions")
    if task.state not in policies.EXTENSION_STATES:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "The task is no longer open", "progressId")
    update.extension_decision, update.decided_at = (GRANTED if grant else REFUSED), now
    if grant:
        task.deadline = update.extension_until
        uow.record(TaskChanged(task.id))
    await uow.tasks.add_event(
        TaskEvent(
            task.id,
            "EXTENSION_GRANTED" if grant else "EXTENSION_REFUSED",
            task.state,
            task.state,
            now,
            actor.account_id,
            actor.person_id,
            clean_optional(command.note, field="note", max_length=5000) or "",
        )
    )
    return task
