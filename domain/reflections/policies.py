"""Which side of the flow a caller plays on a report (the row and field rules themselves live
in domain.permissions)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.accounts.model import Role
from domain.permissions import (
    Principal,
    PrincipalKind,
    ReflectionParties,
    is_reflection_coordinator,
    is_reflection_ioc,
    is_reflection_reporter,
)
from domain.reflections.workflow import Actor

_STAFF = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)


@dataclass(frozen=True)
class Focal:
    """An agency's focal leader and focal handler (persons)."""

    leader_person_id: int | None = None
    handler_person_id: int | None = None


def sides(
    principal: Principal,
    parties: ReflectionParties,
    *,
    agency_id: int | None = None,
    focal: Focal | None = None,
) -> set[Actor]:
    """The sides the caller plays on the report (and on `agency_id`'s part when given)."""
    found: set[Actor] = set()
    if is_reflection_ioc(principal, parties):
        found.add(Actor.IOC)
    if is_reflection_coordinator(principal, parties):
        found.add(Actor.COORDINATOR)
    if is_reflection_reporter(principal, parties):
        found.add(Actor.REPORTER)
    if agency_id is not None and agency_id in parties.agencies:
        found |= agency_sides(principal, agency_id, parties.agencies[agency_id], focal or Focal())
    return found


def agency_sides(principal: Principal, agency_id: int, path: str, focal: Focal) -> set[Actor]:
    """HANDLER: the agency's staff, specialists and focal handler; LEADER (who may also handle):
    its leaders, its focal leader, and its unit account, which acts for the whole unit."""
    found: set[Actor] = set()
    if principal.kind not in _STAFF:
        return found
    person = principal.person_id
    unit_account = principal.kind is PrincipalKind.UNIT_ACCOUNT and principal.unit_id == agency_id
    if (
        unit_account
        or principal.has(Role.LEADER, path)
        or (person is not None and person == focal.leader_person_id)
    ):
        found |= {Actor.LEADER, Actor.HANDLER}
    if (
        principal.unit_id == agency_id
        or principal.has(Role.SPECIALIST, path)
        or (person is not None and person == focal.handler_person_id)
    ):
        found.add(Actor.HANDLER)
    return found
