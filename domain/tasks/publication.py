"""A citizen question's answer is marked for publication when the office confirms the task,
and withdrawn when the task is reopened (000 Annex V, step e)."""

from __future__ import annotations

from datetime import datetime

from domain.tasks.model import Task, TaskKind
from domain.tasks.ports import TaskUnitOfWork


async def on_confirmed(uow: TaskUnitOfWork, task: Task, now: datetime) -> None:
    """Publish the confirmed answer of the question the task came from, if any."""
    if task.kind is not TaskKind.CITIZEN_QUESTION:
        return
    question = await uow.tasks.question_of_task(task.id)
    response = await uow.tasks.response_of(task.id)
    if question is None or response is None:
        return
    question.answer = response.content
    question.answered_unit_id = task.lead_unit_id
    question.published_at = now


async def on_reopened(uow: TaskUnitOfWork, task: Task) -> None:
    """A reopened answer is no longer published until confirmed again."""
    if task.kind is not TaskKind.CITIZEN_QUESTION:
        return
    question = await uow.tasks.question_of_task(task.id)
    if question is not None:
        question.answer = question.answered_unit_id = question.published_at = None
