"""Tasks in every state and shape for the compiled path's task tests: a directive with two
tasks and attachments, coordinating units, trackers and assignees, a returned draft (an
internal note) and an unapproved one, an approved result, a pending extension request, done
on time and late, overdue and within deadline, no deadline, cancelled, a petition escalated
two levels up (G, then G+ and G++), and periodic tasks with their periods reported in
progress (J) and done (K)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from domain.accounts import services as accounts
from domain.accounts.commands import CreateApiKey
from domain.tasks.workflow import Action
from tests.api.task_factories import HAPPY, LOGINS, TaskWorld, iso, vn
from tests.callers import caller
from tests.factories import _system_editor

ASK = """mutation($id: ID!, $until: DateTime!) {
  reportTaskProgress(taskId: $id, content: "Đang tổng hợp số liệu", delayReason: "Chờ số liệu",
    proposals: "Gia hạn", extensionUntil: $until) { progress { id } errors { code } } }"""
DECIDE = """mutation($id: ID!) {
  decideTaskExtension(progressId: $id, grant: false, note: "Không gia hạn") { errors { code } } }"""
DIRECTIVE = """mutation($input: CreateDirectiveInput!) {
  createDirective(input: $input) { directive { id } errors { code } } }"""
OCCURRENCES = "query($id: ID!) { task(id: $id) { occurrences { id } escalatedTo { id } } }"
REPORT = """mutation($id: ID!, $content: String!, $final: Boolean!) {
  reportTaskOccurrence(id: $id, content: $content, progressPercent: 60, final: $final) {
    errors { code } } }"""


@dataclass
class Tasks:
    """The tasks' global ids by letter, and the headers of every kind of caller."""

    ids: dict[str, str]
    callers: dict[str, dict[str, str]]
    directive: str


async def _ok(payload: dict[str, Any]) -> dict[str, Any]:
    assert payload["errors"] == [], payload
    return payload


