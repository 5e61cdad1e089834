"""The daily press digest through the API: posted by the office's editors, shared to every
unit, its items forwarded as PRESS_INCIDENT tasks (one winner when two forward at once)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from domain.clock import FixedClock
from govgraph.container import Container
from persistence.database import StatementCounter
from tests.api.paging import PAGE_INFO, refusals, walk_both_ways
from tests.api.task_factories import TaskWorld, build_task_world, codes, iso, vn
from tests.factories import Api


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


PUBLISH = """
mutation Publish($office: ID!, $items: [PressItemInput!]!, $date: Date, $version: Int) {
  publishPressDigest(officeUnitId: $office, items: $items, date: $date, version: $version) {
    digest { id date dueAt publishedLate version items { id headline forwarded } }
    errors { code field message }
  }
}
"""

FORWARD = """
mutation Forward($id: ID!, $to: ForwardInput!, $version: Int) {
  forwardPressItem(id: $id, to: $to, version: $version) {
    item { id forwarded forwardedAt version }
    task { id kind state deadline hardCase content leadUnit { code } coordinatingUnits { code }
           trackers { role person { fullName } } }
    errors { code field message }
  }
}
"""

DIGESTS = """
query Digests($from: Date, $to: Date, $first: Int) {
  pressDigests(from: $from, to: $to, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { date publishedLate officeUnit { code }
      items { headline outlet summary url articleDate forwarded task { id state } } } }
  }
}
"""

ITEMS = [
    {
        "headline": "Ngập úng kéo dài trên đường Lê Lợi",
        "outlet": "Báo Tuổi Trẻ",
        "summary": "Người dân phản ánh nước ngập sâu sau mưa lớn",
        "url": "https://tuoitre.vn/ngap-ung",
        "articleDate": "2026-11-19",
    },
    {
        "headline": "Khánh thành cầu mới",
        "outlet": "Báo Thừa Thiên Huế",
        "summary": "Tin tích cực, không cần xử lý",
    },
]


async def _publish(world: TaskWorld, **variables: Any) -> dict[str, Any]:
    values = {"office": world.unit("VP"), "items": ITEMS} | variables
    return await world.mutate("hoa", PUBLISH, values, "publishPressDigest")


async def test_the_digest_is_shared_to_every_unit_and_an_item_becomes_a_task(
    world: TaskWorld,
) -> None:
    posted = await _publish(world)
    assert posted["errors"] == []
    digest = posted["digest"]
    assert (digest["date"], digest["dueAt"]) == ("2026-11-20", iso(vn(2026, 11, 20, 11)))
    assert digest["publishedLate"] is False  # 10:00, before 11:00
    for reader in ("an", "dung", "snv"):  # a department leader, a district clerk, a unit account
        shared = (await world.data(reader, DIGESTS))["pressDigests"]
        assert shared["totalCount"] == 1
        assert [i["headline"] for i in shared["edges"][0]["node"]["items"]] == [
            i["headline"] for i in ITEMS
        ]
    item = digest["items"][0]
    to = {
        "leadUnitId": world.unit("SNV"),
        "coordinatingUnitIds": [world.unit("HUE")],
        "trackers": [{"personId": world.person("hoa"), "role": "SPECIALIST"}],
        "hardCase": True,
    }
    assert codes(
        await world.mutate("an", FORWARD, {"id": item["id"], "to": to}, "forwardPressItem")
    ) == ["FORBIDDEN"]
    forwarded = await world.mutate("hoa", FORWARD, {"id": item["id"], "to": to}, "forwardPressItem")
    assert forwarded["errors"] == []
    task = forwarded["task"]
    assert (task["kind"], task["state"], task["hardCase"]) == ("PRESS_INCIDENT", "SENT", True)
    assert task["deadline"] == iso(vn(2026, 12, 7, 17))  # 10 working days, 24 November off
    assert task["content"].startswith("Ngập úng kéo dài trên đường Lê Lợi (Báo Tuổi Trẻ")
    assert task["trackers"] == [{"role": "SPECIALIST", "person": {"fullName": "Ngô Thị Hoa"}}]
    again = await world.mutate("hoa", FORWARD, {"id": item["id"], "to": to}, "forwardPressItem")
    assert codes(again) == ["INVALID_STATE"]
    # the item links to its task for those who see the task, and only for them
    seen = (await world.data("an", DIGESTS))["pressDigests"]["edges"][0]["node"]["items"][0]
    assert (seen["forwarded"], seen["task"]) == (True, {"id": task["id"], "state": "SENT"})
    unseen = (await world.data("dung", DIGESTS))["pressDigests"]["edges"][0]["node"]["items"][0]
    assert (unseen["forwarded"], unseen["task"]) == (True, None)


async def test_digests_are_checked(world: TaskWorld) -> None:
    assert codes(await _publish(world, items=[])) == ["INVALID_INPUT"]
    assert codes(await _publish(world, date="2026-11-21")) == ["INVALID_INPUT"]  # Saturday
    assert codes(await _publish(world, date="2026-11-23")) == ["INVALID_INPUT"]  # future
    long = [ITEMS[0] | {"headline": "x" * 501}]
    assert codes(await _publish(world, items=long)) == ["TOO_LONG"]
    denied = await world.mutate(
        "an", PUBLISH, {"office": world.unit("VP"), "items": ITEMS}, "publishPressDigest"
    )
    assert codes(denied) == ["FORBIDDEN"]
    first = (await _publish(world))["digest"]
    more = await _publish(world, items=ITEMS[:1], version=first["version"])
    assert more["errors"] == []
    assert len(more["digest"]["items"]) == 3
    stale = await _publish(world, items=ITEMS[:1], version=first["version"])
    assert codes(stale) == ["STALE_VERSION"]
    world.clock.instant = vn(2026, 11, 19, 11, 30)  # yesterday's digest, posted late
    late = await _publish(world, date="2026-11-19")
    assert late["digest"]["publishedLate"] is True
    anonymous = await Api(world.client).post(DIGESTS)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_two_forwards_of_one_item_cannot_both_win(world: TaskWorld) -> None:
    digest = (await _publish(world))["digest"]
    item = digest["items"][0]
    hoa = await world.as_("hoa")
    variables = {"id": item["id"], "to": {"leadUnitId": world.unit("SNV")}, "version": 1}
    results = await asyncio.gather(hoa.data(FORWARD, variables), hoa.data(FORWARD, variables))
    outcomes = sorted(codes(r["forwardPressItem"]) for r in results)
    assert outcomes == [[], ["STALE_VERSION"]]
    press = """query { tasks(filter: {kinds: [PRESS_INCIDENT]}) { totalCount } }"""
    assert (await world.data("hoa", press))["tasks"]["totalCount"] == 1  # nothing half-written


async def test_a_page_of_digests_is_batched(world: TaskWorld) -> None:
    async def post(day: str) -> None:
        world.clock.instant = vn(2026, 11, int(day[-2:]), 10)
        posted = await _publish(world, date=day)
        assert posted["errors"] == []
        forwarded = await world.mutate(
            "hoa",
            FORWARD,
            {"id": posted["digest"]["items"][0]["id"], "to": {"leadUnitId": world.unit("SNV")}},
            "forwardPressItem",
        )
        assert forwarded["errors"] == []

    await post("2026-11-20")
    api = await world.as_("an")
    await api.data(DIGESTS, {"first": 1})  # the caller is resolved (and cached) first
    with StatementCounter(world.container.engine) as small:
        await api.data(DIGESTS, {"first": 50})
    for day in ("2026-11-23", "2026-11-25", "2026-11-26", "2026-11-27"):  # 24th is off
        await post(day)
    api = await world.as_("an")
    await api.data(DIGESTS, {"first": 1})  # signed in again: not part of the count
    with StatementCounter(world.container.engine) as large:
        found = (await api.data(DIGESTS, {"first": 50}))["pressDigests"]
    assert found["totalCount"] == 5
    assert [e["node"]["date"] for e in found["edges"]][:2] == ["2026-11-27", "2026-11-26"]
    assert small.count == large.count, (small.statements, large.statements)
    page = (await api.data(DIGESTS, {"first": 2, "from": "2026-11-23", "to": "2026-11-26"}))[
        "pressDigests"
    ]
    assert (page["totalCount"], page["pageInfo"]["hasNextPage"]) == (3, True)


PAGED_DIGESTS = f"""query($first: Int, $after: String, $last: Int, $before: String) {{
  pressDigests(first: $first, after: $after, last: $last, before: $before) {{
    pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ date }} }} }} }}"""


async def test_digests_page_both_ways(world: TaskWorld) -> None:
    for day in ("2026-11-20", "2026-11-23", "2026-11-25"):
        world.clock.instant = vn(2026, 11, int(day[-2:]), 10)
        assert (await _publish(world, date=day))["errors"] == []
    api = await world.as_("an")

    async def read(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await api.data(PAGED_DIGESTS, paging))["pressDigests"]
        return found

    edges = await walk_both_ways(read, 1)
    assert [e["node"]["date"] for e in edges] == ["2026-11-25", "2026-11-23", "2026-11-20"]
    await refusals(lambda paging: api.post(PAGED_DIGESTS, paging))
