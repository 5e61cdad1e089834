"""The parts of a field report on the compiled read path: ReflectionAgencyPart,
ReflectionEvent (its note is decided by its report: persistence/compiled/reflections.py),
ReflectionQuestion, ReflectionCategory, ReflectionMedia and the advised agencies, the last
two read from JSON arrays stored on the report."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    String,
    Text,
    cast,
    column,
    func,
    literal,
    select,
)
from sqlalchemy.dialects.postgresql import JSON as PG_JSON

from domain.selection import NotCompiled, Pick
from persistence import tables as t
from persistence.compiled.directory import unit_spec
from persistence.compiled.objects import (
    Build,
    Builder,
    ObjectSpec,
    formatted,
    global_id,
    json_of,
    no_args,
    one,
    plain,
)


def unit_by(column: str) -> Builder:
    """An org unit by the id in `column` (null when none)."""
    return one(unit_spec, lambda: t.org_units, lambda row, unit: unit.c.id == row.c[column])


def _blank_is_null(column: str) -> Builder:
    """A text where the empty text stands for none."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        return func.nullif(row.c[column], "")

    return built


def _elements(build: Build, text: ColumnElement[Any], *, as_text: bool) -> FromClause:
    """The items of a stored JSON array, with their position (`value`, `position`)."""
    stored = func.nullif(text, "")
    if build.json.postgres:
        name = "json_array_elements_text" if as_text else "json_array_elements"
        items: Any = getattr(func, name)(cast(stored, PG_JSON))
        value = column("value", Text if as_text else PG_JSON)
        found: FromClause = items.table_valued(value, with_ordinality="position").render_derived()
        return found
    each = func.json_each(stored).table_valued("value", "key").alias()
    return select(each.c.value, each.c.key.label("position")).subquery()


def media(build: Build, report: FromClause, pick: Pick) -> ColumnElement[Any]:
    """The photos and videos kept as JSON text on the report, in order."""
    no_args(pick)
    items = _elements(build, report.c.media, as_text=False)
    pairs: list[tuple[str, ColumnElement[Any]]] = []
    for inner in pick.picks:
        no_args(inner)
        if inner.name == "__typename":
            pairs.append((inner.key, literal("ReflectionMedia", String)))
            continue
        if inner.name not in MEDIA_KEYS:
            raise NotCompiled(f"ReflectionMedia.{inner.name}")
        pairs.append((inner.key, _item(build, items.c.value, inner.name)))
    query = select(items).correlate(report)
    return build.json.array(query, build.json.obj(pairs), [items.c.position])


MEDIA_KEYS = ("kind", "url", "mimeType", "sizeBytes", "name")


def _item(build: Build, value: ColumnElement[Any], key: str) -> ColumnElement[Any]:
    """One key of a stored item: a number as JSON, a text as text."""
    if build.json.postgres:
        return value.op("->")(key) if key == "sizeBytes" else value.op("->>")(key)
    return func.json_extract(value, f"$.{key}")


def advised(build: Build, report: FromClause, pick: Pick) -> ColumnElement[Any]:
    """The agencies the coordinating agency named, in the order named."""
    no_args(pick)
    items = _elements(build, report.c.advised_agency_ids, as_text=True)
    unit = t.org_units.alias()
    query = (
        select(unit)
        .select_from(items.join(unit, unit.c.id == cast(items.c.value, Integer)))
        .correlate(report)
    )
    return build.json.array(
        query, json_of(build, unit_spec(), unit, pick.picks), [items.c.position]
    )


def part_spec() -> ObjectSpec:
    """ReflectionAgencyPart."""
    return PART


CATEGORY = ObjectSpec(
    "ReflectionCategory",
    {
        "id": global_id("ReflectionCategory"),
        "code": plain("code"),
        "name": plain("name"),
        "urgent": formatted("urgent", "boolean"),
        "sensitive": formatted("sensitive", "boolean"),
    },
)

EVENT = ObjectSpec(
    "ReflectionEvent",
    {
        "action": plain("action"),
        "fromState": plain("from_state"),
        "toState": plain("to_state"),
        "at": formatted("at", "datetime"),
        "agency": unit_by("agency_unit_id"),
        "step": plain("step"),
        "dueAt": formatted("due_at", "datetime"),
        "breached": formatted("breached", "boolean"),
    },
)

QUESTION = ObjectSpec(
    "ReflectionQuestion",
    {
        "id": global_id("ReflectionQuestion"),
        "question": plain("question"),
        "askedAt": formatted("asked_at", "datetime"),
        "answerDue": formatted("answer_due", "datetime"),
        "answer": plain("answer"),
        "answeredAt": formatted("answered_at", "datetime"),
        "answeredBy": unit_by("answered_by_unit_id"),
    },
)

PART = ObjectSpec(
    "ReflectionAgencyPart",
    {
        "agency": unit_by("agency_unit_id"),
        "state": plain("state"),
        "assignedAt": formatted("assigned_at", "datetime"),
        "step": plain("step"),
        "dueAt": formatted("due_at", "datetime"),
        "acceptedAt": formatted("accepted_at", "datetime"),
        "handleDue": formatted("handle_due", "datetime"),
        "returnDue": formatted("return_due", "datetime"),
        "result": plain("result"),
        "resultAt": formatted("result_at", "datetime"),
        "approvedAt": formatted("approved_at", "datetime"),
        "suggestedUnit": unit_by("suggested_unit_id"),
        "note": _blank_is_null("note"),
    },
)
