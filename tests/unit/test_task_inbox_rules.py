"""The myWork inbox and the task chain's field rules (domain.tasks.policies).

The inbox must list exactly the tasks on which one of the caller's sides has something to
do (workflow.WAITING_ON), and never a task the caller may not see.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from domain.accounts.model import Role
from domain.permissions import ANONYMOUS, Grant, Principal, PrincipalKind, can_declare_calendar_days
from domain.tasks.model import PetitionLevel, Task, TaskKind, TaskState
from domain.tasks.policies import (
    EXTENSION_STATES,
    TaskParties,
    available_actions,
    can_see_note,
    can_see_response_content,
    can_view,
    can_view_directive,
    inbox_of,
    sides,
)
from domain.tasks.reading import Inbox
from domain.tasks.workflow import TRANSITIONS, WAITING_ON, WHO, Action

PROV, VP, DEPT, DEPT_OFFICE, DISTRICT, DISTRICT_OFFICE, OTHER = 1, 2, 3, 4, 5, 6, 7
PATH = {
    PROV: "/1/",
    VP: "/1/2/",
    DEPT: "/1/3/",
    DEPT_OFFICE: "/1/3/4/",
    DISTRICT: "/1/5/",
    DISTRICT_OFFICE: "/1/5/6/",
    OTHER: "/1/7/",
}
ASSIGNEE, TRACKER = 200, 100


def staff(unit: int, *grants: tuple[Role, int, bool], person: int | None = None) -> Principal:
    return Principal(
        kind=PrincipalKind.STAFF,
        account_id=900 + unit,
        person_id=person if person is not None else 500 + unit,
        unit_id=unit,
        unit_path=PATH[unit],
        grants=tuple(Grant(role, PATH[on], subtree) for role, on, subtree in grants),
    )


def unit_account(unit: int) -> Principal:
    return Principal(
        kind=PrincipalKind.UNIT_ACCOUNT, account_id=800 + unit, unit_id=unit, unit_path=PATH[unit]
    )


def parties(office: int, lead: int, *, assignee: bool) -> TaskParties:
    return TaskParties(
        office_unit_id=office,
        office_path=PATH[office],
        lead_unit_id=lead,
        lead_path=PATH[lead],
        unit_ids=frozenset({lead}),
        unit_paths=(PATH[lead],),
        tracker_ids=frozenset({TRACKER}),
        assignee_ids=frozenset({ASSIGNEE} if assignee else ()),
    )


TASKS = [
    parties(office, lead, assignee=assignee)
    for office, lead, assignee in itertools.product(
        (VP, DISTRICT, DISTRICT_OFFICE), (DEPT, DEPT_OFFICE, DISTRICT_OFFICE), (True, False)
    )
]

CALLERS = {
    "office specialist": staff(VP, (Role.TASK_CREATOR, VP, False)),
    "district creator over its offices": staff(DISTRICT, (Role.TASK_CREATOR, DISTRICT, True)),
    "department leader": staff(DEPT, (Role.LEADER, DEPT, False)),
    "director leading the subtree": staff(DEPT, (Role.LEADER, DEPT, True)),
    "director leading and overseeing": staff(
        DEPT, (Role.LEADER, DEPT, True), (Role.OVERSEER, DEPT, True)
    ),
    "leader granted elsewhere": staff(OTHER, (Role.LEADER, DEPT, False)),
    "unit account": unit_account(DEPT),
    "office's unit account": unit_account(DEPT_OFFICE),
    "assigned specialist": staff(DEPT, person=ASSIGNEE),
    "tracker": staff(VP, person=TRACKER),
    "overseer": staff(PROV, (Role.OVERSEER, PROV, True)),
    "stranger": staff(OTHER),
}


def _admits(inbox: Inbox, task: TaskParties, state: TaskState) -> bool:
    """The inbox, evaluated like persistence.task_reading evaluates it in SQL."""

    def under(path: str, exact: tuple[str, ...], subtree: tuple[str, ...]) -> bool:
        return path in exact or any(path.startswith(p) for p in subtree)

    office = state in inbox.office_states and under(
        task.office_path, inbox.office_paths, inbox.office_subtree_paths
    )
    leader = state in inbox.leader_states and (
        task.lead_unit_id in inbox.leader_unit_ids
        or under(task.lead_path, inbox.leader_paths, inbox.leader_subtree_paths)
    )
    specialist = (
        state in inbox.specialist_states
        and inbox.person_id is not None
        and inbox.person_id in task.assignee_ids
    )
    return office or leader or specialist


@pytest.mark.parametrize("who", CALLERS)
def test_the_inbox_holds_exactly_the_work_waiting_on_the_callers_sides(who: str) -> None:
    principal = CALLERS[who]
    inbox = inbox_of(principal)
    for task, state in itertools.product(TASKS, TaskState):
        waiting = any(state in WAITING_ON[side] for side in sides(principal, task))
        assert _admits(inbox, task, state) is waiting, (who, task, state)
        if waiting:
            assert can_view(principal, task)


def test_who_has_no_inbox() -> None:
    assert inbox_of(ANONYMOUS).empty
    integrator = Principal(
        kind=PrincipalKind.INTEGRATOR, grants=(Grant(Role.INTEGRATOR, PATH[PROV], True),)
    )
    assert inbox_of(integrator).empty
    assert inbox_of(staff(OTHER)).empty is False  # a person may be assigned work any day


def test_admins_inbox_holds_their_roles_only() -> None:
    """ADMIN may act on everything, but its inbox is not the province's whole backlog."""
    admin = staff(PROV, (Role.ADMIN, PROV, True))
    inbox = inbox_of(admin)
    assert (inbox.office_paths, inbox.leader_paths, inbox.leader_unit_ids) == ((), (), ())


