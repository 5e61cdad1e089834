"""The task chain's types on the compiled read path: Task and Directive.

A task's status class depends on the request's instant (`Build.now`, a parameter set on
each run); the steps a caller may take are the transition table read against the caller's
sides, as SQL twins of domain.tasks.policies.sides.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    String,
    Text,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
)

from domain.permissions.read_rules import ReadRules
from domain.selection import Pick
from domain.tasks.model import PetitionLevel, StatusClass, TaskKind, TaskState, UnitRole
from domain.tasks.workflow import TRANSITIONS, WHO, Action, Actor
from persistence import tables as t
from persistence import task_tables as tt
from persistence.compiled import task_rules
from persistence.compiled.directory import unit_spec
from persistence.compiled.objects import (
    Build,
    ObjectSpec,
    formatted,
    global_id,
    many,
    no_args,
    one,
    plain,
)
from persistence.compiled.task_history import OCCURRENCES, attachments, history
from persistence.compiled.task_parts import ASSIGNEE, EVENT, PROGRESS, RESPONSE, TRACKER


def task_spec() -> ObjectSpec:
    """Task (a row the caller may see: the row rule is applied where tasks are read)."""
    return TASK


def directive_spec() -> ObjectSpec:
    """Directive."""
    return DIRECTIVE


def _rules(build: Build) -> Any:
    found = build.rules
    assert isinstance(found, ReadRules)
    return found.tasks


def _status_class(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    """The twin of Task.status_class at the request's instant."""
    no_args(pick)
    c = row.c
    return case(
        (c.state.in_([TaskState.CANCELLED.value, TaskState.ESCALATED.value]), null()),
        (c.deadline.is_(None), literal(StatusClass.NO_DEADLINE.value, String)),
        (
            and_(c.state == TaskState.COMPLETED.value, c.completed_at.is_not(None)),
            case(
                (c.completed_at <= c.deadline, literal(StatusClass.DONE_ON_TIME.value, String)),
                else_=literal(StatusClass.DONE_LATE.value, String),
            ),
        ),
        (build.now > c.deadline, literal(StatusClass.OPEN_OVERDUE.value, String)),
        else_=literal(StatusClass.OPEN_WITHIN_DEADLINE.value, String),
    )


def _actions(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    """The steps the caller may take now, in the transition table's order (the twin of
    policies.available_actions): a JSON array of names built as text."""
    no_args(pick)
    rules, c = _rules(build), row.c
    side = {
        Actor.OFFICE: task_rules.office_side(rules, c),
        Actor.UNIT_LEADER: task_rules.leader_side(rules, c),
        Actor.SPECIALIST: task_rules.specialist_side(rules, c),
    }
    escalable = and_(
        c.kind == TaskKind.VOTER_PETITION.value,
        c.petition_level.in_([PetitionLevel.COMMUNE.value, PetitionLevel.DISTRICT.value]),
    )
    by_state: dict[TaskState, list[ColumnElement[Any]]] = {}
    for state, action in TRANSITIONS:
        allowed = or_(*(side[a] for a in sorted(WHO[action])))
        if action is Action.ESCALATE:
            allowed = and_(allowed, escalable)
        item = case((allowed, literal(f'"{action.value}",', Text)), else_=literal("", Text))
        by_state.setdefault(state, []).append(item)
    listed = case(
        *((c.state == state.value, _concat(items)) for state, items in by_state.items()),
        else_=literal("", Text),
    )
    text = literal("[", Text) + func.rtrim(listed, ",") + literal("]", Text)
    shown = case((task_rules.sees_task(rules, c), text), else_=literal("[]", Text))
    return build.json.parse(shown)


def _concat(items: list[ColumnElement[Any]]) -> ColumnElement[Any]:
    made = items[0]
    for item in items[1:]:
        made = made + item
    return made


def _coordinating() -> FromClause:
    """The coordinating units of every task, with the link's task id and order."""
    link, unit = tt.task_units, t.org_units
    return (
        select(unit, link.c.task_id.label("link_task_id"), link.c.id.label("link_id"))
        .join_from(link, unit, unit.c.id == link.c.unit_id)
        .where(link.c.role == UnitRole.COORDINATING.value)
        .subquery()
    )


def _visible(build: Build, task: FromClause) -> ColumnElement[bool]:
    return task_rules.sees_task(_rules(build), task.c)


def _unit_of(column: str) -> Any:
    return one(unit_spec, lambda: t.org_units, lambda row, unit: unit.c.id == row.c[column])


def _escalation(column: str) -> Any:
    return one(task_spec, lambda: tt.tasks, lambda r, o: o.c.id == r.c[column], where=_visible)


TASK = ObjectSpec(
    "Task",
    {
        "id": global_id("Task"),
        **{
            name: plain(column)
            for name, column in (
                ("kind", "kind"),
                ("content", "content"),
                ("state", "state"),
                ("priority", "priority"),
                ("period", "period"),
                ("petitionLevel", "petition_level"),
                ("version", "version"),
            )
        },
        **{
            name: formatted(column, "datetime")
            for name, column in (
                ("deadline", "deadline"),
                ("createdAt", "created_at"),
                ("sentAt", "sent_at"),
                ("entryDue", "entry_due"),
                ("completedAt", "completed_at"),
            )
        },
        "entryLate": formatted("entry_late", "boolean"),
        "hardCase": formatted("hard_case", "boolean"),
        "statusClass": _status_class,
        "directive": one(
            directive_spec, lambda: tt.directives, lambda row, d: d.c.id == row.c.directive_id
        ),
        "officeUnit": _unit_of("office_unit_id"),
        "leadUnit": _unit_of("lead_unit_id"),
        "coordinatingUnits": many(
            unit_spec,
            _coordinating,
            lambda row, unit: unit.c.link_task_id == row.c.id,
            lambda unit: (unit.c.link_id,),
        ),
        "trackers": many(
            lambda: TRACKER,
            lambda: tt.task_trackers,
            lambda row, tracker: tracker.c.task_id == row.c.id,
            lambda tracker: (tracker.c.id,),
        ),
        "assignees": many(
            lambda: ASSIGNEE,
            lambda: tt.task_assignees,
            lambda row, assignee: assignee.c.task_id == row.c.id,
            lambda assignee: (assignee.c.id,),
        ),
        "timeline": many(
            lambda: EVENT,
            lambda: tt.task_events,
            lambda row, event: event.c.task_id == row.c.id,
            lambda event: (event.c.at, event.c.id),
        ),
        "progressUpdates": many(
            lambda: PROGRESS,
            lambda: tt.task_progress,
            lambda row, update: update.c.task_id == row.c.id,
            lambda update: (update.c.at, update.c.id),
        ),
        "response": one(
            lambda: RESPONSE, lambda: tt.task_responses, lambda r, o: o.c.task_id == r.c.id
        ),
        "escalatedFrom": _escalation("escalated_from_id"),
        "escalatedTo": _escalation("escalated_to_id"),
        "escalationHistory": history,
        "occurrences": OCCURRENCES,
        "availableActions": _actions,
    },
)

DIRECTIVE = ObjectSpec(
    "Directive",
    {
        "id": global_id("Directive"),
        "docType": plain("doc_type"),
        "numberSymbol": plain("number_symbol"),
        "issuedOn": formatted("issued_on", "date"),
        "issuer": plain("issuer"),
        "summary": plain("summary"),
        "receivedAt": formatted("received_at", "datetime"),
        "createdAt": formatted("created_at", "datetime"),
        "version": plain("version"),
        "officeUnit": _unit_of("office_unit_id"),
        "attachments": attachments,
    },
)
