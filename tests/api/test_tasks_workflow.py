"""The chain through the API: the happy path with its timeline, every forbidden transition,
who may take which step."""

from __future__ import annotations

from typing import Any

import pytest

from domain.clock import FixedClock
from domain.tasks.model import TaskState
from domain.tasks.workflow import TRANSITIONS, Action
from govgraph.container import Container
from tests.api.task_factories import HAPPY, TaskWorld, build_task_world, codes, vn
from tests.factories import Api


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


DETAIL = """
query Detail($id: ID!) {
  task(id: $id) {
    state statusClass completedAt version
    officeUnit { code } leadUnit { code } coordinatingUnits { code }
    directive { numberSymbol }
    trackers { role person { fullName } }
    assignees { role person { fullName } }
    timeline { action fromState toState note actor { person { fullName } unit { code } } }
    response { content approvedAt replyNumber replyDate recordedLate
      draftedBy { person { fullName } } approvedBy { person { fullName } } }
  }
}
"""


async def test_happy_path_from_created_to_completed_with_its_timeline(world: TaskWorld) -> None:
    directive = await world.mutate(
        "hoa",
        """mutation($input: CreateDirectiveInput!) {
          createDirective(input: $input) { directive { id } errors { code } } }""",
        {
            "input": {
                "docType": "DIRECTIVE",
                "numberSymbol": "12/CT-UBND",
                "issuedOn": "2026-11-19",
                "issuer": "Chủ tịch UBND tỉnh",
                "summary": "Chỉ thị về công tác phòng chống lụt bão",
                "officeUnitId": world.unit("VP"),
            }
        },
        "createDirective",
    )
    assert directive["errors"] == []
    task = await world.new_task(
        kind="DIRECTIVE",
        directiveId=directive["directive"]["id"],
        content="Kế hoạch ứng phó mưa lũ năm 2026",
        coordinatingUnitIds=[world.unit("HUE")],
        deadline=vn(2026, 12, 4, 17, 0).isoformat(),
        trackers=[
            {"personId": world.person("hoa"), "role": "SPECIALIST"},
            {"personId": world.person("long"), "role": "OFFICE_LEADER"},
        ],
    )
    assert (task["state"], task["version"]) == ("CREATED", 1)
    assert set(task["availableActions"]) == {"SEND", "CANCEL"}
    task = await world.advance(task["id"], HAPPY[:5])
    approved = await world.step(task["id"], Action.APPROVE, content="Báo cáo đã chỉnh sửa")
    assert approved["errors"] == []
    task = await world.advance(task["id"], HAPPY[6:])
    assert task["state"] == "COMPLETED"
    assert task["statusClass"] == "DONE_ON_TIME"
    assert task["availableActions"] == ["REOPEN"]

    detail = (await world.data("hoa", DETAIL, {"id": task["id"]}))["task"]
    assert (detail["officeUnit"], detail["leadUnit"]) == ({"code": "VP"}, {"code": "SNV"})
    assert detail["coordinatingUnits"] == [{"code": "HUE"}]
    assert detail["directive"] == {"numberSymbol": "12/CT-UBND"}
    assert {t["person"]["fullName"] for t in detail["trackers"]} == {
        "Ngô Thị Hoa",
        "Phan Thanh Long",
    }
    assert [(a["role"], a["person"]["fullName"]) for a in detail["assignees"]] == [
        ("LEAD_SPECIALIST", "Võ Thị Giang"),
        ("COORDINATING_SPECIALIST", "Đặng Văn Hải"),
    ]
    timeline = [(e["action"], e["fromState"], e["toState"]) for e in detail["timeline"]]
    assert timeline == [
        ("CREATE", None, "CREATED"),
        ("SEND", "CREATED", "SENT"),
        ("RECEIVE", "SENT", "RECEIVED"),
        ("ASSIGN", "RECEIVED", "ASSIGNED"),
        ("START", "ASSIGNED", "IN_PROGRESS"),
        ("SUBMIT_DRAFT", "IN_PROGRESS", "DRAFTED"),
        ("APPROVE", "DRAFTED", "APPROVED"),
        ("REPORT", "APPROVED", "REPORTED"),
        ("CONFIRM", "REPORTED", "COMPLETED"),
    ]
    actors = [e["actor"]["person"]["fullName"] for e in detail["timeline"]]
    assert actors == [
        "Ngô Thị Hoa",
        "Ngô Thị Hoa",
        "Nguyễn Văn An",
        "Nguyễn Văn An",
        "Võ Thị Giang",
        "Võ Thị Giang",
        "Nguyễn Văn An",
        "Nguyễn Văn An",
        "Ngô Thị Hoa",
    ]
    response = detail["response"]
    assert response["content"] == "Báo cáo đã chỉnh sửa"  # edited and approved by the leader
    assert (response["replyNumber"], response["replyDate"]) == ("45/SNV-VP", "2026-11-20")
    assert response["recordedLate"] is False
    assert response["draftedBy"]["person"]["fullName"] == "Võ Thị Giang"
    assert response["approvedBy"]["person"]["fullName"] == "Nguyễn Văn An"
    assert detail["completedAt"] is not None


