"""The one place that decides who may see and do what (PERMISSIONS.md).

Every row and field rule is a function here; resolvers and schema fields only call them.
A scope is a materialized path: a grant on "/1/5/" with include_subtree covers "/1/5/23/".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.accounts.model import Role


class PrincipalKind(StrEnum):
    """Who is calling."""

    ANONYMOUS = "ANONYMOUS"
    STAFF = "STAFF"
    UNIT_ACCOUNT = "UNIT_ACCOUNT"
    CITIZEN = "CITIZEN"
    INTEGRATOR = "INTEGRATOR"


@dataclass(frozen=True)
class Grant:
    """A role held on the unit at `unit_path`, and below it when include_subtree."""

    role: Role
    unit_path: str
    include_subtree: bool

    def covers(self, path: str) -> bool:
        """True when the grant reaches the unit at `path`."""
        if self.include_subtree:
            return path.startswith(self.unit_path)
        return path == self.unit_path


@dataclass(frozen=True)
class Principal:
    """The caller of one request, resolved from a token or an API key."""

    kind: PrincipalKind
    account_id: int | None = None
    person_id: int | None = None
    unit_id: int | None = None
    unit_path: str | None = None
    grants: tuple[Grant, ...] = field(default=())
    token_id: int | None = None
    api_key_id: int | None = None
    expires_at: datetime | None = None  # when the credential ends (tokens)

    @property
    def signed_in(self) -> bool:
        """Anyone but the public."""
        return self.kind is not PrincipalKind.ANONYMOUS

    def has(self, role: Role, path: str) -> bool:
        """True when a grant of `role` (or ADMIN) covers the unit at `path`."""
        return any(g.role in (role, Role.ADMIN) and g.covers(path) for g in self.grants)

    def roles_on(self, path: str) -> set[Role]:
        """Every role that reaches the unit at `path`."""
        return {g.role for g in self.grants if g.covers(path)}


ANONYMOUS = Principal(kind=PrincipalKind.ANONYMOUS)

_STAFF_KINDS = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT, PrincipalKind.INTEGRATOR)


def _is_province_admin(principal: Principal) -> bool:
    """An ADMIN over the whole subtree of a top-level unit (the province)."""
    return any(
        g.role is Role.ADMIN and g.include_subtree and g.unit_path.count("/") == 2
        for g in principal.grants
    )


def can_write(principal: Principal) -> bool:
    """Integrators (API keys) are read-only: no mutation, not even a sign-in, runs for them."""
    return principal.kind is not PrincipalKind.INTEGRATOR


# --- Row and field rules: directory ------------------------------------------------------


def can_view_units(principal: Principal) -> bool:
    """Units and their public contact data: everyone."""
    return True


def can_view_work_contact(principal: Principal) -> bool:
    """A person's name, position, work phone, work email and unit: signed-in staff."""
    return principal.kind in _STAFF_KINDS


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
        return _is_province_admin(principal)
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
        return _is_province_admin(principal)
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


# --- Field reports, "reflections" (001; PERMISSIONS.md) -------------------------------------

_REPORT_STAFF = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)
_AGENCY_ROLES = (Role.LEADER, Role.SPECIALIST, Role.OVERSEER, Role.COORDINATOR, Role.ADMIN)
_IOC_ROLES = (Role.IOC_OPERATOR, Role.ADMIN)


@dataclass(frozen=True)
class ReflectionParties:
    """The facts about one field report that decisions need (agencies: id -> path)."""

    published: bool
    commune_path: str
    agencies: dict[int, str]
    coordinating_unit_id: int | None = None
    coordinating_path: str | None = None
    reporter_account_id: int | None = None
    consent_contact: bool = False
    tracking_code_ok: bool = False


def is_reflection_ioc(principal: Principal, parties: ReflectionParties) -> bool:
    """An IOC operator whose grant covers the report's commune."""
    return principal.kind in _REPORT_STAFF and principal.has(
        Role.IOC_OPERATOR, parties.commune_path
    )


def is_reflection_reporter(principal: Principal, parties: ReflectionParties) -> bool:
    """The citizen who sent it: by citizen account, or holding its tracking code."""
    if parties.tracking_code_ok:
        return True
    return (
        principal.kind is PrincipalKind.CITIZEN
        and principal.account_id is not None
        and principal.account_id == parties.reporter_account_id
    )


def works_in_or_over(principal: Principal, unit_id: int, path: str) -> bool:
    """A member or the unit account of the unit, or a staff role over it."""
    if principal.kind not in _REPORT_STAFF:
        return False
    return principal.unit_id == unit_id or any(principal.has(r, path) for r in _AGENCY_ROLES)


def reflection_agency_ids(principal: Principal, parties: ReflectionParties) -> set[int]:
    """The report's handling agencies the caller works in or over."""
    return {u for u, path in parties.agencies.items() if works_in_or_over(principal, u, path)}


