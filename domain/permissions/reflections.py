"""Rules of the citizens' field reports ("reflections", 001; PERMISSIONS.md)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.accounts.model import Role
from domain.permissions.principal import Principal, PrincipalKind

# --- Field reports, "reflections" (001; PERMISSIONS.md) -------------------------------------

_REPORT_STAFF = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)
_AGENCY_ROLES = (Role.LEADER, Role.SPECIALIST, Role.OVERSEER, Role.COORDINATOR, Role.ADMIN)
_IOC_ROLES = (Role.IOC_OPERATOR, Role.ADMIN)


def enters_reports(principal: Principal) -> bool:
    """IOC operators and admins enter hotline, Facebook, Zalo and email reports for citizens
    (with their photos): the per-address limits of citizens' own sending do not apply."""
    return any(g.role in _IOC_ROLES for g in principal.grants)


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
