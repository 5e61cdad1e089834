"""The input boundary (schema/input_boundary.py) and id decoding: text with control
characters or lone surrogates, over-long text, out-of-range ids and malformed cursors are
refused with a typed error naming the argument, before any resolver or SQL runs."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from tests.factories import Api, Province, gid

NUL = "Hu\x00ế"


async def send(api: Api, query: str, variables: dict[str, Any] | None = None) -> Any:
    """POST as ASCII JSON (lone surrogates travel as escapes); the answer's body."""
    body = json.dumps({"query": query, "variables": variables or {}}, ensure_ascii=True)
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if api.token:
        headers["Authorization"] = f"Bearer {api.token}"
    response = await api.client.post("/graphql", content=body.encode(), headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def refusal(body: dict[str, Any]) -> tuple[str, str]:
    """(code, field) of the one refusal of an operation that was not run."""
    assert "data" not in body, body
    [error] = body["errors"]
    assert "SELECT" not in error["message"]
    return error["extensions"]["code"], error["extensions"]["field"]


# Each found crashing with a NUL byte before the boundary existed: (document, variables).
PROBED = [
    ("query($v: String) { orgUnit(code: $v) { id } }", "v", "code"),
    ('mutation($v: String!) { login(login: $v, password: "x") { token } }', "v", "login"),
    ("query($v: String) { people(search: $v) { totalCount } }", "v", "search"),
    ("query($v: String) { committees(search: $v) { totalCount } }", "v", "search"),
    ("query($v: String) { publishedAnswers(search: $v) { totalCount } }", "v", "search"),
    (
        "query($v: ReflectionFilterInput) { reflections(filter: $v) { totalCount } }",
        {"search": NUL},
        "filter.search",
    ),
    (
        'mutation($v: NewUnitInput!) { createOrgUnit(parentId: "x", unit: $v) { __typename } }',
        {"code": "X", "levelCode": "OFFICE", "info": {"name": NUL}},
        "unit.info.name",
    ),
    (
        'mutation($v: PersonInfoInput!) { updatePerson(id: "x", changes: $v) { errors { code } } }',
        {"fullName": NUL},
        "changes.fullName",
    ),
    (
        'mutation($v: String!) { createAccount(login: $v, kind: UNIT, password: "x", unitId: "x")'
        " { errors { code } } }",
        "v",
        "login",
    ),
    (
        'mutation($v: String!) { createApiKey(name: $v, unitId: "x") { errors { code } } }',
        "v",
        "name",
    ),
    (
        'mutation($v: String!) { registerCommittee(name: $v, standingUnitId: "x") { __typename } }',
        "v",
        "name",
    ),
    (
        'mutation($v: String!) { declareCalendarDay(date: "2026-12-24", kind: DAY_OFF, reason: $v)'
        " { errors { code } } }",
        "v",
        "reason",
    ),
    (
        "mutation($v: SubmitReflectionInput!) { submitReflection(input: $v) { errors { code } } }",
        {"reporterName": NUL},
        "input.reporterName",
    ),
    (
        "mutation($v: CreateDirectiveInput!) { createDirective(input: $v) { errors { code } } }",
        {"attachments": [{"name": "ok"}, {"name": NUL}]},
        "input.attachments[1].name",
    ),
]


@pytest.mark.parametrize(("query", "value", "field"), PROBED, ids=[p[2] for p in PROBED])
async def test_nul_bytes_are_refused_naming_the_argument(
    api: Api, province: Province, query: str, value: Any, field: str
) -> None:
    variables = {"v": NUL if value == "v" else value}
    assert refusal(await send(api, query, variables)) == ("INVALID_INPUT", field)


async def test_literals_lists_and_surrogates_are_checked_too(api: Api, province: Province) -> None:
    literal = await send(api, '{ orgUnit(code: "a\\u0000b") { id } }')
    assert refusal(literal) == ("INVALID_INPUT", "code")
    listed = await send(
        api,
        "query($ids: [ID!]) { publicReflections(categoryIds: $ids) { totalCount } }",
        {"ids": ["ok", "a\ud800"]},
    )
    assert refusal(listed) == ("INVALID_INPUT", "categoryIds[1]")
    for char in ("\x01", "\x1b", "\x7f", "\x85", "\x9f", "\udfff"):
        body = await send(api, "query($c: String) { orgUnit(code: $c) { id } }", {"c": char})
        assert refusal(body)[0] == "INVALID_INPUT"


async def test_tabs_line_breaks_and_vietnamese_pass(api: Api, province: Province) -> None:
    await api.login("admin@hue.gov.vn")
    body = await send(
        api,
        'mutation($r: String!) { declareCalendarDay(date: "2026-12-24", kind: DAY_OFF, reason: $r)'
        " { errors { code } } }",
        {"r": "Nghỉ bù\tTết\r\nDương lịch"},
    )
    assert body["data"]["declareCalendarDay"]["errors"] == []


async def test_text_over_the_cap_is_too_long(api: Api, province: Province) -> None:
    body = await send(
        api, "query($s: String) { people(search: $s) { totalCount } }", {"s": "a" * 100_001}
    )
    assert refusal(body) == ("TOO_LONG", "search")


HUGE = 2**64


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("query($id: ID!) { reflection(id: $id) { id } }", {"id": gid("Reflection", HUGE)}),
        ("query($id: ID!) { orgUnit(id: $id) { id } }", {"id": gid("OrgUnit", HUGE)}),
        ("query($id: ID!) { orgUnit(id: $id) { id } }", {"id": gid("OrgUnit", 0)}),
        (
            "query($a: ID) { publicReflections(areaId: $a) { totalCount } }",
            {"a": gid("OrgUnit", HUGE)},
        ),
        (
            "mutation($id: ID!) { endLeadership(leadershipId: $id) { errors { code } } }",
            {"id": "²"},
        ),
    ],
)
async def test_ids_out_of_range_are_typed_refusals(
    api: Api, province: Province, query: str, variables: dict[str, Any]
) -> None:
    await api.login("admin@hue.gov.vn")
    body = await send(api, query, variables)
    errors = body.get("errors") or next(iter(body["data"].values()))["errors"]
    assert [e["code"] if "code" in e else e["extensions"]["code"] for e in errors] == [
        "INVALID_INPUT"
    ]