async def test_the_unit_account_acts_for_its_unit(world: TaskWorld) -> None:
    task = await world.new_task()
    await world.advance(task["id"], [Action.SEND])
    received = await world.step(task["id"], Action.RECEIVE, by="snv")
    assert received["errors"] == []
    detail = (await world.data("snv", DETAIL, {"id": task["id"]}))["task"]
    last = detail["timeline"][-1]
    assert last["action"] == "RECEIVE"
    assert last["actor"] == {"person": None, "unit": {"code": "SNV"}}


def _path_to(state: TaskState) -> list[Action]:
    if state is TaskState.RETURNED:
        return [Action.SEND, Action.RETURN]
    if state is TaskState.CANCELLED:
        return [Action.CANCEL]
    reached = [TaskState.CREATED, *(TRANSITIONS[(s, a)] for s, a in _happy_pairs())]
    return HAPPY[: reached.index(state)]


def _happy_pairs() -> list[tuple[TaskState, Action]]:
    pairs, state = [], TaskState.CREATED
    for action in HAPPY:
        pairs.append((state, action))
        state = TRANSITIONS[(state, action)]
    return pairs


REACHABLE = [s for s in TaskState if s is not TaskState.ESCALATED]


@pytest.mark.parametrize("state", REACHABLE, ids=[s.value for s in REACHABLE])
async def test_every_action_not_in_the_table_is_an_invalid_transition(
    world: TaskWorld, state: TaskState
) -> None:
    task = await world.new_task(kind="VOTER_PETITION", petitionLevel="PROVINCE")
    if _path_to(state):
        task = await world.advance(task["id"], _path_to(state))
    assert task["state"] == state.value
    forbidden = [a for a in Action if (state, a) not in TRANSITIONS]
    assert forbidden
    for action in forbidden:
        # the office's specialist sees the task: the table answers before the sides do
        payload = await world.step(task["id"], action, by="hoa", version=task["version"])
        assert codes(payload) == ["INVALID_TRANSITION"], (state, action, payload)
        assert payload["task"] is None
    after = (await world.data("hoa", DETAIL, {"id": task["id"]}))["task"]
    assert (after["state"], after["version"]) == (state.value, task["version"])
    assert len(after["timeline"]) == 1 + len(_path_to(state))  # nothing half-written


async def test_an_escalated_petition_takes_no_step(world: TaskWorld) -> None:
    petition = await world.new_task(
        "binh",
        kind="VOTER_PETITION",
        petitionLevel="COMMUNE",
        officeUnitId=world.unit("HUE-PHUHOI"),
        leadUnitId=world.unit("HUE-PHUHOI"),
    )
    await world.step(petition["id"], Action.SEND, by="binh")
    escalated = await world.step(petition["id"], Action.ESCALATE)
    assert escalated["task"]["state"] == "ESCALATED"
    for action in Action:
        payload = await world.step(petition["id"], action, by="binh")
        assert codes(payload) == ["INVALID_TRANSITION"], (action, payload)


WRONG_SIDES = [
    # (state reached, action, caller): each caller sees the task but plays another side
    (TaskState.CREATED, Action.SEND, "an"),
    (TaskState.SENT, Action.RECEIVE, "hoa"),
    (TaskState.SENT, Action.RETURN, "long"),
    (TaskState.RECEIVED, Action.ASSIGN, "giang"),
    (TaskState.ASSIGNED, Action.START, "hoa"),
    (TaskState.IN_PROGRESS, Action.SUBMIT_DRAFT, "long"),
    (TaskState.DRAFTED, Action.APPROVE, "giang"),
    (TaskState.DRAFTED, Action.RETURN_DRAFT, "hai"),
    (TaskState.APPROVED, Action.REPORT, "giang"),
    (TaskState.REPORTED, Action.CONFIRM, "an"),
    (TaskState.REPORTED, Action.REOPEN, "snv"),
    (TaskState.IN_PROGRESS, Action.CANCEL, "an"),
]


@pytest.mark.parametrize(
    ("state", "action", "caller"),
    WRONG_SIDES,
    ids=[f"{a.value}-by-{c}" for _, a, c in WRONG_SIDES],
)
async def test_the_wrong_side_is_forbidden(
    world: TaskWorld, state: TaskState, action: Action, caller: str
) -> None:
    task = await world.new_task(
        trackers=[{"personId": world.person("long"), "role": "OFFICE_LEADER"}]
    )
    if _path_to(state):
        task = await world.advance(task["id"], _path_to(state))
    payload = await world.step(task["id"], action, by=caller)
    assert codes(payload) == ["FORBIDDEN"], payload
    assert action.value not in await _actions(world, caller, task["id"])


