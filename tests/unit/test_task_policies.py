"""Task row and field rules of PERMISSIONS.md, one allow and one deny per rule.

Rows: "Tasks: the assigned units and their ancestors' overseers, the creating office, and the
persons named as trackers." Fields: "task: internal notes, drafts not yet approved: the
assigned unit's staff on it, its leader, the trackers."
"""

from __future__ import annotations

import itertools

import pytest

from domain.accounts.model import Role
from domain.permissions import ANONYMOUS, Grant, Principal, PrincipalKind
from domain.tasks.policies import (
    TaskParties,
    TaskScope,
    can_decide_extension,
    can_see_drafts,
    can_view,
    sides,
    task_scope,
)
from domain.tasks.workflow import Actor

# /1/ province > /1/2/ provincial office (VP), /1/3/ department (lead) > /1/3/4/ its office,
# /1/5/ district (coordinating) > /1/5/6/ its office, /1/7/ another district, /1/8/ another office
PROV, VP, DEPT, DEPT_OFFICE, DISTRICT, DISTRICT_OFFICE, OTHER, OTHER_OFFICE = (
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
)
PATH = {
    PROV: "/1/",
    VP: "/1/2/",
    DEPT: "/1/3/",
    DEPT_OFFICE: "/1/3/4/",
    DISTRICT: "/1/5/",
    DISTRICT_OFFICE: "/1/5/6/",
    OTHER: "/1/7/",
    OTHER_OFFICE: "/1/8/",
}
TRACKER, ASSIGNEE, STRANGER = 100, 200, 300

PARTIES = TaskParties(
    office_unit_id=VP,
    office_path=PATH[VP],
    lead_unit_id=DEPT,
    lead_path=PATH[DEPT],
    unit_ids=frozenset({DEPT, DISTRICT}),
    unit_paths=(PATH[DEPT], PATH[DISTRICT]),
    tracker_ids=frozenset({TRACKER}),
    assignee_ids=frozenset({ASSIGNEE}),
)


def staff(unit: int, *grants: tuple[Role, int, bool], person: int | None = None) -> Principal:
    return Principal(
        kind=PrincipalKind.STAFF,
        account_id=900 + unit,
        person_id=person if person is not None else 500 + unit,
        unit_id=unit,
        unit_path=PATH[unit],
        grants=tuple(Grant(role, PATH[on], subtree) for role, on, subtree in grants),
    )


def unit_account(unit: int, *grants: tuple[Role, int, bool]) -> Principal:
    return Principal(
        kind=PrincipalKind.UNIT_ACCOUNT,
        account_id=800 + unit,
        unit_id=unit,
        unit_path=PATH[unit],
        grants=tuple(Grant(role, PATH[on], subtree) for role, on, subtree in grants),
    )


INTEGRATOR = Principal(
    kind=PrincipalKind.INTEGRATOR, grants=(Grant(Role.INTEGRATOR, PATH[PROV], True),), api_key_id=1
)
CITIZEN = Principal(kind=PrincipalKind.CITIZEN, account_id=77)

# --- who sees the row --------------------------------------------------------------------

VIEW_ALLOWED = {
    "staff of the lead unit": staff(DEPT),
    "staff of a coordinating unit": staff(DISTRICT),
    "the lead unit's account": unit_account(DEPT),
    "a coordinating unit's account": unit_account(DISTRICT),
    "overseer of an ancestor, over its subtree": staff(OTHER, (Role.OVERSEER, PROV, True)),
    "overseer of the lead unit itself": staff(OTHER, (Role.OVERSEER, DEPT, False)),
    "overseer of a coordinating unit itself": staff(OTHER, (Role.OVERSEER, DISTRICT, False)),
    "overseer of the coordinating unit's subtree": staff(OTHER, (Role.OVERSEER, DISTRICT, True)),
    "staff of the creating office": staff(VP),
    "the creating office's account": unit_account(VP),
    "task creator of the creating office": staff(OTHER, (Role.TASK_CREATOR, VP, False)),
    "task creator over the office's subtree": staff(OTHER, (Role.TASK_CREATOR, PROV, True)),
    "a tracker from elsewhere": staff(OTHER, person=TRACKER),
    "an assignee moved elsewhere": staff(OTHER, person=ASSIGNEE),
    "admin over the province": staff(OTHER, (Role.ADMIN, PROV, True)),
}