def cursor(key: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


@pytest.mark.parametrize(
    "key",
    [[1, HUGE], ["nguyen\x00", 1], "abc", [[[1]]], ["0001-01-01T00:00:00+14:00", 1], {"a": 1}],
)
async def test_malformed_cursors_are_typed_refusals(
    api: Api, province: Province, key: object
) -> None:
    await api.login("admin@hue.gov.vn")
    for query in (
        "query($a: String) { people(after: $a) { totalCount } }",
        "query($a: String) { committees(after: $a) { totalCount } }",
        "query($a: String) { publicReflections(after: $a) { totalCount } }",
    ):
        body = await send(api, query, {"a": cursor(key)})
        assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_INPUT"], body
    deep = base64.urlsafe_b64encode(("[" * 5000 + "]" * 5000).encode()).decode()
    body = await send(api, "query($a: String) { people(after: $a) { totalCount } }", {"a": deep})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_INPUT"]


@pytest.mark.parametrize(
    "url",
    [
        "/export/tasks.csv?unit=%00&from=2026-01-01&to=2026-02-01",
        "/export/reflections.xlsx?unit=PROV&from=2026-01-01%1b&to=2026-02-01",
        "/reports/A%00B/2026-11.docx?unit=PROV",
        "/reports/ABC/2026-11.pdf?unit=PR%C2%85OV",  # U+0085, a C1 control
        "/events/notifications?after=%00",
        "/media/a%00b.jpg",
    ],
)
async def test_addresses_with_control_characters_are_refused(
    api: Api, province: Province, url: str
) -> None:
    await api.login("admin@hue.gov.vn")
    response = await api.client.get(url, headers={"Authorization": f"Bearer {api.token}"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
