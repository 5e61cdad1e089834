"""Who may see a task and which side of the chain a caller plays on it (PERMISSIONS.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.accounts.model import Role
from domain.permissions import Principal, PrincipalKind
from domain.tasks.model import PetitionLevel, Task, TaskKind, TaskState
from domain.tasks.workflow import OPEN_STATES, TRANSITIONS, WAITING_ON, WHO, Action, Actor

if TYPE_CHECKING:
    from domain.tasks.reading import Inbox


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
    """The sides of the chain the caller plays on this task (none without the row itself)."""
    found: set[Actor] = set()
    if not can_view(principal, parties):
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
    if not can_view(principal, parties):
        return False
    if principal.person_id is not None and principal.person_id in (
        parties.tracker_ids | parties.assignee_ids
    ):
        return True
    if principal.kind is PrincipalKind.UNIT_ACCOUNT and principal.unit_id == parties.lead_unit_id:
        return True
    return principal.has(Role.LEADER, parties.lead_path)


EXTENSION_STATES = OPEN_STATES | {TaskState.REPORTED}
"""States in which an extension request may still be granted or refused."""


def can_decide_extension(principal: Principal, parties: TaskParties) -> bool:
    """Trackers, or the creating office, grant or refuse extension requests."""
    if principal.person_id is not None and principal.person_id in parties.tracker_ids:
        return True
    return principal.has(Role.TASK_CREATOR, parties.office_path)


# --- Field rules -------------------------------------------------------------------------

# Steps inside the lead unit; their notes are internal notes (PERMISSIONS.md field rules).
INTERNAL_ACTIONS = frozenset({"ASSIGN", "START", "SUBMIT_DRAFT", "APPROVE", "RETURN_DRAFT"})


def can_see_note(principal: Principal, parties: TaskParties, action: str) -> bool:
    """A timeline note: notes between the office and the unit go to every reader of the task;
    the unit's internal notes only to those who see drafts."""
    return action not in INTERNAL_ACTIONS or can_see_drafts(principal, parties)


def can_see_response_content(principal: Principal, parties: TaskParties, *, approved: bool) -> bool:
    """The result's content: once approved, every reader of the task; before, draft readers."""
    return (approved and can_view(principal, parties)) or can_see_drafts(principal, parties)


def can_view_directive(
    principal: Principal, *, office_unit_id: int, office_path: str, sees_a_task: bool
) -> bool:
    """A directive document: its office (own unit, task creators, overseers), or whoever sees
    one of its tasks."""
    if principal.kind not in _STAFF:
        return False
    if sees_a_task or principal.unit_id == office_unit_id:
        return True
    return any(principal.has(role, office_path) for role in (Role.TASK_CREATOR, Role.OVERSEER))


def can_read_press(principal: Principal) -> bool:
    """The daily press digest is shared to every unit: signed-in staff and unit accounts."""
    return principal.kind in _STAFF


def can_read_questions(principal: Principal, office_path: str) -> bool:
    """Citizen questions with the asker's personal data: the office that takes them in (task
    creators) and those overseeing it. The public reads only published answers."""
    if principal.kind not in _STAFF:
        return False
    return any(principal.has(role, office_path) for role in (Role.TASK_CREATOR, Role.OVERSEER))


# --- The inbox ---------------------------------------------------------------------------


def inbox_of(principal: Principal) -> Inbox:
    """Where work waits for the caller (`myWork`), and only work the caller may see.

    The office side: offices of TASK_CREATOR grants. The unit leader's side: the unit
    account's own unit, and units of LEADER grants that are the caller's own unit or that
    the caller oversees (a LEADER grant alone is no row rule). The specialist's side: tasks
    the caller is assigned to. As a tracker: extension requests waiting for a decision.
    """
    from domain.tasks.reading import Inbox

    if principal.kind not in _STAFF:
        return Inbox((), (), (), (), (), None, ())
    creator = [g for g in principal.grants if g.role is Role.TASK_CREATOR]
    leader_exact: list[str] = []
    leader_subtree: list[str] = []
    for grant in (g for g in principal.grants if g.role is Role.LEADER):
        if grant.include_subtree and _oversees_subtree(principal, grant.unit_path):
            leader_subtree.append(grant.unit_path)
        elif grant.unit_path == principal.unit_path or principal.has(
            Role.OVERSEER, grant.unit_path
        ):
            leader_exact.append(grant.unit_path)
    unit_account = principal.kind is PrincipalKind.UNIT_ACCOUNT and principal.unit_id is not None
    person_id = principal.person_id if principal.kind is PrincipalKind.STAFF else None
    return Inbox(
        office_paths=_unique(g.unit_path for g in creator if not g.include_subtree),
        office_subtree_paths=_unique(g.unit_path for g in creator if g.include_subtree),
        office_states=tuple(sorted(WAITING_ON[Actor.OFFICE])),
        leader_unit_ids=(principal.unit_id,) if unit_account and principal.unit_id else (),
        leader_paths=_unique(leader_exact),
        leader_subtree_paths=_unique(leader_subtree),
        leader_states=tuple(sorted(WAITING_ON[Actor.UNIT_LEADER])),
        person_id=person_id,
        specialist_states=tuple(sorted(WAITING_ON[Actor.SPECIALIST])),
        tracker_states=tuple(sorted(EXTENSION_STATES)) if person_id is not None else (),
    )


def _oversees_subtree(principal: Principal, path: str) -> bool:
    return any(
        g.role in _OVERSIGHT and g.include_subtree and g.covers(path) for g in principal.grants
    )


def _unique(paths: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(paths))


def available_actions(principal: Principal, parties: TaskParties, task: Task) -> list[Action]:
    """The steps the caller may take on the task now (what a client offers as buttons)."""
    mine = sides(principal, parties)
    escalable = task.kind is TaskKind.VOTER_PETITION and task.petition_level in (
        PetitionLevel.COMMUNE,
        PetitionLevel.DISTRICT,
    )
    return [
        action
        for (state, action) in TRANSITIONS
        if state is task.state
        and WHO[action] & mine
        and (action is not Action.ESCALATE or escalable)
    ]
