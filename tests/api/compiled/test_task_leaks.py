"""No restricted task field leaks through the compiled path: the row rule (lists, counts,
filters, the inbox, escalation links), internal notes, unapproved drafts, a period's report
in progress, and the private fields of the persons a task names. Every answer here is the
compiled path's."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from domain.clock import FixedClock
from govgraph.container import Container
from tests.api.compiled.harness import Paths, canonical, paths
from tests.api.compiled.task_world import Tasks, build_tasks
from tests.api.task_factories import TaskWorld, build_task_world
from tests.factories import Api

PRIVATE = "dateOfBirth homeAddress personalPhone civilServantCode idPhotoUrl"
PERSON = f"id fullName {PRIVATE}"
ACTOR = f"actor {{ person {{ {PERSON} }} }}"
LIST = f"""query($tracker: ID) {{ tasks(first: 100, filter: {{trackerId: $tracker}}) {{ totalCount
  edges {{ node {{ id content
    timeline {{ action note {ACTOR} }}
    response {{ content approvedAt draftedBy {{ person {{ {PERSON} }} }} }}
    progressUpdates {{ content author {{ person {{ {PERSON} }} }} }}
    trackers {{ person {{ {PERSON} }} }} assignees {{ person {{ {PERSON} }} }}
    escalatedTo {{ id content }} escalatedFrom {{ id }}
    occurrences {{ state report }} escalationHistory {{ action note }} }} }} }}
  myWork(first: 100) {{ totalCount edges {{ node {{ id response {{ content }}
    timeline {{ action note }} }} }} }} }}"""

RETURNED = "Thiếu số liệu quý III"  # the lead unit's internal note on E
DRAFT = "Dự thảo báo cáo kết quả xử lý"  # E's unapproved draft; C's approved result
DRAFT_READERS = {"an", "khanh", "snv", "giang", "hai", "long", "admin"}
"""E's lead unit (SNV): its leaders, its unit account, the assigned specialists; the tracker;
an ADMIN on the province (a LEADER grant everywhere)."""

VISIBLE = {
    # the office (VP) made every task but G and G+; Huế's task creator sees what Huế takes part in
    # (A, E) and what offices under Huế made (G, and G+: the district task G went up to); Huế's
    # overseer also D, which Huế's economy office (dung's unit) leads
    "hoa": {"A", "B", "C", "D", "E", "F", "H", "I", "J", "K", "G++"},
    "minh": {"A", "E", "G", "G+"},
    "binh": {"G"},
    "dung": {"D"},
    "cuong": {"A", "D", "E", "G", "G+"},
    "integrator": set(),
}


@pytest.fixture
async def two(container: Container) -> AsyncIterator[Paths]:
    async for made in paths(container):
        yield made


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


@pytest.fixture
async def tasks(world: TaskWorld) -> Tasks:
    return await build_tasks(world)


async def _compiled(
    two: Paths, tasks: Tasks, who: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    fast, slow, used = await two.both(LIST, variables or {}, tasks.callers[who])
    assert used, f"the compiled path answered {who}"
    assert canonical(fast) == canonical(slow), who
    assert "errors" not in fast, fast
    data: dict[str, Any] = fast["data"]
    return data


def _letters(tasks: Tasks, data: dict[str, Any]) -> set[str]:
    names = {v: k for k, v in tasks.ids.items()}
    return {names.get(e["node"]["id"], "?") for e in data["tasks"]["edges"]}


def _persons(value: Any) -> Iterator[dict[str, Any]]:
    """Every person object anywhere in an answer."""
    if isinstance(value, dict):
        if "fullName" in value and "dateOfBirth" in value:
            yield value
        for inner in value.values():
            yield from _persons(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _persons(inner)


async def test_lists_counts_and_the_inbox_stay_inside_the_row_rule(
    world: TaskWorld, tasks: Tasks, two: Paths
) -> None:
    for who, expected in VISIBLE.items():
        data = await _compiled(two, tasks, who)
        assert _letters(tasks, data) == expected, who
        assert data["tasks"]["totalCount"] == len(expected), who
        seen = {e["node"]["id"] for e in data["tasks"]["edges"]}
        assert {e["node"]["id"] for e in data["myWork"]["edges"]} <= seen, who
    # a filter on a tracker the caller may not see finds nothing more than the row rule lets
    filtered = await _compiled(two, tasks, "dung", {"tracker": world.person("long")})
    assert filtered["tasks"] == {"totalCount": 0, "edges": []}
    # the commune sees its petition went up, not the district's task; the district sees it
    binh = (await _compiled(two, tasks, "binh"))["tasks"]["edges"]
    assert [e["node"]["escalatedTo"] for e in binh] == [None]
    minh = {
        e["node"]["id"]: e["node"] for e in (await _compiled(two, tasks, "minh"))["tasks"]["edges"]
    }
    assert minh[tasks.ids["G"]]["escalatedTo"]["id"] == tasks.ids["G+"]
    assert minh[tasks.ids["G+"]]["escalatedTo"] is None  # the province's task is beyond Huế


async def test_internal_notes_and_drafts_only_for_the_unit_and_trackers(
    tasks: Tasks, two: Paths
) -> None:
    for who in sorted(set(tasks.callers) - {"anonymous"}):
        data = await _compiled(two, tasks, who)
        nodes = {e["node"]["id"]: e["node"] for e in data["tasks"]["edges"]}
        work = {e["node"]["id"]: e["node"] for e in data["myWork"]["edges"]}
        for found in (nodes, work):
            e = found.get(tasks.ids["E"])
            if e is None:
                continue
            notes = [x["note"] for x in e["timeline"] if x["action"] == "RETURN_DRAFT"]
            shown = who in DRAFT_READERS
            assert notes == [RETURNED if shown else None], who
            assert e["response"]["content"] == (DRAFT if shown else None), who
        c = nodes.get(tasks.ids["C"])
        if c is not None:  # approved: every reader of the task
            assert c["response"]["content"] == DRAFT, who
        j, k = nodes.get(tasks.ids["J"]), nodes.get(tasks.ids["K"])
        if j is not None:  # a period's progress: draft readers; its result: every reader
            shown = who in DRAFT_READERS
            assert [o["report"] for o in j["occurrences"]] == [
                "Báo cáo kỳ đầu J" if shown else None
            ], who
        if k is not None:
            assert k["occurrences"][0]["report"] == "Báo cáo kỳ đầu K", who
    top = {
        e["node"]["id"]: e["node"] for e in (await _compiled(two, tasks, "hoa"))["tasks"]["edges"]
    }
    history = top[tasks.ids["G++"]]["escalationHistory"]
    assert ("ESCALATE", "Vượt thẩm quyền xã") in [(e["action"], e["note"]) for e in history]
    assert tasks.ids["E"] in {
        e["node"]["id"] for e in (await _compiled(two, tasks, "hoa"))["tasks"]["edges"]
    }, "the office reads E, without its drafts"


async def test_private_fields_of_named_persons_only_to_themselves_and_editors(
    tasks: Tasks, two: Paths, world: TaskWorld
) -> None:
    an = world.person("an")
    for who in ("hoa", "long", "giang", "an", "minh", "snv"):
        data = await _compiled(two, tasks, who)
        persons = list(_persons(data))
        assert persons, who
        for person in persons:
            private = [person[f] for f in PRIVATE.split()]
            mine = who == "an" and person["id"] == an
            assert all(v is None for v in private) or mine, (who, person)
    own = [p for p in _persons(await _compiled(two, tasks, "an")) if p["id"] == an]
    assert own
    assert all(p["dateOfBirth"] == "1975-03-14" for p in own)
    admin = list(_persons(await _compiled(two, tasks, "admin")))
    assert any(p["dateOfBirth"] is not None for p in admin)
