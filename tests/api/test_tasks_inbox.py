"""myWork: what waits for the signed-in person's action now, by due time; and voter
petitions escalated up a level, which land in the upper level's inbox with their history."""

from __future__ import annotations

from typing import Any

import pytest

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from tests.api.paging import PAGE_INFO, refusals, walk_both_ways
from tests.api.task_factories import HAPPY, TaskWorld, build_task_world, codes, iso, vn
from tests.factories import Api

WORK = """
query Work($first: Int, $after: String) {
  myWork(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id state deadline } }
  }
}
"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


# name: (deadline day in November/December 2026 or None, actions from CREATED)
CHAIN: dict[str, tuple[tuple[int, int] | None, list[Action]]] = {
    "created": ((12, 10), []),
    "sent": ((11, 27), [Action.SEND]),
    "returned": ((11, 30), [Action.SEND, Action.RETURN]),
    "assigned": ((12, 2), HAPPY[:3]),
    "in progress": ((11, 25), HAPPY[:4]),
    "drafted": ((12, 1), HAPPY[:5]),
    "reported": ((12, 3), HAPPY[:7]),
    "completed": ((11, 26), HAPPY),
    "cancelled": ((11, 24), [Action.CANCEL]),
}


@pytest.fixture
async def chain(world: TaskWorld) -> dict[str, str]:
    made: dict[str, str] = {}
    for name, (due, actions) in CHAIN.items():
        deadline = iso(vn(2026, due[0], due[1], 17, 0)) if due else None
        task = await world.new_task(kind="CITIZEN_QUESTION", content=name, deadline=deadline)
        if actions:
            await world.advance(task["id"], actions)
        made[name] = task["id"]
    no_deadline = await world.new_task(kind="WORK_PROGRAM_ITEM", content="no deadline")
    made["no deadline"] = no_deadline["id"]
    return made


async def _work(world: TaskWorld, who: str, chain: dict[str, str]) -> list[str]:
    names = {v: k for k, v in chain.items()}
    found = (await world.data(who, WORK, {"first": 50}))["myWork"]
    assert found["totalCount"] == len(found["edges"])
    return [names[e["node"]["id"]] for e in found["edges"]]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("hoa", ["returned", "reported", "created", "no deadline"]),  # the office's specialist
        ("an", ["sent", "drafted"]),  # the unit's leader
        ("khanh", ["sent", "drafted"]),  # its deputy, also a LEADER
        ("snv", ["sent", "drafted"]),  # the unit's account
        ("giang", ["in progress", "assigned"]),  # the lead specialist
        ("hai", ["in progress", "assigned"]),  # the coordinating specialist
        ("long", []),  # oversees, acts on nothing
        ("dung", []),
        ("cuong", []),
    ],
)
async def test_my_work_by_due_time(
    world: TaskWorld, chain: dict[str, str], who: str, expected: list[str]
) -> None:
    assert await _work(world, who, chain) == expected


async def test_my_work_pages_and_needs_a_sign_in(world: TaskWorld, chain: dict[str, str]) -> None:
    names = {v: k for k, v in chain.items()}
    seen: list[str] = []
    after = None
    while True:
        page = (await world.data("hoa", WORK, {"first": 1, "after": after}))["myWork"]
        assert page["totalCount"] == 4
        seen += [names[e["node"]["id"]] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["returned", "reported", "created", "no deadline"]
    anonymous = await world.client.post(
        "/graphql", json={"query": WORK}, headers={"Accept": "application/json"}
    )
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_work_moves_from_inbox_to_inbox(world: TaskWorld) -> None:
    task = await world.new_task(kind="CITIZEN_QUESTION", content="one")
    only = {"one": task["id"]}
    assert await _work(world, "hoa", only) == ["one"]
    await world.advance(task["id"], [Action.SEND])
    assert await _work(world, "hoa", only) == []
    assert await _work(world, "snv", only) == ["one"]
    await world.advance(task["id"], [Action.RECEIVE, Action.ASSIGN])
    assert await _work(world, "snv", only) == []
    assert await _work(world, "giang", only) == ["one"]


PETITIONS = """
query Petitions {
  tasks(filter: {kinds: [VOTER_PETITION]}, sort: NEWEST) {
    totalCount
    edges { node {
      id state statusClass petitionLevel content
      officeUnit { code } leadUnit { code }
      escalatedFrom { id state petitionLevel officeUnit { code } timeline { action } }
      timeline { action fromState toState note actor { person { fullName } } }
    } }
  }
}
"""


async def _commune_petition(world: TaskWorld) -> dict[str, Any]:
    petition = await world.new_task(
        "binh",
        kind="VOTER_PETITION",
        petitionLevel="COMMUNE",
        content="Cử tri phường Phú Hội kiến nghị nâng cấp tuyến đường Nguyễn Công Trứ",
        officeUnitId=world.unit("HUE-PHUHOI"),
        leadUnitId=world.unit("HUE-PHUHOI"),
    )
    sent = await world.step(petition["id"], Action.SEND, by="binh")
    assert sent["errors"] == []
    return dict(sent["task"])


async def test_a_commune_petition_escalated_to_the_district_keeps_its_history(
    world: TaskWorld,
) -> None:
    petition = await _commune_petition(world)
    assert "ESCALATE" in petition["availableActions"]
    escalated = await world.step(petition["id"], Action.ESCALATE)
    assert escalated["errors"] == []
    assert (escalated["task"]["state"], escalated["task"]["statusClass"]) == ("ESCALATED", None)

    found = (await world.data("minh", PETITIONS))["tasks"]
    assert found["totalCount"] == 2
    upper, lower = (e["node"] for e in found["edges"])
    assert lower["id"] == petition["id"]
    assert (upper["state"], upper["petitionLevel"]) == ("CREATED", "DISTRICT")
    assert (upper["officeUnit"], upper["leadUnit"]) == ({"code": "HUE"}, {"code": "HUE"})
    assert upper["content"] == petition["content"]
    assert upper["escalatedFrom"] == {
        "id": petition["id"],
        "state": "ESCALATED",
        "petitionLevel": "COMMUNE",
        "officeUnit": {"code": "HUE-PHUHOI"},
        "timeline": [{"action": "CREATE"}, {"action": "SEND"}, {"action": "ESCALATE"}],
    }
    assert upper["timeline"] == [
        {
            "action": "ESCALATED_IN",
            "fromState": None,
            "toState": "CREATED",
            "note": f"escalated from task {_pk(petition['id'])}",
            "actor": {"person": {"fullName": "Trần Thị Bình"}},
        }
    ]
    work = (await world.data("minh", WORK))["myWork"]["edges"]
    assert [e["node"]["id"] for e in work] == [upper["id"]]  # the district office takes it up
    # the commune keeps seeing its own petition, not the district's
    commune = (await world.data("binh", PETITIONS))["tasks"]
    assert [e["node"]["id"] for e in commune["edges"]] == [petition["id"]]
    assert codes(await world.step(petition["id"], Action.ESCALATE)) == ["INVALID_TRANSITION"]


def _pk(global_id: str) -> int:
    from strawberry.relay import GlobalID

    return int(GlobalID.from_id(global_id).node_id)


async def test_escalation_goes_one_level_up_and_only_for_petitions(world: TaskWorld) -> None:
    petition = await _commune_petition(world)
    sideways = await world.step(petition["id"], Action.ESCALATE, toUnitId=world.unit("PD-PHONGTHU"))
    assert codes(sideways) == ["INVALID_INPUT"]
    press = await world.new_task()
    await world.advance(press["id"], [Action.SEND])
    assert codes(await world.step(press["id"], Action.ESCALATE, by="hoa")) == ["INVALID_TRANSITION"]
    province = await world.new_task(kind="VOTER_PETITION", petitionLevel="PROVINCE")
    await world.advance(province["id"], [Action.SEND])
    top = await world.step(province["id"], Action.ESCALATE, by="hoa")
    assert codes(top) == ["NOT_IN_COMPETENCE"]
    assert (
        "ESCALATE"
        not in (
            await world.data(
                "hoa",
                "query($id: ID!) { task(id: $id) { availableActions } }",
                {"id": province["id"]},
            )
        )["task"]["availableActions"]
    )


async def test_a_district_petition_goes_on_to_the_provincial_office(world: TaskWorld) -> None:
    petition = await _commune_petition(world)
    await world.step(petition["id"], Action.ESCALATE)
    upper = (await world.data("minh", WORK))["myWork"]["edges"][0]["node"]
    sent = await world.step(upper["id"], Action.SEND, by="minh")
    # 5 working days, skipping the weekend and Vietnam Cultural Day (Tuesday 24 November)
    assert sent["task"]["deadline"] == iso(vn(2026, 11, 30, 17, 0))
    to_province = await world.step(
        upper["id"], Action.ESCALATE, by="minh", toUnitId=world.unit("VP")
    )
    assert to_province["errors"] == []
    top = (await world.data("hoa", PETITIONS))["tasks"]["edges"]
    assert [(e["node"]["petitionLevel"], e["node"]["officeUnit"]["code"]) for e in top] == [
        ("PROVINCE", "VP")
    ]
    assert (
        top[0]["node"]["escalatedFrom"] is None
    )  # the district's task is not the office's to read


PAGED_WORK = f"""
query($first: Int, $after: String, $last: Int, $before: String) {{
  myWork(first: $first, after: $after, last: $last, before: $before) {{
    pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ id }} }}
  }}
}}
"""


async def test_my_work_pages_both_ways(world: TaskWorld, chain: dict[str, str]) -> None:
    names = {v: k for k, v in chain.items()}

    async def read(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await world.data("hoa", PAGED_WORK, paging))["myWork"]
        return found

    for size in (1, 3):
        edges = await walk_both_ways(read, size)
        seen = [names[e["node"]["id"]] for e in edges]
        assert seen == ["returned", "reported", "created", "no deadline"]
    api = await world.as_("hoa")
    await refusals(lambda paging: api.post(PAGED_WORK, paging))
