"""Committees on the person's page (000 Annex II): `Person.committees`, the `memberId`
filter, no seat for a person who resigned or retired, batched loading (statement counts);
and articles reaching every level above the author's unit (Annex III)."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from sqlalchemy import update

from govgraph.container import Container
from persistence import tables as t
from persistence.database import StatementCounter
from tests.api.test_committees_articles import (
    ADD_MEMBER,
    ARTICLES,
    PUBLISH,
    errors,
    mutate,
    register,
    sign_in,
)
from tests.factories import Api, Province, gid

PERSON = """
query Person($id: ID!, $dissolved: Boolean) {
  node(id: $id) { ... on Person { fullName
    committees(includeDissolved: $dissolved) { role duties committee { name } } } }
}
"""

MEMBER_OF = """
query MemberOf($member: ID) {
  committees(memberId: $member) { totalCount edges { node { name } } }
}
"""

PAGE = """
query Page($first: Int) {
  people(first: $first) { edges { node { fullName
    committees { role committee { name standingUnit { code } } } } } }
}
"""

END = """
mutation End($id: ID!, $status: PersonStatus!) {
  endEmployment(id: $id, status: $status, effective: "2026-11-20") { errors { code } }
}
"""

CREATE_KEY = """
mutation Key($unit: ID!) {
  createApiKey(name: "directory", unitId: $unit, includeSubtree: true) { secret errors { code } }
}
"""

SECOND = "Hội đồng Thi đua - Khen thưởng"


async def _seat(
    api: Api, province: Province, committee: str, person: str, role: str
) -> dict[str, Any]:
    return await mutate(
        api,
        ADD_MEMBER,
        {
            "committeeId": committee,
            "personId": gid("Person", province.people[person]),
            "role": role,
            "duties": f"Nhiệm vụ của {person}",
        },
        "addCommitteeMember",
    )


async def _two_committees(api: Api, province: Province) -> tuple[str, str]:
    await sign_in(api, "editor")
    first = (await register(api, province))["committee"]["id"]
    second = (await register(api, province, SECOND))["committee"]["id"]
    for committee, person, role in (
        (first, "an", "HEAD"),
        (first, "dung", "SECRETARY"),
        (second, "an", "MEMBER"),
    ):
        assert (await _seat(api, province, committee, person, role))["errors"] == []
    return first, second


async def test_the_persons_page_lists_their_committees(
    api: Api, province: Province, container: Container
) -> None:
    first, _second = await _two_committees(api, province)
    await sign_in(api, "dung")  # any signed-in colleague reads it
    an = (await api.data(PERSON, {"id": gid("Person", province.people["an"])}))["node"]
    assert an["committees"] == [
        {
            "role": "HEAD",
            "duties": "Nhiệm vụ của an",
            "committee": {"name": "Ban Chỉ đạo Chuyển đổi số tỉnh"},
        },
        {"role": "MEMBER", "duties": "Nhiệm vụ của an", "committee": {"name": SECOND}},
    ]
    cuong = (await api.data(PERSON, {"id": gid("Person", province.people["cuong"])}))["node"]
    assert cuong["committees"] == []
    async with container.engine.begin() as conn:  # the first committee is dissolved
        await conn.execute(
            update(t.committees)
            .where(t.committees.c.id == int(_raw_id(first)))
            .values(dissolved_on=date(2026, 11, 1))
        )
    dung_id = gid("Person", province.people["dung"])
    assert (await api.data(PERSON, {"id": dung_id}))["node"]["committees"] == []
    history = (await api.data(PERSON, {"id": dung_id, "dissolved": True}))["node"]
    assert [s["role"] for s in history["committees"]] == ["SECRETARY"]


async def test_committees_of_a_member(api: Api, province: Province) -> None:
    await _two_committees(api, province)
    await sign_in(api, "dung")
    an = await api.data(MEMBER_OF, {"member": gid("Person", province.people["an"])})
    assert an["committees"]["totalCount"] == 2
    dung = await api.data(MEMBER_OF, {"member": gid("Person", province.people["dung"])})
    assert [e["node"]["name"] for e in dung["committees"]["edges"]] == [
        "Ban Chỉ đạo Chuyển đổi số tỉnh"
    ]
    nobody = await api.data(MEMBER_OF, {"member": gid("Person", province.people["em"])})
    assert nobody["committees"]["totalCount"] == 0
    wrong = await api.post(MEMBER_OF, {"member": gid("OrgUnit", province.units["SNV"])})
    assert [e["extensions"]["code"] for e in wrong["errors"]] == ["INVALID_INPUT"]
    api.token = None
    refused = await api.post(MEMBER_OF, {"member": gid("Person", province.people["an"])})
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["UNAUTHENTICATED"]
    assert "Chuyển đổi số" not in str(refused)


async def test_an_integrator_learns_seats_only_of_persons_in_its_scope(
    api: Api, province: Province
) -> None:
    await _two_committees(api, province)
    await sign_in(api, "admin")
    key = await mutate(
        api, CREATE_KEY, {"unit": gid("OrgUnit", province.units["HUE"])}, "createApiKey"
    )
    api.token = None
    headers = {"X-API-Key": key["secret"]}
    for person, found in (("dung", 1), ("an", None)):  # Huế's Phòng Kinh tế; Sở Nội vụ
        variables = {"member": gid("Person", province.people[person])}
        response = await api.client.post(
            "/graphql", json={"query": MEMBER_OF, "variables": variables}, headers=headers
        )
        body = response.json()
        if found is None:
            assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"]
            assert "Chuyển đổi số" not in str(body)
        else:
            assert body["data"]["committees"]["totalCount"] == found


async def test_a_person_who_left_cannot_be_seated(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    committee = (await register(api, province))["committee"]["id"]
    await sign_in(api, "admin")
    for person, status in (("em", "RETIRED"), ("binh", "RESIGNED")):
        ended = await mutate(
            api,
            END,
            {"id": gid("Person", province.people[person]), "status": status},
            "endEmployment",
        )
        assert ended["errors"] == [], ended
        seated = await _seat(api, province, committee, person, "MEMBER")
        assert errors(seated) == [("PERSON_NOT_SERVING", "personId")]
        assert status.lower() in seated["errors"][0]["message"]
    assert (await _seat(api, province, committee, "cuong", "MEMBER"))["errors"] == []


async def test_committees_of_a_page_of_people_load_in_batches(
    api: Api, province: Province, container: Container
) -> None:
    await _two_committees(api, province)
    await sign_in(api, "dung")
    await api.data(PAGE, {"first": 1})  # the caller is resolved and cached
    with StatementCounter(container.engine) as three:
        small = await api.data(PAGE, {"first": 3})  # by name: Em, Cường, An (two seats)
    with StatementCounter(container.engine) as five:
        large = await api.data(PAGE, {"first": 5})  # and Dung (one seat), Bình
    seated = [n["node"] for n in small["people"]["edges"] if n["node"]["committees"]]
    assert [len(p["committees"]) for p in seated] == [2]
    seated = [n["node"] for n in large["people"]["edges"] if n["node"]["committees"]]
    assert [len(p["committees"]) for p in seated] == [2, 1]
    assert three.count == five.count, (three.statements, five.statements)
    # revisions, the page, seats, committees, their standing units
    assert five.count <= 5, five.statements


async def test_an_office_article_reaches_every_level_above(api: Api, province: Province) -> None:
    await sign_in(api, "dung")  # Phòng Kinh tế (HUE-PKT) of thành phố Huế
    published = await mutate(
        api,
        PUBLISH,
        {"kind": "ARTICLE", "title": "Kinh tế số ở Huế", "body": "..."},
        "publishArticle",
    )
    assert published["errors"] == []
    for unit, expected in (("HUE-PKT", 1), ("HUE", 1), ("PROV", 1), ("SNV", 0), ("PD", 0)):
        found = await api.data(ARTICLES, {"unitId": gid("OrgUnit", province.units[unit])})
        assert found["articles"]["totalCount"] == expected, unit
    assert (await api.data(ARTICLES, {}))["articles"]["totalCount"] == 1
    unknown = await api.post(ARTICLES, {"unitId": gid("OrgUnit", 999_999)})
    assert [e["extensions"]["code"] for e in unknown["errors"]] == ["NOT_FOUND"]


def _raw_id(global_id: str) -> str:
    return base64.b64decode(global_id).decode().split(":", 1)[1]
