"""The compiled read path answers the field reports' root fields (publicReflections,
reflectionWorkQueue) exactly as the field path does, for every kind of caller, every field
of their types, aliases, fragments, variables, filters and pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from domain.clock import FixedClock
from govgraph.container import Container
from persistence.compiled.reader import SqlCompiledReader
from tests.api.compiled.harness import Paths, canonical, paths
from tests.api.compiled.reflection_world import alone, build_scenario, callers
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world
from tests.factories import Api

PART = """agency { code name } state assignedAt step dueAt acceptedAt handleDue returnDue result
resultAt approvedAt suggestedUnit { code } note __typename"""
REPORT = f"""id channel content occurredAt submittedAt latitude longitude address priority state
publishedAt rating version media {{ kind url mimeType sizeBytes name __typename }}
commune {{ id code name leaders {{ title person {{ fullName birthday }} }} }}
category {{ id code name urgent sensitive __typename }} result step stepDue overdue
timeline {{ action fromState toState at agency {{ code }} step dueAt breached note __typename }}
reporterName reporterPhone reporterEmail reporterKind consentContact secrecyRequested isPublic
sensitive coordinatingUnit {{ code name }} advisedAgencies {{ code }} cancelReason
agencies {{ {PART} }}
questions {{ id question askedAt answerDue answer answeredAt answeredBy {{ code }} __typename }}
__typename"""
PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }"
QUEUE = f"""query Q($a: ID!, $first: Int) {{ reflectionWorkQueue(agencyId: $a, first: $first) {{
  totalCount __typename {PAGE_INFO}
  edges {{ cursor __typename node {{ {PART} }} reflection {{ {REPORT} }} }} }} }}"""
SHALLOW_QUEUE = QUEUE.replace("fullName birthday", "fullName")
"""(SQLite's parser takes the queue with every field but the leaders' birthdays.)"""
PUBLIC = f"""query P($first: Int) {{ publicReflections(first: $first) {{ totalCount __typename
  {PAGE_INFO} edges {{ cursor __typename node {{ {REPORT} }} }} }} }}"""
CORPUS: dict[str, tuple[str, dict[str, Any]]] = {
    "the public feed, every field": (PUBLIC, {"first": 50}),
    "the benchmark's feed": (
        """query Public($first: Int!, $after: String) {
          publicReflections(first: $first, after: $after) {
            pageInfo { hasNextPage endCursor }
            edges { node { id content address publishedAt state rating
                           commune { name } category { name } } } } }""",
        {"first": 50},
    ),
    "aliases, fragments, directives, variables": (
        """query F($with: Boolean!, $without: Boolean!, $n: Int) {
          a: publicReflections(first: $n) { n: totalCount edges { c: cursor node { ...R
            ... on Node { id } t: timeline @include(if: $with) { action }
            hidden: questions @skip(if: $without) { id } } } }
          b: publicReflections(first: 1) { pageInfo { hasNextPage } edges { node { ...R } } } }
        fragment R on Reflection { id state ... on Reflection { reporterPhone overdue }
          commune { ...U } }
        fragment U on OrgUnit { code }""",
        {"with": True, "without": True, "n": 3},
    ),
    "filters": (
        """query($c: [ID!], $area: ID, $from: DateTime, $to: DateTime) {
          byCategory: publicReflections(categoryIds: $c) { totalCount edges { node { id } } }
          byArea: publicReflections(areaId: $area, first: 2) { totalCount
            pageInfo { hasNextPage endCursor } edges { cursor node { id commune { code } } } }
          byTime: publicReflections(publishedFrom: $from, publishedTo: $to) { totalCount
            edges { node { id publishedAt } } }
          none: publicReflections(first: 0) { totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } } }""",
        {},
    ),
    "the benchmark's queue": (
        """query Queue($a: ID!, $first: Int!) {
          reflectionWorkQueue(agencyId: $a, first: $first) {
            pageInfo { hasNextPage endCursor }
            edges { node { state step dueAt } reflection { id content state priority stepDue
                                                          reporterPhone commune { name } } } } }""",
        {"first": 50},
    ),
    "the queue, every field": (SHALLOW_QUEUE, {}),
    "both roots at once": (
        """query($a: ID!) { reflectionWorkQueue(agencyId: $a, first: 1) {
             pageInfo { hasNextPage endCursor } edges { cursor reflection { id overdue } } }
           publicReflections(first: 2) { edges { node { id } } } }""",
        {},
    ),
}
QUEUES = ("the benchmark's queue", "the queue, every field", "both roots at once")
PAGED_PUBLIC = """query($after: String) { publicReflections(first: 2, after: $after) {
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { id reporterName timeline { action note } } } } }"""
PAGED_QUEUE = """query($a: ID!, $after: String) {
  reflectionWorkQueue(agencyId: $a, first: 2, after: $after) { totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { state dueAt } reflection { id reporterPhone questions { id } } } } }"""


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


@pytest.fixture
async def two(container: Container) -> AsyncIterator[Paths]:
    async for made in paths(container):
        yield made


def _variables(world: ReflectionWorld, name: str, agency: str) -> dict[str, Any]:
    _, variables = CORPUS[name]
    if name == "filters":
        return {
            "c": [world.category("LIGHTING"), world.category("FIRE")],
            "area": world.unit("HUE"),
            "from": "2026-11-20T10:30:00+07:00",
            "to": "2026-11-23T01:00:00+00:00",
        }
    return {**variables, "a": world.unit(agency)} if name in QUEUES else variables


async def _cursors(two: Paths, query: str, variables: dict[str, Any], headers: Any) -> list[str]:
    """The end cursors of the field path's pages of a list (first: 2)."""
    found: list[str] = []
    after = None
    for _ in range(12):
        body = (
            await two.field.post(
                "/graphql",
                json={"query": query, "variables": {**variables, "after": after}},
                headers={"Accept": "application/json", **headers},
            )
        ).json()
        page = next(iter((body.get("data") or {}).values()), None)
        if not page or not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]
        found.append(after)
    return found


