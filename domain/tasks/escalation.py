"""Voter petitions beyond a level's competence go one level up (commune > district >
province), as a new task at the level above that keeps the history."""

from __future__ import annotations

from domain.commands import Caller
from domain.errors import DomainError, ErrorCode
from domain.tasks.commands import Step
from domain.tasks.events import TaskChanged
from domain.tasks.model import (
    PetitionLevel,
    Task,
    TaskEvent,
    TaskKind,
    TaskState,
    TaskUnit,
    UnitRole,
)
from domain.tasks.ports import TaskUnitOfWork

NEXT_LEVEL = {
    PetitionLevel.COMMUNE: PetitionLevel.DISTRICT,
    PetitionLevel.DISTRICT: PetitionLevel.PROVINCE,
}


async def escalate_petition(uow: TaskUnitOfWork, caller: Caller, task: Task, step: Step) -> None:
    """A petition beyond this level's competence goes one level up, with its history."""
    actor, now = caller.actor, caller.now
    level = task.petition_level
    if level is None or level not in NEXT_LEVEL:
        raise DomainError(ErrorCode.NOT_IN_COMPETENCE, "The province is the last level", "id")
    # The level above is the nearest ancestor committee of that level (the office may be the
    # committee itself or one of its offices); the target is that committee or one of its own
    # offices, never a lower-level committee (a sibling commune, another district).
    office = await uow.units.get(task.office_unit_id)
    ancestors = await uow.units.get_many(office.ancestor_ids()) if office else []
    upper_level = NEXT_LEVEL[level].value
    parent = max(
        (u for u in ancestors if u.level_code == upper_level), key=lambda u: u.depth, default=None
    )
    if parent is None:
        raise DomainError(ErrorCode.NOT_IN_COMPETENCE, "There is no level above", "id")
    target = parent
    if step.escalate_to_unit_id is not None:
        found = await uow.units.get(step.escalate_to_unit_id)
        committees = {p.value for p in PetitionLevel}
        if found is None or not (
            found.id == parent.id
            or (found.parent_id == parent.id and found.level_code not in committees)
        ):
            raise DomainError(ErrorCode.INVALID_INPUT, "Escalate to the level above", "toUnitId")
        target = found
    upper = Task(
        directive_id=task.directive_id,
        kind=TaskKind.VOTER_PETITION,
        content=task.content,
        office_unit_id=target.id,
        lead_unit_id=target.id,
        created_at=now,
        created_by=actor.account_id,
        priority=task.priority,
        petition_level=NEXT_LEVEL[level],
        hard_case=task.hard_case,
        search_text=task.search_text,
        escalated_from_id=task.id,
    )
    await uow.tasks.add(upper)
    uow.record(TaskChanged(upper.id))
    task.escalated_to_id = upper.id
    await uow.tasks.set_units(upper.id, [TaskUnit(upper.id, upper.lead_unit_id, UnitRole.LEAD)])
    await uow.tasks.add_event(
        TaskEvent(
            upper.id,
            "ESCALATED_IN",
            None,
            TaskState.CREATED,
            now,
            actor.account_id,
            actor.person_id,
            f"escalated from task {task.id}",
        )
    )
