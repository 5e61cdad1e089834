"""The inbox through GraphQL: task steps notify the right people, in the same transaction,
with permitted payloads only; paging, unread counts, mark read."""

from __future__ import annotations

from typing import Any

import pytest

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from tests.api.paging import PAGE_INFO, refusals, walk_both_ways
from tests.api.task_factories import TaskWorld, build_task_world
from tests.factories import Api

INBOX = """
query Inbox($first: Int, $after: String, $unreadOnly: Boolean) {
  unreadNotificationCount
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id cursor kind subjectType subjectId unitId read readAt createdAt
      summary { title action state dueAt priority threshold } } }
  }
}
"""

MARK = """
mutation Mark($ids: [ID!]!) {
  markNotificationsRead(ids: $ids) { unreadCount errors { code message } }
}
"""

MARK_ALL = """
mutation MarkAll($upTo: String) {
  markAllNotificationsRead(upTo: $upTo) { unreadCount errors { code message } }
}
"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


async def inbox(world: TaskWorld, key: str, **variables: Any) -> dict[str, Any]:
    data: dict[str, Any] = await world.data(key, INBOX, variables)
    return data


def kinds(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [
        (e["node"]["kind"], e["node"]["summary"]["action"]) for e in data["notifications"]["edges"]
    ]


async def test_each_step_tells_the_people_who_now_have_work(world: TaskWorld) -> None:
    task = await world.new_task(content="Báo cáo tình hình ngập úng tại phường Phú Hội")
    await world.advance(task["id"], [Action.SEND])
    for leader in ("an", "khanh"):
        assert kinds(await inbox(world, leader)) == [("NEW_ASSIGNMENT", "SEND")]
    await world.advance(task["id"], [Action.RECEIVE, Action.ASSIGN])
    for specialist in ("giang", "hai"):
        data = await inbox(world, specialist)
        assert kinds(data) == [("NEW_ASSIGNMENT", "ASSIGN")]
        node = data["notifications"]["edges"][0]["node"]
        assert node["subjectType"] == "TASK"
        assert node["subjectId"] == task["id"]
        assert node["unitId"] == world.unit("SNV")
    await world.advance(task["id"], [Action.START, Action.SUBMIT_DRAFT])
    payload = await world.step(task["id"], Action.RETURN_DRAFT, reason="Bổ sung số liệu mật")
    assert payload["errors"] == []
    await world.advance(task["id"], [Action.SUBMIT_DRAFT, Action.APPROVE])
    data = await inbox(world, "giang")
    assert kinds(data) == [
        ("APPROVED", "APPROVE"),
        ("RETURNED", "RETURN_DRAFT"),
        ("NEW_ASSIGNMENT", "ASSIGN"),
    ]
    assert "mật" not in str(data)  # the internal note never travels in a payload
    # the one who acts is not told; people outside the task hear nothing
    assert kinds(await inbox(world, "an")) == [("NEW_ASSIGNMENT", "SEND")]
    assert kinds(await inbox(world, "dung")) == []
    assert kinds(await inbox(world, "hoa")) == []


async def test_returning_a_task_tells_the_office(world: TaskWorld) -> None:
    task = await world.new_task()
    await world.advance(task["id"], [Action.SEND, Action.RETURN])
    data = await inbox(world, "hoa")
    assert kinds(data) == [("RETURNED", "RETURN")]
    summary = data["notifications"]["edges"][0]["node"]["summary"]
    assert summary["state"] == "RETURNED"
    assert summary["title"].startswith("Báo Thừa Thiên Huế")


async def test_a_refused_step_writes_no_notification(world: TaskWorld) -> None:
    task = await world.new_task()
    payload = await world.step(task["id"], Action.SEND, by="dung")
    assert payload["errors"]
    assert kinds(await inbox(world, "an")) == []


async def test_paging_unread_counts_and_marking_read(world: TaskWorld) -> None:
    for n in range(3):
        task = await world.new_task(content=f"Nhiệm vụ số {n}")
        await world.advance(task["id"], [Action.SEND])
    first = await inbox(world, "an", first=2)
    assert first["unreadNotificationCount"] == 3
    assert first["notifications"]["totalCount"] == 3
    titles = [e["node"]["summary"]["title"] for e in first["notifications"]["edges"]]
    assert titles == ["Nhiệm vụ số 2", "Nhiệm vụ số 1"]  # newest first
    assert first["notifications"]["pageInfo"]["hasNextPage"]
    rest = await inbox(world, "an", first=2, after=first["notifications"]["pageInfo"]["endCursor"])
    assert [e["node"]["summary"]["title"] for e in rest["notifications"]["edges"]] == [
        "Nhiệm vụ số 0"
    ]
    newest = first["notifications"]["edges"][0]["node"]["id"]
    marked = await world.mutate("an", MARK, {"ids": [newest]}, "markNotificationsRead")
    assert marked == {"unreadCount": 2, "errors": []}
    unread = await inbox(world, "an", unreadOnly=True)
    assert unread["notifications"]["totalCount"] == 2
    # khanh cannot mark an's notifications: not his, nothing changes
    other = await world.mutate("khanh", MARK, {"ids": [newest]}, "markNotificationsRead")
    assert other == {"unreadCount": 3, "errors": []}
    oldest = rest["notifications"]["edges"][0]["node"]["cursor"]
    upto = await world.mutate("an", MARK_ALL, {"upTo": oldest}, "markAllNotificationsRead")
    assert upto == {"unreadCount": 1, "errors": []}
    done = await world.mutate("an", MARK_ALL, {}, "markAllNotificationsRead")
    assert done == {"unreadCount": 0, "errors": []}
    assert (await inbox(world, "an"))["notifications"]["edges"][0]["node"]["read"]


async def test_only_staff_with_a_person_have_an_inbox(world: TaskWorld, api: Api) -> None:
    unit_account = await world.as_("snv")
    body = await unit_account.post(INBOX)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = await api.post(INBOX, token="")
    assert anonymous["errors"][0]["extensions"]["code"] in ("UNAUTHENTICATED", "FORBIDDEN")
    marked = await unit_account.post(MARK_ALL)
    assert marked["data"]["markAllNotificationsRead"]["errors"][0]["code"] == "FORBIDDEN"


async def test_too_large_a_page_is_refused(world: TaskWorld) -> None:
    body = await (await world.as_("an")).post(INBOX, {"first": 101})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_the_inbox_costs_the_same_statements_for_any_page_size(
    world: TaskWorld, container: Container
) -> None:
    from persistence.database import StatementCounter

    for n in range(6):
        task = await world.new_task(content=f"Việc {n}")
        await world.advance(task["id"], [Action.SEND])
    await world.as_("an")
    await inbox(world, "an", first=1)  # the caller is resolved (and cached) first
    counted = []
    for first in (2, 6):
        with StatementCounter(container.engine) as counter:
            data = await inbox(world, "an", first=first)
        assert len(data["notifications"]["edges"]) == first
        counted.append(counter.count)
    assert counted[0] == counted[1]


PAGED_INBOX = f"""
query($first: Int, $after: String, $last: Int, $before: String, $unreadOnly: Boolean) {{
  notifications(
    first: $first, after: $after, last: $last, before: $before, unreadOnly: $unreadOnly
  ) {{
    pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ id summary {{ title }} }} }}
  }}
}}
"""


async def test_the_inbox_pages_both_ways(world: TaskWorld) -> None:
    for n in range(4):
        task = await world.new_task(content=f"Nhiệm vụ số {n}")
        await world.advance(task["id"], [Action.SEND])

    async def read(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await world.data("an", PAGED_INBOX, paging))["notifications"]
        return found

    edges = await walk_both_ways(read, 1)
    titles = [e["node"]["summary"]["title"] for e in edges]
    assert titles == [f"Nhiệm vụ số {n}" for n in (3, 2, 1, 0)]  # newest first either way
    newest = edges[0]["node"]["id"]
    await world.mutate("an", MARK, {"ids": [newest]}, "markNotificationsRead")

    async def unread(paging: dict[str, Any]) -> dict[str, Any]:
        variables = {"unreadOnly": True} | paging
        found: dict[str, Any] = (await world.data("an", PAGED_INBOX, variables))["notifications"]
        return found

    assert await walk_both_ways(unread, 2) == edges[1:]
    api = await world.as_("an")
    await refusals(lambda paging: api.post(PAGED_INBOX, paging))
