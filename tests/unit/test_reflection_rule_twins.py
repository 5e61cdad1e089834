"""The field reports' rules as data (domain/permissions/reflection_field_rules.py) decide
exactly as the rules themselves (domain/permissions/reflections.py), for every kind of caller
and report: the compiled read path turns the data into SQL."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from domain import permissions
from domain.accounts.model import Role
from domain.permissions import Grant, Principal, PrincipalKind, ReflectionParties
from domain.permissions import reflection_field_rules as twins
from domain.permissions.reflection_field_rules import ReflectionFieldRules, reflection_field_rules

UNITS = {1: "/1/", 2: "/1/2/", 3: "/1/2/3/", 4: "/1/4/", 5: "/1/4/5/"}
ROLES = [*Role, Role.IOC_OPERATOR, Role.IOC_OPERATOR, Role.LEADER, Role.COORDINATOR]
KINDS = [*PrincipalKind, PrincipalKind.STAFF, PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT]


def _principal(rng: random.Random) -> Principal:
    kind = rng.choice(KINDS)
    grants = tuple(
        Grant(rng.choice(ROLES), UNITS[rng.choice(list(UNITS))], rng.random() < 0.5)
        for _ in range(rng.randrange(4))
    )
    return Principal(
        kind=kind,
        account_id=rng.choice([None, 7, 8]),
        person_id=rng.choice([None, 3]),
        unit_id=rng.choice([None, *UNITS]),
        grants=grants if kind is not PrincipalKind.ANONYMOUS else (),
    )


def _parties(rng: random.Random) -> ReflectionParties:
    agencies = {u: UNITS[u] for u in rng.sample(list(UNITS), rng.randrange(3))}
    coordinating = rng.choice([None, *UNITS])
    return ReflectionParties(
        published=rng.random() < 0.5,
        commune_path=rng.choice([*UNITS.values(), ""]),
        agencies=agencies,
        coordinating_unit_id=coordinating,
        coordinating_path=UNITS[coordinating] if coordinating and rng.random() < 0.9 else None,
        reporter_account_id=rng.choice([None, 7, 8]),
        consent_contact=rng.random() < 0.5,
        tracking_code_ok=rng.random() < 0.1,
    )


def _own_or_internals(principal: Principal, parties: ReflectionParties) -> bool:
    return permissions.can_view_reflection_internals(
        principal, parties
    ) or permissions.is_reflection_reporter(principal, parties)


Rule = Callable[[Principal, ReflectionParties], bool]
Twin = Callable[[ReflectionFieldRules, ReflectionParties], bool]
PAIRS: list[tuple[str, Rule, Twin]] = [
    ("internals", permissions.can_view_reflection_internals, twins.sees_internals),
    ("reporter contact", permissions.can_view_reporter_contact, twins.sees_reporter),
    ("own or internals", _own_or_internals, twins.sees_own_or_internals),
    ("ioc", permissions.is_reflection_ioc, twins.is_ioc),
    ("coordinator", permissions.is_reflection_coordinator, twins.is_coordinator),
    ("reporter", permissions.is_reflection_reporter, twins.is_reporter),
    ("agency", lambda p, r: bool(permissions.reflection_agency_ids(p, r)), twins.is_agency),
]


@pytest.mark.parametrize(("name", "rule", "twin"), PAIRS, ids=[p[0] for p in PAIRS])
def test_each_twin_decides_as_its_rule(name: str, rule: Rule, twin: Twin) -> None:
    rng = random.Random(name)
    decided = {True: 0, False: 0}
    for _ in range(4000):
        principal, parties = _principal(rng), _parties(rng)
        expected = rule(principal, parties)
        assert twin(reflection_field_rules(principal), parties) == expected, (principal, parties)
        decided[expected] += 1
    assert min(decided.values()) > 200, decided  # both answers were exercised


def test_the_queue_check_is_works_in_or_over() -> None:
    rng = random.Random("queue")
    for _ in range(4000):
        principal = _principal(rng)
        unit = rng.choice(list(UNITS))
        expected = permissions.works_in_or_over(principal, unit, UNITS[unit])
        rules = reflection_field_rules(principal)
        assert twins.queue_allowed(rules, unit, UNITS[unit]) == expected, principal
        if expected:
            assert rules.works_somewhere


def test_the_public_and_citizens_have_no_staff_rules() -> None:
    citizen = Principal(
        kind=PrincipalKind.CITIZEN,
        account_id=7,
        unit_id=2,
        grants=(Grant(Role.ADMIN, "/1/", True),),
    )
    rules = reflection_field_rules(citizen)
    assert (rules.ioc_paths, rules.agency_paths, rules.own_unit_id) == ((), (), None)
    assert rules.reporter_account_id == 7
    assert rules.signed_in
    public = reflection_field_rules(permissions.ANONYMOUS)
    assert not public.signed_in
    assert not public.works_somewhere
    assert public.reporter_account_id is None
