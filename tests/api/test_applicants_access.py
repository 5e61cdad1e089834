"""Who reads and decides applicant accounts (PERMISSIONS.md: the applicant itself, the
account office, province admins): every other caller, by every path, gets nothing."""

from __future__ import annotations

from typing import Any

import pytest

from govgraph.container import Container
from resolvers.pagination import encode_cursor
from tests.api.catalog_factories import (
    APPLICANT_PASSWORD,
    ASK,
    CREATE,
    DECIDE,
    MINE,
    QUEUE,
    active_applicant,
    open_requests,
    procedure_input,
)
from tests.factories import Api, Province, gid

ONE = "query($id: ID!) { applicantAccount(id: $id) { fullName identityNumber } }"
NODE = "query($id: ID!) { node(id: $id) { ... on ApplicantAccount { fullName phone } } }"
LIST = '{ applicantAccounts(search: "nguyen") { totalCount edges { node { fullName } } } }'
GRANT = """
mutation($a: ID!, $u: ID!) { grantRole(accountId: $a, role: ACCOUNT_OFFICE, unitId: $u) {
  errors { code } } }
"""


@pytest.fixture
async def two(api: Api, province: Province, container: Container) -> dict[str, Any]:
    """Two active applicants, Hoa and Minh; a request of Minh's open; signed out."""
    hoa = await active_applicant(api, container)
    minh = await active_applicant(
        api,
        container,
        "minh.tran@example.vn",
        fullName="Trần Văn Minh",
        identityNumber="046085004321",
        email="minh.tran@example.vn",
        phone="0914 222 333",
    )
    asked = await api.post(ASK, {"kind": "SUSPEND"})
    assert asked["data"]["requestApplicantAccountChange"]["errors"] == []
    [request] = await open_requests(api)
    api.token = None
    return {"hoa": hoa, "minh": minh, "request": request["id"]}


def _code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


async def test_an_applicant_sees_its_own_account_and_no_other(
    api: Api, two: dict[str, Any]
) -> None:
    await api.login("hoa.nguyen@example.vn", APPLICANT_PASSWORD)
    mine = (await api.data(MINE))["myApplicantAccount"]
    assert (mine["id"], mine["fullName"]) == (two["hoa"], "Nguyễn Thị Hoa")
    assert (await api.data(ONE, {"id": two["hoa"]}))["applicantAccount"]["fullName"]
    assert (await api.data(ONE, {"id": two["minh"]}))["applicantAccount"] is None
    assert (await api.data(NODE, {"id": two["minh"]}))["node"] is None
    assert _code(await api.post(LIST)) == "FORBIDDEN"
    assert _code(await api.post(QUEUE)) == "FORBIDDEN"
    decided = await api.post(DECIDE, {"id": two["request"], "approve": True})
    assert [e["code"] for e in decided["data"]["decideApplicantRequest"]["errors"]] == ["FORBIDDEN"]


async def test_the_public_reads_no_account_data(api: Api, two: dict[str, Any]) -> None:
    assert (await api.data(MINE))["myApplicantAccount"] is None
    assert (await api.data(ONE, {"id": two["hoa"]}))["applicantAccount"] is None
    assert (await api.data(NODE, {"id": two["hoa"]}))["node"] is None
    assert _code(await api.post(LIST)) == "UNAUTHENTICATED"
    assert _code(await api.post(QUEUE)) == "UNAUTHENTICATED"
    for query, variables in (
        (DECIDE, {"id": two["request"], "approve": True}),
        (ASK, {"kind": "CANCEL"}),
    ):
        body = await api.post(query, variables)
        [payload] = body["data"].values()
        assert [e["code"] for e in payload["errors"]] == ["UNAUTHENTICATED"]


@pytest.mark.parametrize("login", ["cuong.lv", "an.nv", "editor@huecity.gov.vn"])
async def test_staff_without_the_account_office_role_read_nothing(
    api: Api, two: dict[str, Any], login: str
) -> None:
    await api.login(login)
    assert (await api.data(ONE, {"id": two["hoa"]}))["applicantAccount"] is None
    assert (await api.data(NODE, {"id": two["hoa"]}))["node"] is None
    assert (await api.data(MINE))["myApplicantAccount"] is None
    assert _code(await api.post(LIST)) == "FORBIDDEN"
    assert _code(await api.post(QUEUE)) == "FORBIDDEN"
    decided = await api.post(DECIDE, {"id": two["request"], "approve": True})
    assert [e["code"] for e in decided["data"]["decideApplicantRequest"]["errors"]] == ["FORBIDDEN"]
    asked = await api.post(ASK, {"kind": "CANCEL"})  # staff have no applicant account
    assert [e["code"] for e in asked["data"]["requestApplicantAccountChange"]["errors"]] == [
        "UNAUTHENTICATED"
    ]


