"""The field reports' field rules as data, for storage to turn into SQL (the compiled read
path): each function here is the twin of a rule in domain.permissions.reflections, decided
on the same ReflectionParties, and tests/unit/test_reflection_rule_twins.py checks that both
agree for every kind of caller and report.

A tracking code never reaches the compiled path (a request that presents one takes the field
path), so the twins read `tracking_code_ok` only to stay faithful to the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.accounts.model import Role
from domain.permissions.field_rules import Paths, covered
from domain.permissions.principal import Principal, PrincipalKind
from domain.permissions.reflections import ReflectionParties

_REPORT_STAFF = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)
_AGENCY_ROLES = (Role.LEADER, Role.SPECIALIST, Role.OVERSEER, Role.COORDINATOR, Role.ADMIN)
_IOC_ROLES = (Role.IOC_OPERATOR, Role.ADMIN)


@dataclass(frozen=True)
class ReflectionFieldRules:
    """Who sees which parts of a report, decided per row by its commune's path, its live
    agencies' ids and paths, its coordinating agency and its reporter's account."""

    signed_in: bool
    ioc_paths: Paths
    """IOC_OPERATOR (or ADMIN) grants of report staff: the IOC of communes under them."""
    agency_paths: Paths
    """Agency roles (or ADMIN) of report staff: works over the units under them."""
    own_unit_id: int | None
    """Report staff's own unit: works in it."""
    reporter_account_id: int | None
    """A citizen's account: the reporter of reports sent with it."""

    @property
    def works_somewhere(self) -> bool:
        """Works in or over some unit: may have a work queue to read."""
        return bool(self.agency_paths) or self.own_unit_id is not None


def _paths(principal: Principal, roles: tuple[Role, ...]) -> Paths:
    return tuple((g.unit_path, g.include_subtree) for g in principal.grants if g.role in roles)


def reflection_field_rules(principal: Principal) -> ReflectionFieldRules:
    """The rules of one caller."""
    staff = principal.kind in _REPORT_STAFF
    citizen = principal.kind is PrincipalKind.CITIZEN
    return ReflectionFieldRules(
        signed_in=principal.signed_in,
        ioc_paths=_paths(principal, _IOC_ROLES) if staff else (),
        agency_paths=_paths(principal, _AGENCY_ROLES) if staff else (),
        own_unit_id=principal.unit_id if staff else None,
        reporter_account_id=principal.account_id if citizen else None,
    )


def works_in_or_over(rules: ReflectionFieldRules, unit_id: int, path: str) -> bool:
    """The twin of domain.permissions.works_in_or_over."""
    return rules.own_unit_id == unit_id or covered(rules.agency_paths, path)


def is_ioc(rules: ReflectionFieldRules, parties: ReflectionParties) -> bool:
    """The twin of is_reflection_ioc."""
    return covered(rules.ioc_paths, parties.commune_path)


def is_agency(rules: ReflectionFieldRules, parties: ReflectionParties) -> bool:
    """The twin of bool(reflection_agency_ids)."""
    return any(works_in_or_over(rules, u, path) for u, path in parties.agencies.items())


def is_coordinator(rules: ReflectionFieldRules, parties: ReflectionParties) -> bool:
    """The twin of is_reflection_coordinator."""
    unit_id, path = parties.coordinating_unit_id, parties.coordinating_path
    return unit_id is not None and path is not None and works_in_or_over(rules, unit_id, path)


def is_reporter(rules: ReflectionFieldRules, parties: ReflectionParties) -> bool:
    """The twin of is_reflection_reporter."""
    if parties.tracking_code_ok:
        return True
    account = rules.reporter_account_id
    return account is not None and account == parties.reporter_account_id


def sees_internals(rules: ReflectionFieldRules, parties: ReflectionParties) -> bool:
    """The twin of can_view_reflection_internals."""
    return is_ioc(rules, parties) or is_agency(rules, parties) or is_coordinator(rules, parties)


def sees_reporter(rules: ReflectionFieldRules, parties: ReflectionParties) -> bool:
    """The twin of can_view_reporter_contact."""
    if is_ioc(rules, parties) or is_reporter(rules, parties):
        return True
    return parties.consent_contact and is_agency(rules, parties)


def sees_own_or_internals(rules: ReflectionFieldRules, parties: ReflectionParties) -> bool:
    """The twin of the rule of questions, flags and the whole timeline: internals or the
    reporter."""
    return sees_internals(rules, parties) or is_reporter(rules, parties)


def queue_allowed(rules: ReflectionFieldRules, agency_id: int, agency_path: str) -> bool:
    """The twin of the work queue's check (works_in_or_over the agency)."""
    return works_in_or_over(rules, agency_id, agency_path)