async def build_tasks(world: TaskWorld) -> Tasks:
    """The tasks, as the office (hoa), Huế (minh) and Phú Hội (binh) create them."""
    long = {"personId": world.person("long"), "role": "OFFICE_LEADER"}
    hoa = {"personId": world.person("hoa"), "role": "SPECIALIST"}
    directive = await _ok(
        await world.mutate(
            "hoa",
            DIRECTIVE,
            {
                "input": {
                    "docType": "DIRECTIVE",
                    "numberSymbol": "12/CT-UBND",
                    "issuedOn": "2026-11-19",
                    "issuer": "Chủ tịch UBND tỉnh",
                    "summary": "Chỉ thị về công tác phòng chống lụt bão",
                    "officeUnitId": world.unit("VP"),
                    "attachments": [
                        {
                            "name": "12-CT-UBND.pdf",
                            "url": "https://vanban.example/12.pdf",
                            "mimeType": "application/pdf",
                            "sizeBytes": 48213,
                        },
                        {"name": "Phụ lục kèm theo"},
                    ],
                }
            },
            "createDirective",
        )
    )
    directive_id = directive["directive"]["id"]
    made: dict[str, dict[str, Any]] = {}
    made["A"] = await world.new_task(
        kind="DIRECTIVE",
        directiveId=directive_id,
        content="Kế hoạch phòng chống lụt bão năm 2026",
        coordinatingUnitIds=[world.unit("HUE"), world.unit("PD")],
        deadline=iso(vn(2026, 11, 23, 17, 0)),
        trackers=[long, hoa],
        priority="URGENT",
    )
    made["B"] = await world.new_task(
        kind="PRESS_INCIDENT",
        content="Báo cáo tình hình tuyển dụng công chức",
        leadUnitId=world.unit("SNV-TCCB"),
        deadline=iso(vn(2026, 12, 4, 17, 0)),
    )
    made["C"] = await world.new_task(
        kind="PRESS_INCIDENT",
        content="Rà soát hồ sơ cán bộ",
        deadline=iso(vn(2026, 12, 2, 17, 0)),
        trackers=[long],
    )
    made["D"] = await world.new_task(
        kind="WORK_PROGRAM_ITEM",
        content="Xử lý tình trạng ngập úng đô thị",
        leadUnitId=world.unit("HUE-PKT"),
    )
    made["E"] = await world.new_task(
        kind="DIRECTIVE",
        directiveId=directive_id,
        content="Dự thảo quy chế phối hợp",
        coordinatingUnitIds=[world.unit("HUE")],
        deadline=iso(vn(2026, 12, 10, 17, 0)),
        trackers=[long],
    )
    made["F"] = await world.new_task(
        kind="CITIZEN_QUESTION",
        content="Trả lời câu hỏi về thủ tục chuyển công tác",
        deadline=iso(vn(2026, 12, 8, 17, 0)),
        trackers=[long],
    )
    made["G"] = await world.new_task(
        "binh",
        kind="VOTER_PETITION",
        petitionLevel="COMMUNE",
        content="Cử tri kiến nghị sửa chữa cống thoát nước",
        officeUnitId=world.unit("HUE-PHUHOI"),
        leadUnitId=world.unit("HUE-PHUHOI"),
    )
    made["H"] = await world.new_task(content="Văn bản bị thu hồi", priority="HIGH")
    made["I"] = await world.new_task(
        content="Báo cáo nhanh sau bão", deadline=iso(vn(2026, 11, 21, 17, 0))
    )
    made["J"] = await world.new_task(
        kind="WORK_PROGRAM_ITEM",
        content="Báo cáo tình hình cải cách hành chính hằng tháng",
        period="MONTHLY",
        deadline=iso(vn(2027, 3, 31, 17, 0)),
        trackers=[long],
    )
    made["K"] = await world.new_task(
        kind="WORK_PROGRAM_ITEM",
        content="Báo cáo tuần về công tác tiếp dân",
        period="WEEKLY",
        deadline=iso(vn(2027, 1, 29, 17, 0)),
    )
    ids = {k: str(v["id"]) for k, v in made.items()}

    await world.advance(ids["C"], HAPPY)  # done on time, an approved result
    await world.advance(ids["I"], HAPPY[:-1])  # reported; confirmed late below
    for key in ("A", "B", "D"):
        await world.advance(ids[key], [Action.SEND])
    await world.advance(ids["E"], HAPPY[:5])
    await _ok(await world.step(ids["E"], Action.RETURN_DRAFT, reason="Thiếu số liệu quý III"))
    await world.advance(ids["E"], [Action.SUBMIT_DRAFT])  # an unapproved draft
    await world.advance(ids["F"], HAPPY[:4])
    asked = await world.mutate(
        "giang", ASK, {"id": ids["F"], "until": iso(vn(2027, 1, 5, 17, 0))}, "reportTaskProgress"
    )
    await _ok(asked)
    refused = await world.mutate(
        "long", DECIDE, {"id": asked["progress"]["id"]}, "decideTaskExtension"
    )
    await _ok(refused)
    again = {"id": ids["F"], "until": iso(vn(2027, 1, 9, 17, 0))}
    await _ok(await world.mutate("giang", ASK, again, "reportTaskProgress"))
    await _ok(await world.step(ids["G"], Action.SEND, by="binh"))
    await _ok(await world.step(ids["G"], Action.ESCALATE, reason="Vượt thẩm quyền xã"))
    await _ok(await world.step(ids["H"], Action.CANCEL))
    await _periods(world, ids)
    up = (await world.data("minh", OCCURRENCES, {"id": ids["G"]}))["task"]["escalatedTo"]
    ids["G+"] = up["id"]
    await _ok(await world.step(ids["G+"], Action.SEND, by="minh"))
    await _ok(await world.step(ids["G+"], Action.ESCALATE, by="minh", toUnitId=world.unit("VP")))
    top = (await world.data("admin", OCCURRENCES, {"id": ids["G+"]}))["task"]["escalatedTo"]
    ids["G++"] = top["id"]
    # Tuesday 24 November 2026, 10:00: A is overdue, I is confirmed late
    world.clock.instant = vn(2026, 11, 24, 10, 0).astimezone(UTC)
    await world.advance(ids["I"], [Action.CONFIRM])
    return Tasks(ids=ids, callers=await _callers(world), directive=directive_id)


async def _periods(world: TaskWorld, ids: dict[str, str]) -> None:
    """J's first period in progress (a report only draft readers see), K's first done."""
    for key, final, by in (("J", False, "giang"), ("K", True, "an")):
        await world.advance(ids[key], HAPPY[:4])
        found = (await world.data("an", OCCURRENCES, {"id": ids[key]}))["task"]["occurrences"]
        report = {"id": found[0]["id"], "content": f"Báo cáo kỳ đầu {key}", "final": final}
        await _ok(await world.mutate(by, REPORT, report, "reportTaskOccurrence"))


async def _callers(world: TaskWorld) -> dict[str, dict[str, str]]:
    """Every kind of caller: each role of the chain, a unit account, a colleague without a
    role, an admin, an integrator's API key, the public."""
    found: dict[str, dict[str, str]] = {"anonymous": {}}
    for key in LOGINS:
        api = await world.as_(key)
        assert api.token is not None
        found[key] = {"Authorization": f"Bearer {api.token}"}
    editor = _system_editor(world.province)
    async with world.container.uow() as uow:
        issued = await accounts.create_api_key(
            uow,
            caller(editor, world.clock.now()),
            CreateApiKey(name="BI", unit_id=world.province.units["HUE"], include_subtree=True),
        )
        await uow.commit()
    found["integrator"] = {"X-API-Key": issued.secret}
    return found
