"""Persons end to end: create, edit, transfer, resign and retire, leadership, search, pages."""

from __future__ import annotations

from typing import Any

from domain.people.commands import CreatePerson
from domain.people.fields import PersonInfo
from domain.people.model import Gender
from domain.people.services import create_person
from govgraph.container import Container
from tests.api.paging import PAGE_INFO, refusals, walk_both_ways
from tests.callers import caller
from tests.factories import ACCOUNTS, ON_THE_DAY, Api, Province, _system_editor, gid

LOGINS = {key: login for key, login, *_rest in ACCOUNTS}

PERSON_FIELDS = """
  id fullName gender position duties workPhone email status version
  homeAddress personalPhone dateOfBirth civilServantCode
  unit { code }
"""

CREATE = f"""
mutation Create($unitId: ID!, $person: PersonInfoInput!) {{
  createPerson(unitId: $unitId, person: $person) {{
    person {{ {PERSON_FIELDS} }}
    errors {{ code field message }}
  }}
}}
"""

UPDATE = f"""
mutation Update($id: ID!, $changes: PersonInfoInput!, $version: Int) {{
  updatePerson(id: $id, changes: $changes, version: $version) {{
    person {{ {PERSON_FIELDS} }}
    errors {{ code field message }}
  }}
}}
"""

TRANSFER = f"""
mutation Transfer($id: ID!, $toUnitId: ID!, $position: String, $effective: Date, $version: Int) {{
  transferPerson(
    id: $id, toUnitId: $toUnitId, position: $position, effective: $effective, version: $version
  ) {{
    person {{ {PERSON_FIELDS} }}
    errors {{ code field message }}
  }}
}}
"""

END_EMPLOYMENT = f"""
mutation End($id: ID!, $status: PersonStatus!, $effective: Date) {{
  endEmployment(id: $id, status: $status, effective: $effective) {{
    person {{ {PERSON_FIELDS} }}
    errors {{ code field message }}
  }}
}}
"""

APPOINT = """
mutation Appoint(
  $unitId: ID!, $personId: ID!, $title: String!, $rank: LeaderRank!, $effective: Date
) {
  appointLeader(
    unitId: $unitId, personId: $personId, title: $title, rank: $rank, effective: $effective
  ) {
    unit { code leaders { id title rank since until person { fullName } } }
    errors { code field message }
  }
}
"""

END_LEADERSHIP = """
mutation EndLeadership($id: ID!, $effective: Date) {
  endLeadership(leadershipId: $id, effective: $effective) { ok errors { code field message } }
}
"""

PERSON = f"""
query Person($id: ID!) {{
  person(id: $id) {{
    {PERSON_FIELDS}
    memberships {{ position since until endReason unit {{ code }} }}
  }}
}}
"""

UNIT = """
query Unit($code: String!) {
  orgUnit(code: $code) {
    id version memberCount subtreeMemberCount
    leaders { id title rank since until person { fullName } }
    leadershipHistory { title since until person { fullName } }
  }
}
"""

PEOPLE = """
query People(
  $search: String, $unitId: ID, $includeSubtree: Boolean! = false,
  $includeInactive: Boolean! = false, $first: Int, $after: String
) {
  people(
    search: $search, unitId: $unitId, includeSubtree: $includeSubtree,
    includeInactive: $includeInactive, first: $first, after: $after
  ) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id fullName status } }
  }
}
"""

DESCENDANTS = """
query Descendants($code: String!, $levels: [String!], $first: Int, $after: String) {
  orgUnit(code: $code) {
    descendants(levels: $levels, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { code depth levelCode } }
    }
  }
}
"""


async def sign_in(api: Api, who: str) -> None:
    payload = await api.login(LOGINS[who])
    assert payload["errors"] == [], payload


async def mutate(api: Api, query: str, variables: dict[str, Any], name: str) -> dict[str, Any]:
    payload: dict[str, Any] = (await api.data(query, variables))[name]
    return payload


async def person(api: Api, pk: int) -> dict[str, Any]:
    found: dict[str, Any] = (await api.data(PERSON, {"id": gid("Person", pk)}))["person"]
    return found


