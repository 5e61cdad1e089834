"""Work programs through GraphQL (000 Annex VII.I): a unit registers, the provincial office
compiles (pick, edit, add) and issues (items become WORK_PROGRAM_ITEM tasks), units report
results, the office reads the tallies; the same at district level."""

from __future__ import annotations

from typing import Any

import pytest

from domain.clock import FixedClock
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world, codes, iso, vn
from tests.factories import Api

ERRORS = "errors { code field message }"
PROGRAM = """id kind state periodName version unit { code } officeUnit { code }
items { id content plannedPeriod version sourceItemId taskId ownerUnit { code } }"""

REGISTER = f"""
mutation Register($unit: ID!, $name: String!, $items: [ProgramItemInput!]!) {{
  registerWorkProgram(unitId: $unit, period: MONTHLY, periodName: $name, items: $items) {{
    program {{ {PROGRAM} }} {ERRORS}
  }}
}}
"""

COMPILE = f"""
mutation Compile($office: ID!, $level: ID!, $items: [ProgramItemInput!]!) {{
  compileWorkProgram(officeUnitId: $office, levelUnitId: $level, period: MONTHLY,
                     periodName: "2026-12", title: "Chương trình công tác tháng 12",
                     items: $items) {{ program {{ {PROGRAM} }} {ERRORS} }}
}}
"""

EDIT = f"""
mutation Edit($id: ID!, $item: ProgramItemInput!, $version: Int) {{
  editWorkProgramItem(id: $id, item: $item, version: $version) {{
    item {{ content plannedPeriod version }} {ERRORS}
  }}
}}
"""

ISSUE = f"""
mutation Issue($id: ID!, $version: Int) {{
  issueWorkProgram(id: $id, version: $version) {{ program {{ {PROGRAM} }} {ERRORS} }}
}}
"""

REPORT = f"""
mutation Report($item: ID!, $period: String!, $status: ItemStatus!) {{
  reportWorkProgramItem(itemId: $item, period: $period, status: $status,
                        result: "Đã hoàn thành, báo cáo số 12/BC") {{
    result {{ period status version }} {ERRORS}
  }}
}}
"""

TALLY = """
query Tally($id: ID!, $period: String!) {
  workProgramReport(id: $id, period: $period) {
    period counts { status count } byUnit { unit { code } counts { status count } }
    program { items { content results { status } } }
  }
}
"""

TASK = "query Task($id: ID!) { task(id: $id) { kind state deadline leadUnit { code } } }"


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


async def _registered(world: TaskWorld) -> dict[str, Any]:
    items = [
        {"content": "Tổng kết công tác cải cách hành chính năm 2026", "plannedPeriod": "2026-12"},
        {"content": "Trình đề án vị trí việc làm", "plannedPeriod": "2026-12"},
    ]
    made = await world.mutate(
        "an",
        REGISTER,
        {"unit": world.unit("SNV"), "name": "2026-12", "items": items},
        "registerWorkProgram",
    )
    assert made["errors"] == [], made
    again = await world.mutate(
        "snv",
        REGISTER,
        {"unit": world.unit("SNV"), "name": "2026-12", "items": items},
        "registerWorkProgram",
    )
    assert codes(again) == ["INVALID_STATE"]
    outsider = await world.mutate(
        "dung",
        REGISTER,
        {"unit": world.unit("HUE-PKT"), "name": "2026-12", "items": items},
        "registerWorkProgram",
    )
    assert codes(outsider) == ["FORBIDDEN"]
    program: dict[str, Any] = made["program"]
    assert (program["kind"], program["state"]) == ("REGISTRATION", "REGISTERED")
    return program


