"""The compiled read path answers `tasks` and `myWork` exactly as the field path does, for
every kind of caller, every field of Task and its parts, aliases, fragments, directives,
variables, filters and pages; the request's instant is a parameter, not part of the key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC
from typing import Any

import pytest

from bench.tasks import MY_WORK
from bench.tasks import TASKS as BENCH_TASKS
from domain.clock import FixedClock
from govgraph.container import Container
from persistence.compiled.reader import SqlCompiledReader
from persistence.database import StatementCounter
from tests.api.compiled.harness import Paths, canonical, paths
from tests.api.compiled.task_world import Tasks, build_tasks
from tests.api.compiled.test_directory_equivalence import PERSON_FIELDS
from tests.api.task_factories import build_task_world, vn
from tests.factories import Api, gid

ACTOR = "account __typename person { id fullName } unit { code }"
TASK_FIELDS = f"""
id kind content state priority deadline period createdAt sentAt entryDue entryLate completedAt
petitionLevel hardCase version statusClass availableActions __typename
directive {{ id docType numberSymbol issuedOn issuer summary receivedAt createdAt version
  officeUnit {{ code }} __typename attachments {{ name url mimeType sizeBytes __typename }} }}
officeUnit {{ code name }} leadUnit {{ id code name levelCode }}
coordinatingUnits {{ code name parent {{ code }} }}
trackers {{ role __typename person {{ {PERSON_FIELDS} }} }}
assignees {{ role __typename person {{ {PERSON_FIELDS} }} }}
timeline {{ action fromState toState at note __typename actor {{ {ACTOR} }} }}
progressUpdates {{ id content at delayReason proposals extensionUntil extensionDecision decidedAt
  __typename author {{ {ACTOR} }} }}
response {{ content draftedAt approvedAt replyNumber replyDate recordedAt recordedLate __typename
  draftedBy {{ {ACTOR} }} approvedBy {{ {ACTOR} }} }}
escalatedFrom {{ id state officeUnit {{ code }} escalatedFrom {{ id }} }}
escalatedTo {{ id petitionLevel statusClass leadUnit {{ code }} }}
escalationHistory {{ action fromState toState at note actor {{ {ACTOR} }} }}
occurrences {{ id seq periodStart periodEnd due state statusClass progressPercent report
  reportedAt doneAt version __typename reportedBy {{ {ACTOR} }} }}
