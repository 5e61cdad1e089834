"""The SQL side of the task chain's rule twins (domain/tasks/field_rules.py): the same
decisions, per task row, inside the compiled statement."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select

from domain.tasks.field_rules import TaskFieldRules
from persistence import task_tables as tt
from persistence.compiled.rules import covered
from persistence.tables import org_units
from persistence.task_reading import scope_predicate


def unit_path(unit_id: Any) -> ColumnElement[Any]:
    """The path of the unit with this id."""
    unit = org_units.alias()
    found = select(unit.c.path).where(unit.c.id == unit_id)
    return found.correlate_except(unit).scalar_subquery()


def names_person(table: Any, task: Any, person_id: int) -> ColumnElement[bool]:
    """The person is one of the task's trackers (or assignees)."""
    row = table.alias()
    found = select(1).where(row.c.task_id == task.id, row.c.person_id == person_id)
    return exists(found.correlate_except(row))


def on_task(task_id: Any, rule: Any) -> ColumnElement[bool]:
    """`rule` (over a task's columns) holds for the task with this id."""
    task = tt.tasks.alias()
    return exists(select(1).where(task.c.id == task_id, rule(task.c)))


def sees_task(rules: TaskFieldRules, task: Any) -> ColumnElement[bool]:
    """The twin of sees_task: the row rule on the task's columns `task`."""
    made: ColumnElement[bool] = scope_predicate(rules.scope, task)
    return made


def office_side(rules: TaskFieldRules, task: Any) -> ColumnElement[bool]:
    """The office's side, without the row rule."""
    return covered(rules.office_paths, unit_path(task.office_unit_id))


def leader_side(rules: TaskFieldRules, task: Any) -> ColumnElement[bool]:
    """The lead unit's leader's side (its unit account, LEADER grants), without the row rule."""
    options = [covered(rules.leader_paths, unit_path(task.lead_unit_id))]
    if rules.unit_account_of is not None:
        options.append(task.lead_unit_id == rules.unit_account_of)
    return or_(*options)


def specialist_side(rules: TaskFieldRules, task: Any) -> ColumnElement[bool]:
    """An assigned specialist's side, without the row rule."""
    if rules.person_id is None:
        return false()
    return names_person(tt.task_assignees, task, rules.person_id)


def draft_readers(rules: TaskFieldRules, task: Any) -> ColumnElement[bool]:
    """The readers of drafts besides the row rule: trackers, assignees, the lead unit's
    leader and its unit account."""
    options = [leader_side(rules, task)]
    if rules.person_id is not None:
        options += [
            names_person(tt.task_trackers, task, rules.person_id),
            names_person(tt.task_assignees, task, rules.person_id),
        ]
    return or_(*options)


def sees_drafts(rules: TaskFieldRules, task: Any) -> ColumnElement[bool]:
    """The twin of sees_drafts: internal notes and unapproved drafts."""
    return and_(sees_task(rules, task), draft_readers(rules, task))
