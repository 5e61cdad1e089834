"""The task chain's row and field rules as data, for storage to turn into SQL (the compiled
read path). Each function here is the twin of a rule in domain.tasks.policies, decided from
the data alone; tests/unit/test_task_rule_twins.py checks that both agree on every kind of
caller and task.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.accounts.model import Role
from domain.permissions.field_rules import Paths, covered, paths_of
from domain.permissions.principal import Principal, PrincipalKind
from domain.tasks import policies
from domain.tasks.policies import TaskParties, TaskScope
from domain.tasks.reading import Inbox
from domain.tasks.workflow import Actor


@dataclass(frozen=True)
class TaskFieldRules:
    """Who sees which tasks, drafts and notes, and plays which side, as data."""

    signed_in: bool
    """The public is refused task lists (the field path answers UNAUTHENTICATED)."""
    scope: TaskScope
    """The row rule (policies.task_scope)."""
    inbox: Inbox
    """Where work waits for the caller (policies.inbox_of)."""
    person_id: int | None
    """Trackers and assignees see drafts; an assignee is a specialist on the task."""
    unit_account_of: int | None
    """The unit a unit account acts for: its leader's side on the tasks it leads."""
    leader_paths: Paths
    """LEADER (or ADMIN) grants: the leader's side and the drafts of tasks led there."""
    office_paths: Paths
    """TASK_CREATOR (or ADMIN) grants: the office's side of tasks created there."""


def task_field_rules(principal: Principal) -> TaskFieldRules:
    """The rules of one caller."""
    staff = principal.kind in (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)
    unit_account = principal.kind is PrincipalKind.UNIT_ACCOUNT
    return TaskFieldRules(
        signed_in=principal.signed_in,
        scope=policies.task_scope(principal),
        inbox=policies.inbox_of(principal),
        person_id=principal.person_id if staff else None,
        unit_account_of=principal.unit_id if unit_account else None,
        leader_paths=paths_of(principal, Role.LEADER) if staff else (),
        office_paths=paths_of(principal, Role.TASK_CREATOR) if staff else (),
    )


def _scope_paths(subtree: tuple[str, ...], exact: tuple[str, ...]) -> Paths:
    return tuple((p, True) for p in subtree) + tuple((p, False) for p in exact)


def sees_task(rules: TaskFieldRules, parties: TaskParties) -> bool:
    """The twin of policies.can_view, from the scope."""
    scope = rules.scope
    if scope.empty:
        return False
    own = scope.own_unit_id
    if own is not None and (own in parties.unit_ids or own == parties.office_unit_id):
        return True
    if scope.person_id is not None and scope.person_id in (
        parties.tracker_ids | parties.assignee_ids
    ):
        return True
    overseen = _scope_paths(scope.subtree_paths, scope.exact_paths)
    if any(covered(overseen, path) for path in parties.unit_paths):
        return True
    office = _scope_paths(scope.office_subtree_paths, scope.office_exact_paths)
    return covered(office, parties.office_path)


def sides(rules: TaskFieldRules, parties: TaskParties) -> set[Actor]:
    """The twin of policies.sides."""
    if not sees_task(rules, parties):
        return set()
    found: set[Actor] = set()
    if covered(rules.office_paths, parties.office_path):
        found.add(Actor.OFFICE)
    if rules.unit_account_of == parties.lead_unit_id or covered(
        rules.leader_paths, parties.lead_path
    ):
        found.add(Actor.UNIT_LEADER)
    if rules.person_id is not None and rules.person_id in parties.assignee_ids:
        found.add(Actor.SPECIALIST)
    return found


def sees_drafts(rules: TaskFieldRules, parties: TaskParties) -> bool:
    """The twin of policies.can_see_drafts."""
    if not sees_task(rules, parties):
        return False
    if rules.person_id is not None and rules.person_id in (
        parties.tracker_ids | parties.assignee_ids
    ):
        return True
    if rules.unit_account_of is not None and rules.unit_account_of == parties.lead_unit_id:
        return True
    return covered(rules.leader_paths, parties.lead_path)
