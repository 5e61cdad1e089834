"""The field report on the compiled read path: Reflection (its parts are in
persistence/compiled/reflection_parts.py).

Restricted fields are null (a list too) where the SQL twin of their rule says no
(persistence/compiled/reflection_rules.py); the timeline keeps its public steps only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    and_,
    case,
    func,
    null,
    or_,
    select,
    true,
)

from domain.selection import Pick
from persistence import reflection_tables as rt
from persistence.compiled import reflection_rules as rules
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
from persistence.compiled.reflection_parts import (
    CATEGORY,
    EVENT,
    QUESTION,
    advised,
    media,
    part_spec,
    unit_by,
)

Rule = Callable[[Build, FromClause], rules.Decided]


def _guarded_json(rule: Rule, inner: Builder) -> Builder:
    """A restricted object or list: null where the rule says no."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        allowed = rule(build, row)
        if allowed is False:
            no_args(pick)
            return null()
        value = inner(build, row, pick)
        if allowed is True:
            return value
        return case((allowed, value), else_=null())  # (SQLite keeps the JSON subtype)

    return built


def _list(
    spec: Callable[[], ObjectSpec],
    target: Callable[[], FromClause],
    where: Callable[[Build, FromClause, FromClause], Any],
    order_by: Callable[[FromClause], tuple[Any, ...]],
) -> Builder:
    """The rows of `target` that `where` joins to this row, in order."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        other = target().alias()
        query: Select[Any] = select(other).where(where(build, row, other)).correlate(row)
        return build.json.array(query, json_of(build, spec(), other, pick.picks), order_by(other))

    return built


def _timeline(build: Build, report: FromClause, pick: Pick) -> ColumnElement[Any]:
    """The report's steps: all of them for staff and the reporter, else the public ones;
    notes to whoever sees the report's internals."""
    no_args(pick)
    event = rt.reflection_events.alias()
    where: list[Any] = [event.c.reflection_id == report.c.id]
    whole = rules.sees_own_or_internals(build, report)
    public = event.c.public == true()
    if whole is False:
        where.append(public)
    elif whole is not True:
        where.append(or_(public, whole))
    spec = ObjectSpec(EVENT.type_name, {**EVENT.fields, "note": _note(build, report)})
    query = select(event).where(*where).correlate(report)
    value = json_of(build, spec, event, pick.picks)
    return build.json.array(query, value, (event.c.at, event.c.id))


def _note(build: Build, report: FromClause) -> Builder:
    """A step's note, by the rule of its report's internals."""
    internals = rules.sees_internals(build, report)

    def built(build: Build, event: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        if internals is False:
            return null()
        note = func.nullif(event.c.note, "")
        return note if internals is True else case((internals, note), else_=null())

    return built


def _overdue(build: Build, report: FromClause, pick: Pick) -> ColumnElement[Any]:
    """The running step is past due at the request's instant (a parameter of each run)."""
    no_args(pick)
    due = report.c.step_due
    return build.json.boolean(and_(due.is_not(None), due < build.now))


def _internal(builder: Builder) -> Builder:
    return guarded(rules.sees_internals, builder)


def _own(builder: Builder) -> Builder:
    return guarded(rules.sees_own_or_internals, builder)


def reflection_spec() -> ObjectSpec:
    """Reflection (over a row whose query may carry the rules' flags: flagged())."""
    return REFLECTION


NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("reporterName", "reporterPhone", "reporterEmail"), ("sees_reporter_",)),
    **dict.fromkeys(
        (
            "reporterKind",
            "isPublic",
            "sensitive",
            "coordinatingUnit",
            "advisedAgencies",
            "cancelReason",
            "agencies",
        ),
        ("sees_internals_",),
    ),
    **dict.fromkeys(
        ("consentContact", "secrecyRequested", "questions"), ("sees_own_or_internals_",)
    ),
    "timeline": ("sees_own_or_internals_", "sees_internals_"),
}
"""The rules (reflection_rules.FLAGS) each restricted field of a report reads."""


def flagged(build: Build, report: FromClause, picks: Iterable[Pick]) -> list[Any]:
    """Every column of `report` and the rules its picked fields read, decided once per
    report."""
    names = [name for pick in picks for name in NEEDS.get(pick.name, ())]
    return [report, *rules.flag_columns(build, report, names)]


def report_of(column: str) -> Builder:
    """The report whose id is in `column` of this row, its rules decided once."""

    def built(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
        no_args(pick)
        table = rt.reflections.alias()
        columns = flagged(build, table, pick.picks)
        report = select(*columns).subquery() if len(columns) > 1 else table
        query = select(json_of(build, REFLECTION, report, pick.picks))
        query = query.where(report.c.id == row.c[column]).correlate(row)
        return build.json.nested(query.limit(1).scalar_subquery())

    return built


def _of_report(column: str) -> Callable[[Build, FromClause, FromClause], Any]:
    return lambda build, report, other: other.c[column] == report.c.id


REFLECTION = ObjectSpec(
    "Reflection",
    {
        "id": global_id("Reflection"),
        **{
            name: plain(column)
            for name, column in (
                ("channel", "channel"),
                ("content", "content"),
                ("address", "address"),
                ("priority", "priority"),
                ("state", "state"),
                ("rating", "rating"),
                ("version", "version"),
                ("result", "result"),
                ("step", "step"),
            )
        },
        **{
            name: formatted(column, "datetime")
            for name, column in (
                ("occurredAt", "occurred_at"),
                ("submittedAt", "submitted_at"),
                ("publishedAt", "published_at"),
                ("stepDue", "step_due"),
            )
        },
        "latitude": formatted("latitude", "double"),
        "longitude": formatted("longitude", "double"),
        "media": media,
        "commune": unit_by("commune_unit_id"),
        "category": one(
            lambda: CATEGORY,
            lambda: rt.reflection_categories,
            lambda row, category: category.c.id == row.c.category_id,
        ),
        "overdue": _overdue,
        "timeline": _timeline,
        **{
            name: guarded(rules.sees_reporter, plain(column))
            for name, column in (
                ("reporterName", "reporter_name"),
                ("reporterPhone", "reporter_phone"),
                ("reporterEmail", "reporter_email"),
            )
        },
        "reporterKind": _internal(plain("reporter_kind")),
        "consentContact": _own(formatted("consent_contact", "boolean")),
        "secrecyRequested": _own(formatted("secrecy_requested", "boolean")),
        "isPublic": _internal(formatted("is_public", "boolean")),
        "sensitive": _internal(formatted("sensitive", "boolean")),
        "coordinatingUnit": _guarded_json(rules.sees_internals, unit_by("coordinating_unit_id")),
        "advisedAgencies": _guarded_json(rules.sees_internals, advised),
        "cancelReason": _internal(plain("cancel_reason")),
        "agencies": _guarded_json(
            rules.sees_internals,
            _list(
                part_spec,
                lambda: rt.reflection_assignments,
                _of_report("reflection_id"),
                lambda part: (part.c.id,),
            ),
        ),
        "questions": _guarded_json(
            rules.sees_own_or_internals,
            _list(
                lambda: QUESTION,
                lambda: rt.reflection_questions,
                _of_report("reflection_id"),
                lambda question: (question.c.id,),
            ),
        ),
    },
)
