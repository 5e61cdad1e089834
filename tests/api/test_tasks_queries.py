"""Task lists through the API: the caller's scope, filters, sorting, paging, single lookups,
Relay nodes, federation entities and the fields only some readers see."""

from __future__ import annotations

from datetime import UTC
from typing import Any

import pytest

from domain.accounts import services as accounts
from domain.accounts.commands import CreateApiKey
from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from tests.api.paging import PAGE_INFO, refusals, walk_both_ways
from tests.api.task_factories import HAPPY, TaskWorld, build_task_world, iso, vn
from tests.callers import caller
from tests.factories import Api, _system_editor

LIST = """
query Tasks($filter: TaskFilterInput, $sort: TaskSort, $first: Int, $after: String) {
  tasks(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id content statusClass } }
  }
}
"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


@pytest.fixture
async def four(world: TaskWorld) -> dict[str, str]:
    """A overdue soon, B in an office under SNV, C done on time, D without deadline in Huế."""
    a = await world.new_task(
        kind="CITIZEN_QUESTION",
        content="Kế hoạch phòng chống lụt bão năm 2026",
        deadline=iso(vn(2026, 11, 23, 17, 0)),
        trackers=[{"personId": world.person("long"), "role": "OFFICE_LEADER"}],
    )
    b = await world.new_task(
        kind="PRESS_INCIDENT",
        content="Báo cáo tình hình tuyển dụng công chức",
        leadUnitId=world.unit("SNV-TCCB"),
        deadline=iso(vn(2026, 12, 4, 17, 0)),
    )
    c = await world.new_task(
        kind="PRESS_INCIDENT",
        content="Rà soát hồ sơ cán bộ",
        deadline=iso(vn(2026, 12, 2, 17, 0)),
    )
    await world.advance(c["id"], HAPPY)
    d = await world.new_task(
        kind="WORK_PROGRAM_ITEM",
        content="Xử lý tình trạng ngập úng đô thị",
        leadUnitId=world.unit("HUE-PKT"),
    )
    for task in (a, b, d):
        await world.advance(task["id"], [Action.SEND])
    # Tuesday 24 November 2026, 10:00: A is overdue, B and C are not
    world.clock.instant = vn(2026, 11, 24, 10, 0).astimezone(UTC)
    return {"A": a["id"], "B": b["id"], "C": c["id"], "D": d["id"]}


async def _names(
    world: TaskWorld, four: dict[str, str], key: str = "hoa", **variables: Any
) -> list[str]:
    names = {v: k for k, v in four.items()}
    found = (await world.data(key, LIST, {"first": 50} | variables))["tasks"]
    edges = found["edges"]
    assert found["totalCount"] == len(edges)
    return [names[e["node"]["id"]] for e in edges]


async def test_status_classes(world: TaskWorld, four: dict[str, str]) -> None:
    async def of(*classes: str) -> list[str]:
        return await _names(world, four, filter={"statusClasses": list(classes)})

    assert await of("OPEN_OVERDUE") == ["A"]
    assert await of("OPEN_WITHIN_DEADLINE") == ["B"]
    assert await of("DONE_ON_TIME") == ["C"]
    assert await of("DONE_LATE") == []
    assert await of("NO_DEADLINE") == ["D"]
    assert await of("OPEN_OVERDUE", "DONE_ON_TIME") == ["A", "C"]
    listed = (await world.data("hoa", LIST, {"first": 10}))["tasks"]["edges"]
    classes = {e["node"]["content"][:6]: e["node"]["statusClass"] for e in listed}
    assert sorted(classes.values()) == [
        "DONE_ON_TIME",
        "NO_DEADLINE",
        "OPEN_OVERDUE",
        "OPEN_WITHIN_DEADLINE",
    ]


async def test_kinds_states_due_range_and_tracker(world: TaskWorld, four: dict[str, str]) -> None:
    assert await _names(world, four, filter={"kinds": ["PRESS_INCIDENT"]}) == ["C", "B"]
    assert await _names(world, four, filter={"states": ["COMPLETED"]}) == ["C"]
    assert await _names(
        world, four, filter={"states": ["SENT"], "kinds": ["CITIZEN_QUESTION"]}
    ) == ["A"]
    week = {"dueFrom": "2026-11-23T00:00:00+07:00", "dueTo": "2026-12-03T00:00:00+07:00"}
    assert await _names(world, four, filter=week) == ["A", "C"]
    local = {"dueFrom": "2026-12-04T17:00:00"}  # no offset: the province's time
    assert await _names(world, four, filter=local) == ["B"]
    assert await _names(world, four, filter={"trackerId": world.person("long")}) == ["A"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("ke hoach", ["A"]),
        ("KẾ HOẠCH lụt", ["A"]),
        ("lut bao", ["A"]),
        ("ngap ung", ["D"]),
        ("cong chuc", ["B"]),
        ("ho so", ["C"]),
        ("khong co", []),
        ("100%_", []),
    ],
)
async def test_search_ignores_diacritics(
    world: TaskWorld, four: dict[str, str], search: str, expected: list[str]
) -> None:
    assert await _names(world, four, filter={"search": search}) == expected


async def test_unit_subtree(world: TaskWorld, four: dict[str, str]) -> None:
    snv = world.unit("SNV")
    assert await _names(world, four, filter={"unitId": snv}) == ["A", "C", "B"]
    assert await _names(world, four, filter={"unitId": snv, "includeSubtree": False}) == ["A", "C"]
    assert await _names(world, four, filter={"unitId": world.unit("HUE")}) == ["D"]
    assert await _names(world, four, filter={"unitId": world.unit("PD")}) == []


async def test_sorting_and_paging(world: TaskWorld, four: dict[str, str]) -> None:
    assert await _names(world, four) == ["A", "C", "B", "D"]  # by due time, no deadline last
    assert await _names(world, four, sort="NEWEST") == ["D", "C", "B", "A"]
    names = {v: k for k, v in four.items()}
    for sort, expected in (("DEADLINE", ["A", "C", "B", "D"]), ("NEWEST", ["D", "C", "B", "A"])):
        seen: list[str] = []
        after = None
        while True:
            page = (await world.data("hoa", LIST, {"first": 3, "after": after, "sort": sort}))[
                "tasks"
            ]
            assert page["totalCount"] == 4
            assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
            seen += [names[e["node"]["id"]] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert seen == expected, sort


async def test_bad_list_arguments_are_typed_errors(world: TaskWorld, four: dict[str, str]) -> None:
    api = await world.as_("hoa")
    newest = (await world.data("hoa", LIST, {"first": 1, "sort": "NEWEST"}))["tasks"]
    cases = [
        ({"filter": {"search": "x" * 101}}, "TOO_LONG"),
        ({"first": 101}, "INVALID_INPUT"),
        ({"after": "not-a-cursor"}, "INVALID_INPUT"),
        ({"after": newest["pageInfo"]["endCursor"]}, "INVALID_INPUT"),  # NEWEST cursor, DEADLINE
        ({"filter": {"unitId": world.unit("SNV")[:-2]}}, "INVALID_INPUT"),
        (
            {"filter": {"dueFrom": "2026-12-01T00:00:00Z", "dueTo": "2026-11-01T00:00:00Z"}},
            "INVALID_INPUT",
        ),
    ]
    for variables, code in cases:
        body = await api.post(LIST, variables)
        assert body["errors"][0]["extensions"]["code"] == code, (variables, body)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("hoa", ["A", "C", "B", "D"]),  # the creating office
        ("long", ["A", "C", "B", "D"]),  # overseer of the province
        ("an", ["A", "C"]),  # staff of the lead unit; not the office under it
        ("giang", ["A", "C"]),
        ("snv", ["A", "C"]),
        ("cuong", ["D"]),  # overseer of Huế
        ("dung", ["D"]),  # staff of Huế's economy office
        ("minh", []),  # creates tasks for Huế's offices, not for the province's
    ],
)
async def test_lists_and_counts_stay_inside_the_scope(
    world: TaskWorld, four: dict[str, str], who: str, expected: list[str]
) -> None:
    assert await _names(world, four, who) == expected
    single = "query($id: ID!) { task(id: $id) { id } node(id: $id) { id } }"
    for name, task_id in four.items():
        found = await world.data(who, single, {"id": task_id})
        visible = {"id": task_id} if name in expected else None
        assert (found["task"], found["node"]) == (visible, visible), (who, name)


async def test_the_public_signs_in_and_integrators_see_no_task(
    world: TaskWorld, four: dict[str, str], container: Container
) -> None:
    anonymous = await world.client.post(
        "/graphql", json={"query": LIST}, headers={"Accept": "application/json"}
    )
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    async with container.uow() as uow:
        raw = (
            await accounts.create_api_key(
                uow,
                caller(_system_editor(world.province), world.clock.now()),
                CreateApiKey(name="BI", unit_id=world.province.units["PROV"], include_subtree=True),
            )
        ).secret
        await uow.commit()
    query = LIST + "\nquery Work { myWork { totalCount edges { node { id } } } }"
    integrator = {"Accept": "application/json", "X-API-Key": raw}
    listed = await world.client.post(
        "/graphql", json={"query": query, "operationName": "Tasks"}, headers=integrator
    )
    assert listed.json()["data"]["tasks"] == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": False, "endCursor": None},
        "edges": [],
    }
    work = await world.client.post(
        "/graphql", json={"query": query, "operationName": "Work"}, headers=integrator
    )
    assert work.json()["data"]["myWork"] == {"totalCount": 0, "edges": []}


ENTITIES = """
query($reps: [_Any!]!) {
  _entities(representations: $reps) {
    __typename
    ... on Task { content leadUnit { code } }
    ... on Directive { numberSymbol }
  }
}
"""


async def test_task_and_directive_are_federation_entities(world: TaskWorld) -> None:
    sdl = (await world.data("hoa", "{ _service { sdl } }"))["_service"]["sdl"]
    assert 'type Task implements Node @key(fields: "id")' in sdl
    assert 'type Directive implements Node @key(fields: "id")' in sdl
    directive = await world.mutate(
        "hoa",
        """mutation($input: CreateDirectiveInput!) {
          createDirective(input: $input) { directive { id } errors { code } } }""",
        {
            "input": {
                "docType": "MEETING_CONCLUSION",
                "numberSymbol": "215/TB-UBND",
                "issuedOn": "2026-11-18",
                "issuer": "UBND tỉnh",
                "summary": "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban",
                "officeUnitId": world.unit("VP"),
                "attachments": [
                    {
                        "name": "215-TB.pdf",
                        "url": "https://vpubnd.hue.gov.vn/215.pdf",
                        "sizeBytes": 1024,
                    }
                ],
            }
        },
        "createDirective",
    )
    directive_id = directive["directive"]["id"]
    task = await world.new_task(kind="DIRECTIVE", directiveId=directive_id, content="Giao ban")
    reps = [
        {"__typename": "Task", "id": task["id"]},
        {"__typename": "Directive", "id": directive_id},
    ]
    assert (await world.data("hoa", ENTITIES, {"reps": reps}))["_entities"] == [
        {"__typename": "Task", "content": "Giao ban", "leadUnit": {"code": "SNV"}},
        {"__typename": "Directive", "numberSymbol": "215/TB-UBND"},
    ]
    assert (await world.data("cuong", ENTITIES, {"reps": reps}))["_entities"] == [None, None]
    # the lead unit sees the directive through its task
    one = """query($id: ID!) { directive(id: $id) {
      numberSymbol docType attachments { name url sizeBytes }
      tasks { totalCount edges { node { content } } } } }"""
    seen = (await world.data("an", one, {"id": directive_id}))["directive"]
    assert seen == {
        "numberSymbol": "215/TB-UBND",
        "docType": "MEETING_CONCLUSION",
        "attachments": [
            {"name": "215-TB.pdf", "url": "https://vpubnd.hue.gov.vn/215.pdf", "sizeBytes": 1024}
        ],
        "tasks": {"totalCount": 1, "edges": [{"node": {"content": "Giao ban"}}]},
    }
    assert (await world.data("cuong", one, {"id": directive_id}))["directive"] is None


async def test_a_secret_directive_is_refused(world: TaskWorld) -> None:
    payload = await world.mutate(
        "hoa",
        """mutation($input: CreateDirectiveInput!) {
          createDirective(input: $input) { directive { id } errors { code field } } }""",
        {
            "input": {
                "docType": "TELEGRAM",
                "numberSymbol": "01/CĐ-UBND",
                "issuedOn": "2026-11-19",
                "issuer": "UBND tỉnh",
                "summary": "Công điện mật",
                "officeUnitId": world.unit("VP"),
                "secret": True,
            }
        },
        "createDirective",
    )
    assert payload == {
        "directive": None,
        "errors": [{"code": "SECRET_DOCUMENT_REFUSED", "field": "secret"}],
    }


async def test_only_the_office_creates_its_tasks(world: TaskWorld) -> None:
    assert [e["code"] for e in (await world.create_task("an"))["errors"]] == ["FORBIDDEN"]
    other = await world.create_task("minh")  # Huế's creator, for the province's office
    assert [e["code"] for e in other["errors"]] == ["FORBIDDEN"]
    unknown = await world.create_task(leadUnitId=world.unit("SNV")[:-4] + "AAAA")
    assert unknown["errors"][0]["code"] in {"INVALID_INPUT", "NOT_FOUND"}
    blank = await world.create_task(content="   ")
    assert [e["code"] for e in blank["errors"]] == ["INVALID_INPUT"]
    too_long = await world.create_task(content="x" * 10_001)
    assert [e["code"] for e in too_long["errors"]] == ["TOO_LONG"]
    listed = (await world.data("hoa", LIST, {}))["tasks"]
    assert listed["totalCount"] == 0  # nothing half-written


VISIBILITY = """
query($id: ID!) {
  task(id: $id) { response { content approvedAt } timeline { action note } }
}
"""


async def test_drafts_and_internal_notes_only_for_the_unit_and_trackers(world: TaskWorld) -> None:
    task = await world.new_task(
        trackers=[{"personId": world.person("long"), "role": "OFFICE_LEADER"}]
    )
    await world.advance(task["id"], HAPPY[:5])
    returned = await world.step(task["id"], Action.RETURN_DRAFT, reason="Thiếu số liệu quý III")
    assert returned["errors"] == []
    await world.advance(task["id"], [Action.SUBMIT_DRAFT])

    def note_of(found: dict[str, Any]) -> str | None:
        notes = [e["note"] for e in found["timeline"] if e["action"] == "RETURN_DRAFT"]
        return notes[0]

    for reader in ("an", "khanh", "snv", "giang", "hai", "long"):
        found = (await world.data(reader, VISIBILITY, {"id": task["id"]}))["task"]
        assert found["response"]["content"] == "Dự thảo báo cáo kết quả xử lý", reader
        assert note_of(found) == "Thiếu số liệu quý III", reader
    office = (await world.data("hoa", VISIBILITY, {"id": task["id"]}))["task"]
    assert office["response"] == {"content": None, "approvedAt": None}
    assert note_of(office) is None
    await world.advance(task["id"], [Action.APPROVE])
    approved = (await world.data("hoa", VISIBILITY, {"id": task["id"]}))["task"]
    assert approved["response"]["content"] == "Dự thảo báo cáo kết quả xử lý"
    assert note_of(approved) is None  # the internal note stays internal


PAGED = f"""
query($sort: TaskSort, $first: Int, $after: String, $last: Int, $before: String) {{
  tasks(sort: $sort, first: $first, after: $after, last: $last, before: $before) {{
    pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ id }} }}
  }}
}}
"""


@pytest.mark.parametrize("sort", ["DEADLINE", "NEWEST"])
async def test_task_lists_page_both_ways(world: TaskWorld, four: dict[str, str], sort: str) -> None:
    names = {v: k for k, v in four.items()}

    async def read(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await world.data("hoa", PAGED, {"sort": sort} | paging))["tasks"]
        return found

    edges = await walk_both_ways(read, 1)
    expected = ["A", "C", "B", "D"] if sort == "DEADLINE" else ["D", "C", "B", "A"]
    assert [names[e["node"]["id"]] for e in edges] == expected  # D has no deadline: last
    api = await world.as_("hoa")
    await refusals(lambda paging: api.post(PAGED, {"sort": sort} | paging))
