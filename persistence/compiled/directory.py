"""The directory's types on the compiled read path: OrgUnit, OrgLevel, Leader, Person."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, FromClause, Text, and_, case, cast, func, null, or_, select

from domain.org.model import UnitStatus
from domain.permissions.field_rules import DirectoryFieldRules
from domain.selection import Pick
from persistence import tables as t
from persistence.compiled import rules
from persistence.compiled.objects import (
    Build,
    ObjectSpec,
    formatted,
    global_id,
    guarded,
    many,
    no_args,
    one,
    plain,
)


def _rules(build: Build) -> DirectoryFieldRules:
    found = build.rules.directory
    assert isinstance(found, DirectoryFieldRules)
    return found


def _unit_path_of(person: FromClause) -> ColumnElement[Any]:
    unit = t.org_units.alias()
    return select(unit.c.path).where(unit.c.id == person.c.unit_id).scalar_subquery()


def _sees_person(build: Build, person: FromClause) -> ColumnElement[bool] | bool:
    found = _rules(build)
    if not found.work_contact:
        return False
    if found.person_scope is None:
        return True
    return rules.covered(found.person_scope, _unit_path_of(person))


def _sees_private(build: Build, person: FromClause) -> ColumnElement[bool] | bool:
    found = _rules(build)
    path = _unit_path_of(person)
    options: list[ColumnElement[bool]] = [
        and_(person.c.unit_id.is_not(None), rules.covered(found.editor_paths, path))
    ]
    if found.self_person_id is not None:
        options.append(person.c.id == found.self_person_id)
    if found.province_admin:
        options.append(person.c.unit_id.is_(None))
    return or_(*options)


def _birthday(build: Build, person: FromClause, pick: Pick) -> ColumnElement[Any]:
    no_args(pick)
    if not _rules(build).birthday:
        return null()
    born = person.c.date_of_birth
    if build.json.postgres:
        return func.to_char(born, "DD/MM")
    return case((born.is_(None), None), else_=func.strftime("%d/%m", born))


def _private(column: str) -> Any:
    return guarded(_sees_private, plain(column))


def unit_spec() -> ObjectSpec:
    """OrgUnit."""
    return UNIT


def level_spec() -> ObjectSpec:
    """OrgLevel."""
    return LEVEL


def leader_spec() -> ObjectSpec:
    """Leader."""
    return LEADER


def person_spec() -> ObjectSpec:
    """Person (a row the caller may see: the row rule is applied where persons are joined)."""
    return PERSON


def _units() -> FromClause:
    return t.org_units


def _levels() -> FromClause:
    return t.org_levels


LEVEL = ObjectSpec(
    "OrgLevel",
    {name: plain(name) for name in ("code", "name", "rank", "description")},
)

UNIT = ObjectSpec(
    "OrgUnit",
    {
        "id": global_id("OrgUnit"),
        **{
            name: plain(column)
            for name, column in (
                ("code", "code"),
                ("name", "name"),
                ("shortName", "short_name"),
                ("levelCode", "level_code"),
                ("kind", "kind"),
                ("status", "status"),
                ("depth", "depth"),
                ("address", "address"),
                ("phone", "phone"),
                ("fax", "fax"),
                ("email", "email"),
                ("website", "website"),
                ("introduction", "introduction"),
                ("functions", "functions"),
                ("duties", "duties"),
                ("version", "version"),
                ("memberCount", "member_count"),
                ("subtreeMemberCount", "subtree_member_count"),
            )
        },
        "validFrom": formatted("valid_from", "date"),
        "validTo": formatted("valid_to", "date"),
        "level": one(
            level_spec, lambda: t.org_levels, lambda row, lv: lv.c.code == row.c.level_code
        ),
        "parent": one(unit_spec, _units, lambda row, up: up.c.id == row.c.parent_id),
        "children": many(
            unit_spec,
            _units,
            lambda row, kid: kid.c.parent_id == row.c.id,
            lambda kid: (kid.c.level_code, kid.c.name, kid.c.id),
            where=lambda build, kid: (kid.c.status == UnitStatus.ACTIVE.name,),
        ),
        "leaders": many(
            leader_spec,
            lambda: t.leaderships,
            lambda row, lead: lead.c.unit_id == row.c.id,
            lambda lead: (lead.c.rank.desc(), lead.c.valid_from, lead.c.id),
            where=lambda build, lead: (lead.c.valid_to.is_(None),),
        ),
    },
)


def _leader_id(build: Build, row: FromClause, pick: Pick) -> ColumnElement[Any]:
    no_args(pick)
    return cast(row.c.id, Text)


LEADER = ObjectSpec(
    "Leader",
    {
        "id": _leader_id,
        "title": plain("title"),
        "rank": plain("rank"),
        "since": formatted("valid_from", "date"),
        "until": formatted("valid_to", "date"),
        "person": one(
            person_spec,
            lambda: t.persons,
            lambda row, person: person.c.id == row.c.person_id,
            where=_sees_person,
        ),
        "unit": one(unit_spec, _units, lambda row, unit: unit.c.id == row.c.unit_id),
    },
)


PERSON = ObjectSpec(
    "Person",
    {
        "id": global_id("Person"),
        **{
            name: plain(column)
            for name, column in (
                ("fullName", "full_name"),
                ("gender", "gender"),
                ("position", "position"),
                ("duties", "duties"),
                ("workPhone", "work_phone"),
                ("email", "email"),
                ("fax", "fax"),
                ("status", "status"),
                ("version", "version"),
            )
        },
        "unit": one(unit_spec, _units, lambda row, unit: unit.c.id == row.c.unit_id),
        "birthday": _birthday,
        "dateOfBirth": guarded(_sees_private, formatted("date_of_birth", "date")),
        "homeAddress": _private("home_address"),
        "personalPhone": _private("personal_phone"),
        "civilServantCode": _private("civil_servant_code"),
        "idPhotoUrl": _private("id_photo_url"),
    },
)
