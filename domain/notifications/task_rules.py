"""Which steps of the task chain tell whom (PERMISSIONS.md: only parties of the task).

| step          | kind           | unit            | recipients                                |
|---------------|----------------|-----------------|-------------------------------------------|
| SEND          | NEW_ASSIGNMENT | each task unit  | that unit's leaders                       |
| RETURN        | RETURNED       | office          | creator, trackers                         |
| ASSIGN        | NEW_ASSIGNMENT | lead unit       | specialists newly named                   |
| RETURN_DRAFT  | RETURNED       | lead unit       | assigned specialists                      |
| APPROVE       | APPROVED       | lead unit       | assigned specialists, trackers            |
| REOPEN        | RETURNED       | lead unit       | lead unit's leaders, assigned specialists |
| ESCALATE      | ESCALATED      | office          | creator, trackers, task creators above    |

The one who acts is never told of their own step. Every recipient can read the task: leaders
of a unit are its own staff, creators and trackers see their tasks, task creators over the
office see every task it made.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from domain.accounts.model import Role
from domain.notifications.model import (
    NotificationEvent,
    NotificationKind,
    SubjectType,
    Summary,
    title_of,
)
from domain.notifications.ports import NotificationRepository
from domain.permissions import Principal
from domain.tasks.model import Task
from domain.tasks.policies import TaskParties
from domain.tasks.workflow import Action

K = NotificationKind


def task_summary(task: Task, action: str | None = None, threshold: str | None = None) -> Summary:
    """The payload of a task notification: fields every reader of the task may see."""
    return Summary(
        title=title_of(task.content),
        action=action,
        state=task.state.value,
        due_at=task.deadline,
        priority=task.priority.value,
        threshold=threshold,
    )


async def leaders_of(repo: NotificationRepository, unit_id: int, unit_path: str) -> set[int]:
    """The persons who lead a unit on the chain: LEADER grants held by its own staff."""
    return await repo.persons_with_role(Role.LEADER, unit_path, own_unit_id=unit_id)


async def task_step_deliveries(
    repo: NotificationRepository,
    *,
    task: Task,
    parties: TaskParties,
    action: Action,
    assignees_after: Collection[int],
) -> list[tuple[NotificationKind, int, str, set[int]]]:
    """(kind, unit id, unit path, recipients) for one step; empty for silent steps."""
    creator = await repo.person_of_account(task.created_by)
    office_side = set(parties.tracker_ids) | ({creator} if creator else set())
    lead = (parties.lead_unit_id, parties.lead_path)
    office = (parties.office_unit_id, parties.office_path)
    match action:
        case Action.SEND:
            return [
                (
                    K.NEW_ASSIGNMENT,
                    unit_id_of(path),
                    path,
                    await leaders_of(repo, unit_id_of(path), path),
                )
                for path in parties.unit_paths
            ]
        case Action.RETURN:
            return [(K.RETURNED, *office, office_side)]
        case Action.ASSIGN:
            return [(K.NEW_ASSIGNMENT, *lead, set(assignees_after) - parties.assignee_ids)]
        case Action.RETURN_DRAFT:
            return [(K.RETURNED, *lead, set(parties.assignee_ids))]
        case Action.APPROVE:
            return [(K.APPROVED, *lead, set(parties.assignee_ids) | set(parties.tracker_ids))]
        case Action.REOPEN:
            leaders = await leaders_of(repo, *lead)
            return [(K.RETURNED, *lead, leaders | set(parties.assignee_ids))]
        case Action.ESCALATE:
            above = await repo.persons_with_role(Role.TASK_CREATOR, parties.office_path)
            return [(K.ESCALATED, *office, office_side | above)]
        case _:
            return []


def unit_id_of(path: str) -> int:
    """The unit's own id: the last part of its materialized path."""
    return int(path.rstrip("/").rsplit("/", 1)[-1])


async def notify_task_step(
    repo: NotificationRepository,
    *,
    actor: Principal,
    task: Task,
    parties: TaskParties,
    action: Action,
    assignees_after: Collection[int],
    now: datetime,
) -> int:
    """Queue the step's notifications in the outbox; how many inbox rows they make."""
    written = 0
    deliveries = await task_step_deliveries(
        repo, task=task, parties=parties, action=action, assignees_after=assignees_after
    )
    for kind, unit_id, unit_path, recipients in deliveries:
        people = recipients - {actor.person_id}
        event = NotificationEvent(
            kind=kind,
            subject_type=SubjectType.TASK,
            subject_id=task.id,
            unit_id=unit_id,
            unit_path=unit_path,
            summary=task_summary(task, action.value),
            occurred_at=now,
        )
        recipients_now = sorted(p for p in people if p is not None)
        await repo.record(event, recipients_now)
        written += len(recipients_now)
    return written
