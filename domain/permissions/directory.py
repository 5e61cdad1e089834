"""Rules of the directory, its editing, accounts and the working calendar."""

from __future__ import annotations

from domain.accounts.model import Role
from domain.permissions.principal import (
    STAFF_KINDS,
    Grant,
    Principal,
    PrincipalKind,
    is_province_admin,
)

# --- Row and field rules: directory ------------------------------------------------------


def can_view_units(principal: Principal) -> bool:
    """Units and their public contact data: everyone."""
    return True


def can_view_work_contact(principal: Principal) -> bool:
    """A person's name, position, work phone, work email and unit: signed-in staff."""
    return principal.kind in STAFF_KINDS


def person_scope(principal: Principal) -> tuple[Grant, ...] | None:
    """Where the persons a principal may read work: None means no limit (signed-in staff);
    an integrator's key reaches only the units it was issued for."""
    if principal.kind is PrincipalKind.INTEGRATOR:
        return tuple(g for g in principal.grants if g.role is Role.INTEGRATOR)
    return None


def can_view_person(principal: Principal, *, person_unit_path: str | None) -> bool:
    """One person's work contact: signed-in staff; an integrator only inside its scope."""
    if not can_view_work_contact(principal):
        return False
    scope = person_scope(principal)
    if scope is None:
        return True
    return person_unit_path is not None and any(g.covers(person_unit_path) for g in scope)


def can_view_private_person_fields(
    principal: Principal, *, person_id: int, person_unit_path: str | None
) -> bool:
    """Full birth date, home address, personal phone, civil-servant code, ID photo."""
    if principal.kind is PrincipalKind.STAFF and principal.person_id == person_id:
        return True
    if person_unit_path is None:  # resigned or retired: in nobody's scope but the province's
        return is_province_admin(principal)
    return principal.has(Role.DIRECTORY_EDITOR, person_unit_path)


def can_view_birthday(principal: Principal) -> bool:
    """Colleagues see the day and month of a birthday (000 Art. 6.5), never the year."""
    return principal.kind in (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)


# --- Directory editing (DOMAIN.md Annex I) -----------------------------------------------


def can_manage_children_of(principal: Principal, parent_path: str) -> bool:
    """Create, move, split, merge or dissolve units directly under the unit at `parent_path`.

    Province editors (grant on the province) manage departments and districts; a department's
    or district's editors manage its offices and communes.
    """
    return principal.has(Role.DIRECTORY_EDITOR, parent_path)


def can_edit_unit_info(principal: Principal, *, unit_path: str, parent_path: str | None) -> bool:
    """Edit a unit's basic info and details: its parent's editors, or its own leader/editor."""
    if parent_path is not None and principal.has(Role.DIRECTORY_EDITOR, parent_path):
        return True
    return principal.has(Role.LEADER, unit_path) or principal.has(Role.DIRECTORY_EDITOR, unit_path)


def can_manage_people_in(principal: Principal, unit_path: str) -> bool:
    """Create persons, record transfers, resignations, retirements and leadership in a unit."""
    return principal.has(Role.DIRECTORY_EDITOR, unit_path)


def can_edit_person(principal: Principal, *, person_id: int, unit_path: str | None) -> bool:
    """Each person edits their own personal info; unit editors edit their unit's people."""
    if principal.kind is PrincipalKind.STAFF and principal.person_id == person_id:
        return True
    if unit_path is None:  # resigned or retired: in nobody's scope but the province's
        return is_province_admin(principal)
    return principal.has(Role.DIRECTORY_EDITOR, unit_path)


def can_manage_committee(principal: Principal, standing_unit_path: str) -> bool:
    """Register and edit a committee: directory editors of its standing agency."""
    return principal.has(Role.DIRECTORY_EDITOR, standing_unit_path)


def can_write_article(principal: Principal) -> bool:
    """Articles and speeches are written by individuals with a personal account."""
    return principal.kind is PrincipalKind.STAFF and principal.person_id is not None


# --- Accounts ----------------------------------------------------------------------------


def can_administer(principal: Principal, unit_path: str) -> bool:
    """Manage accounts, role grants and API keys for the unit at `unit_path`."""
    return any(g.role is Role.ADMIN and g.covers(unit_path) for g in principal.grants)


def administered_paths(principal: Principal) -> list[str]:
    """The units the principal's ADMIN grants start from (empty: not an admin)."""
    return [g.unit_path for g in principal.grants if g.role is Role.ADMIN]


def can_grant(principal: Principal, *, unit_path: str, include_subtree: bool) -> bool:
    """An admin may grant inside their own scope only (never wider than they hold)."""
    for g in principal.grants:
        if g.role is not Role.ADMIN or not g.covers(unit_path):
            continue
        if include_subtree and not g.include_subtree:
            continue
        return True
    return False


# --- The working calendar ----------------------------------------------------------------


def can_declare_calendar_days(principal: Principal) -> bool:
    """Declare or remove province-wide days off and make-up working days: admins of the whole
    province (an ADMIN grant over the subtree of a top-level unit)."""
    return any(
        g.role is Role.ADMIN and g.include_subtree and g.unit_path.count("/") == 2
        for g in principal.grants
    )
