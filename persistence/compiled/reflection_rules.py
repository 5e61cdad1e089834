"""The SQL side of the field reports' rule twins (domain/permissions/reflection_field_rules.py),
over a row with the columns of `reflections`.

Each function gives a boolean SQL expression, or False when the caller's rules decide it for
every report (the field is then a constant null: no SQL at all). The parties are read as
domain.permissions works them out: the commune's path, the agencies whose part is not
withdrawn (with their paths), the coordinating agency (with its path), the reporter's account.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_, exists, or_, select

from domain.permissions.reflection_field_rules import ReflectionFieldRules
from domain.reflections.model import AssignmentState
from persistence import reflection_tables as rt
from persistence import tables as t
from persistence.compiled import rules as paths
from persistence.compiled.objects import Build

Decided = ColumnElement[bool] | bool


def field_rules(build: Build) -> ReflectionFieldRules:
    """The caller's rules of one statement."""
    found = build.rules.reflections
    assert isinstance(found, ReflectionFieldRules)
    return found


def works_in_or_over(rules: ReflectionFieldRules, unit: FromClause) -> ColumnElement[bool] | None:
    """The unit row is the caller's own unit or under one of its agency roles (None: no
    unit is)."""
    options: list[ColumnElement[bool]] = []
    if rules.own_unit_id is not None:
        options.append(unit.c.id == rules.own_unit_id)
    if rules.agency_paths:
        options.append(paths.covered(rules.agency_paths, unit.c.path))
    return or_(*options) if options else None


def is_ioc(rules: ReflectionFieldRules, report: FromClause) -> Decided:
    """The twin of is_reflection_ioc: the commune lies under an IOC grant."""
    if not rules.ioc_paths:
        return False
    commune = t.org_units.alias()
    return exists(
        select(1)
        .where(commune.c.id == report.c.commune_unit_id)
        .where(paths.covered(rules.ioc_paths, commune.c.path))
    )


def is_agency(rules: ReflectionFieldRules, report: FromClause) -> Decided:
    """The twin of bool(reflection_agency_ids): a live part of a unit the caller works in
    or over."""
    part, unit = rt.reflection_assignments.alias(), t.org_units.alias()
    works = works_in_or_over(rules, unit)
    if works is None:
        return False
    return exists(
        select(1)
        .select_from(part.join(unit, unit.c.id == part.c.agency_unit_id))
        .where(part.c.reflection_id == report.c.id)
        .where(part.c.state != AssignmentState.WITHDRAWN.value)
        .where(works)
    )


def is_coordinator(rules: ReflectionFieldRules, report: FromClause) -> Decided:
    """The twin of is_reflection_coordinator."""
    unit = t.org_units.alias()
    works = works_in_or_over(rules, unit)
    if works is None:
        return False
    return exists(select(1).where(unit.c.id == report.c.coordinating_unit_id).where(works))


def is_reporter(rules: ReflectionFieldRules, report: FromClause) -> Decided:
    """The twin of is_reflection_reporter (no request on this path presents a tracking
    code)."""
    if rules.reporter_account_id is None:
        return False
    return and_(
        report.c.reporter_account_id.is_not(None),
        report.c.reporter_account_id == rules.reporter_account_id,
    )


def any_of(*decided: Decided) -> Decided:
    """True when one of them is."""
    if any(d is True for d in decided):
        return True
    found = [d for d in decided if not isinstance(d, bool)]
    return or_(*found) if found else False


def _internals(build: Build, report: FromClause) -> Decided:
    rules = field_rules(build)
    return any_of(is_ioc(rules, report), is_agency(rules, report), is_coordinator(rules, report))


def _reporter(build: Build, report: FromClause) -> Decided:
    rules = field_rules(build)
    agency = is_agency(rules, report)
    consented: Decided = False
    if not isinstance(agency, bool):
        consented = and_(_true(report.c.consent_contact), agency)
    return any_of(is_ioc(rules, report), is_reporter(rules, report), consented)


def _own_or_internals(build: Build, report: FromClause) -> Decided:
    return any_of(_internals(build, report), is_reporter(field_rules(build), report))


FLAGS: dict[str, Callable[[Build, FromClause], Decided]] = {
    "sees_internals_": _internals,
    "sees_reporter_": _reporter,
    "sees_own_or_internals_": _own_or_internals,
}
"""The rules a report row may carry as columns of its query (decided once per report)."""


def flag_columns(
    build: Build, report: FromClause, names: Iterable[str]
) -> list[ColumnElement[Any]]:
    """The rules of FLAGS named that are not the same for every report, as labelled
    columns to add to the query of `report`'s rows; the fields of those rows read them."""
    found: list[ColumnElement[Any]] = []
    for name in sorted(set(names)):
        decided = FLAGS[name](build, report)
        if not isinstance(decided, bool):
            found.append(decided.label(name))
    return found


def _flag(name: str) -> Callable[[Build, FromClause], Decided]:
    rule = FLAGS[name]

    def decided(build: Build, report: FromClause) -> Decided:
        if name in report.c:
            flag: ColumnElement[bool] = report.c[name]
            return flag
        return rule(build, report)

    return decided


sees_internals = _flag("sees_internals_")
"""The twin of can_view_reflection_internals."""
sees_reporter = _flag("sees_reporter_")
"""The twin of can_view_reporter_contact."""
sees_own_or_internals = _flag("sees_own_or_internals_")
"""The twin of the rule of questions, flags and the whole timeline: internals or the
reporter."""


def _true(column: ColumnElement[Any]) -> ColumnElement[bool]:
    return column == True  # noqa: E712  (a boolean column compared the same way on both)
