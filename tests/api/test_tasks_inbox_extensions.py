"""myWork of a tracker: an extension request waiting for the tracker's decision is work, by
due time among the rest of the inbox, until the tracker (or the office) decides it."""

from __future__ import annotations

import pytest

from domain.clock import FixedClock
from govgraph.container import Container
from persistence.database import StatementCounter
from tests.api.task_factories import HAPPY, TaskWorld, build_task_world, iso, vn
from tests.factories import Api

WORK = """
query Work($first: Int, $after: String) {
  myWork(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id content deadline } }
  }
}
"""

ASK = """
mutation Ask($id: ID!, $until: DateTime) {
  reportTaskProgress(taskId: $id, content: "Đang tổng hợp số liệu", extensionUntil: $until) {
    progress { id }
    errors { code }
  }
}
"""

DECIDE = """
mutation Decide($id: ID!, $grant: Boolean!) {
  decideTaskExtension(progressId: $id, grant: $grant) { errors { code } }
}
"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


async def _tracked(world: TaskWorld, content: str, day: int, *trackers: str) -> str:
    """A task in progress (giang assigned), due on `day` of December 2026 at 17:00."""
    task = await world.new_task(
        content=content,
        deadline=iso(vn(2026, 12, day, 17, 0)),
        trackers=[{"personId": world.person(t), "role": "OFFICE_LEADER"} for t in trackers],
    )
    await world.advance(task["id"], HAPPY[:4])
    return str(task["id"])


async def _ask(world: TaskWorld, task_id: str, day: int) -> str:
    """giang asks to move the deadline to `day` of January 2027; the request's id."""
    until = iso(vn(2027, 1, day, 17, 0))
    asked = await world.mutate("giang", ASK, {"id": task_id, "until": until}, "reportTaskProgress")
    assert asked["errors"] == [], asked
    return str(asked["progress"]["id"])


async def _work(world: TaskWorld, who: str, first: int = 50) -> tuple[int, list[str]]:
    found = (await world.data(who, WORK, {"first": first}))["myWork"]
    return found["totalCount"], [e["node"]["content"] for e in found["edges"]]


async def test_a_pending_request_waits_on_its_trackers_by_due_time(world: TaskWorld) -> None:
    later = await _tracked(world, "later", 10, "long")
    sooner = await _tracked(world, "sooner", 4, "long")
    untracked = await _tracked(world, "untracked", 2)
    assert await _work(world, "long") == (0, [])  # an overseer acts on nothing by itself

    await _ask(world, later, 15)
    await _ask(world, untracked, 15)
    assert await _work(world, "long") == (1, ["later"])
    request = await _ask(world, sooner, 20)
    await _ask(world, sooner, 25)  # a second request on the same task: the task comes once
    assert await _work(world, "long") == (2, ["sooner", "later"])
    # the specialist who asked has the tasks anyway (in progress), each once
    assert await _work(world, "giang") == (3, ["untracked", "sooner", "later"])

    decided = await world.mutate(
        "long", DECIDE, {"id": request, "grant": True}, "decideTaskExtension"
    )
    assert decided["errors"] == []
    # granted: the deadline moved to 20 January; the second request on it still waits
    assert await _work(world, "long") == (2, ["later", "sooner"])


async def test_a_tracker_s_pages_follow_due_time_and_cost_the_same_statements(
    world: TaskWorld,
) -> None:
    ids = [await _tracked(world, f"task {day}", day, "long", "giang") for day in (9, 3, 7, 3)]
    for task_id in ids:
        await _ask(world, task_id, 30)
    expected = ["task 3", "task 3", "task 7", "task 9"]
    assert await _work(world, "long") == (4, expected)
    seen: list[str] = []
    after = None
    while True:
        page = (await world.data("long", WORK, {"first": 1, "after": after}))["myWork"]
        seen += [e["node"]["content"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == expected
    # giang is assigned to each task and tracks each: one side or two, every task once
    assert await _work(world, "giang") == (4, expected)

    api = await world.as_("long")
    counts = []
    for first in (1, 4):
        with StatementCounter(world.container.engine) as counter:
            await api.data(WORK, {"first": first})
        counts.append(counter.count)
    assert counts[0] == counts[1]


async def test_a_request_on_a_finished_task_waits_no_more(world: TaskWorld) -> None:
    task_id = await _tracked(world, "done", 8, "long")
    await _ask(world, task_id, 12)
    assert await _work(world, "long") == (1, ["done"])
    await world.advance(task_id, HAPPY[4:7])  # drafted, approved, reported: still decidable
    assert await _work(world, "long") == (1, ["done"])
    await world.advance(task_id, HAPPY[7:])  # confirmed complete
    assert await _work(world, "long") == (0, [])