def is_reflection_coordinator(principal: Principal, parties: ReflectionParties) -> bool:
    """Staff of the designated coordinating agency (sensitive flow)."""
    unit_id, path = parties.coordinating_unit_id, parties.coordinating_path
    return unit_id is not None and path is not None and works_in_or_over(principal, unit_id, path)


def can_view_reflection_internals(principal: Principal, parties: ReflectionParties) -> bool:
    """Agency parts, notes, the full audit trail: the IOC, the agencies, the coordinator."""
    return (
        is_reflection_ioc(principal, parties)
        or bool(reflection_agency_ids(principal, parties))
        or is_reflection_coordinator(principal, parties)
    )


def can_view_reflection(principal: Principal, parties: ReflectionParties) -> bool:
    """The row rule: published reports to everyone; others to the IOC, the agencies it was
    distributed to, the coordinating agency and the reporter (agrees with reflection_scope)."""
    if parties.published:
        return True
    return can_view_reflection_internals(principal, parties) or is_reflection_reporter(
        principal, parties
    )


def can_view_reporter_contact(principal: Principal, parties: ReflectionParties) -> bool:
    """Reporter name, phone, email: the IOC, the reporter, a handling agency with consent."""
    if is_reflection_ioc(principal, parties) or is_reflection_reporter(principal, parties):
        return True
    return parties.consent_contact and bool(reflection_agency_ids(principal, parties))


@dataclass(frozen=True)
class ReflectionScope:
    """The unpublished reports a caller may see, as data the storage layer turns into SQL.

    `ioc_*`: IOC_OPERATOR (or ADMIN) grants, reports in communes under them; `agency_*` and
    `own_unit_id`: reports distributed to, or coordinated by, those units; a citizen's own.
    """

    ioc_paths: tuple[str, ...] = ()
    ioc_exact_paths: tuple[str, ...] = ()
    agency_subtree_paths: tuple[str, ...] = ()
    agency_exact_paths: tuple[str, ...] = ()
    own_unit_id: int | None = None
    reporter_account_id: int | None = None

    @property
    def empty(self) -> bool:
        """Published reports only."""
        return not (
            self.ioc_paths
            or self.ioc_exact_paths
            or self.agency_subtree_paths
            or self.agency_exact_paths
            or self.own_unit_id
            or self.reporter_account_id
        )

    @property
    def sees_reporters(self) -> bool:
        """May filter by reporter data: IOC operators (the filter keeps to their area)."""
        return bool(self.ioc_paths or self.ioc_exact_paths)


def reflection_scope(principal: Principal) -> ReflectionScope:
    """The visibility predicate of a caller (the public: published reports only)."""
    if principal.kind is PrincipalKind.CITIZEN:
        return ReflectionScope(reporter_account_id=principal.account_id)
    if principal.kind not in _REPORT_STAFF:
        return ReflectionScope()
    ioc = [g for g in principal.grants if g.role in _IOC_ROLES]
    agency = [g for g in principal.grants if g.role in _AGENCY_ROLES]
    return ReflectionScope(
        ioc_paths=tuple(g.unit_path for g in ioc if g.include_subtree),
        ioc_exact_paths=tuple(g.unit_path for g in ioc if not g.include_subtree),
        agency_subtree_paths=tuple(g.unit_path for g in agency if g.include_subtree),
        agency_exact_paths=tuple(g.unit_path for g in agency if not g.include_subtree),
        own_unit_id=principal.unit_id,
    )


def can_manage_reflection_catalog(principal: Principal) -> bool:
    """Edit the catalog of report categories: IOC operators and admins of the whole province."""
    return any(
        g.role in _IOC_ROLES and g.include_subtree and g.unit_path.count("/") == 2
        for g in principal.grants
    )


def can_manage_reflection_focals(principal: Principal, agency_path: str) -> bool:
    """Name an agency's focal leader and handler: its leaders (and admins), IOC operators."""
    return principal.has(Role.LEADER, agency_path) or principal.has(Role.IOC_OPERATOR, agency_path)


# --- Statistics and periodic reports -----------------------------------------------------

_STATS_ROLES = (Role.INTEGRATOR, Role.OVERSEER, Role.ADMIN)


def can_view_stats(principal: Principal, unit_path: str) -> bool:
    """Aggregated figures of a unit's subtree: integrator keys, overseers and admins whose
    scope covers the unit and everything under it (PERMISSIONS.md: stats are aggregated over
    the caller's scope; a grant on a unit alone does not reach its children's figures)."""
    return any(
        g.role in _STATS_ROLES and g.include_subtree and g.covers(unit_path)
        for g in principal.grants
    )


_REPORT_READERS = (Role.OVERSEER, Role.ADMIN, Role.TASK_CREATOR, Role.LEADER)


def can_view_reports(principal: Principal, unit_path: str, unit_id: int) -> bool:
    """A round's submissions over a unit's subtree: overseers, admins, task creators and
    leaders whose scope covers the unit, and the unit's own account."""
    if principal.kind is PrincipalKind.UNIT_ACCOUNT and principal.unit_id == unit_id:
        return True
    return any(g.role in _REPORT_READERS and g.covers(unit_path) for g in principal.grants)
