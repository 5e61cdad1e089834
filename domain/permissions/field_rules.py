"""The directory's field rules as data, for storage to turn into SQL (the compiled read
path): each is the twin of a Python rule in domain.permissions.directory, and
tests/unit/test_field_rule_twins.py checks that both agree on every kind of caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.accounts.model import Role
from domain.permissions.directory import (
    can_view_birthday,
    can_view_work_contact,
    person_scope,
)
from domain.permissions.principal import Principal, PrincipalKind, is_province_admin

if TYPE_CHECKING:
    from domain.permissions.reflection_field_rules import ReflectionFieldRules

Paths = tuple[tuple[str, bool], ...]
"""Unit paths with whether the whole subtree is covered."""


def paths_of(principal: Principal, role: Role) -> Paths:
    """Where `role` (or ADMIN) reaches: the twin of Principal.has(role, path)."""
    return tuple(
        (g.unit_path, g.include_subtree) for g in principal.grants if g.role in (role, Role.ADMIN)
    )


def covered(paths: Paths, path: str | None) -> bool:
    """Whether one of `paths` reaches the unit at `path` (Python side of the twin)."""
    return path is not None and any(
        path.startswith(p) if subtree else path == p for p, subtree in paths
    )


@dataclass(frozen=True)
class DirectoryFieldRules:
    """Who sees which person fields, decided per row by the person's id and unit path."""

    work_contact: bool
    """Persons at all (can_view_work_contact)."""
    person_scope: Paths | None
    """None: every person; else only persons in units under these (integrators)."""
    birthday: bool
    """Day and month of birth (can_view_birthday)."""
    self_person_id: int | None
    """The caller's own person: their private fields (staff only)."""
    editor_paths: Paths
    """DIRECTORY_EDITOR (or ADMIN) grants: private fields of persons in these units."""
    province_admin: bool
    """Private fields of persons without a unit (resigned, retired)."""


def directory_field_rules(principal: Principal) -> DirectoryFieldRules:
    """The rules of one caller."""
    scope = person_scope(principal)
    return DirectoryFieldRules(
        work_contact=can_view_work_contact(principal),
        person_scope=None
        if scope is None
        else tuple((g.unit_path, g.include_subtree) for g in scope),
        birthday=can_view_birthday(principal),
        self_person_id=principal.person_id if principal.kind is PrincipalKind.STAFF else None,
        editor_paths=paths_of(principal, Role.DIRECTORY_EDITOR),
        province_admin=is_province_admin(principal),
    )


def sees_person(rules: DirectoryFieldRules, person_unit_path: str | None) -> bool:
    """The twin of can_view_person."""
    if not rules.work_contact:
        return False
    return rules.person_scope is None or covered(rules.person_scope, person_unit_path)


def sees_private(rules: DirectoryFieldRules, person_id: int, person_unit_path: str | None) -> bool:
    """The twin of can_view_private_person_fields."""
    if rules.self_person_id is not None and rules.self_person_id == person_id:
        return True
    if person_unit_path is None:
        return rules.province_admin
    return covered(rules.editor_paths, person_unit_path)


@dataclass(frozen=True)
class ReadRules:
    """Every field and row rule of one caller, as data for the compiled read path."""

    directory: DirectoryFieldRules
    reflections: ReflectionFieldRules


def read_rules(principal: Principal) -> ReadRules:
    """The rules of one caller."""
    from domain.permissions.reflection_field_rules import reflection_field_rules  # (a cycle)

    return ReadRules(
        directory=directory_field_rules(principal),
        reflections=reflection_field_rules(principal),
    )