async def test_register_compile_issue_report_and_tally(world: TaskWorld) -> None:
    registered = await _registered(world)
    first, second = (i["id"] for i in registered["items"])
    items = [
        {"sourceItemId": first, "content": "Tổng kết CCHC 2026 của tỉnh"},
        {"sourceItemId": second},
        {"content": "Rà soát kế hoạch kinh tế", "ownerUnitId": world.unit("HUE-PKT")},
    ]
    variables = {"office": world.unit("VP"), "level": world.unit("PROV"), "items": items}
    refused = await world.mutate("an", COMPILE, variables, "compileWorkProgram")
    assert codes(refused) == ["FORBIDDEN"]
    compiled = await world.mutate("hoa", COMPILE, variables, "compileWorkProgram")
    assert compiled["errors"] == [], compiled
    program = compiled["program"]
    assert [
        (i["content"], i["ownerUnit"]["code"], i["sourceItemId"]) for i in program["items"]
    ] == [
        ("Tổng kết CCHC 2026 của tỉnh", "SNV", first),
        ("Trình đề án vị trí việc làm", "SNV", second),
        ("Rà soát kế hoạch kinh tế", "HUE-PKT", None),
    ]
    third = program["items"][2]
    outside = await world.mutate(
        "hoa",
        EDIT,
        {"id": third["id"], "item": {"plannedPeriod": "2027-01"}},
        "editWorkProgramItem",
    )
    assert codes(outside) == ["INVALID_PERIOD"]
    edited = await world.mutate(
        "hoa",
        EDIT,
        {
            "id": third["id"],
            "item": {"content": "Rà soát kế hoạch kinh tế quý IV"},
            "version": third["version"],
        },
        "editWorkProgramItem",
    )
    assert edited["errors"] == []
    stale = await world.mutate(
        "hoa",
        EDIT,
        {"id": third["id"], "item": {"content": "x"}, "version": third["version"]},
        "editWorkProgramItem",
    )
    assert codes(stale) == ["STALE_VERSION"]

    issued = await world.mutate(
        "hoa", ISSUE, {"id": program["id"], "version": program["version"]}, "issueWorkProgram"
    )
    assert issued["errors"] == [], issued
    assert issued["program"]["state"] == "ISSUED"
    task_ids = [i["taskId"] for i in issued["program"]["items"]]
    assert all(task_ids)
    task = (await world.data("hoa", TASK, {"id": task_ids[2]}))["task"]
    assert (task["kind"], task["state"], task["leadUnit"]["code"]) == (
        "WORK_PROGRAM_ITEM",
        "SENT",
        "HUE-PKT",
    )
    assert task["deadline"] == iso(vn(2026, 12, 31, 17, 0))
    again = await world.mutate("hoa", ISSUE, {"id": program["id"]}, "issueWorkProgram")
    assert codes(again) == ["INVALID_STATE"]

    items_out = issued["program"]["items"]
    done = await world.mutate(
        "an",
        REPORT,
        {"item": items_out[0]["id"], "period": "2026-12", "status": "DONE"},
        "reportWorkProgramItem",
    )
    assert done["errors"] == []
    for who, item, period, code in (
        ("dung", items_out[2]["id"], "2026-12", "FORBIDDEN"),
        ("an", items_out[1]["id"], "2027-01", "INVALID_PERIOD"),
        ("an", registered["items"][0]["id"], "2026-12", "NOT_FOUND"),
    ):
        payload = await world.mutate(
            who,
            REPORT,
            {"item": item, "period": period, "status": "IN_PROGRESS"},
            "reportWorkProgramItem",
        )
        assert codes(payload) == [code], (who, payload)
    tally = (await world.data("long", TALLY, {"id": program["id"], "period": "2026-12"}))[
        "workProgramReport"
    ]
    assert {c["status"]: c["count"] for c in tally["counts"]} == {"DONE": 1, "NOT_REPORTED": 2}
    by_unit = {
        u["unit"]["code"]: {c["status"]: c["count"] for c in u["counts"]} for u in tally["byUnit"]
    }
    assert by_unit == {"SNV": {"DONE": 1, "NOT_REPORTED": 1}, "HUE-PKT": {"NOT_REPORTED": 1}}
    hidden = await (await world.as_("dung")).post(TALLY, {"id": program["id"], "period": "2026-12"})
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_district_office_compiles_its_own_level(world: TaskWorld) -> None:
    foreign = await world.mutate(
        "minh",
        COMPILE,
        {
            "office": world.unit("HUE"),
            "level": world.unit("HUE"),
            "items": [{"content": "Việc của Sở", "ownerUnitId": world.unit("SNV")}],
        },
        "compileWorkProgram",
    )
    assert codes(foreign) == ["NOT_IN_COMPETENCE"]
    compiled = await world.mutate(
        "minh",
        COMPILE,
        {
            "office": world.unit("HUE"),
            "level": world.unit("HUE"),
            "items": [{"content": "Chỉnh trang đô thị", "ownerUnitId": world.unit("HUE-PKT")}],
        },
        "compileWorkProgram",
    )
    assert compiled["errors"] == []
    issued = await world.mutate(
        "minh", ISSUE, {"id": compiled["program"]["id"]}, "issueWorkProgram"
    )
    assert issued["errors"] == []
    task = (await world.data("minh", TASK, {"id": issued["program"]["items"][0]["taskId"]}))["task"]
    assert (task["kind"], task["leadUnit"]["code"]) == ("WORK_PROGRAM_ITEM", "HUE-PKT")
