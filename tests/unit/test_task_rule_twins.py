"""The task and statistics rules as data (domain.tasks.field_rules and
domain.permissions.field_rules, which the compiled read path turns into SQL) agree with the
Python rules of domain.tasks.policies and domain.permissions for every caller drawn."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.accounts.model import Role
from domain.permissions import ANONYMOUS, Grant, Principal, PrincipalKind, can_view_stats
from domain.permissions.field_rules import covered, stats_paths
from domain.tasks import policies
from domain.tasks.field_rules import sees_drafts, sees_task, sides, task_field_rules
from domain.tasks.policies import TaskParties

# a small tree: /1/ > /1/2/, /1/3/ > /1/3/4/, /1/5/ > /1/5/6/
PATHS = {1: "/1/", 2: "/1/2/", 3: "/1/3/", 4: "/1/3/4/", 5: "/1/5/", 6: "/1/5/6/"}
UNITS = st.sampled_from(sorted(PATHS))
PERSONS = st.sampled_from([10, 11, 12])
ROLES = st.sampled_from(
    [Role.ADMIN, Role.OVERSEER, Role.TASK_CREATOR, Role.LEADER, Role.SPECIALIST, Role.INTEGRATOR]
)


@st.composite
def principals(draw: st.DrawFn) -> Principal:
    kind = draw(st.sampled_from(list(PrincipalKind)))
    if kind is PrincipalKind.ANONYMOUS:
        return ANONYMOUS
    unit = draw(st.none() | UNITS)
    grants = draw(
        st.lists(
            st.builds(Grant, ROLES, st.sampled_from(list(PATHS.values())), st.booleans()),
            max_size=3,
        )
    )
    return Principal(
        kind=kind,
        account_id=1,
        person_id=draw(st.none() | PERSONS) if kind is PrincipalKind.STAFF else None,
        unit_id=unit,
        unit_path=PATHS[unit] if unit is not None else None,
        grants=tuple(grants),
    )


@st.composite
def parties(draw: st.DrawFn) -> TaskParties:
    office, lead = draw(UNITS), draw(UNITS)
    units = {lead} | set(draw(st.lists(UNITS, max_size=2)))
    return TaskParties(
        office_unit_id=office,
        office_path=PATHS[office],
        lead_unit_id=lead,
        lead_path=PATHS[lead],
        unit_ids=frozenset(units),
        unit_paths=tuple(PATHS[u] for u in sorted(units)),
        tracker_ids=frozenset(draw(st.lists(PERSONS, max_size=2))),
        assignee_ids=frozenset(draw(st.lists(PERSONS, max_size=2))),
    )


@settings(max_examples=800, deadline=None)
@given(principals(), parties())
def test_the_data_twins_agree_with_the_policies(principal: Principal, task: TaskParties) -> None:
    rules = task_field_rules(principal)
    assert sees_task(rules, task) == policies.can_view(principal, task)
    assert sees_drafts(rules, task) == policies.can_see_drafts(principal, task)
    assert sides(rules, task) == policies.sides(principal, task)
    assert rules.signed_in == principal.signed_in


def test_the_twins_are_not_trivially_true_or_false() -> None:
    task = TaskParties(1, "/1/2/", 3, "/1/3/", frozenset({3}), ("/1/3/",), frozenset(), frozenset())
    leads = (Grant(Role.LEADER, "/1/3/", False),)
    leader = Principal(PrincipalKind.STAFF, 1, 10, 3, "/1/3/", leads)
    colleague = Principal(PrincipalKind.STAFF, 2, 11, 3, "/1/3/")
    stranger = Principal(PrincipalKind.STAFF, 3, 12, 5, "/1/5/")
    assert sees_drafts(task_field_rules(leader), task)
    assert sees_task(task_field_rules(colleague), task)
    assert not sees_drafts(task_field_rules(colleague), task)
    assert not sees_task(task_field_rules(stranger), task)


@settings(max_examples=300, deadline=None)
@given(principals(), st.sampled_from(sorted(PATHS.values())))
def test_the_stats_twin_agrees_with_can_view_stats(principal: Principal, path: str) -> None:
    assert covered(stats_paths(principal), path) == can_view_stats(principal, path)
