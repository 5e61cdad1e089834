"""The procedure catalog end to end: publishing, public reading and diacritic-free search,
versions (a dossier keeps its own), the 7-day update rule, who may edit, typed refusals
that write nothing."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select

from govgraph.container import Container
from persistence import catalog_tables as ct
from persistence.database import StatementCounter
from tests.api.catalog_factories import (
    CREATE,
    UPDATE,
    create_procedure,
    procedure_input,
)
from tests.factories import Api, Province, gid

LIST = """
query List($search: String, $agency: ID, $field: String, $first: Int, $after: String) {
  procedures(search: $search, agencyId: $agency, field: $field, first: $first, after: $after) {
    totalCount
    edges { cursor node { code name agency { code } current { processingDays } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

BY_CODE = """
query ByCode($code: String!) {
  procedure(code: $code) {
    code name current { number name processingDays components { name } }
    versions { id number name late processingDays components { id name } }
  }
}
"""


@pytest.fixture
async def catalog(api: Api, province: Province) -> dict[str, Any]:
    """Three procedures of two agencies, published by the admin; then signed out."""
    await api.login("admin@hue.gov.vn")
    birth = await create_procedure(api, province)
    await create_procedure(
        api,
        province,
        "HT-KH.PHUHOI",
        name="Đăng ký kết hôn",
        processingDays=3,
        targetSubjects=["CITIZEN"],
    )
    permit = await create_procedure(
        api,
        province,
        "XD-GPXD.HUE",
        unit="HUE",
        name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        field="Xây dựng",
        processingDays=15,
    )
    api.token = None
    return {"birth": birth, "permit": permit}


async def _codes(api: Api, **variables: Any) -> list[str]:
    data = await api.data(LIST, variables)
    return [e["node"]["code"] for e in data["procedures"]["edges"]]


async def test_the_public_reads_the_catalog_and_searches_without_diacritics(
    api: Api, province: Province, catalog: dict[str, Any]
) -> None:
    assert api.token is None  # anonymous
    assert await _codes(api) == ["HT-KH.PHUHOI", "HT-KS.PHUHOI", "XD-GPXD.HUE"]
    assert await _codes(api, search="khai sinh") == ["HT-KS.PHUHOI"]
    assert await _codes(api, search="Khai Sinh") == ["HT-KS.PHUHOI"]
    assert await _codes(api, search="đăng ký") == ["HT-KH.PHUHOI", "HT-KS.PHUHOI"]
    assert await _codes(api, search="dang ky ket hon") == ["HT-KH.PHUHOI"]
    assert await _codes(api, search="giấy phép xây dựng") == ["XD-GPXD.HUE"]
    assert await _codes(api, search="gpxd") == ["XD-GPXD.HUE"]  # the code too
    assert await _codes(api, search="khai tu") == []
    assert await _codes(api, search="50%_") == []  # wildcards are plain characters
    assert await _codes(api, field="ho tich") == ["HT-KH.PHUHOI", "HT-KS.PHUHOI"]
    assert await _codes(api, field="Xây dựng") == ["XD-GPXD.HUE"]
    hue = gid("OrgUnit", province.units["HUE"])
    assert await _codes(api, agency=hue) == ["XD-GPXD.HUE"]
    assert await _codes(api, agency=hue, search="khai sinh") == []
    found = (await api.data(BY_CODE, {"code": "ht-ks.phuhoi"}))["procedure"]
    assert found["current"]["processingDays"] == 1
    assert [c["name"] for c in found["current"]["components"]][:2] == [
        "Tờ khai đăng ký khai sinh",
        "Giấy chứng sinh",
    ]
    assert (await api.data(BY_CODE, {"code": "NO-SUCH"}))["procedure"] is None


async def test_pages_follow_the_code(api: Api, catalog: dict[str, Any]) -> None:
    first = (await api.data(LIST, {"first": 2}))["procedures"]
    assert [e["node"]["code"] for e in first["edges"]] == ["HT-KH.PHUHOI", "HT-KS.PHUHOI"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["totalCount"] == 3
    rest = await _codes(api, first=2, after=first["pageInfo"]["endCursor"])
    assert rest == ["XD-GPXD.HUE"]
    bad = await api.post(LIST, {"after": "not-a-cursor"})
    assert bad["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    too_many = await api.post(LIST, {"first": 101})
    assert too_many["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    long_search = await api.post(LIST, {"search": "x" * 101})
    assert long_search["errors"][0]["extensions"]["code"] == "TOO_LONG"


BACK = """
query Back($last: Int, $before: String) {
  procedures(last: $last, before: $before) {
    edges { cursor node { code } }
    pageInfo { hasNextPage hasPreviousPage startCursor }
  }
}
"""


async def test_pages_read_backward_in_the_codes_order(api: Api, catalog: dict[str, Any]) -> None:
    tail = (await api.data(BACK, {"last": 2}))["procedures"]
    assert [e["node"]["code"] for e in tail["edges"]] == ["HT-KS.PHUHOI", "XD-GPXD.HUE"]
    assert tail["pageInfo"]["hasPreviousPage"] is True
    assert tail["pageInfo"]["hasNextPage"] is False
    head = await api.data(BACK, {"last": 2, "before": tail["pageInfo"]["startCursor"]})
    assert [e["node"]["code"] for e in head["procedures"]["edges"]] == ["HT-KH.PHUHOI"]
    assert head["procedures"]["pageInfo"]["hasPreviousPage"] is False
    assert head["procedures"]["pageInfo"]["hasNextPage"] is True
    both = await api.post("{ procedures(first: 1, last: 1) { totalCount } }")
    assert both["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    bad = await api.post(BACK, {"before": "not-a-cursor"})
    assert bad["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_a_new_version_leaves_the_old_one_as_it_was(
    api: Api, province: Province, catalog: dict[str, Any]
) -> None:
    birth = catalog["birth"]["procedure"]
    old_version = birth["current"]["id"]
    await api.login("admin@hue.gov.vn")
    changed = procedure_input(
        province,
        processingDays=2,
        issuingDocument="Quyết định 2048/QĐ-UBND",
        issuedOn="2026-11-19",
        components=[{"name": "Tờ khai đăng ký khai sinh (mẫu mới)"}],
    )
    body = await api.post(UPDATE, {"id": birth["id"], "input": changed, "version": 1})
    payload = body["data"]["updateProcedure"]
    assert payload["errors"] == []
    assert payload["procedure"]["version"] == 2
    assert payload["version"]["number"] == 2
    assert payload["version"]["id"] != old_version
    assert payload["procedure"]["current"]["processingDays"] == 2
    found = (await api.data(BY_CODE, {"code": "HT-KS.PHUHOI"}))["procedure"]
    assert [v["number"] for v in found["versions"]] == [2, 1]
    new, old = found["versions"]
    assert (new["processingDays"], old["processingDays"]) == (2, 1)
    assert [c["name"] for c in new["components"]] == ["Tờ khai đăng ký khai sinh (mẫu mới)"]
    assert len(old["components"]) == 3
    assert not {c["id"] for c in new["components"]} & {c["id"] for c in old["components"]}
    node = await api.data(
        "query($id: ID!) { node(id: $id) { ... on ProcedureVersion { number processingDays } } }",
        {"id": old_version},
    )
    assert node["node"] == {"number": 1, "processingDays": 1}
    stale = await api.post(UPDATE, {"id": birth["id"], "input": changed, "version": 1})
    errors = stale["data"]["updateProcedure"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("STALE_VERSION", "version")]


async def test_a_version_recorded_over_7_days_after_its_document_is_late(
    api: Api, province: Province, catalog: dict[str, Any]
) -> None:
    # today is 2026-11-20 in the province: a document of the 13th was due by the 20th
    await api.login("admin@hue.gov.vn")
    birth = catalog["birth"]["procedure"]
    on_time = procedure_input(province, issuedOn="2026-11-13")
    body = await api.post(UPDATE, {"id": birth["id"], "input": on_time})
    assert body["data"]["updateProcedure"]["version"]["late"] is False
    late = procedure_input(province, issuedOn="2026-11-12")
    body = await api.post(UPDATE, {"id": birth["id"], "input": late})
    payload = body["data"]["updateProcedure"]
    assert payload["version"]["late"] is True
    assert payload["procedure"]["current"]["updateDueOn"] == "2026-11-19"
    future = procedure_input(province, issuedOn="2026-11-21")
    body = await api.post(UPDATE, {"id": birth["id"], "input": future})
    errors = body["data"]["updateProcedure"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("INVALID_INPUT", "issuedOn")]


async def test_a_joined_procedure_lists_its_chain_of_agencies(api: Api, province: Province) -> None:
    await api.login("admin@hue.gov.vn")
    chain = [
        {"unitId": gid("OrgUnit", province.units["HUE-PKT"]), "task": "Cấp đăng ký hộ kinh doanh"},
        {"unitId": gid("OrgUnit", province.units["SNV"]), "task": "Cấp mã số"},
    ]
    made = await create_procedure(api, province, "LT-01", unit="HUE", chain=chain)
    current = made["procedure"]["current"]
    assert current["joined"] is True
    assert [(c["position"], c["agency"]["code"]) for c in current["chain"]] == [
        (1, "HUE"),
        (2, "HUE-PKT"),
        (3, "SNV"),
    ]
    twice = [*chain, chain[0]]
    refused = await api.post(
        CREATE, {"code": "LT-02", "input": procedure_input(province, chain=twice)}
    )
    errors = refused["data"]["createProcedure"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("INVALID_INPUT", "chain.unitId")]


EDITORS = [
    # who, agency, allowed
    ("admin@hue.gov.vn", "HUE-PHUHOI", True),
    ("editor@huecity.gov.vn", "HUE", True),  # DIRECTORY_EDITOR on HUE itself
    ("editor@huecity.gov.vn", "HUE-PHUHOI", False),  # ... not on the communes under it
    ("editor@hue.gov.vn", "SNV", False),  # the province's editor: the province unit only
    ("editor@hue.gov.vn", "PROV", True),
    ("cuong.lv", "HUE", False),  # an overseer reads, edits no catalog
    ("dung.pt", "HUE-PKT", False),
]


@pytest.mark.parametrize(("login", "unit", "allowed"), EDITORS)
async def test_only_the_agencys_directory_editors_and_admins_publish(
    api: Api, province: Province, login: str, unit: str, allowed: bool
) -> None:
    await api.login(login)
    body = await api.post(CREATE, {"code": "P-1", "input": procedure_input(province, unit)})
    errors = body["data"]["createProcedure"]["errors"]
    assert [e["code"] for e in errors] == ([] if allowed else ["FORBIDDEN"])


async def test_moving_a_procedure_needs_the_right_on_both_agencies(
    api: Api, province: Province
) -> None:
    await api.login("editor@huecity.gov.vn")
    made = await create_procedure(api, province, "XD-01", unit="HUE")
    moved = procedure_input(province, "SNV")
    body = await api.post(UPDATE, {"id": made["procedure"]["id"], "input": moved})
    assert [e["code"] for e in body["data"]["updateProcedure"]["errors"]] == ["FORBIDDEN"]
    await api.login("admin@hue.gov.vn")
    body = await api.post(UPDATE, {"id": made["procedure"]["id"], "input": moved})
    assert body["data"]["updateProcedure"]["procedure"]["agency"]["code"] == "SNV"


async def test_anonymous_callers_and_citizens_cannot_publish(api: Api, province: Province) -> None:
    body = await api.post(CREATE, {"code": "P-1", "input": procedure_input(province)})
    assert [e["code"] for e in body["data"]["createProcedure"]["errors"]] == ["UNAUTHENTICATED"]


BAD_INPUT = [
    ({"serviceLevel": 5}, "INVALID_INPUT", "serviceLevel"),
    ({"processingDays": 0}, "INVALID_INPUT", "processingDays"),
    ({"processingDays": 366}, "INVALID_INPUT", "processingDays"),
    ({"name": "   "}, "INVALID_INPUT", "name"),
    ({"name": "x" * 501}, "TOO_LONG", "name"),
    ({"steps": []}, "INVALID_INPUT", "steps"),
    ({"steps": ["  "]}, "INVALID_INPUT", "steps"),
    ({"methods": []}, "INVALID_INPUT", "methods"),
    ({"targetSubjects": []}, "INVALID_INPUT", "targetSubjects"),
    ({"components": []}, "INVALID_INPUT", "components"),
    ({"components": [{"name": "Tờ khai", "copies": 0}]}, "INVALID_INPUT", "components.copies"),
    (
        {"components": [{"name": "Tờ khai", "formUrl": "javascript:x"}]},
        "INVALID_INPUT",
        "components.formUrl",
    ),
    ({"feeAmount": -1}, "INVALID_INPUT", "feeAmount"),
    ({"agencyUnitId": "not-an-id"}, "INVALID_INPUT", "agencyUnitId"),
    ({"agencyUnitId": gid("OrgUnit", 999_999)}, "NOT_FOUND", "agencyUnitId"),
    ({"chain": [{"unitId": gid("Person", 1)}]}, "INVALID_INPUT", "chain.unitId"),
]


@pytest.mark.parametrize(("changes", "code", "field"), BAD_INPUT)
async def test_bad_input_is_a_typed_refusal_that_writes_nothing(
    api: Api,
    province: Province,
    container: Container,
    changes: dict[str, Any],
    code: str,
    field: str,
) -> None:
    await api.login("admin@hue.gov.vn")
    body = await api.post(CREATE, {"code": "P-1", "input": procedure_input(province, **changes)})
    errors = body["data"]["createProcedure"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [(code, field)]
    async with container.engine.connect() as conn:
        for table in (ct.procedures, ct.procedure_versions, ct.procedure_components):
            assert (await conn.execute(select(func.count()).select_from(table))).scalar() == 0


async def test_codes_are_unique_and_well_formed(api: Api, province: Province) -> None:
    await api.login("admin@hue.gov.vn")
    await create_procedure(api, province, "HT-01")
    for code, expected in (("ht-01", "DUPLICATE_CODE"), ("HT 01", "INVALID_INPUT")):
        body = await api.post(CREATE, {"code": code, "input": procedure_input(province)})
        errors = body["data"]["createProcedure"]["errors"]
        assert [(e["code"], e["field"]) for e in errors] == [(expected, "code")]


async def test_control_characters_are_refused_at_the_boundary(api: Api, province: Province) -> None:
    await api.login("admin@hue.gov.vn")
    bad = procedure_input(province, components=[{"name": "Tờ khai\x00"}])
    body = await api.post(CREATE, {"code": "P-1", "input": bad})
    assert body.get("data") is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert error["extensions"]["field"] == "input.components[0].name"
    search = await api.post(LIST, {"search": "khai\x00sinh"})
    assert search["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_procedure_is_a_federation_entity(api: Api, catalog: dict[str, Any]) -> None:
    birth = catalog["birth"]["procedure"]
    data = await api.data(
        "query($r: [_Any!]!) { _entities(representations: $r) "
        "{ ... on Procedure { code current { processingDays } } } }",
        {"r": [{"__typename": "Procedure", "id": birth["id"]}]},
    )
    assert data["_entities"] == [{"code": "HT-KS.PHUHOI", "current": {"processingDays": 1}}]


PAGE = """
{ procedures(first: 50) { totalCount edges { node {
    code agency { name } current { processingDays components { name } chain { position } }
    versions { number } } } } }
"""


async def test_a_page_costs_the_same_statements_however_long(
    api: Api, province: Province, container: Container
) -> None:
    await api.login("admin@hue.gov.vn")
    await create_procedure(api, province, "P-00")
    api.token = None
    await api.data(PAGE)  # the anonymous caller's path is warm
    with StatementCounter(container.engine) as small:
        assert len((await api.data(PAGE))["procedures"]["edges"]) == 1
    await api.login("admin@hue.gov.vn")
    for n in range(1, 8):
        await create_procedure(api, province, f"P-{n:02}", unit="HUE" if n % 2 else "HUE-PHUHOI")
    api.token = None
    with StatementCounter(container.engine) as large:
        assert len((await api.data(PAGE))["procedures"]["edges"]) == 8
    assert small.count == large.count, (small.statements, large.statements)


async def test_two_editors_recording_a_version_at_once_one_wins(
    api: Api, province: Province
) -> None:
    await api.login("admin@hue.gov.vn")
    made = await create_procedure(api, province)
    procedure = made["procedure"]
    changed = procedure_input(province, processingDays=2)
    bodies = await asyncio.gather(
        *(
            api.post(UPDATE, {"id": procedure["id"], "input": changed, "version": 1})
            for _ in range(2)
        )
    )
    outcomes = sorted(
        tuple(e["code"] for e in body["data"]["updateProcedure"]["errors"]) for body in bodies
    )
    assert outcomes[0] == ()
    assert outcomes[1] in {("STALE_VERSION",), ("INVALID_STATE",), ("CONFLICT",)}
    found = (await api.data(BY_CODE, {"code": procedure["code"]}))["procedure"]
    assert [v["number"] for v in found["versions"]] == [2, 1]
