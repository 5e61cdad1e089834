"""Rules of the online public services' dossiers (002; PERMISSIONS.md).

A dossier is seen by its applicant, and by the staff of the agencies in its procedure's
chain: the desk (RECEPTION_DESK), leaders, clerks and overseers over one of them (ADMIN
included), their unit accounts, and the specialist it is assigned to. The public tracking
lookup shows the status and the steps only. Components, the result and the applicant's
data follow the same rule; an applicant never reaches another's dossier.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.accounts.model import Role
from domain.permissions.principal import Principal, PrincipalKind

DOSSIER_ROLES = (Role.RECEPTION_DESK, Role.LEADER, Role.CLERK, Role.OVERSEER, Role.ADMIN)
"""Roles that show a chain agency's dossiers (the assigned specialist sees its own)."""
APPLICANT_KINDS = (PrincipalKind.CITIZEN,)
_STAFF = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)


@dataclass(frozen=True)
class DossierParties:
    """The facts about one dossier that decisions need: its applicant, its procedure's chain
    of agencies (id, path; the receiving agency first), the holder agency and person."""

    applicant_account_id: int
    chain: tuple[tuple[int, str], ...]
    holder_unit_id: int
    holder_person_id: int | None = None

    @property
    def agency_path(self) -> str:
        """The receiving agency's path (its desk receives and returns)."""
        return self.chain[0][1] if self.chain else ""

    @property
    def holder_path(self) -> str:
        """The holder agency's path."""
        return next((path for unit, path in self.chain if unit == self.holder_unit_id), "")


def is_applicant(principal: Principal, parties: DossierParties) -> bool:
    """The account that submitted the dossier."""
    return (
        principal.kind in APPLICANT_KINDS
        and principal.account_id is not None
        and principal.account_id == parties.applicant_account_id
    )


def handles_dossier(principal: Principal, parties: DossierParties) -> bool:
    """Staff of the chain: a dossier role over one of its agencies, a chain agency's unit
    account, or the specialist it is assigned to."""
    if principal.kind not in _STAFF:
        return False
    if principal.person_id is not None and principal.person_id == parties.holder_person_id:
        return True
    for unit_id, path in parties.chain:
        if principal.kind is PrincipalKind.UNIT_ACCOUNT and principal.unit_id == unit_id:
            return True
        if any(principal.has(role, path) for role in DOSSIER_ROLES):
            return True
    return False


def can_view_dossier(principal: Principal, parties: DossierParties) -> bool:
    """The row rule: the applicant and the chain's staff (agrees with dossier_scope)."""
    return is_applicant(principal, parties) or handles_dossier(principal, parties)


@dataclass(frozen=True)
class DossierScope:
    """The dossiers a caller may list, as data the storage layer turns into SQL: those of a
    chain agency under `subtree_paths` or at `exact_paths`, of `unit_id` (a unit account),
    held by `person_id`, or submitted by `applicant_account_id`."""

    subtree_paths: tuple[str, ...] = ()
    exact_paths: tuple[str, ...] = ()
    unit_id: int | None = None
    person_id: int | None = None
    applicant_account_id: int | None = None

    @property
    def empty(self) -> bool:
        """Nothing at all (the public, integrators)."""
        return not (
            self.subtree_paths
            or self.exact_paths
            or self.unit_id
            or self.person_id
            or self.applicant_account_id
        )


def dossier_scope(principal: Principal) -> DossierScope:
    """The visibility predicate of a caller listing dossiers."""
    if principal.kind in APPLICANT_KINDS:
        return DossierScope(applicant_account_id=principal.account_id)
    if principal.kind not in _STAFF:
        return DossierScope()
    grants = [g for g in principal.grants if g.role in DOSSIER_ROLES]
    return DossierScope(
        subtree_paths=tuple(sorted({g.unit_path for g in grants if g.include_subtree})),
        exact_paths=tuple(sorted({g.unit_path for g in grants if not g.include_subtree})),
        unit_id=principal.unit_id if principal.kind is PrincipalKind.UNIT_ACCOUNT else None,
        person_id=principal.person_id,
    )


def can_see_dossier_event(principal: Principal, unit_id: int, path: str) -> bool:
    """A dossier's event on a unit's dashboard stream: staff who see that agency's dossiers."""
    if principal.kind not in _STAFF:
        return False
    if principal.kind is PrincipalKind.UNIT_ACCOUNT and principal.unit_id == unit_id:
        return True
    return any(principal.has(role, path) for role in DOSSIER_ROLES)