"""
PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }"
IDS = "totalCount edges { node { id } }"

CORPUS: dict[str, tuple[str, dict[str, Any]]] = {
    "every field": (
        f"""{{ tasks(first: 20) {{ totalCount __typename {PAGE_INFO}
            edges {{ cursor __typename node {{ {TASK_FIELDS} }} }} }} }}""",
        {},
    ),
    "every field of the inbox": (
        f"""{{ myWork(first: 20) {{ totalCount {PAGE_INFO}
            edges {{ cursor node {{ {TASK_FIELDS} }} }} }} }}""",
        {},
    ),
    "the benchmark's inbox": (MY_WORK, {}),
    "aliases, fragments, directives": (
        """query Q($with: Boolean!, $without: Boolean!) {
            mine: myWork(first: 5) { ...Page }
            list: tasks(first: 3, sort: DEADLINE) { ...Page edges { node { ... on Node { id }
              extra: leadUnit @include(if: $with) { code }
              hidden: trackers @skip(if: $without) { role } } } } }
        fragment Page on TaskConnection { totalCount pageInfo { endCursor }
          edges { cursor node { ...Card } } }
        fragment Card on Task { id content ... on Task { statusClass } label: state }""",
        {"with": True, "without": True},
    ),
    "first 0 and the default page": (
        """{ none: tasks(first: 0) { totalCount pageInfo { hasNextPage startCursor endCursor }
              edges { cursor } }
            some: tasks { totalCount edges { node { id } } }
            work: myWork(first: 0) { totalCount pageInfo { hasNextPage } edges { cursor } } }""",
        {},
    ),
    "with the directory's roots": (
        """{ orgUnit(code: "SNV") { code name } tasks(first: 1) { totalCount }
            myWork { totalCount } }""",
        {},
    ),
}


def _filters(world: Tasks, units: dict[str, str], people: dict[str, str]) -> dict[str, Any]:
    """Every filter, alone and together, with variables (naive and aware date-times)."""
    query = f"""query F($unit: ID!, $office: ID!, $tracker: ID!, $directive: ID!,
                        $from: DateTime!, $to: DateTime!) {{
      kinds: tasks(filter: {{kinds: [DIRECTIVE, PRESS_INCIDENT]}}) {{ {IDS} }}
      states: tasks(filter: {{states: [SENT, COMPLETED, ESCALATED]}}) {{ {IDS} }}
      overdue: tasks(filter: {{statusClasses: [OPEN_OVERDUE]}}) {{ {IDS} }}
      classes: tasks(filter: {{statusClasses: [DONE_ON_TIME, DONE_LATE, NO_DEADLINE,
                                               OPEN_WITHIN_DEADLINE]}}) {{ {IDS} }}
      due: tasks(filter: {{dueFrom: $from, dueTo: $to}}) {{ {IDS} }}
      tracked: tasks(filter: {{trackerId: $tracker}}) {{ {IDS} }}
      directive: tasks(filter: {{directiveId: $directive}}) {{ {IDS} }}
      search: tasks(filter: {{search: "ke hoach"}}) {{ {IDS} }}
      subtree: tasks(filter: {{unitId: $unit}}) {{ {IDS} }}
      exact: tasks(filter: {{unitId: $office, includeSubtree: false}}) {{ {IDS} }}
      all: tasks(filter: {{unitId: $unit, kinds: [DIRECTIVE], statusClasses: [OPEN_OVERDUE,
                 OPEN_WITHIN_DEADLINE], trackerId: $tracker}}, sort: NEWEST) {{ {IDS} }}
      newest: tasks(sort: NEWEST, first: 3) {{ pageInfo {{ endCursor hasNextPage }}
        edges {{ cursor node {{ id }} }} }}
      empty: tasks(filter: {{kinds: [], states: null}}) {{ {IDS} }}
    }}"""
    return {
        "filters": (
            query,
            {
                "unit": units["HUE"],
                "office": units["SNV"],
                "tracker": people["long"],
                "directive": world.directive,
                "from": "2026-11-23T00:00:00",
                "to": "2026-12-05T00:00:00+07:00",
            },
        ),
        "the benchmark's list": (BENCH_TASKS, {"unit": units["HUE"], "first": 50}),
    }


@pytest.fixture
async def two(container: Container) -> AsyncIterator[Paths]:
    async for made in paths(container):
        yield made


async def _world(container: Container, api: Api, clock: FixedClock) -> tuple[Tasks, Any]:
    world = await build_task_world(container, api.client, clock)
    return await build_tasks(world), world


async def _cursors(two: Paths, headers: dict[str, str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Second pages after the field path's own cursors, in both orders and of the inbox."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for name, root in (
        ("tasks", "tasks(first: 2)"),
        ("newest", "tasks(first: 2, sort: NEWEST)"),
        ("myWork", "myWork(first: 1)"),
    ):
        first = await two.field.post(
            "/graphql",
            json={"query": f"{{ page: {root} {{ pageInfo {{ endCursor }} }} }}"},
            headers={"Accept": "application/json", **headers},
        )
        cursor = ((first.json().get("data") or {}).get("page") or {}).get("pageInfo", {})
        if not cursor.get("endCursor"):
            continue
        args = root[root.index("(") + 1 : -1]
        found[f"{name} after a cursor"] = (
            f"""query($a: String) {{ {root.split("(")[0]}({args}, after: $a) {{ totalCount
                pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
                edges {{ cursor node {{ id statusClass }} }} }} }}""",
            {"a": cursor["endCursor"]},
        )
    return found


async def test_compiled_answers_equal_the_field_path(
    container: Container, api: Api, clock: FixedClock, two: Paths
) -> None:
    tasks, world = await _world(container, api, clock)
    units = {code: world.unit(code) for code in ("HUE", "SNV")}
    people = {key: world.person(key) for key in ("long",)}
    for who, headers in tasks.callers.items():
        corpus = {**CORPUS, **_filters(tasks, units, people), **await _cursors(two, headers)}
        for name, (query, variables) in corpus.items():
            fast, slow, used = await two.both(query, variables, headers)
            assert canonical(fast) == canonical(slow), (who, name)
            if "errors" in slow:  # the public must sign in
                assert who == "anonymous", (who, name, slow)
                continue
            assert used, f"{name} as {who} did not take the compiled path"


async def test_refusals_take_the_field_path(
    container: Container, api: Api, clock: FixedClock, two: Paths
) -> None:
    """What the field path refuses is refused the same way: checked before any statement,
    or (a unit that does not exist) by the statement's null answer."""
    tasks, _ = await _world(container, api, clock)
    missing = gid("OrgUnit", 999_999)
    for query in (
        f'{{ tasks(filter: {{unitId: "{missing}"}}) {{ totalCount }} }}',
        f'{{ tasks(filter: {{search: "{"x" * 101}"}}) {{ totalCount }} }}',
        '{ tasks(filter: {dueFrom: "2026-12-01T00:00:00Z", dueTo: "2026-11-01T00:00:00Z"}) '
        "{ totalCount } }",
        "{ tasks(first: 101) { totalCount } }",
        '{ tasks(after: "bm90IGpzb24") { totalCount } }',
        '{ myWork(after: "WyJub3QgYSBkYXRlIiwgMV0=") { totalCount } }',  # ["not a date", 1]
        '{ tasks(filter: {trackerId: "T3JnVW5pdDox"}) { totalCount } }',  # a unit's id
    ):
        fast, slow, used = await two.both(query, {}, tasks.callers["hoa"])
        assert "errors" in slow, query
        assert canonical(fast) == canonical(slow), query
        assert not used or missing in query, query


