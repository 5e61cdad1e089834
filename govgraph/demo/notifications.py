"""Demo inboxes: the latest steps of the demo tasks told through the real notification
rules, so demo accounts find notifications waiting (the scheduler adds deadline warnings,
overdue notices and birthdays once `serve` runs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.notifications.task_rules import notify_task_step
from domain.permissions import Principal, PrincipalKind
from domain.tasks.model import TaskEvent
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.transitions import parties_of
from domain.tasks.workflow import Action
from persistence import task_tables as t
from persistence.database import session_factory
from persistence.uow import SqlUnitOfWork

TOLD = ("SEND", "ASSIGN", "RETURN", "RETURN_DRAFT", "APPROVE", "REOPEN", "ESCALATE")
STEPS = 400  # the latest steps; enough for every demo account to have an inbox


async def load_demo_notifications(
    engine: AsyncEngine, advance: Callable[[int], None] | None = None
) -> int:
    """Tell the latest demo task steps; how many inbox rows were written."""
    sessions = session_factory(engine)
    async with sessions() as session:
        events = (
            await session.scalars(
                select(TaskEvent)
                .where(t.task_events.c.action.in_(TOLD))
                .order_by(t.task_events.c.at.desc(), t.task_events.c.id.desc())
                .limit(STEPS)
            )
        ).all()
        steps = [(e.task_id, e.action, e.actor_person_id, e.at) for e in reversed(events)]
    written = 0
    async with SqlUnitOfWork(sessions) as sql:
        uow = cast(TaskUnitOfWork, sql)
        for task_id, action, person_id, at in steps:
            task = await uow.tasks.get(task_id)
            if task is None:
                continue
            parties = await parties_of(uow, task)
            written += await notify_task_step(
                uow.notifications,
                actor=Principal(kind=PrincipalKind.STAFF, person_id=person_id),
                task=task,
                parties=parties,
                action=Action(action),
                assignees_after=parties.assignee_ids,
                now=at,
            )
            if advance is not None:
                advance(1)
        await sql.commit()
    return written
