"""No restricted field of a field report leaks through the compiled path: each of them, asked
of the public feed and the work queue, is null (a list too) for whoever its rule leaves out,
and the timeline keeps its public steps, without notes, for outsiders."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from domain.clock import FixedClock
from govgraph.container import Container
from tests.api.compiled.harness import Paths, paths
from tests.api.compiled.reflection_world import alone, build_scenario, callers
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world
from tests.factories import Api

CONTACT = ("reporterName", "reporterPhone", "reporterEmail")
INTERNALS = (
    "reporterKind",
    "isPublic",
    "sensitive",
    "coordinatingUnit { code }",
    "advisedAgencies { code }",
    "cancelReason",
    "agencies { state }",
)
OWN = ("consentContact", "secrecyRequested", "questions { id }")
RESTRICTED = CONTACT + INTERNALS + OWN
PUBLIC_STEPS = {"SUBMIT", "DISTRIBUTE", "ACCEPT", "APPROVE", "PUBLISH"}
FEED = """{ publicReflections(first: 50) { edges { node { id %s
  timeline { action note } } } } }"""
QUEUE = """query($a: ID!) { reflectionWorkQueue(agencyId: $a, first: 50) { edges {
  reflection { id %s timeline { action note } } } } }"""


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


@pytest.fixture
async def two(container: Container) -> AsyncIterator[Paths]:
    async for made in paths(container):
        yield made


@pytest.fixture
async def everyone(
    world: ReflectionWorld, clock: FixedClock, container: Container
) -> dict[str, dict[str, str]]:
    await build_scenario(world, clock, container)
    return await callers(world)


def _key(field: str) -> str:
    return field.split(maxsplit=1)[0]


async def _reports(
    two: Paths, query: str, field: str, headers: dict[str, str], **variables: Any
) -> list[dict[str, Any]]:
    """The reports answered, through the compiled path alone."""
    fast, _, _ = await two.both(query % field, variables, headers)
    assert alone(two), (field, fast)
    assert "errors" not in fast, fast
    [connection] = fast["data"].values()
    edges = connection["edges"]
    return [e["node"] if "node" in e else e["reflection"] for e in edges]


async def test_outsiders_see_no_restricted_field_of_the_feed(
    two: Paths, everyone: dict[str, dict[str, str]]
) -> None:
    """The public, an integrator and staff of agencies outside every published report."""
    for who in ("anonymous", "integrator", "dung", "coord"):
        for field in RESTRICTED:
            reports = await _reports(two, FEED, field, everyone[who])
            assert len(reports) == 9, (who, field)
            assert [r[_key(field)] for r in reports] == [None] * 9, (who, field)
            for report in reports:
                assert {e["action"] for e in report["timeline"]} <= PUBLIC_STEPS, (who, field)
                assert all(e["note"] is None for e in report["timeline"]), (who, field)
    ioc = await _reports(two, FEED, " ".join(CONTACT + OWN), everyone["ioc"])
    assert all(r[_key(f)] is not None for r in ioc for f in CONTACT + OWN)  # shown to the IOC
    assert any({e["action"] for e in r["timeline"]} - PUBLIC_STEPS for r in ioc)


async def test_the_reporter_sees_their_own_report_only(
    two: Paths, everyone: dict[str, dict[str, str]]
) -> None:
    """The citizen sees contact data, flags and questions of the report sent with their
    account (its phone 0905 777 888), and no internals of any."""
    for field in CONTACT + OWN:
        reports = await _reports(two, FEED, f"{field} reporterPhone", everyone["citizen"])
        shown = [r["reporterPhone"] for r in reports if r[_key(field)] is not None]
        assert shown == ["0905 777 888"], field
    for field in INTERNALS:
        reports = await _reports(two, FEED, field, everyone["citizen"])
        assert [r[_key(field)] for r in reports] == [None] * len(reports), field
        assert all(e["note"] is None for r in reports for e in r["timeline"])


async def test_agency_staff_see_the_reporter_only_with_consent(
    world: ReflectionWorld, two: Paths, everyone: dict[str, dict[str, str]]
) -> None:
    """Sở Nội vụ's handler sees the internals of its reports, and their reporters' contact
    data only where the reporter consented: in the feed and in its work queue."""
    for query, variables in ((FEED, {}), (QUEUE, {"a": world.unit("SNV")})):
        truth = await _reports(two, query, "consentContact", everyone["admin"], **variables)
        consented = {r["id"]: r["consentContact"] for r in truth}
        assert set(consented.values()) == {True, False}
        for field in CONTACT:
            reports = await _reports(two, query, field, everyone["giang"], **variables)
            shown = {r["id"]: r[field] is not None for r in reports}
            assert shown == consented, (query, field)
        for field in INTERNALS + OWN:
            reports = await _reports(two, query, field, everyone["giang"], **variables)
            values = [r[_key(field)] for r in reports]
            if _key(field) in ("coordinatingUnit", "cancelReason"):  # (null when none)
                continue
            assert None not in values, (query, field)
        if query is QUEUE:  # the sensitive report's coordinating agency and advice
            reports = await _reports(
                two,
                query,
                "coordinatingUnit { code } advisedAgencies { code }",
                everyone["giang"],
                **variables,
            )
            assert {"code": "VP"} in [r["coordinatingUnit"] for r in reports]
            assert any(r["advisedAgencies"] for r in reports)
