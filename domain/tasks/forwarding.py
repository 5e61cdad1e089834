"""Forwarding portal work (a press item, a citizen question) as a task sent at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.calendar import WorkingCalendar
from domain.permissions import Principal
from domain.tasks import services, transitions
from domain.tasks.model import Priority, Task, TaskKind, TrackerRole
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.services import NewTask
from domain.tasks.transitions import Step
from domain.tasks.workflow import Action


@dataclass(frozen=True)
class Forward:
    """Where the office sends the work: units, trackers (the office specialist), urgency."""

    lead_unit_id: int
    coordinating_unit_ids: tuple[int, ...] = ()
    trackers: tuple[tuple[int, TrackerRole], ...] = ()
    hard_case: bool = False
    priority: Priority = Priority.NORMAL
    note: str | None = None


async def forward_as_task(
    *,
    uow: TaskUnitOfWork,
    actor: Principal,
    calendar: WorkingCalendar,
    kind: TaskKind,
    content: str,
    office_unit_id: int,
    forward: Forward,
    now: datetime,
) -> Task:
    """Create the task and send it: its 5 (hard cases 10) working days run from now."""
    task = await services.create_task(
        uow=uow,
        actor=actor,
        calendar=calendar,
        new=NewTask(
            kind=kind,
            content=content,
            office_unit_id=office_unit_id,
            lead_unit_id=forward.lead_unit_id,
            coordinating_unit_ids=forward.coordinating_unit_ids,
            priority=forward.priority,
            trackers=forward.trackers,
            hard_case=forward.hard_case,
        ),
        now=now,
    )
    return await transitions.act(
        uow=uow,
        actor=actor,
        calendar=calendar,
        task_id=task.id,
        expected_version=None,
        step=Step(Action.SEND, note=forward.note),
        now=now,
    )