async def test_compiled_answers_equal_the_field_path(
    world: ReflectionWorld, clock: FixedClock, container: Container, two: Paths
) -> None:
    await build_scenario(world, clock, container)
    refused = set()
    for who, headers in (await callers(world)).items():
        for agency in ("SNV", "HUE-PKT"):
            for name, (query, _) in CORPUS.items():
                variables = _variables(world, name, agency)
                fast, slow, _ = await two.both(query, variables, headers)
                assert canonical(fast) == canonical(slow), (who, name, agency)
                if "errors" in slow:  # the work queue, refused to this caller
                    assert name in QUEUES, (who, name, slow)
                    refused.add((who, agency))
                    continue
                assert alone(two), f"{name} ({agency}) as {who}: not the compiled path alone"
        for query, variables in ((PAGED_PUBLIC, {}), (PAGED_QUEUE, {"a": world.unit("SNV")})):
            pages = await _cursors(two, query, variables, headers)
            for after in pages:
                fast, slow, _ = await two.both(query, {**variables, "after": after}, headers)
                assert canonical(fast) == canonical(slow), (who, query, after)
                assert alone(two), (who, query, after)
            assert pages or (who, "SNV") in refused, (who, query)
    never = {"anonymous", "citizen", "integrator", "coord", "ioc"}  # no agency's staff
    assert refused == {(w, a) for w in never for a in ("SNV", "HUE-PKT")} | {
        ("dung", "SNV"),  # Huế's economy office
        ("cuong", "SNV"),  # OVERSEER of Huế
        *((w, "HUE-PKT") for w in ("an", "khanh", "giang")),  # SNV
    }


async def test_a_deep_selection_falls_back_on_sqlite_only(
    world: ReflectionWorld, clock: FixedClock, container: Container, two: Paths
) -> None:
    """The queue with the leaders' birthdays nests deeper than SQLite's parser allows: the
    field path answers it there, the same answer; PostgreSQL takes it compiled."""
    await build_scenario(world, clock, container)
    admin = (await callers(world))["admin"]
    fast, slow, used = await two.both(QUEUE, {"a": world.unit("SNV")}, admin)
    assert used
    assert canonical(fast) == canonical(slow)
    assert alone(two) == (container.engine.dialect.name == "postgresql")