VIEW_DENIED = {
    "staff of an unrelated unit": staff(OTHER),
    "staff of an office under the lead unit": staff(DEPT_OFFICE),
    "staff of an office under a coordinating unit": staff(DISTRICT_OFFICE),
    "an unrelated unit's account": unit_account(OTHER),
    "overseer of the province alone, not its subtree": staff(OTHER, (Role.OVERSEER, PROV, False)),
    "overseer of a sibling subtree": staff(OTHER, (Role.OVERSEER, OTHER, True)),
    "overseer below an assigned unit": staff(OTHER, (Role.OVERSEER, DEPT_OFFICE, True)),
    "overseer of the creating office only": staff(OTHER, (Role.OVERSEER, VP, True)),
    "task creator of another office": staff(OTHER, (Role.TASK_CREATOR, OTHER_OFFICE, True)),
    "task creator of the province alone": staff(OTHER, (Role.TASK_CREATOR, PROV, False)),
    "leader of an unrelated unit": staff(OTHER, (Role.LEADER, OTHER, True)),
    "directory editor over the province": staff(OTHER, (Role.DIRECTORY_EDITOR, PROV, True)),
    "specialist role on the lead unit, not assigned": staff(OTHER, (Role.SPECIALIST, DEPT, False)),
    "admin of another subtree": staff(OTHER, (Role.ADMIN, OTHER, True)),
    "an integrator over the province": INTEGRATOR,
    "a citizen": CITIZEN,
    "the public": ANONYMOUS,
    "a password-change-pending account of the lead unit": Principal(
        kind=PrincipalKind.ANONYMOUS, account_id=5, unit_id=DEPT
    ),
}


@pytest.mark.parametrize("who", VIEW_ALLOWED)
def test_can_view_allows(who: str) -> None:
    assert can_view(VIEW_ALLOWED[who], PARTIES)


@pytest.mark.parametrize("who", VIEW_DENIED)
def test_can_view_denies(who: str) -> None:
    assert not can_view(VIEW_DENIED[who], PARTIES)


def test_an_integrator_sees_no_task_even_when_a_person_id_matches() -> None:
    odd = Principal(kind=PrincipalKind.INTEGRATOR, person_id=TRACKER, unit_id=DEPT)
    assert not can_view(odd, PARTIES)
    assert task_scope(odd).empty


# --- the scope is the same rule, as data for SQL -----------------------------------------


def _scope_admits(scope: TaskScope, parties: TaskParties) -> bool:
    """What persistence.task_reading.scope_predicate computes, evaluated in Python."""
    if scope.empty:
        return False
    unit_paths = parties.unit_paths
    return (
        any(p.startswith(s) for p in unit_paths for s in scope.subtree_paths)
        or any(p == s for p in unit_paths for s in scope.exact_paths)
        or any(parties.office_path.startswith(s) for s in scope.office_subtree_paths)
        or parties.office_path in scope.office_exact_paths
        or scope.own_unit_id in parties.unit_ids | {parties.office_unit_id}
        or scope.person_id in parties.tracker_ids | parties.assignee_ids
    )


@pytest.mark.parametrize("who", [*VIEW_ALLOWED, *VIEW_DENIED])
def test_task_scope_agrees_with_can_view(who: str) -> None:
    principal = {**VIEW_ALLOWED, **VIEW_DENIED}[who]
    assert _scope_admits(task_scope(principal), PARTIES) is can_view(principal, PARTIES)


def test_scope_of_non_staff_is_empty() -> None:
    for principal in (ANONYMOUS, CITIZEN, INTEGRATOR):
        assert task_scope(principal).empty


def test_scope_splits_grants_by_role_and_reach() -> None:
    principal = staff(
        DEPT,
        (Role.OVERSEER, PROV, True),
        (Role.OVERSEER, DISTRICT, False),
        (Role.TASK_CREATOR, VP, False),
        (Role.ADMIN, OTHER, True),
        (Role.LEADER, DEPT, False),
    )
    scope = task_scope(principal)
    assert scope.own_unit_id == DEPT
    assert scope.person_id == principal.person_id
    assert set(scope.subtree_paths) == {PATH[PROV], PATH[OTHER]}
    assert scope.exact_paths == (PATH[DISTRICT],)
    assert set(scope.office_subtree_paths) == {PATH[OTHER]}
    assert scope.office_exact_paths == (PATH[VP],)


