"""More of a task on the compiled read path: the lower levels' timelines a petition carries
(escalationHistory), a periodic task's occurrences, and a directive's attachments."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)

from domain.permissions.read_rules import ReadRules
from domain.selection import NotCompiled, Pick
from domain.tasks.model import StatusClass
from domain.tasks.periods import OccurrenceState
from persistence import portal_tables as pt
from persistence import task_tables as tt
from persistence.compiled import task_rules
from persistence.compiled.objects import (
    Build,
    Builder,
    ObjectSpec,
    formatted,
    global_id,
    guarded,
    json_of,
    many,
    no_args,
    plain,
)
from persistence.compiled.task_parts import EVENT, actor

LOWER_LEVELS = 5
"""How many levels down escalationHistory follows (resolvers/tasks/portal.py)."""


def _chain(row: FromClause) -> list[ColumnElement[Any]]:
    """The ids of the tasks a petition was escalated from, the nearest first (null past
    the last)."""
    found: list[ColumnElement[Any]] = [row.c.escalated_from_id]
    for _ in range(LOWER_LEVELS - 1):
        lower = tt.tasks.alias()
        step = select(lower.c.escalated_from_id).where(lower.c.id == found[-1])
        found.append(step.correlate_except(lower).scalar_subquery())
    return found


def _oldest_first(row: FromClause, event: FromClause) -> tuple[Any, ...]:
    chain = _chain(row)
    level = case(
        *(
            (event.c.task_id == id_, literal(len(chain) - n, Integer))
            for n, id_ in enumerate(chain)
        ),
        else_=literal(0, Integer),
    )
    return (level, event.c.at, event.c.id)


def history(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    """Task.escalationHistory: the lower levels' timelines, the oldest level first."""
    no_args(pick)
    event = tt.task_events.alias()
    query = select(event).where(event.c.task_id.in_(_chain(row))).correlate(row)
    return build.json.array(
        query, json_of(build, EVENT, event, pick.picks), _oldest_first(row, event)
    )


def _rules(build: Build) -> Any:
    found = build.rules
    assert isinstance(found, ReadRules)
    return found.tasks


def _status_class(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    """TaskOccurrence.status_class at the request's instant (domain.tasks.model.classify)."""
    no_args(pick)
    c = row.c
    return case(
        (
            c.done_at.is_not(None),
            case(
                (c.done_at <= c.due, literal(StatusClass.DONE_ON_TIME.value, String)),
                else_=literal(StatusClass.DONE_LATE.value, String),
            ),
        ),
        (build.now > c.due, literal(StatusClass.OPEN_OVERDUE.value, String)),
        else_=literal(StatusClass.OPEN_WITHIN_DEADLINE.value, String),
    )


def _report(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    """A period's report: once done every reader of the task, before draft readers."""
    rules = _rules(build)

    def shown(build: Build, occurrence: FromClause) -> ColumnElement[bool]:
        def rule(task: Any) -> ColumnElement[bool]:
            done = occurrence.c.state == OccurrenceState.DONE.value
            readers = task_rules.draft_readers(rules, task)
            return and_(task_rules.sees_task(rules, task), or_(done, readers))

        return task_rules.on_task(occurrence.c.task_id, rule)

    return guarded(shown, plain("report"))(build, row, pick)


OCCURRENCE = ObjectSpec(
    "TaskOccurrence",
    {
        "id": global_id("TaskOccurrence"),
        "seq": plain("seq"),
        "periodStart": formatted("period_start", "date"),
        "periodEnd": formatted("period_end", "date"),
        "due": formatted("due", "datetime"),
        "state": plain("state"),
        "statusClass": _status_class,
        "progressPercent": plain("progress_percent"),
        "report": _report,
        "reportedAt": formatted("reported_at", "datetime"),
        "reportedBy": actor("reported_by"),
        "doneAt": formatted("done_at", "datetime"),
        "version": plain("version"),
    },
)

OCCURRENCES: Builder = many(
    lambda: OCCURRENCE,
    lambda: pt.task_occurrences,
    lambda row, occurrence: occurrence.c.task_id == row.c.id,
    lambda occurrence: (occurrence.c.seq,),
)


def attachments(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    """Directive.attachments: the items of the JSON list kept with the directive."""
    no_args(pick)
    source = row.c.attachments
    if build.json.postgres:
        elements = func.json_array_elements(build.json.parse(source))
        items = elements.table_valued("value", with_ordinality="n").render_derived()

        def text(key: str) -> ColumnElement[Any]:
            return items.c.value.op("->>")(key)

        size: ColumnElement[Any] = cast(text("sizeBytes"), Integer)
        order: Any = items.c.n
    else:
        items = func.json_each(source).table_valued("key", "value")

        def text(key: str) -> ColumnElement[Any]:
            return func.json_extract(items.c.value, f"$.{key}")

        size = text("sizeBytes")
        order = items.c.key
    pairs: list[tuple[str, ColumnElement[Any]]] = []
    for inner in pick.picks:
        no_args(inner)
        if inner.name == "__typename":
            value: ColumnElement[Any] = literal("Attachment", String)
        elif inner.name in ("name", "url", "mimeType"):
            value = text(inner.name)
        elif inner.name == "sizeBytes":
            value = size
        else:
            raise NotCompiled(f"Attachment.{inner.name}")
        pairs.append((inner.key, value))
    query = select(items).correlate(row)
    return build.json.array(query, build.json.obj(pairs), [order])