async def test_the_scenario_fills_every_field(
    world: ReflectionWorld, clock: FixedClock, container: Container, two: Paths
) -> None:
    """Every field has a value somewhere (else equality would prove little)."""
    await build_scenario(world, clock, container)
    everyone = await callers(world)
    fast, _, _ = await two.both(PUBLIC, {"first": 50}, everyone["ioc"])
    nodes = [e["node"] for e in fast["data"]["publicReflections"]["edges"]]
    queue, _, _ = await two.both(SHALLOW_QUEUE, {"a": world.unit("HUE-PKT")}, everyone["admin"])
    edges = queue["data"]["reflectionWorkQueue"]["edges"]
    reports = nodes + [e["reflection"] for e in edges]
    empty = {key for key in reports[0] if all(r[key] in (None, []) for r in reports)}
    assert empty == {"cancelReason"}  # cancelled reports are in no list
    parts = [p for r in reports for p in r["agencies"]] + [e["node"] for e in edges]
    assert {k for k in parts[0] if all(p[k] is None for p in parts)} == set()
    events = [e for r in reports for e in r["timeline"]]
    assert {k for k in events[0] if all(e[k] in (None, False) for e in events)} == set()
    questions = [q for r in reports for q in r["questions"]]
    assert {k for k in questions[0] if all(q[k] is None for q in questions)} == set()
    assert any(r["overdue"] for r in reports)
    assert not all(r["overdue"] for r in reports)


async def test_refusals_take_the_field_path(
    world: ReflectionWorld, clock: FixedClock, container: Container, two: Paths
) -> None:
    """What the field path refuses is refused the same way: the queue to the public and to
    an agency's outsiders, an unknown area, malformed cursors, a page too large; a
    date-time without an offset is left to the field path."""
    await build_scenario(world, clock, container)
    everyone = await callers(world)
    queue = CORPUS["the benchmark's queue"][0]
    snv = {"a": world.unit("SNV"), "first": 5}
    area = "query($a: ID!) { publicReflections(areaId: $a) { totalCount } }"
    for who, query, variables in (
        ("anonymous", queue, snv),
        ("dung", queue, snv),
        ("citizen", queue, snv),
        ("integrator", queue, snv),
        ("ioc", area, {"a": "T3JnVW5pdDo5OTk5"}),  # OrgUnit:9999
        ("anonymous", '{ publicReflections(after: "bm90IGpzb24") { totalCount } }', {}),
        ("anonymous", '{ publicReflections(after: "WzEsIDJd") { totalCount } }', {}),  # [1, 2]
        ("anonymous", "{ publicReflections(first: 101) { totalCount } }", {}),
        ("an", '{ publicReflections(publishedFrom: "2026-11-20T10:00:00") { totalCount } }', {}),
    ):
        fast, slow, _ = await two.both(query, variables, everyone[who])
        assert canonical(fast) == canonical(slow), (who, query)
        assert ("errors" in slow) != ("publishedFrom" in query), (who, query)


async def test_the_request_instant_is_a_parameter(
    world: ReflectionWorld, clock: FixedClock, container: Container, two: Paths
) -> None:
    """`overdue` follows the clock while one kept statement answers: the instant is bound
    on every run, not built into the statement."""
    await build_scenario(world, clock, container)
    query = """query($a: ID!) { reflectionWorkQueue(agencyId: $a) { edges {
      node { dueAt } reflection { stepDue overdue } } } }"""
    variables = {"a": world.unit("SNV")}
    answers: list[list[bool]] = []
    kept: dict[Any, Any] = {}
    for shift in (timedelta(0), timedelta(days=10)):
        clock.instant = clock.instant + shift
        admin = (await callers(world))["admin"]  # (a token of this instant)
        fast, slow, _ = await two.both(query, variables, admin)
        assert alone(two), (fast, two.last)
        assert canonical(fast) == canonical(slow)
        edges = fast["data"]["reflectionWorkQueue"]["edges"]
        answers.append([e["reflection"]["overdue"] for e in edges])
        if shift:
            assert SqlCompiledReader.statements == kept  # the same one, nothing built again
        kept = dict(SqlCompiledReader.statements)
    now, later = answers
    assert any(now)
    assert not all(now)
    assert all(later)


async def test_one_statement_whatever_the_page_size(
    world: ReflectionWorld, clock: FixedClock, container: Container, two: Paths
) -> None:
    await build_scenario(world, clock, container)
    everyone = await callers(world)
    for who, query, variables in (
        ("anonymous", PUBLIC, {}),
        ("admin", SHALLOW_QUEUE, {"a": world.unit("SNV")}),
    ):
        ran = []
        for size in (1, 50):
            for _ in range(2):  # a body seen before: a prepared read (persisted statement)
                fast, _, _ = await two.both(query, {**variables, "first": size}, everyone[who])
                assert alone(two)
                assert "errors" not in fast
            ran.append(two.last)
        assert [len(r) for r in ran] == [1, 1], (who, ran)  # revisions read in the answer's
