"""A voter petition escalated one level up links both ways (escalatedTo, escalatedFrom) and
carries the lower levels' history to the level that takes it up."""

from __future__ import annotations

import pytest

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world
from tests.factories import Api


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


CHAIN = """
query Chain($id: ID!) {
  task(id: $id) {
    id state petitionLevel
    escalatedTo { id petitionLevel officeUnit { code } }
    escalatedFrom { id }
    escalationHistory { action fromState toState note actor { person { fullName } } }
  }
}
"""


async def test_escalated_petitions_link_both_ways_and_keep_their_history(
    world: TaskWorld,
) -> None:
    petition = await world.new_task(
        "binh",
        kind="VOTER_PETITION",
        petitionLevel="COMMUNE",
        content="Cử tri kiến nghị sửa chữa cống thoát nước",
        officeUnitId=world.unit("HUE-PHUHOI"),
        leadUnitId=world.unit("HUE-PHUHOI"),
    )
    await world.step(petition["id"], Action.SEND, by="binh")
    escalated = await world.step(petition["id"], Action.ESCALATE, reason="Vượt thẩm quyền xã")
    assert escalated["errors"] == []
    lower = (await world.data("minh", CHAIN, {"id": petition["id"]}))["task"]
    district = lower["escalatedTo"]
    assert (district["petitionLevel"], district["officeUnit"]) == ("DISTRICT", {"code": "HUE"})
    assert lower["escalationHistory"] == []
    # the commune may not read the district's task: the link is there, the row is not
    assert (await world.data("binh", CHAIN, {"id": petition["id"]}))["task"]["escalatedTo"] is None

    await world.step(district["id"], Action.SEND, by="minh")
    up = await world.step(district["id"], Action.ESCALATE, by="minh", toUnitId=world.unit("VP"))
    assert up["errors"] == []
    middle = (await world.data("minh", CHAIN, {"id": district["id"]}))["task"]
    assert middle["escalatedFrom"] == {"id": petition["id"]}
    assert middle["escalatedTo"] is None  # the provincial office's task is beyond the district
    petitions = await world.data(
        "hoa", "{ tasks(filter: {kinds: [VOTER_PETITION]}) { edges { node { id } } } }"
    )
    [province] = petitions["tasks"]["edges"]
    province_id = province["node"]["id"]
    top = (await world.data("hoa", CHAIN, {"id": province_id}))["task"]
    assert (top["petitionLevel"], top["escalatedFrom"], top["escalatedTo"]) == (
        "PROVINCE",
        None,  # the district's row is not the office's to read ...
        None,
    )
    # ... but the history travels with the petition: both lower levels, oldest first
    assert [(e["action"], e["toState"]) for e in top["escalationHistory"]] == [
        ("CREATE", "CREATED"),
        ("SEND", "SENT"),
        ("ESCALATE", "ESCALATED"),
        ("ESCALATED_IN", "CREATED"),
        ("SEND", "SENT"),
        ("ESCALATE", "ESCALATED"),
    ]
    assert top["escalationHistory"][2]["note"] == "Vượt thẩm quyền xã"
    assert top["escalationHistory"][0]["actor"] == {"person": {"fullName": "Trần Thị Bình"}}
