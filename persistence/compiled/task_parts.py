"""Parts of a task on the compiled read path: trackers, assignees, timeline events, progress
reports, the response and who took each step (TaskActor), with the field rules of notes and
unapproved drafts as SQL twins (persistence/compiled/task_rules.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    String,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
)

from domain.permissions.read_rules import ReadRules
from domain.selection import NotCompiled, Pick
from domain.tasks.policies import INTERNAL_ACTIONS
from persistence import tables as t
from persistence.compiled import task_rules
from persistence.compiled.directory import person_spec, unit_spec
from persistence.compiled.objects import (
    Build,
    Builder,
    ObjectSpec,
    formatted,
    global_id,
    guarded,
    json_of,
    no_args,
    one,
    plain,
)


def _rules(build: Build) -> Any:
    found = build.rules
    assert isinstance(found, ReadRules)
    return found.tasks


def actor(account: str, person: str | None = None) -> Builder:
    """TaskActor of the account (and person) ids in the row's columns; null when neither."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        account_id = row.c[account]
        person_id = row.c[person] if person is not None else None
        pairs: list[tuple[str, ColumnElement[Any]]] = []
        for inner in pick.picks:
            if inner.name == "__typename":
                value: ColumnElement[Any] = literal("TaskActor", String)
            elif inner.name == "account":
                no_args(inner)
                value = case(
                    (account_id.is_(None), null()),
                    else_=build.json.global_id("Account", account_id),
                )
            elif inner.name == "person":
                no_args(inner)
                owner = _of_account("person_id", account_id)
                value = _row_json(
                    build,
                    person_spec(),
                    t.persons,
                    owner if person_id is None else func.coalesce(person_id, owner),
                    inner,
                )
            elif inner.name == "unit":
                no_args(inner)
                unit_id = _of_account("unit_id", account_id)
                value = _row_json(build, unit_spec(), t.org_units, unit_id, inner)
            else:
                raise NotCompiled(f"TaskActor.{inner.name}")
            pairs.append((inner.key, value))
        made = build.json.obj(pairs)
        nobody: ColumnElement[bool] = account_id.is_(None)
        if person_id is not None:
            nobody = and_(nobody, person_id.is_(None))
        return build.json.nested(case((nobody, null()), else_=made))

    return built


def _of_account(column: str, account_id: ColumnElement[Any]) -> ColumnElement[Any]:
    account = t.accounts.alias()
    found = select(account.c[column]).where(account.c.id == account_id)
    # the account's id is a column of a row two selects up: correlated by hand
    return found.correlate_except(account).scalar_subquery()


def _row_json(
    build: Build, spec: ObjectSpec, table: FromClause, key: ColumnElement[Any], pick: Pick
) -> ColumnElement[Any]:
    row = table.alias()
    query = select(json_of(build, spec, row, pick.picks)).where(row.c.id == key).limit(1)
    return build.json.nested(query.scalar_subquery())


def _person(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    """The person of a tracker or an assignee (no row rule: the field path has none here)."""
    return one(person_spec, lambda: t.persons, lambda r, p: p.c.id == r.c.person_id)(
        build, row, pick
    )


TRACKER = ObjectSpec("TaskTracker", {"role": plain("role"), "person": _person})
ASSIGNEE = ObjectSpec("TaskAssignee", {"role": plain("role"), "person": _person})


def _note(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    """A timeline note: the lead unit's internal notes only for those who see drafts."""
    rules = _rules(build)

    def shown(build: Build, event: FromClause) -> ColumnElement[bool]:
        drafts = task_rules.on_task(event.c.task_id, lambda c: task_rules.sees_drafts(rules, c))
        return or_(event.c.action.not_in(sorted(INTERNAL_ACTIONS)), drafts)

    def value(build: Build, event: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        return func.nullif(event.c.note, "")

    return guarded(shown, value)(build, row, pick)


EVENT = ObjectSpec(
    "TaskEvent",
    {
        "action": plain("action"),
        "fromState": plain("from_state"),
        "toState": plain("to_state"),
        "at": formatted("at", "datetime"),
        "actor": actor("actor_account_id", "actor_person_id"),
        "note": _note,
    },
)

PROGRESS = ObjectSpec(
    "ProgressUpdate",
    {
        "id": global_id("ProgressUpdate"),
        "content": plain("content"),
        "at": formatted("at", "datetime"),
        "delayReason": plain("delay_reason"),
        "proposals": plain("proposals"),
        "extensionUntil": formatted("extension_until", "datetime"),
        "extensionDecision": plain("extension_decision"),
        "decidedAt": formatted("decided_at", "datetime"),
        "author": actor("author_account_id"),
    },
)


def _content(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    """The result's content: once approved every reader of the task, before draft readers."""
    rules = _rules(build)

    def shown(build: Build, response: FromClause) -> ColumnElement[bool]:
        def rule(task: Any) -> ColumnElement[bool]:
            readers = task_rules.draft_readers(rules, task)
            approved = response.c.approved_at.is_not(None)
            return and_(task_rules.sees_task(rules, task), or_(approved, readers))

        return task_rules.on_task(response.c.task_id, rule)

    return guarded(shown, plain("content"))(build, row, pick)


RESPONSE = ObjectSpec(
    "TaskResponse",
    {
        "content": _content,
        "draftedAt": formatted("drafted_at", "datetime"),
        "draftedBy": actor("drafted_by"),
        "approvedAt": formatted("approved_at", "datetime"),
        "approvedBy": actor("approved_by"),
        "replyNumber": plain("reply_number"),
        "replyDate": formatted("reply_date", "date"),
        "recordedAt": formatted("recorded_at", "datetime"),
        "recordedLate": formatted("recorded_late", "boolean"),
    },
)