# --- sides of the chain ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "principal", "expected"),
    [
        ("task creator of the office", staff(VP, (Role.TASK_CREATOR, VP, False)), {Actor.OFFICE}),
        ("admin", staff(OTHER, (Role.ADMIN, PROV, True)), {Actor.OFFICE, Actor.UNIT_LEADER}),
        ("leader of the lead unit", staff(DEPT, (Role.LEADER, DEPT, False)), {Actor.UNIT_LEADER}),
        ("the lead unit's account", unit_account(DEPT), {Actor.UNIT_LEADER}),
        ("an assigned specialist", staff(DEPT, person=ASSIGNEE), {Actor.SPECIALIST}),
        (
            "a leader assigned to himself",
            staff(DEPT, (Role.LEADER, DEPT, False), person=ASSIGNEE),
            {Actor.UNIT_LEADER, Actor.SPECIALIST},
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_sides_allow(who: str, principal: Principal, expected: set[Actor]) -> None:
    assert sides(principal, PARTIES) == expected


@pytest.mark.parametrize(
    ("who", "principal"),
    [
        ("staff of the office without the role", staff(VP)),
        ("the office's unit account", unit_account(VP)),
        ("task creator of another office", staff(OTHER, (Role.TASK_CREATOR, OTHER_OFFICE, True))),
        ("leader of a coordinating unit", staff(DISTRICT, (Role.LEADER, DISTRICT, False))),
        ("a coordinating unit's account", unit_account(DISTRICT)),
        (
            "leader of an office under the lead unit",
            staff(DEPT_OFFICE, (Role.LEADER, DEPT_OFFICE, True)),
        ),
        ("staff of the lead unit, not assigned", staff(DEPT)),
        ("overseer of the province", staff(OTHER, (Role.OVERSEER, PROV, True))),
        ("a tracker", staff(OTHER, person=TRACKER)),
        ("an integrator", INTEGRATOR),
        ("the public", ANONYMOUS),
        (
            "a citizen holding grants by mistake",
            Principal(kind=PrincipalKind.CITIZEN, grants=(Grant(Role.ADMIN, PATH[PROV], True),)),
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_sides_deny(who: str, principal: Principal) -> None:
    assert sides(principal, PARTIES) == set()


def test_whoever_plays_a_side_can_see_the_task() -> None:
    principals = [*VIEW_ALLOWED.values(), *VIEW_DENIED.values()]
    for principal in principals:
        if sides(principal, PARTIES):
            assert can_view(principal, PARTIES), principal


# --- drafts and internal notes -----------------------------------------------------------

DRAFTS_ALLOWED = {
    "the assigned specialist": staff(DEPT, person=ASSIGNEE),
    "the lead unit's leader": staff(DEPT, (Role.LEADER, DEPT, False)),
    "the lead unit's account": unit_account(DEPT),
    "a tracker": staff(OTHER, person=TRACKER),
    "an admin": staff(OTHER, (Role.ADMIN, PROV, True)),
}

DRAFTS_DENIED = {
    "staff of the lead unit not on it": staff(DEPT),
    "staff of a coordinating unit": staff(DISTRICT),
    "leader of a coordinating unit": staff(DISTRICT, (Role.LEADER, DISTRICT, False)),
    "a coordinating unit's account": unit_account(DISTRICT),
    "leader of an office under the lead unit": staff(
        DEPT_OFFICE, (Role.LEADER, DEPT_OFFICE, False)
    ),
    "overseer of the province (sees the row, not the drafts)": staff(
        OTHER, (Role.OVERSEER, PROV, True)
    ),
    "task creator of the office, not tracking": staff(VP, (Role.TASK_CREATOR, VP, False)),
    "staff of the creating office": staff(VP),
    "an unrelated person": staff(OTHER, person=STRANGER),
    "an integrator": INTEGRATOR,
    "the public": ANONYMOUS,
}


@pytest.mark.parametrize("who", DRAFTS_ALLOWED)
def test_can_see_drafts_allows(who: str) -> None:
    principal = DRAFTS_ALLOWED[who]
    assert can_see_drafts(principal, PARTIES)
    assert can_view(principal, PARTIES)


@pytest.mark.parametrize("who", DRAFTS_DENIED)
def test_can_see_drafts_denies(who: str) -> None:
    assert not can_see_drafts(DRAFTS_DENIED[who], PARTIES)


def test_draft_readers_are_a_subset_of_row_readers() -> None:
    everyone = [*VIEW_ALLOWED.values(), *VIEW_DENIED.values(), *DRAFTS_ALLOWED.values()]
    everyone += list(DRAFTS_DENIED.values())
    for principal in everyone:
        if can_see_drafts(principal, PARTIES):
            assert can_view(principal, PARTIES), principal


# --- extension decisions -----------------------------------------------------------------

DECIDE_ALLOWED = {
    "a tracker": staff(OTHER, person=TRACKER),
    "task creator of the creating office": staff(VP, (Role.TASK_CREATOR, VP, False)),
    "an admin": staff(OTHER, (Role.ADMIN, PROV, True)),
}

DECIDE_DENIED = {
    "the lead unit's leader": staff(DEPT, (Role.LEADER, DEPT, False)),
    "the lead unit's account": unit_account(DEPT),
    "the assigned specialist": staff(DEPT, person=ASSIGNEE),
    "overseer of the province, not tracking": staff(OTHER, (Role.OVERSEER, PROV, True)),
    "staff of the creating office without the role": staff(VP),
    "task creator of another office": staff(OTHER, (Role.TASK_CREATOR, OTHER_OFFICE, True)),
    "the public": ANONYMOUS,
    "an integrator": INTEGRATOR,
}


@pytest.mark.parametrize("who", DECIDE_ALLOWED)
def test_can_decide_extension_allows(who: str) -> None:
    assert can_decide_extension(DECIDE_ALLOWED[who], PARTIES)


@pytest.mark.parametrize("who", DECIDE_DENIED)
def test_can_decide_extension_denies(who: str) -> None:
    assert not can_decide_extension(DECIDE_DENIED[who], PARTIES)


def test_no_rule_reaches_a_task_without_units_for_outsiders() -> None:
    bare = TaskParties(VP, PATH[VP], DEPT, PATH[DEPT], frozenset(), (), frozenset(), frozenset())
    for principal, expected in itertools.product([staff(OTHER), ANONYMOUS, INTEGRATOR], [False]):
        assert can_view(principal, bare) is expected
        assert can_see_drafts(principal, bare) is expected
        assert can_decide_extension(principal, bare) is expected


# A LEADER grant reaching the lead unit from elsewhere (the demo's department director holds
# LEADER over the department's subtree to edit its offices' info) is not a row rule: without
# the row, no side of the chain and no drafts either.
SUB_OFFICE_TASK = TaskParties(
    office_unit_id=VP,
    office_path=PATH[VP],
    lead_unit_id=DEPT_OFFICE,
    lead_path=PATH[DEPT_OFFICE],
    unit_ids=frozenset({DEPT_OFFICE}),
    unit_paths=(PATH[DEPT_OFFICE],),
    tracker_ids=frozenset(),
    assignee_ids=frozenset(),
)


def test_a_leader_grant_over_a_subtree_gives_no_side_without_the_row() -> None:
    director = staff(DEPT, (Role.LEADER, DEPT, True))
    assert not can_view(director, SUB_OFFICE_TASK)
    assert sides(director, SUB_OFFICE_TASK) == set()
    assert not can_see_drafts(director, SUB_OFFICE_TASK)


def test_a_leader_who_also_oversees_the_subtree_leads_its_offices_work() -> None:
    director = staff(DEPT, (Role.LEADER, DEPT, True), (Role.OVERSEER, DEPT, True))
    assert can_view(director, SUB_OFFICE_TASK)
    assert sides(director, SUB_OFFICE_TASK) == {Actor.UNIT_LEADER}
    assert can_see_drafts(director, SUB_OFFICE_TASK)


def test_the_sub_offices_own_leader_and_account_keep_their_side() -> None:
    head = staff(DEPT_OFFICE, (Role.LEADER, DEPT_OFFICE, False))
    assert sides(head, SUB_OFFICE_TASK) == {Actor.UNIT_LEADER}
    assert can_see_drafts(head, SUB_OFFICE_TASK)
    assert sides(unit_account(DEPT_OFFICE), SUB_OFFICE_TASK) == {Actor.UNIT_LEADER}