async def test_the_request_instant_is_a_parameter_not_a_key(
    container: Container, api: Api, clock: FixedClock, two: Paths
) -> None:
    """A task passes its deadline between two requests: the later answer says so, from the
    statement kept before (the first request takes the whole pipeline, the same body again
    the prepared path: one statement each, kept)."""
    tasks, world = await _world(container, api, clock)
    query = """{ tasks(filter: {statusClasses: [OPEN_OVERDUE, OPEN_WITHIN_DEADLINE]}, first: 50)
                 { edges { node { id statusClass } } } }"""
    answers = []
    for instant in (vn(2026, 11, 23, 10), vn(2026, 11, 23, 11), vn(2026, 11, 23, 18)):
        clock.instant = instant.astimezone(UTC)
        signed = await world.as_("long")
        fast, slow, used = await two.both(query, {}, {"Authorization": f"Bearer {signed.token}"})
        assert used
        assert canonical(fast) == canonical(slow)
        answers.append(
            {e["node"]["id"]: e["node"]["statusClass"] for e in fast["data"]["tasks"]["edges"]}
        )
        if len(answers) == 2:
            kept = len(SqlCompiledReader.statements)
    assert len(SqlCompiledReader.statements) == kept  # the same statement, run again
    assert answers[0][tasks.ids["A"]] == "OPEN_WITHIN_DEADLINE"
    assert answers[2][tasks.ids["A"]] == "OPEN_OVERDUE"  # A is due at 17:00


async def test_one_statement_for_any_page_size(
    container: Container, api: Api, clock: FixedClock, two: Paths
) -> None:
    tasks, _ = await _world(container, api, clock)
    counts = []
    for first in (1, 20):
        query = f"""{{ tasks(first: {first}) {{ totalCount edges {{ node {{ {TASK_FIELDS} }} }} }}
                      myWork(first: {first}) {{ totalCount edges {{ node {{ id }} }} }} }}"""
        api.token = tasks.callers["long"]["Authorization"].split()[1]
        await api.data("{ me { login } }")  # the caller is resolved (and cached) first
        with StatementCounter(container.engine) as counter:
            found = await api.data(query)
        assert len(found["tasks"]["edges"]) == min(first, found["tasks"]["totalCount"])
        counts.append(len(counter.statements))
    assert counts[0] == counts[1] <= 2, counts
