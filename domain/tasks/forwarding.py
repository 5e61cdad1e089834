"""Forwarding portal work (a press item, a citizen question) as a task sent at once."""

from __future__ import annotations

from domain.commands import Caller
from domain.tasks import services, transitions
from domain.tasks.commands import ActOnTask, CreateTask, NewTask, Step
from domain.tasks.model import Task, TaskKind
from domain.tasks.portal_commands import Forward
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.workflow import Action


async def forward_as_task(
    uow: TaskUnitOfWork,
    caller: Caller,
    *,
    kind: TaskKind,
    content: str,
    office_unit_id: int,
    forward: Forward,
) -> Task:
    """Create the task and send it: its 5 (hard cases 10) working days run from now."""
    new = NewTask(
        kind=kind,
        content=content,
        office_unit_id=office_unit_id,
        lead_unit_id=forward.lead_unit_id,
        coordinating_unit_ids=forward.coordinating_unit_ids,
        priority=forward.priority,
        trackers=forward.trackers,
        hard_case=forward.hard_case,
    )
    task = await services.create_task(uow, caller, CreateTask(new))
    sent: Task = await transitions.act(
        uow, caller, ActOnTask(task.id, None, Step(Action.SEND, note=forward.note))
    )
    return sent