async def unit(api: Api, code: str) -> dict[str, Any]:
    found: dict[str, Any] = (await api.data(UNIT, {"code": code}))["orgUnit"]
    return found


async def names(api: Api, **variables: Any) -> list[str]:
    page = (await api.data(PEOPLE, variables))["people"]
    return [e["node"]["fullName"] for e in page["edges"]]


def errors(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


# --- create ---------------------------------------------------------------------------------


async def test_create_person_in_own_unit(api: Api, province: Province) -> None:
    await sign_in(api, "hue_editor")
    hue_before = await unit(api, "HUE")
    payload = await mutate(
        api,
        CREATE,
        {
            "unitId": gid("OrgUnit", province.units["HUE"]),
            "person": {
                "fullName": "  Võ Thị Giang ",
                "gender": "FEMALE",
                "dateOfBirth": "1990-04-02",
                "email": "Giang.VT@Hue.gov.vn",
                "workPhone": "0234 3822 002",
                "personalPhone": "+84 905 000 111",
                "homeAddress": "5 Hùng Vương, Huế",
                "civilServantCode": "CC-GIANG",
                "position": "Chuyên viên",
            },
        },
        "createPerson",
    )
    assert payload["errors"] == []
    created = payload["person"]
    assert created["fullName"] == "Võ Thị Giang"
    assert created["email"] == "giang.vt@hue.gov.vn"
    assert created["unit"] == {"code": "HUE"}
    assert created["status"] == "ACTIVE"
    assert created["homeAddress"] == "5 Hùng Vương, Huế"  # an editor in scope sees it
    hue_after = await unit(api, "HUE")
    assert hue_after["memberCount"] == hue_before["memberCount"] + 1
    assert hue_after["version"] == hue_before["version"]  # a hire is no edit of the unit
    assert "Võ Thị Giang" in await names(api, search="vo thi giang")


async def test_create_person_is_refused_outside_scope_and_on_bad_input(
    api: Api, province: Province
) -> None:
    hue = gid("OrgUnit", province.units["HUE"])
    await sign_in(api, "hue_editor")
    outside = await mutate(
        api,
        CREATE,
        {
            "unitId": gid("OrgUnit", province.units["SNV"]),
            "person": {"fullName": "X", "gender": "MALE"},
        },
        "createPerson",
    )
    assert errors(outside) == [("FORBIDDEN", None)]
    await sign_in(api, "dung")
    colleague = await mutate(
        api, CREATE, {"unitId": hue, "person": {"fullName": "X", "gender": "MALE"}}, "createPerson"
    )
    assert errors(colleague) == [("FORBIDDEN", None)]
    await sign_in(api, "hue_editor")
    cases = [
        ({"fullName": "X", "gender": "MALE", "email": "x@"}, ("INVALID_EMAIL", "email")),
        (
            {"fullName": "X", "gender": "MALE", "personalPhone": "abc"},
            ("INVALID_PHONE", "personalPhone"),
        ),
        ({"fullName": "X" * 121, "gender": "MALE"}, ("TOO_LONG", "fullName")),
        (
            {"fullName": "X", "gender": "MALE", "homeAddress": "x" * 501},
            ("TOO_LONG", "homeAddress"),
        ),
        (
            {"fullName": "X", "gender": "MALE", "dateOfBirth": "2030-01-01"},
            ("INVALID_INPUT", "dateOfBirth"),
        ),
        ({"fullName": "X"}, ("INVALID_INPUT", "fullName")),
        ({"fullName": "  ", "gender": "MALE"}, ("INVALID_INPUT", "fullName")),
    ]
    for info, expected in cases:
        payload = await mutate(api, CREATE, {"unitId": hue, "person": info}, "createPerson")
        assert payload["person"] is None
        assert errors(payload) == [expected], info
    unknown = await mutate(
        api,
        CREATE,
        {"unitId": gid("OrgUnit", 999_999), "person": {"fullName": "X", "gender": "MALE"}},
        "createPerson",
    )
    assert errors(unknown) == [("NOT_FOUND", "unitId")]
    wrong_type = await mutate(
        api,
        CREATE,
        {
            "unitId": gid("Person", province.people["cuong"]),
            "person": {"fullName": "X", "gender": "MALE"},
        },
        "createPerson",
    )
    assert errors(wrong_type) == [("INVALID_INPUT", "unitId")]
    page = (await api.data(PEOPLE, {"unitId": hue}))["people"]
    assert page["totalCount"] == 1  # only Cường: nothing was written


# --- update ---------------------------------------------------------------------------------


async def test_self_edits_own_contact_data_only(api: Api, province: Province) -> None:
    dung = province.people["dung"]
    await sign_in(api, "dung")
    own = await mutate(
        api,
        UPDATE,
        {
            "id": gid("Person", dung),
            "changes": {"personalPhone": "0912 345 678", "homeAddress": "9 Trần Phú, Huế"},
        },
        "updatePerson",
    )
    assert own["errors"] == []
    assert (own["person"]["personalPhone"], own["person"]["homeAddress"]) == (
        "0912 345 678",
        "9 Trần Phú, Huế",
    )
    for changes in (
        {"fullName": "Phạm Thị Dũng"},
        {"position": "Trưởng phòng"},
        {"civilServantCode": "CC-X"},
        {"dateOfBirth": "1991-01-01"},
        {"personalPhone": "0912 000 000", "duties": "Everything"},
    ):
        refused = await mutate(
            api, UPDATE, {"id": gid("Person", dung), "changes": changes}, "updatePerson"
        )
        assert errors(refused) == [("FORBIDDEN", None)], changes
    after = await person(api, dung)
    assert (after["fullName"], after["position"], after["civilServantCode"]) == (
        "Phạm Thị Dung",
        "Chuyên viên",
        "CC-DUNG",
    )
    assert after["dateOfBirth"] == "1992-01-09"
    assert after["personalPhone"] == "0912 345 678"
    colleague = await mutate(
        api,
        UPDATE,
        {
            "id": gid("Person", province.people["cuong"]),
            "changes": {"personalPhone": "0912 000 000"},
        },
        "updatePerson",
    )
    assert errors(colleague) == [("FORBIDDEN", None)]


async def test_editor_edits_everything_with_optimistic_locking(
    api: Api, province: Province
) -> None:
    cuong = gid("Person", province.people["cuong"])
    await sign_in(api, "hue_editor")
    version = (await person(api, province.people["cuong"]))["version"]
    payload = await mutate(
        api,
        UPDATE,
        {
            "id": cuong,
            "changes": {
                "fullName": "Lê Văn Cương",
                "position": "Chánh Văn phòng",
                "duties": "Tổng hợp",
            },
            "version": version,
        },
        "updatePerson",
    )
    assert payload["errors"] == []
    assert (payload["person"]["fullName"], payload["person"]["position"]) == (
        "Lê Văn Cương",
        "Chánh Văn phòng",
    )
    assert payload["person"]["version"] == version + 1
    stale = await mutate(
        api, UPDATE, {"id": cuong, "changes": {"position": "X"}, "version": version}, "updatePerson"
    )
    assert errors(stale) == [("STALE_VERSION", "version")]
    assert (await person(api, province.people["cuong"]))["position"] == "Chánh Văn phòng"
    bad = await mutate(api, UPDATE, {"id": cuong, "changes": {"workPhone": "x"}}, "updatePerson")
    assert errors(bad) == [("INVALID_PHONE", "workPhone")]
    unknown = await mutate(
        api, UPDATE, {"id": gid("Person", 999_999), "changes": {}}, "updatePerson"
    )
    assert errors(unknown) == [("NOT_FOUND", "id")]
    wrong_type = await mutate(
        api, UPDATE, {"id": gid("OrgUnit", province.units["HUE"]), "changes": {}}, "updatePerson"
    )
    assert errors(wrong_type) == [("INVALID_INPUT", "id")]
    outside = await mutate(
        api,
        UPDATE,
        {"id": gid("Person", province.people["an"]), "changes": {"position": "X"}},
        "updatePerson",
    )
    assert errors(outside) == [("FORBIDDEN", None)]


# --- transfer, resign, retire ---------------------------------------------------------------


async def test_transfer_keeps_history_and_ends_leadership(api: Api, province: Province) -> None:
    await sign_in(api, "admin")
    an = province.people["an"]
    payload = await mutate(
        api,
        TRANSFER,
        {
            "id": gid("Person", an),
            "toUnitId": gid("OrgUnit", province.units["HUE"]),
            "position": "Phó Chủ tịch",
            "effective": "2026-11-20",
        },
        "transferPerson",
    )
    assert payload["errors"] == []
    assert payload["person"]["unit"] == {"code": "HUE"}
    assert payload["person"]["position"] == "Phó Chủ tịch"
    history = (await person(api, an))["memberships"]
    assert [
        (m["unit"]["code"], m["position"], m["since"], m["until"], m["endReason"]) for m in history
    ] == [
        ("SNV", "Chuyên viên", "2026-11-20", "2026-11-20", "TRANSFERRED"),
        ("HUE", "Phó Chủ tịch", "2026-11-20", None, None),
    ]
    snv = await unit(api, "SNV")
    assert snv["memberCount"] == 0
    assert snv["leaders"] == []
    assert [(h["title"], h["until"]) for h in snv["leadershipHistory"]] == [
        ("Giám đốc Sở", "2026-11-20")
    ]
    assert (await unit(api, "HUE"))["memberCount"] == 2
    same = await mutate(
        api,
        TRANSFER,
        {"id": gid("Person", an), "toUnitId": gid("OrgUnit", province.units["HUE"])},
        "transferPerson",
    )
    assert errors(same) == [("INVALID_INPUT", "toUnitId")]


async def test_transfer_needs_editor_rights_on_both_units(api: Api, province: Province) -> None:
    await sign_in(api, "hue_editor")
    cuong = gid("Person", province.people["cuong"])
    refused = await mutate(
        api,
        TRANSFER,
        {"id": cuong, "toUnitId": gid("OrgUnit", province.units["SNV"])},
        "transferPerson",
    )
    assert errors(refused) == [("FORBIDDEN", None)]
    await sign_in(api, "admin")
    stale = await mutate(
        api,
        TRANSFER,
        {"id": cuong, "toUnitId": gid("OrgUnit", province.units["SNV"]), "version": 99},
        "transferPerson",
    )
    assert errors(stale) == [("STALE_VERSION", "version")]
    backdated = await mutate(
        api,
        TRANSFER,
        {"id": cuong, "toUnitId": gid("OrgUnit", province.units["SNV"]), "effective": "2026-11-19"},
        "transferPerson",
    )
    assert errors(backdated) == [("INVALID_INPUT", "effective")]
    assert (await person(api, province.people["cuong"]))["unit"] == {"code": "HUE"}


async def test_resignation_and_retirement_keep_the_person_in_history(
    api: Api, province: Province
) -> None:
    await sign_in(api, "admin")
    dung, em = province.people["dung"], province.people["em"]
    resigned = await mutate(
        api,
        END_EMPLOYMENT,
        {"id": gid("Person", dung), "status": "RESIGNED", "effective": "2026-11-20"},
        "endEmployment",
    )
    assert resigned["errors"] == []
    assert (resigned["person"]["status"], resigned["person"]["unit"]) == ("RESIGNED", None)
    retired = await mutate(
        api, END_EMPLOYMENT, {"id": gid("Person", em), "status": "RETIRED"}, "endEmployment"
    )
    assert retired["errors"] == []
    history = (await person(api, dung))["memberships"]
    assert [(m["unit"]["code"], m["until"], m["endReason"]) for m in history] == [
        ("HUE-PKT", "2026-11-20", "RESIGNED")
    ]
    em_history = (await person(api, em))["memberships"]
    assert [(m["unit"]["code"], m["until"], m["endReason"]) for m in em_history] == [
        ("PD", "2026-11-20", "RETIRED")
    ]
    active = await names(api, first=50)
    assert "Phạm Thị Dung" not in active
    assert "Hoàng Văn Em" not in active
    everyone = await names(api, includeInactive=True, first=50)
    assert {"Phạm Thị Dung", "Hoàng Văn Em"} <= set(everyone)
    assert (await unit(api, "HUE-PKT"))["memberCount"] == 0
    again = await mutate(
        api, END_EMPLOYMENT, {"id": gid("Person", dung), "status": "RETIRED"}, "endEmployment"
    )
    assert [e["code"] for e in again["errors"]] == ["INVALID_STATE"]
    active_status = await mutate(
        api, END_EMPLOYMENT, {"id": gid("Person", em), "status": "ACTIVE"}, "endEmployment"
    )
    assert errors(active_status) == [("INVALID_INPUT", "status")]
    transfer_resigned = await mutate(
        api,
        TRANSFER,
        {"id": gid("Person", dung), "toUnitId": gid("OrgUnit", province.units["HUE"])},
        "transferPerson",
    )
    assert [e["code"] for e in transfer_resigned["errors"]] == ["INVALID_STATE"]


async def test_end_employment_needs_an_editor(api: Api, province: Province) -> None:
    await sign_in(api, "cuong")  # overseer of HUE, but no directory editor
    refused = await mutate(
        api,
        END_EMPLOYMENT,
        {"id": gid("Person", province.people["dung"]), "status": "RESIGNED"},
        "endEmployment",
    )
    assert errors(refused) == [("FORBIDDEN", None)]
    assert (await person(api, province.people["dung"]))["status"] == "ACTIVE"


# --- leadership -----------------------------------------------------------------------------


async def test_appoint_and_end_leadership(api: Api, province: Province) -> None:
    await sign_in(api, "hue_editor")
    hue = gid("OrgUnit", province.units["HUE"])
    payload = await mutate(
        api,
        APPOINT,
        {
            "unitId": hue,
            "personId": gid("Person", province.people["cuong"]),
            "title": "Chủ tịch UBND thành phố",
            "rank": "HEAD",
            "effective": "2026-11-02",
        },
        "appointLeader",
    )
    assert payload["errors"] == []
    leaders = payload["unit"]["leaders"]
    assert [
        (lead["title"], lead["rank"], lead["since"], lead["person"]["fullName"]) for lead in leaders
    ] == [("Chủ tịch UBND thành phố", "HEAD", "2026-11-02", "Lê Văn Cường")]
    twice = await mutate(
        api,
        APPOINT,
        {
            "unitId": hue,
            "personId": gid("Person", province.people["cuong"]),
            "title": "X",
            "rank": "DEPUTY",
        },
        "appointLeader",
    )
    assert errors(twice) == [("INVALID_STATE", "personId")]
    not_member = await mutate(
        api,
        APPOINT,
        {
            "unitId": hue,
            "personId": gid("Person", province.people["dung"]),
            "title": "X",
            "rank": "DEPUTY",
        },
        "appointLeader",
    )
    assert errors(not_member) == [("INVALID_INPUT", "personId")]
    too_early = await mutate(
        api, END_LEADERSHIP, {"id": leaders[0]["id"], "effective": "2026-11-01"}, "endLeadership"
    )
    assert errors(too_early) == [("INVALID_INPUT", "effective")]
    ended = await mutate(
        api, END_LEADERSHIP, {"id": leaders[0]["id"], "effective": "2026-11-20"}, "endLeadership"
    )
    assert ended == {"ok": True, "errors": []}
    after = await unit(api, "HUE")
    assert after["leaders"] == []
    assert [(h["title"], h["since"], h["until"]) for h in after["leadershipHistory"]] == [
        ("Chủ tịch UBND thành phố", "2026-11-02", "2026-11-20")
    ]
    again = await mutate(api, END_LEADERSHIP, {"id": leaders[0]["id"]}, "endLeadership")
    assert (again["ok"], errors(again)) == (False, [("NOT_FOUND", "leadershipId")])
    no_title = await mutate(
        api,
        APPOINT,
        {
            "unitId": hue,
            "personId": gid("Person", province.people["cuong"]),
            "title": " ",
            "rank": "DEPUTY",
        },
        "appointLeader",
    )
    assert errors(no_title) == [("INVALID_INPUT", "title")]
    garbage = await mutate(api, END_LEADERSHIP, {"id": "abc"}, "endLeadership")
    assert errors(garbage) == [("INVALID_INPUT", "leadershipId")]


async def test_leadership_changes_need_an_editor_of_the_unit(api: Api, province: Province) -> None:
    snv_leader_id = (await _snv_leaders(api))[0]["id"]
    await sign_in(api, "hue_editor")
    refused = await mutate(api, END_LEADERSHIP, {"id": snv_leader_id}, "endLeadership")
    assert errors(refused) == [("FORBIDDEN", None)]
    appoint = await mutate(
        api,
        APPOINT,
        {
            "unitId": gid("OrgUnit", province.units["SNV"]),
            "personId": gid("Person", province.people["an"]),
            "title": "X",
            "rank": "DEPUTY",
        },
        "appointLeader",
    )
    assert errors(appoint) == [("FORBIDDEN", None)]
    assert len(await _snv_leaders(api)) == 1


async def _snv_leaders(api: Api) -> list[dict[str, Any]]:
    await sign_in(api, "dung")
    leaders: list[dict[str, Any]] = (await unit(api, "SNV"))["leaders"]
    return leaders


# --- search and pages -----------------------------------------------------------------------


async def test_search_ignores_diacritics_and_case(api: Api, province: Province) -> None:
    await sign_in(api, "dung")
    assert await names(api, search="nguyen van") == ["Nguyễn Văn An"]
    assert await names(api, search="NGUYỄN   văn AN") == ["Nguyễn Văn An"]
    assert await names(api, search="van") == ["Hoàng Văn Em", "Lê Văn Cường", "Nguyễn Văn An"]
    assert await names(api, search="cuong") == ["Lê Văn Cường"]
    assert await names(api, search="thi binh") == ["Trần Thị Bình"]
    assert await names(api, search="nguyen cuong") == []
    assert await names(api, search="%") == []
    too_long = await api.post(PEOPLE, {"search": "x" * 101})
    assert [e["extensions"]["code"] for e in too_long["errors"]] == ["TOO_LONG"]


async def test_people_in_a_unit_and_its_subtree(api: Api, province: Province) -> None:
    await sign_in(api, "dung")
    hue = gid("OrgUnit", province.units["HUE"])
    assert await names(api, unitId=hue) == ["Lê Văn Cường"]
    subtree = (await api.data(PEOPLE, {"unitId": hue, "includeSubtree": True}))["people"]
    assert [e["node"]["fullName"] for e in subtree["edges"]] == [
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Trần Thị Bình",
    ]
    assert subtree["totalCount"] == 3
    searched = (await api.data(PEOPLE, {"unitId": hue, "includeSubtree": True, "search": "thi"}))[
        "people"
    ]
    assert searched["totalCount"] == 2
    province_wide = await api.data(
        PEOPLE, {"unitId": gid("OrgUnit", province.units["PROV"]), "includeSubtree": True}
    )
    assert province_wide["people"]["totalCount"] == 5
    unknown = await api.post(PEOPLE, {"unitId": gid("OrgUnit", 999_999)})
    assert [e["extensions"]["code"] for e in unknown["errors"]] == ["NOT_FOUND"]
    wrong_type = await api.post(PEOPLE, {"unitId": gid("Person", province.people["an"])})
    assert [e["extensions"]["code"] for e in wrong_type["errors"]] == ["INVALID_INPUT"]


async def _hire(container: Container, province: Province, count: int) -> None:
    async with container.uow() as uow:
        for n in range(count):
            await create_person(
                uow,
                caller(_system_editor(province), ON_THE_DAY),
                CreatePerson(
                    unit_id=province.units["HUE-PKT"],
                    info=PersonInfo(full_name=f"Đặng Văn Số {n:02d}", gender=Gender.MALE),
                ),
            )
        await uow.commit()


async def test_pagination_walks_every_person_once(
    api: Api, province: Province, container: Container
) -> None:
    await _hire(container, province, 23)
    await sign_in(api, "dung")
    seen: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        page = (await api.data(PEOPLE, {"first": 10, "after": after}))["people"]
        assert page["totalCount"] == 28
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += [e["node"]["fullName"] for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        after = page["pageInfo"]["endCursor"]
    assert pages == 3
    assert len(seen) == 28
    assert len(set(seen)) == 28
    assert seen[:2] == ["Đặng Văn Số 00", "Đặng Văn Số 01"]  # đ sorts as d
    searched = (await api.data(PEOPLE, {"search": "dang van so", "first": 5}))["people"]
    assert (
        len(searched["edges"]),
        searched["totalCount"],
        searched["pageInfo"]["hasNextPage"],
    ) == (
        5,
        23,
        True,
    )
    empty = (await api.data(PEOPLE, {"first": 0}))["people"]
    assert (empty["edges"], empty["totalCount"]) == ([], 28)


async def test_page_size_and_cursor_are_validated(api: Api, province: Province) -> None:
    await sign_in(api, "dung")
    for variables in ({"first": 101}, {"first": -1}, {"after": "not a cursor"}):
        body = await api.post(PEOPLE, variables)
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_INPUT"], variables
    fits = (await api.data(PEOPLE, {"first": 100}))["people"]
    assert len(fits["edges"]) == 5


async def test_descendants_by_level_with_pages(api: Api, province: Province) -> None:
    everything = (await api.data(DESCENDANTS, {"code": "PROV", "first": 100}))["orgUnit"][
        "descendants"
    ]
    assert everything["totalCount"] == 8
    depths = [e["node"]["depth"] for e in everything["edges"]]
    assert depths == sorted(depths)
    communes = (await api.data(DESCENDANTS, {"code": "PROV", "levels": ["COMMUNE"]}))["orgUnit"]
    assert {e["node"]["code"] for e in communes["descendants"]["edges"]} == {
        "HUE-PHUHOI",
        "PD-PHONGTHU",
    }
    assert communes["descendants"]["totalCount"] == 2
    walked: list[str] = []
    after = None
    while True:
        page = (await api.data(DESCENDANTS, {"code": "PROV", "first": 3, "after": after}))[
            "orgUnit"
        ]["descendants"]
        walked += [e["node"]["code"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert walked == [e["node"]["code"] for e in everything["edges"]]
    hue = (await api.data(DESCENDANTS, {"code": "HUE"}))["orgUnit"]["descendants"]
    assert {e["node"]["code"] for e in hue["edges"]} == {"HUE-PKT", "HUE-PHUHOI"}
    leaf = (await api.data(DESCENDANTS, {"code": "HUE-PKT"}))["orgUnit"]["descendants"]
    assert (leaf["edges"], leaf["totalCount"]) == ([], 0)
    too_many = await api.post(DESCENDANTS, {"code": "PROV", "first": 101})
    assert [e["extensions"]["code"] for e in too_many["errors"]] == ["INVALID_INPUT"]


PAGED_DESCENDANTS = f"""
query($first: Int, $after: String, $last: Int, $before: String) {{
  orgUnit(code: "PROV") {{
    descendants(first: $first, after: $after, last: $last, before: $before) {{
      pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ code depth }} }}
    }}
  }}
}}
"""

PAGED_MEMBERS = f"""
query($first: Int, $after: String, $last: Int, $before: String) {{
  orgUnit(code: "HUE-PKT") {{
    members(first: $first, after: $after, last: $last, before: $before) {{
      pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ fullName }} }}
    }}
  }}
}}
"""

PAGED_PEOPLE = f"""
query($first: Int, $after: String, $last: Int, $before: String) {{
  people(first: $first, after: $after, last: $last, before: $before) {{
    pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ fullName }} }}
  }}
}}
"""


async def test_descendants_and_members_page_both_ways(
    api: Api, province: Province, container: Container
) -> None:
    await _hire(container, province, 7)
    await sign_in(api, "dung")

    async def descendants(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await api.data(PAGED_DESCENDANTS, paging))["orgUnit"]
        return found["descendants"]

    async def members(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await api.data(PAGED_MEMBERS, paging))["orgUnit"]
        return found["members"]

    units = await walk_both_ways(descendants, 3)
    assert len(units) == 8
    names = [e["node"]["fullName"] for e in await walk_both_ways(members, 3)]
    assert names[:2] == ["Đặng Văn Số 00", "Đặng Văn Số 01"]
    await refusals(lambda paging: api.post(PAGED_PEOPLE, paging))