async def test_an_account_office_grant_reads_and_decides(
    api: Api, province: Province, two: dict[str, Any]
) -> None:
    await api.login("admin@hue.gov.vn")
    granted = await api.post(
        GRANT,
        {
            "a": gid("Account", province.accounts["dung"]),
            "u": gid("OrgUnit", province.units["HUE-PKT"]),
        },
    )
    assert granted["data"]["grantRole"]["errors"] == []
    await api.login("dung.pt")
    listed = (await api.data(LIST))["applicantAccounts"]
    assert [e["node"]["fullName"] for e in listed["edges"]] == ["Nguyễn Thị Hoa"]
    assert (await api.data(ONE, {"id": two["minh"]}))["applicantAccount"]["identityNumber"] == (
        "046085004321"
    )
    decided = await api.post(DECIDE, {"id": two["request"], "approve": True})
    payload = decided["data"]["decideApplicantRequest"]
    assert payload["errors"] == []
    assert payload["request"]["account"]["status"] == "SUSPENDED"


async def test_an_applicant_cannot_edit_the_catalog(
    api: Api, province: Province, two: dict[str, Any]
) -> None:
    await api.login("hoa.nguyen@example.vn", APPLICANT_PASSWORD)
    body = await api.post(CREATE, {"code": "P-1", "input": procedure_input(province)})
    assert [e["code"] for e in body["data"]["createProcedure"]["errors"]] == ["FORBIDDEN"]


async def test_malformed_ids_are_typed_refusals(api: Api, two: dict[str, Any]) -> None:
    await api.login("admin@hue.gov.vn")
    assert _code(await api.post(ONE, {"id": "not-an-id"})) == "INVALID_INPUT"
    assert _code(await api.post(ONE, {"id": gid("Person", 1)})) == "INVALID_INPUT"
    decided = await api.post(DECIDE, {"id": "nope", "approve": True})
    assert decided["data"]["decideApplicantRequest"]["errors"] == [
        {
            "code": "INVALID_INPUT",
            "message": "Not a valid ApplicantRequest id",
            "field": "requestId",
        }
    ]
    missing = await api.post(DECIDE, {"id": gid("ApplicantRequest", 999), "approve": True})
    assert [
        (e["code"], e["field"]) for e in missing["data"]["decideApplicantRequest"]["errors"]
    ] == [("NOT_FOUND", "requestId")]
    bad_cursor = await api.post(
        "query($a: String) { applicantRequests(after: $a) { totalCount } }", {"a": "eyJ4IjoxfQ=="}
    )
    assert _code(bad_cursor) == "INVALID_INPUT"
    for key in (["2026-11-20T03:00:00", 1], ["tomorrow", 1]):  # naive, not an instant
        for side in ("after", "before"):
            body = await api.post(
                f"query($a: String) {{ applicantRequests({side}: $a) {{ totalCount }} }}",
                {"a": encode_cursor(key)},
            )
            assert _code(body) == "INVALID_INPUT"


async def test_the_office_pages_backward(api: Api, two: dict[str, Any]) -> None:
    await api.login("admin@hue.gov.vn")
    for name, opening in (
        ("applicantAccounts", "applicantAccounts("),
        ("applicantRequests", "applicantRequests(status: null, "),
    ):
        forward = await api.data(f"{{ {opening}first: 100) {{ edges {{ node {{ id }} }} }} }}")
        ids = [e["node"]["id"] for e in forward[name]["edges"]]
        assert len(ids) >= 2
        page = f"""query($b: String) {{ {opening}last: 1, before: $b) {{
          edges {{ node {{ id }} }} pageInfo {{ hasPreviousPage startCursor }} }} }}"""
        behind, before = [], None
        while True:
            found = (await api.data(page, {"b": before}))[name]
            behind = [e["node"]["id"] for e in found["edges"]] + behind
            if not found["pageInfo"]["hasPreviousPage"]:
                break
            before = found["pageInfo"]["startCursor"]
        assert behind == ids
