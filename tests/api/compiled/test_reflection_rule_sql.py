"""The SQL twins of the field reports' rules (persistence/compiled/reflection_rules.py) decide
as the rules of domain/permissions/reflections.py, for every report of the scenario and
150 generated callers: evaluated in the database, compared with the rules applied
to each report's parties read back from the same rows."""

from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import select

from domain import permissions
from domain.accounts.model import Role
from domain.clock import FixedClock
from domain.permissions import Grant, Principal, PrincipalKind, ReflectionParties
from domain.permissions.read_rules import read_rules
from domain.reflections.model import AssignmentState, ReflectionState
from govgraph.container import Container
from persistence import reflection_tables as rt
from persistence import tables as t
from persistence.compiled import reflection_rules as sql
from persistence.compiled.objects import Build
from persistence.compiled.sqljson import JsonSql
from tests.api.compiled.reflection_world import build_scenario
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world
from tests.factories import Api

RULES = {
    "sees_internals_": permissions.can_view_reflection_internals,
    "sees_reporter_": permissions.can_view_reporter_contact,
    "sees_own_or_internals_": lambda p, r: (
        permissions.can_view_reflection_internals(p, r) or permissions.is_reflection_reporter(p, r)
    ),
}
ROLES = [*Role, Role.IOC_OPERATOR, Role.LEADER, Role.SPECIALIST]
KINDS = [*PrincipalKind, PrincipalKind.STAFF, PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT]


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def _parties(container: Container) -> dict[int, ReflectionParties]:
    """Each report's parties, as the field path's loaders work them out."""
    a, u = rt.reflection_assignments.c, t.org_units.c
    async with container.engine.connect() as conn:
        paths = dict((await conn.execute(select(u.id, u.path))).all())
        reports = (await conn.execute(select(rt.reflections))).mappings().all()
        parts = (await conn.execute(select(a.reflection_id, a.agency_unit_id, a.state))).all()
    live: dict[int, dict[int, str]] = {}
    for reflection_id, agency, state in parts:
        if state != AssignmentState.WITHDRAWN:
            live.setdefault(reflection_id, {})[agency] = paths[agency]
    return {
        row["id"]: ReflectionParties(
            published=row["state"] == ReflectionState.PUBLISHED,
            commune_path=paths.get(row["commune_unit_id"], ""),
            agencies=live.get(row["id"], {}),
            coordinating_unit_id=row["coordinating_unit_id"],
            coordinating_path=paths.get(row["coordinating_unit_id"]),
            reporter_account_id=row["reporter_account_id"],
            consent_contact=row["consent_contact"],
        )
        for row in reports
    }


def _principal(rng: random.Random, units: dict[int, str], accounts: list[int]) -> Principal:
    kind = rng.choice(KINDS)
    grants = tuple(
        Grant(rng.choice(ROLES), units[rng.choice(list(units))], rng.random() < 0.5)
        for _ in range(rng.randrange(3))
    )
    return Principal(
        kind=kind,
        account_id=rng.choice(accounts),
        unit_id=rng.choice([None, *units]),
        grants=() if kind is PrincipalKind.ANONYMOUS else grants,
    )


async def test_the_sql_twins_decide_as_the_rules(
    world: ReflectionWorld, clock: FixedClock, container: Container
) -> None:
    await build_scenario(world, clock, container)
    parties = await _parties(container)
    units = dict(await _units(container))
    accounts = [*world.made.accounts.values(), 999]
    rng = random.Random(13)
    report = rt.reflections
    json = JsonSql(container.engine.dialect.name)
    decided: dict[str, set[bool]] = {name: set() for name in RULES}
    for _ in range(150):
        principal = _principal(rng, units, accounts)
        build = Build(json, read_rules(principal))
        columns: list[Any] = []
        for name in RULES:
            rule = sql.FLAGS[name](build, report)
            columns.append(rule.label(name) if not isinstance(rule, bool) else None)
        query = select(report.c.id, *(c for c in columns if c is not None))
        async with container.engine.connect() as conn:
            rows = (await conn.execute(query)).mappings().all()
        assert len(rows) == len(parties)
        for row in rows:
            for name, rule in RULES.items():
                constant = sql.FLAGS[name](build, report)
                got = constant if isinstance(constant, bool) else bool(row[name])
                expected = rule(principal, parties[row["id"]])
                assert got == expected, (name, principal, parties[row["id"]])
                decided[name].add(expected)
    assert all(seen == {True, False} for seen in decided.values()), decided


async def _units(container: Container) -> list[tuple[int, str]]:
    u = t.org_units.c
    async with container.engine.connect() as conn:
        return [(pk, path) for pk, path in (await conn.execute(select(u.id, u.path))).all()]
