"""Who may see a task and which side of the chain a caller plays on it (PERMISSIONS.md)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.accounts.model import Role
from domain.permissions import Principal, PrincipalKind
from domain.tasks.workflow import Actor


@dataclass(frozen=True)
class TaskParties:
    """The facts about one task that decisions need."""

    office_unit_id: int
    office_path: str
    lead_unit_id: int
    lead_path: str
    unit_ids: frozenset[int]
    unit_paths: tuple[str, ...]
    tracker_ids: frozenset[int]
    assignee_ids: frozenset[int]


@dataclass(frozen=True)
class TaskScope:
    """The rows a caller may see, as data the storage layer turns into one SQL predicate.

    A task is visible when one of its units is the caller's own unit, sits under an
    OVERSEER/ADMIN grant, or its creating office is covered by a TASK_CREATOR grant (or is the
    caller's unit), or the caller tracks or works on it.
    """

    own_unit_id: int | None
    subtree_paths: tuple[str, ...]
    exact_paths: tuple[str, ...]
    office_subtree_paths: tuple[str, ...]
    office_exact_paths: tuple[str, ...]
    person_id: int | None

    @property
    def empty(self) -> bool:
        """True when the caller can see no task at all."""
        return not (
            self.own_unit_id
            or self.subtree_paths
            or self.exact_paths
            or self.office_subtree_paths
            or self.office_exact_paths
            or self.person_id
        )


_OVERSIGHT = (Role.OVERSEER, Role.ADMIN)
_STAFF = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)


def task_scope(principal: Principal) -> TaskScope:
    """The visibility predicate of a caller (integrators and the public see no task rows)."""
    if principal.kind not in _STAFF:
        return TaskScope(None, (), (), (), (), None)
    oversee = [g for g in principal.grants if g.role in _OVERSIGHT]
    office = [g for g in principal.grants if g.role in (Role.TASK_CREATOR, Role.ADMIN)]
    return TaskScope(
        own_unit_id=principal.unit_id,
        subtree_paths=tuple(g.unit_path for g in oversee if g.include_subtree),
        exact_paths=tuple(g.unit_path for g in oversee if not g.include_subtree),
        office_subtree_paths=tuple(g.unit_path for g in office if g.include_subtree),
        office_exact_paths=tuple(g.unit_path for g in office if not g.include_subtree),
        person_id=principal.person_id,
    )


def can_view(principal: Principal, parties: TaskParties) -> bool:
    """The row rule, on one task (must agree with task_scope)."""
    if principal.kind not in _STAFF:
        return False
    if principal.unit_id is not None and (
        principal.unit_id in parties.unit_ids or principal.unit_id == parties.office_unit_id
    ):
        return True
    if principal.person_id is not None and principal.person_id in (
        parties.tracker_ids | parties.assignee_ids
    ):
        return True
    if any(principal.has(Role.OVERSEER, path) for path in parties.unit_paths):
        return True
    return principal.has(Role.TASK_CREATOR, parties.office_path)


def sides(principal: Principal, parties: TaskParties) -> set[Actor]:
    """The sides of the chain the caller plays on this task."""
    found: set[Actor] = set()
    if principal.kind not in _STAFF:
        return found
    if principal.has(Role.TASK_CREATOR, parties.office_path):
        found.add(Actor.OFFICE)
    is_unit_account = (
        principal.kind is PrincipalKind.UNIT_ACCOUNT and principal.unit_id == parties.lead_unit_id
    )
    if is_unit_account or principal.has(Role.LEADER, parties.lead_path):
        found.add(Actor.UNIT_LEADER)
    if principal.person_id is not None and principal.person_id in parties.assignee_ids:
        found.add(Actor.SPECIALIST)
    return found


def can_see_drafts(principal: Principal, parties: TaskParties) -> bool:
    """Internal notes and unapproved drafts: the lead unit's staff on it, its leader, trackers."""
    if principal.person_id is not None and principal.person_id in (
        parties.tracker_ids | parties.assignee_ids
    ):
        return True
    if principal.kind is PrincipalKind.UNIT_ACCOUNT and principal.unit_id == parties.lead_unit_id:
        return True
    return principal.has(Role.LEADER, parties.lead_path)


def can_decide_extension(principal: Principal, parties: TaskParties) -> bool:
    """Trackers, or the creating office, grant or refuse extension requests."""
    if principal.person_id is not None and principal.person_id in parties.tracker_ids:
        return True
    return principal.has(Role.TASK_CREATOR, parties.office_path)
