"""Org unit mutations end to end: create, update, move, split, merge, dissolve, with history."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.factories import ACCOUNTS, Api, Province, gid

LOGINS = {key: login for key, login, *_rest in ACCOUNTS}

UNIT_FIELDS = """
  id code name levelCode status depth version validFrom validTo email phone introduction
  parent { code }
"""

CREATE = f"""
mutation Create($parentId: ID!, $unit: NewUnitInput!, $effective: Date) {{
  createOrgUnit(parentId: $parentId, unit: $unit, effective: $effective) {{
    unit {{ {UNIT_FIELDS} }}
    errors {{ code field message }}
  }}
}}
"""

UPDATE = f"""
mutation Update($id: ID!, $changes: UnitInfoInput!, $version: Int) {{
  updateOrgUnit(id: $id, changes: $changes, version: $version) {{
    unit {{ {UNIT_FIELDS} }}
    errors {{ code field message }}
  }}
}}
"""

MOVE = f"""
mutation Move($id: ID!, $newParentId: ID!, $version: Int, $effective: Date) {{
  moveOrgUnit(id: $id, newParentId: $newParentId, version: $version, effective: $effective) {{
    unit {{ {UNIT_FIELDS} ancestors {{ code }} }}
    errors {{ code field message }}
  }}
}}
"""

SPLIT = f"""
mutation Split($id: ID!, $into: [NewUnitInput!]!, $version: Int, $effective: Date) {{
  splitOrgUnit(id: $id, into: $into, version: $version, effective: $effective) {{
    successors {{ {UNIT_FIELDS} memberCount children {{ code }} }}
    errors {{ code field message }}
  }}
}}
"""

MERGE = f"""
mutation Merge($sourceIds: [ID!]!, $intoId: ID, $newUnit: NewUnitInput, $effective: Date) {{
  mergeOrgUnits(sourceIds: $sourceIds, intoId: $intoId, newUnit: $newUnit, effective: $effective) {{
    unit {{ {UNIT_FIELDS} memberCount children {{ code }} predecessors {{ kind unit {{ code }} }} }}
    errors {{ code field message }}
  }}
}}
"""

DISSOLVE = f"""
mutation Dissolve($id: ID!, $successorId: ID, $version: Int, $effective: Date) {{
  dissolveOrgUnit(id: $id, successorId: $successorId, version: $version, effective: $effective) {{
    unit {{ {UNIT_FIELDS} }}
    errors {{ code field message }}
  }}
}}
"""

UNIT_BY_CODE = f"""
query Unit($code: String!) {{
  orgUnit(code: $code) {{
    {UNIT_FIELDS} memberCount
    children {{ code }}
    leaders {{ title person {{ fullName }} }}
    leadershipHistory {{ title until }}
    successors {{ kind effectiveDate unit {{ code status }} }}
    predecessors {{ kind effectiveDate unit {{ code status }} }}
    members {{ totalCount edges {{ node {{ fullName }} }} }}
  }}
}}
"""

TREE_AS_OF = """
query AsOf($date: Date!) {
  orgTreeAsOf(date: $date) {
    unit { code }
    children { unit { code status } children { unit { code } } }
  }
}
"""


async def sign_in(api: Api, who: str) -> None:
    payload = await api.login(LOGINS[who])
    assert payload["errors"] == [], payload


def new_unit(
    code: str, level: str = "DEPARTMENT", name: str | None = None, **info: Any
) -> dict[str, Any]:
    return {"code": code, "levelCode": level, "info": {"name": name or f"Đơn vị {code}", **info}}


async def unit(api: Api, code: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = (await api.data(UNIT_BY_CODE, {"code": code}))["orgUnit"]
    return found


async def version_of(api: Api, code: str) -> int:
    found = await unit(api, code)
    assert found is not None
    version: int = found["version"]
    return version


async def mutate(api: Api, query: str, variables: dict[str, Any], name: str) -> dict[str, Any]:
    payload: dict[str, Any] = (await api.data(query, variables))[name]
    return payload


def codes(errors: list[dict[str, Any]]) -> list[str]:
    return [e["code"] for e in errors]


def shape(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """{code: {child code: [grandchild codes]}} of an orgTreeAsOf answer."""
    return {
        n["unit"]["code"]: {
            c["unit"]["code"]: sorted(g["unit"]["code"] for g in c["children"])
            for c in n["children"]
        }
        for n in nodes
    }


# --- create ---------------------------------------------------------------------------------


async def test_create_unit_under_the_province(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    payload = await mutate(
        api,
        CREATE,
        {
            "parentId": gid("OrgUnit", province.units["PROV"]),
            "unit": new_unit(
                "sxd", name="Sở Xây dựng", email="SXD@Hue.gov.vn", phone="0234 3822 555"
            ),
            "effective": "2026-11-02",
        },
        "createOrgUnit",
    )
    assert payload["errors"] == []
    created = payload["unit"]
    assert created["code"] == "SXD"
    assert created["parent"] == {"code": "PROV"}
    assert (created["depth"], created["status"]) == (1, "ACTIVE")
    assert created["validFrom"] == "2026-11-02"
    assert created["email"] == "sxd@hue.gov.vn"
    found = await unit(api, "sxd")
    assert found is not None
    assert found["id"] == created["id"]
    assert found["name"] == "Sở Xây dựng"


async def test_create_needs_an_editor_of_the_parent(api: Api, province: Province) -> None:
    variables = {"parentId": gid("OrgUnit", province.units["PROV"]), "unit": new_unit("SXD")}
    anonymous = await mutate(api, CREATE, variables, "createOrgUnit")
    assert codes(anonymous["errors"]) == ["UNAUTHENTICATED"]
    await sign_in(api, "hue_editor")
    outsider = await mutate(api, CREATE, variables, "createOrgUnit")
    assert codes(outsider["errors"]) == ["FORBIDDEN"]
    assert outsider["unit"] is None
    assert await unit(api, "SXD") is None


async def test_create_refuses_bad_input_and_writes_nothing(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    prov = gid("OrgUnit", province.units["PROV"])
    cases = [
        (new_unit("snv"), "DUPLICATE_CODE", "code"),
        (new_unit("BAD CODE"), "INVALID_INPUT", "code"),
        (new_unit("SXD", email="not-an-email"), "INVALID_EMAIL", "email"),
        (new_unit("SXD", phone="call me"), "INVALID_PHONE", "phone"),
        (new_unit("SXD", fax="12"), "INVALID_PHONE", "fax"),
        (new_unit("SXD", name="x" * 256), "TOO_LONG", "name"),
        (new_unit("SXD", introduction="x" * 10_001), "TOO_LONG", "introduction"),
        (new_unit("SXD", name="   "), "INVALID_INPUT", "name"),
        (new_unit("SXD", level="NO_SUCH_LEVEL"), "NOT_FOUND", "levelCode"),
        (new_unit("SXD", level="PROVINCE"), "INVALID_INPUT", "levelCode"),
    ]
    for unit_input, code, field in cases:
        payload = await mutate(api, CREATE, {"parentId": prov, "unit": unit_input}, "createOrgUnit")
        assert payload["unit"] is None, unit_input
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], unit_input
    assert await unit(api, "SXD") is None
    snv = await unit(api, "SNV")
    assert snv is not None
    assert snv["name"] == "Sở Nội vụ"


async def test_level_must_sit_below_the_parent_level(api: Api, province: Province) -> None:
    await sign_in(api, "hue_editor")
    hue = gid("OrgUnit", province.units["HUE"])
    refused = await mutate(
        api,
        CREATE,
        {"parentId": hue, "unit": new_unit("HUE-SXD", level="DEPARTMENT")},
        "createOrgUnit",
    )
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_INPUT", "levelCode")]
    accepted = await mutate(
        api, CREATE, {"parentId": hue, "unit": new_unit("HUE-PTC", level="OFFICE")}, "createOrgUnit"
    )
    assert accepted["errors"] == []
    assert accepted["unit"]["depth"] == 2


async def test_unknown_and_wrongly_typed_ids_are_typed_errors(api: Api, province: Province) -> None:
    await sign_in(api, "admin")
    unknown = await mutate(
        api, CREATE, {"parentId": gid("OrgUnit", 999_999), "unit": new_unit("X1")}, "createOrgUnit"
    )
    assert [(e["code"], e["field"]) for e in unknown["errors"]] == [("NOT_FOUND", "parentId")]
    person_id = gid("Person", province.people["an"])
    wrong_type = await mutate(
        api, CREATE, {"parentId": person_id, "unit": new_unit("X1")}, "createOrgUnit"
    )
    assert [(e["code"], e["field"]) for e in wrong_type["errors"]] == [
        ("INVALID_INPUT", "parentId")
    ]
    garbage = await mutate(api, UPDATE, {"id": "not-a-global-id", "changes": {}}, "updateOrgUnit")
    assert codes(garbage["errors"]) == ["INVALID_INPUT"]
    for query, variables, name in [
        (UPDATE, {"id": gid("OrgUnit", 999_999), "changes": {"name": "X"}}, "updateOrgUnit"),
        (
            MOVE,
            {"id": gid("OrgUnit", 999_999), "newParentId": gid("OrgUnit", province.units["PD"])},
            "moveOrgUnit",
        ),
        (
            SPLIT,
            {"id": gid("OrgUnit", 999_999), "into": [new_unit("A"), new_unit("B")]},
            "splitOrgUnit",
        ),
        (DISSOLVE, {"id": gid("OrgUnit", 999_999)}, "dissolveOrgUnit"),
        (
            MERGE,
            {
                "sourceIds": [gid("OrgUnit", 999_999)],
                "intoId": gid("OrgUnit", province.units["HUE"]),
            },
            "mergeOrgUnits",
        ),
    ]:
        payload = await mutate(api, query, variables, name)
        assert codes(payload["errors"]) == ["NOT_FOUND"], (name, payload)
    moved = await mutate(
        api,
        MOVE,
        {"id": gid("OrgUnit", province.units["HUE-PKT"]), "newParentId": person_id},
        "moveOrgUnit",
    )
    assert [(e["code"], e["field"]) for e in moved["errors"]] == [("INVALID_INPUT", "newParentId")]


# --- update ---------------------------------------------------------------------------------


async def test_update_bumps_the_version_and_refuses_a_stale_one(
    api: Api, province: Province
) -> None:
    await sign_in(api, "editor")
    snv = gid("OrgUnit", province.units["SNV"])
    version = await version_of(api, "SNV")
    first = await mutate(
        api,
        UPDATE,
        {
            "id": snv,
            "changes": {"introduction": "Cơ quan tham mưu", "email": "snv@hue.gov.vn"},
            "version": version,
        },
        "updateOrgUnit",
    )
    assert first["errors"] == []
    assert first["unit"]["version"] == version + 1
    assert first["unit"]["introduction"] == "Cơ quan tham mưu"
    assert first["unit"]["name"] == "Sở Nội vụ"  # omitted fields stay as they are
    stale = await mutate(
        api,
        UPDATE,
        {"id": snv, "changes": {"introduction": "Overwritten"}, "version": version},
        "updateOrgUnit",
    )
    assert [(e["code"], e["field"]) for e in stale["errors"]] == [("STALE_VERSION", "version")]
    after = await unit(api, "SNV")
    assert after is not None
    assert (after["introduction"], after["version"]) == ("Cơ quan tham mưu", version + 1)


async def test_update_validates_fields(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    snv = gid("OrgUnit", province.units["SNV"])
    version = await version_of(api, "SNV")
    for changes, code in [
        ({"email": "snv@"}, "INVALID_EMAIL"),
        ({"phone": "+84 abc"}, "INVALID_PHONE"),
        ({"shortName": "x" * 81}, "TOO_LONG"),
        ({"fax": "1"}, "INVALID_PHONE"),
        ({"duties": "x" * 10_001}, "TOO_LONG"),
        ({"name": ""}, "INVALID_INPUT"),
    ]:
        payload = await mutate(api, UPDATE, {"id": snv, "changes": changes}, "updateOrgUnit")
        assert codes(payload["errors"]) == [code], changes
    after = await unit(api, "SNV")
    assert after is not None
    assert (after["name"], after["version"], after["email"]) == ("Sở Nội vụ", version, None)


async def test_who_may_edit_a_unit(api: Api, province: Province) -> None:
    snv = gid("OrgUnit", province.units["SNV"])
    await sign_in(api, "dung")
    refused = await mutate(api, UPDATE, {"id": snv, "changes": {"website": "x"}}, "updateOrgUnit")
    assert codes(refused["errors"]) == ["FORBIDDEN"]
    await sign_in(api, "an")  # LEADER of SNV edits own unit's info
    own = await mutate(
        api, UPDATE, {"id": snv, "changes": {"website": "https://snv.hue.gov.vn"}}, "updateOrgUnit"
    )
    assert own["errors"] == []
    await sign_in(api, "hue_editor")
    outside = await mutate(api, UPDATE, {"id": snv, "changes": {"website": "x"}}, "updateOrgUnit")
    assert codes(outside["errors"]) == ["FORBIDDEN"]


async def test_concurrent_updates_with_the_same_version(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    snv = gid("OrgUnit", province.units["SNV"])
    version = await version_of(api, "SNV")
    results = await asyncio.gather(
        *(
            mutate(
                api,
                UPDATE,
                {"id": snv, "changes": {"introduction": f"Writer {n}"}, "version": version},
                "updateOrgUnit",
            )
            for n in range(2)
        )
    )
    winners = [r for r in results if r["errors"] == []]
    losers = [r for r in results if r["errors"]]
    assert len(winners) == 1, results
    assert [codes(r["errors"]) for r in losers] == [["STALE_VERSION"]]
    after = await unit(api, "SNV")
    assert after is not None
    assert after["version"] == version + 1
    assert after["introduction"] == winners[0]["unit"]["introduction"]


# --- move -----------------------------------------------------------------------------------


async def test_move_reparents_and_keeps_the_old_shape_in_history(
    api: Api, province: Province
) -> None:
    await sign_in(api, "admin")
    payload = await mutate(
        api,
        MOVE,
        {
            "id": gid("OrgUnit", province.units["HUE-PKT"]),
            "newParentId": gid("OrgUnit", province.units["PD"]),
            "version": await version_of(api, "HUE-PKT"),
            "effective": "2026-11-20",
        },
        "moveOrgUnit",
    )
    assert payload["errors"] == []
    moved = payload["unit"]
    assert moved["parent"] == {"code": "PD"}
    assert [a["code"] for a in moved["ancestors"]] == ["PROV", "PD"]
    assert moved["depth"] == 2
    pd = await unit(api, "PD")
    hue = await unit(api, "HUE")
    assert pd is not None
    assert hue is not None
    assert {c["code"] for c in pd["children"]} == {"PD-PHONGTHU", "HUE-PKT"}
    assert {c["code"] for c in hue["children"]} == {"HUE-PHUHOI"}
    before = shape((await api.data(TREE_AS_OF, {"date": "2026-11-19"}))["orgTreeAsOf"])
    after = shape((await api.data(TREE_AS_OF, {"date": "2026-11-20"}))["orgTreeAsOf"])
    assert before["PROV"]["HUE"] == ["HUE-PHUHOI", "HUE-PKT"]
    assert before["PROV"]["PD"] == ["PD-PHONGTHU"]
    assert after["PROV"]["HUE"] == ["HUE-PHUHOI"]
    assert after["PROV"]["PD"] == ["HUE-PKT", "PD-PHONGTHU"]


async def test_move_refuses_cycles_levels_stale_versions_and_outsiders(
    api: Api, province: Province
) -> None:
    hue = gid("OrgUnit", province.units["HUE"])
    await sign_in(api, "hue_editor")
    outsider = await mutate(
        api,
        MOVE,
        {
            "id": gid("OrgUnit", province.units["HUE-PKT"]),
            "newParentId": gid("OrgUnit", province.units["PD"]),
        },
        "moveOrgUnit",
    )
    assert codes(outsider["errors"]) == ["FORBIDDEN"]
    await sign_in(api, "admin")
    under_child = await mutate(
        api,
        MOVE,
        {"id": hue, "newParentId": gid("OrgUnit", province.units["HUE-PKT"])},
        "moveOrgUnit",
    )
    assert [(e["code"], e["field"]) for e in under_child["errors"]] == [("CYCLE", "newParentId")]
    under_self = await mutate(api, MOVE, {"id": hue, "newParentId": hue}, "moveOrgUnit")
    assert codes(under_self["errors"]) == ["CYCLE"]
    wrong_level = await mutate(
        api, MOVE, {"id": gid("OrgUnit", province.units["SNV"]), "newParentId": hue}, "moveOrgUnit"
    )
    assert [(e["code"], e["field"]) for e in wrong_level["errors"]] == [
        ("INVALID_INPUT", "levelCode")
    ]
    stale = await mutate(
        api,
        MOVE,
        {
            "id": gid("OrgUnit", province.units["HUE-PKT"]),
            "newParentId": gid("OrgUnit", province.units["PD"]),
            "version": await version_of(api, "HUE-PKT") - 1,
        },
        "moveOrgUnit",
    )
    assert codes(stale["errors"]) == ["STALE_VERSION"]
    hue_after = await unit(api, "HUE")
    assert hue_after is not None
    assert hue_after["parent"] == {"code": "PROV"}
    assert {c["code"] for c in hue_after["children"]} == {"HUE-PKT", "HUE-PHUHOI"}


# --- split ----------------------------------------------------------------------------------


async def test_split_moves_children_and_members_to_the_first_successor(
    api: Api, province: Province
) -> None:
    await sign_in(api, "editor")
    payload = await mutate(
        api,
        SPLIT,
        {
            "id": gid("OrgUnit", province.units["SNV"]),
            "into": [
                new_unit("SNV-A", name="Sở Nội vụ (A)"),
                new_unit("SNV-B", name="Ban Thi đua"),
            ],
            "version": await version_of(api, "SNV"),
            "effective": "2026-11-20",
        },
        "splitOrgUnit",
    )
    assert payload["errors"] == []
    first, second = payload["successors"]
    assert (first["code"], second["code"]) == ("SNV-A", "SNV-B")
    assert first["children"] == [{"code": "SNV-TCCB"}]
    assert (first["memberCount"], second["memberCount"]) == (1, 0)
    old = await unit(api, "SNV")
    assert old is not None
    assert (old["status"], old["validTo"]) == ("SPLIT", "2026-11-20")
    assert old["children"] == []
    assert old["memberCount"] == 0
    assert old["leaders"] == []  # leadership of a closed unit ends with it
    assert [h["until"] for h in old["leadershipHistory"]] == ["2026-11-20"]
    assert sorted((s["kind"], s["unit"]["code"]) for s in old["successors"]) == [
        ("SPLIT_INTO", "SNV-A"),
        ("SPLIT_INTO", "SNV-B"),
    ]
    new_a = await unit(api, "SNV-A")
    assert new_a is not None
    assert [(p["kind"], p["unit"]["code"], p["unit"]["status"]) for p in new_a["predecessors"]] == [
        ("SPLIT_INTO", "SNV", "SPLIT")
    ]
    before = shape((await api.data(TREE_AS_OF, {"date": "2026-11-19"}))["orgTreeAsOf"])
    after = shape((await api.data(TREE_AS_OF, {"date": "2026-11-20"}))["orgTreeAsOf"])
    assert before["PROV"]["SNV"] == ["SNV-TCCB"]
    assert "SNV-A" not in before["PROV"]
    assert "SNV" not in after["PROV"]
    assert after["PROV"]["SNV-A"] == ["SNV-TCCB"]
    assert after["PROV"]["SNV-B"] == []


async def test_split_is_all_or_nothing(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    snv = gid("OrgUnit", province.units["SNV"])
    version = await version_of(api, "SNV")
    payload = await mutate(
        api, SPLIT, {"id": snv, "into": [new_unit("SNV-A"), new_unit("HUE")]}, "splitOrgUnit"
    )
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("DUPLICATE_CODE", "code")]
    assert payload["successors"] == []
    assert await unit(api, "SNV-A") is None
    same_twice = await mutate(
        api, SPLIT, {"id": snv, "into": [new_unit("SNV-A"), new_unit("snv-a")]}, "splitOrgUnit"
    )
    assert codes(same_twice["errors"]) == ["DUPLICATE_CODE"]
    assert await unit(api, "SNV-A") is None
    bad_email = await mutate(
        api,
        SPLIT,
        {"id": snv, "into": [new_unit("SNV-A"), new_unit("SNV-B", email="nope")]},
        "splitOrgUnit",
    )
    assert codes(bad_email["errors"]) == ["INVALID_EMAIL"]
    one_part = await mutate(api, SPLIT, {"id": snv, "into": [new_unit("SNV-A")]}, "splitOrgUnit")
    assert codes(one_part["errors"]) == ["INVALID_INPUT"]
    stale = await mutate(
        api,
        SPLIT,
        {"id": snv, "into": [new_unit("SNV-A"), new_unit("SNV-B")], "version": version - 1},
        "splitOrgUnit",
    )
    assert codes(stale["errors"]) == ["STALE_VERSION"]
    assert await unit(api, "SNV-A") is None
    assert await unit(api, "SNV-B") is None
    old = await unit(api, "SNV")
    assert old is not None
    assert (old["status"], old["memberCount"], old["version"]) == ("ACTIVE", 1, version)
    assert old["children"] == [{"code": "SNV-TCCB"}]


# --- merge ----------------------------------------------------------------------------------


async def test_merge_into_an_existing_unit_keeps_the_source_as_history(
    api: Api, province: Province
) -> None:
    await sign_in(api, "editor")
    payload = await mutate(
        api,
        MERGE,
        {
            "sourceIds": [gid("OrgUnit", province.units["PD"])],
            "intoId": gid("OrgUnit", province.units["HUE"]),
            "effective": "2026-11-20",
        },
        "mergeOrgUnits",
    )
    assert payload["errors"] == []
    target = payload["unit"]
    assert target["code"] == "HUE"
    assert {c["code"] for c in target["children"]} == {"HUE-PKT", "HUE-PHUHOI", "PD-PHONGTHU"}
    assert target["memberCount"] == 2  # Cường and Em
    assert [(p["kind"], p["unit"]["code"]) for p in target["predecessors"]] == [
        ("MERGED_INTO", "PD")
    ]
    merged = await unit(api, "pd")
    assert merged is not None
    assert (merged["status"], merged["validTo"]) == ("MERGED", "2026-11-20")
    assert [(s["kind"], s["effectiveDate"], s["unit"]["code"]) for s in merged["successors"]] == [
        ("MERGED_INTO", "2026-11-20", "HUE")
    ]
    assert merged["children"] == []
    commune = await unit(api, "PD-PHONGTHU")
    assert commune is not None
    assert commune["parent"] == {"code": "HUE"}
    before = shape((await api.data(TREE_AS_OF, {"date": "2026-11-19"}))["orgTreeAsOf"])
    after = shape((await api.data(TREE_AS_OF, {"date": "2026-11-20"}))["orgTreeAsOf"])
    assert before["PROV"]["PD"] == ["PD-PHONGTHU"]
    assert before["PROV"]["HUE"] == ["HUE-PHUHOI", "HUE-PKT"]
    assert "PD" not in after["PROV"]
    assert after["PROV"]["HUE"] == ["HUE-PHUHOI", "HUE-PKT", "PD-PHONGTHU"]


async def test_merge_into_a_new_unit(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    payload = await mutate(
        api,
        MERGE,
        {
            "sourceIds": [
                gid("OrgUnit", province.units["VP"]),
                gid("OrgUnit", province.units["SNV"]),
            ],
            "newUnit": new_unit("VPNV", name="Văn phòng và Nội vụ"),
            "effective": "2026-11-20",
        },
        "mergeOrgUnits",
    )
    assert payload["errors"] == []
    target = payload["unit"]
    assert (target["code"], target["parent"], target["validFrom"]) == (
        "VPNV",
        {"code": "PROV"},
        "2026-11-20",
    )
    assert target["children"] == [{"code": "SNV-TCCB"}]
    assert target["memberCount"] == 1
    assert sorted(p["unit"]["code"] for p in target["predecessors"]) == ["SNV", "VP"]
    for code in ("VP", "SNV"):
        old = await unit(api, code)
        assert old is not None
        assert (old["status"], old["successors"][0]["unit"]["code"]) == ("MERGED", "VPNV")


async def test_merge_refuses_bad_requests(api: Api, province: Province) -> None:
    hue = gid("OrgUnit", province.units["HUE"])
    pkt = gid("OrgUnit", province.units["HUE-PKT"])
    await sign_in(api, "hue_editor")
    outsider = await mutate(
        api,
        MERGE,
        {"sourceIds": [gid("OrgUnit", province.units["PD"])], "intoId": hue},
        "mergeOrgUnits",
    )
    assert codes(outsider["errors"]) == ["FORBIDDEN"]
    await sign_in(api, "admin")
    into_own_child = await mutate(api, MERGE, {"sourceIds": [hue], "intoId": pkt}, "mergeOrgUnits")
    assert codes(into_own_child["errors"]) == ["CYCLE"]
    into_itself = await mutate(api, MERGE, {"sourceIds": [hue], "intoId": hue}, "mergeOrgUnits")
    assert codes(into_itself["errors"]) == ["CYCLE"]
    twice = await mutate(
        api,
        MERGE,
        {"sourceIds": [pkt, pkt], "intoId": gid("OrgUnit", province.units["HUE-PHUHOI"])},
        "mergeOrgUnits",
    )
    assert codes(twice["errors"]) == ["INVALID_INPUT"]
    both = await mutate(
        api,
        MERGE,
        {"sourceIds": [pkt], "intoId": hue, "newUnit": new_unit("X", level="OFFICE")},
        "mergeOrgUnits",
    )
    assert codes(both["errors"]) == ["INVALID_INPUT"]
    duplicate_new = await mutate(
        api,
        MERGE,
        {
            "sourceIds": [
                gid("OrgUnit", province.units["VP"]),
                gid("OrgUnit", province.units["SNV"]),
            ],
            "newUnit": new_unit("HUE"),
        },
        "mergeOrgUnits",
    )
    assert codes(duplicate_new["errors"]) == ["DUPLICATE_CODE"]
    backdated = await mutate(
        api,
        MERGE,
        {
            "sourceIds": [gid("OrgUnit", province.units["PD"])],
            "intoId": hue,
            "effective": "2026-11-01",
        },
        "mergeOrgUnits",
    )
    # Hoàng Văn Em joined PD on 2026-11-20: the merge cannot move him out before that.
    assert [(e["code"], e["field"]) for e in backdated["errors"]] == [
        ("INVALID_INPUT", "effective")
    ]
    for code in ("HUE", "HUE-PKT", "VP", "SNV", "PD"):
        still = await unit(api, code)
        assert still is not None
        assert (still["status"], still["validTo"]) == ("ACTIVE", None), code


# --- dissolve -------------------------------------------------------------------------------


async def test_dissolve_an_empty_unit(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    payload = await mutate(
        api,
        DISSOLVE,
        {
            "id": gid("OrgUnit", province.units["VP"]),
            "version": await version_of(api, "VP"),
            "effective": "2026-11-20",
        },
        "dissolveOrgUnit",
    )
    assert payload["errors"] == []
    assert (payload["unit"]["status"], payload["unit"]["validTo"]) == ("DISSOLVED", "2026-11-20")
    old = await unit(api, "VP")
    assert old is not None
    assert (old["status"], old["validTo"], old["successors"]) == ("DISSOLVED", "2026-11-20", [])
    prov = await unit(api, "PROV")
    assert prov is not None
    assert "VP" not in {c["code"] for c in prov["children"]}
    before = shape((await api.data(TREE_AS_OF, {"date": "2026-11-19"}))["orgTreeAsOf"])
    after = shape((await api.data(TREE_AS_OF, {"date": "2026-11-20"}))["orgTreeAsOf"])
    assert "VP" in before["PROV"]
    assert "VP" not in after["PROV"]
    again = await mutate(
        api, DISSOLVE, {"id": gid("OrgUnit", province.units["VP"])}, "dissolveOrgUnit"
    )
    assert codes(again["errors"]) == ["INVALID_STATE"]
    edit_dissolved = await mutate(
        api,
        UPDATE,
        {"id": gid("OrgUnit", province.units["VP"]), "changes": {"name": "X"}},
        "updateOrgUnit",
    )
    assert codes(edit_dissolved["errors"]) == ["INVALID_STATE"]


async def test_dissolve_with_members_needs_a_successor(api: Api, province: Province) -> None:
    await sign_in(api, "hue_editor")
    pkt = gid("OrgUnit", province.units["HUE-PKT"])
    refused = await mutate(api, DISSOLVE, {"id": pkt}, "dissolveOrgUnit")
    assert codes(refused["errors"]) == ["INVALID_STATE"]
    stale = await mutate(
        api,
        DISSOLVE,
        {
            "id": pkt,
            "successorId": gid("OrgUnit", province.units["HUE-PHUHOI"]),
            "version": await version_of(api, "HUE-PKT") + 1,
        },
        "dissolveOrgUnit",
    )
    assert codes(stale["errors"]) == ["STALE_VERSION"]
    elsewhere = await mutate(
        api,
        DISSOLVE,
        {"id": pkt, "successorId": gid("OrgUnit", province.units["SNV-TCCB"])},
        "dissolveOrgUnit",
    )
    assert codes(elsewhere["errors"]) == ["FORBIDDEN"]
    done = await mutate(
        api,
        DISSOLVE,
        {
            "id": pkt,
            "successorId": gid("OrgUnit", province.units["HUE-PHUHOI"]),
            "effective": "2026-11-20",
        },
        "dissolveOrgUnit",
    )
    assert done["errors"] == []
    old = await unit(api, "HUE-PKT")
    assert old is not None
    assert old["status"] == "DISSOLVED"
    assert [(s["kind"], s["unit"]["code"]) for s in old["successors"]] == [
        ("MERGED_INTO", "HUE-PHUHOI")
    ]
    successor = await unit(api, "HUE-PHUHOI")
    assert successor is not None
    assert successor["memberCount"] == 2