async def _actions(world: TaskWorld, key: str, task_id: str) -> list[str]:
    query = "query($id: ID!) { task(id: $id) { availableActions } }"
    found: dict[str, Any] = (await world.data(key, query, {"id": task_id}))["task"]
    result: list[str] = found["availableActions"]
    return result


async def test_outsiders_get_not_found_and_the_public_must_sign_in(world: TaskWorld) -> None:
    task = await world.new_task()
    for outsider in ("dung", "cuong", "minh"):
        payload = await world.step(task["id"], Action.SEND, by=outsider)
        assert codes(payload) == ["NOT_FOUND"], (outsider, payload)
    anonymous = await world.client.post(
        "/graphql",
        json={
            "query": "mutation($id: ID!) { sendTask(id: $id) { errors { code } } }",
            "variables": {"id": task["id"]},
        },
        headers={"Accept": "application/json"},
    )
    assert anonymous.json()["data"]["sendTask"]["errors"] == [{"code": "UNAUTHENTICATED"}]


@pytest.mark.parametrize("action", [Action.RETURN, Action.RETURN_DRAFT, Action.CANCEL])
async def test_a_return_or_cancel_needs_a_reason(world: TaskWorld, action: Action) -> None:
    state = {
        Action.RETURN: TaskState.SENT,
        Action.RETURN_DRAFT: TaskState.DRAFTED,
        Action.CANCEL: TaskState.CREATED,
    }[action]
    task = await world.new_task()
    if _path_to(state):
        task = await world.advance(task["id"], _path_to(state))
    payload = await world.step(task["id"], action, reason="   ")
    assert codes(payload) == ["INVALID_INPUT"]
    assert payload["errors"][0]["field"] == "note"


async def test_a_returned_task_is_corrected_and_sent_again(world: TaskWorld) -> None:
    task = await world.new_task()
    returned = await world.advance(task["id"], [Action.SEND, Action.RETURN])
    assert returned["availableActions"] == []  # the unit's leader has nothing left to do
    assert set(await _actions(world, "hoa", task["id"])) == {"SEND", "CANCEL"}
    detail = (await world.data("hoa", DETAIL, {"id": task["id"]}))["task"]
    assert detail["timeline"][-1]["note"] == "Không thuộc thẩm quyền của Sở"  # the office reads why
    corrected = await world.mutate(
        "hoa",
        """mutation($id: ID!, $lead: ID!, $version: Int) {
          correctTask(id: $id, leadUnitId: $lead, version: $version) {
            task { state version leadUnit { code } } errors { code } } }""",
        {"id": task["id"], "lead": world.unit("HUE"), "version": returned["version"]},
        "correctTask",
    )
    assert corrected["errors"] == []
    assert corrected["task"]["leadUnit"] == {"code": "HUE"}
    resent = await world.step(task["id"], Action.SEND)
    assert resent["task"]["state"] == "SENT"
    assert codes(await world.step(task["id"], Action.RECEIVE, by="an")) == ["NOT_FOUND"]


async def test_specialists_outside_the_lead_unit_are_not_in_competence(world: TaskWorld) -> None:
    task = await world.new_task()
    await world.advance(task["id"], [Action.SEND, Action.RECEIVE])
    payload = await world.step(task["id"], Action.ASSIGN, lead=world.person("dung"))
    assert codes(payload) == ["NOT_IN_COMPETENCE"]


async def test_a_reopened_task_goes_back_to_work(world: TaskWorld) -> None:
    task = await world.new_task()
    done = await world.advance(task["id"], HAPPY)
    reopened = await world.step(task["id"], Action.REOPEN, version=done["version"])
    assert reopened["errors"] == []
    assert (reopened["task"]["state"], reopened["task"]["completedAt"]) == ("IN_PROGRESS", None)
    stale = await world.step(task["id"], Action.START, by="giang", version=done["version"])
    assert codes(stale) == ["STALE_VERSION"]


async def test_the_report_may_carry_the_text_of_the_official_reply(world: TaskWorld) -> None:
    task = await world.new_task()
    await world.advance(task["id"], HAPPY[:6])
    reported = await world.step(task["id"], Action.REPORT, content="Công văn số 45/SNV-VP")
    assert reported["errors"] == []
    detail = (await world.data("hoa", DETAIL, {"id": task["id"]}))["task"]
    assert detail["response"]["content"] == "Công văn số 45/SNV-VP"
    blank = await world.new_task()
    await world.advance(blank["id"], HAPPY[:6])
    refused = await world.step(blank["id"], Action.REPORT, content=" ")
    assert codes(refused) == ["INVALID_INPUT"]