def test_a_tracker_waits_on_extension_requests_while_they_can_be_decided() -> None:
    """A person's inbox holds, as a tracker, requests on tasks still open or reported; a unit
    account tracks nothing."""
    inbox = inbox_of(staff(VP, person=TRACKER))
    assert inbox.person_id == TRACKER
    assert set(inbox.tracker_states) == EXTENSION_STATES
    assert not {TaskState.COMPLETED, TaskState.CANCELLED, TaskState.ESCALATED} & EXTENSION_STATES
    assert inbox_of(unit_account(DEPT)).tracker_states == ()


def _task(state: TaskState, kind: TaskKind, level: PetitionLevel | None = None) -> Task:
    return Task(
        directive_id=None,
        kind=kind,
        content="x",
        office_unit_id=VP,
        lead_unit_id=DEPT,
        created_at=datetime(2026, 11, 20, tzinfo=UTC),
        created_by=None,
        state=state,
        petition_level=level,
    )


@pytest.mark.parametrize("who", CALLERS)
def test_available_actions_follow_the_table_and_the_sides(who: str) -> None:
    principal = CALLERS[who]
    task_parties = parties(VP, DEPT, assignee=True)
    mine = sides(principal, task_parties)
    for state in TaskState:
        task = _task(state, TaskKind.VOTER_PETITION, PetitionLevel.COMMUNE)
        expected = {
            action
            for (at, action), _target in TRANSITIONS.items()
            if at is state and WHO[action] & mine
        }
        assert set(available_actions(principal, task_parties, task)) == expected


def test_escalation_is_offered_for_petitions_below_the_province_only() -> None:
    office = CALLERS["office specialist"]
    task_parties = parties(VP, DEPT, assignee=False)
    for kind, level, offered in (
        (TaskKind.VOTER_PETITION, PetitionLevel.COMMUNE, True),
        (TaskKind.VOTER_PETITION, PetitionLevel.DISTRICT, True),
        (TaskKind.VOTER_PETITION, PetitionLevel.PROVINCE, False),
        (TaskKind.PRESS_INCIDENT, None, False),
    ):
        actions = available_actions(office, task_parties, _task(TaskState.SENT, kind, level))
        assert (Action.ESCALATE in actions) is offered, (kind, level)


def test_internal_notes_and_drafts() -> None:
    task_parties = parties(VP, DEPT, assignee=True)
    office, leader = CALLERS["office specialist"], CALLERS["department leader"]
    assert can_see_note(office, task_parties, "RETURN")  # why the unit returned it
    assert not can_see_note(office, task_parties, "RETURN_DRAFT")  # the unit's own loop
    assert can_see_note(leader, task_parties, "RETURN_DRAFT")
    assert can_see_note(staff(VP, person=TRACKER), task_parties, "RETURN_DRAFT")
    assert not can_see_response_content(office, task_parties, approved=False)
    assert can_see_response_content(office, task_parties, approved=True)
    assert can_see_response_content(CALLERS["assigned specialist"], task_parties, approved=False)
    assert not can_see_response_content(CALLERS["stranger"], task_parties, approved=True)


def test_directive_readers() -> None:
    def sees(principal: Principal, sees_a_task: bool = False) -> bool:
        return can_view_directive(
            principal, office_unit_id=VP, office_path=PATH[VP], sees_a_task=sees_a_task
        )

    assert sees(CALLERS["office specialist"])
    assert sees(staff(VP))  # the office's own staff
    assert sees(CALLERS["overseer"])
    assert not sees(CALLERS["department leader"])
    assert sees(CALLERS["department leader"], sees_a_task=True)
    assert not sees(ANONYMOUS, sees_a_task=True)


def test_only_admins_of_the_whole_province_declare_calendar_days() -> None:
    assert can_declare_calendar_days(staff(PROV, (Role.ADMIN, PROV, True)))
    assert not can_declare_calendar_days(staff(PROV, (Role.ADMIN, PROV, False)))
    assert not can_declare_calendar_days(staff(DISTRICT, (Role.ADMIN, DISTRICT, True)))
    assert not can_declare_calendar_days(staff(PROV, (Role.OVERSEER, PROV, True)))
