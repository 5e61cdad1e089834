"""Field rules of PERMISSIONS.md: private person fields, and no leak through any other path."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ACCOUNTS, Api, Province, gid

LOGINS = {key: login for key, login, *_rest in ACCOUNTS}

PRIVATE = ("dateOfBirth", "homeAddress", "personalPhone", "civilServantCode", "idPhotoUrl")

PERSON = """
query Person($id: ID!) {
  person(id: $id) {
    fullName workPhone email birthday
    dateOfBirth homeAddress personalPhone civilServantCode idPhotoUrl
  }
}
"""

SET_PHOTO = """
mutation Photo($id: ID!) {
  updatePerson(id: $id, changes: { idPhotoUrl: "https://hue.gov.vn/photos/p.jpg" }) {
    errors { code }
  }
}
"""

PEOPLE = """
query People($search: String) {
  people(search: $search, first: 50) { totalCount edges { node { fullName } } }
}
"""

OTHER_PATHS = """
query Paths($snv: ID!) {
  orgUnit(id: $snv) {
    leaders { person { fullName dateOfBirth homeAddress birthday } }
    leadershipHistory { person { personalPhone civilServantCode } }
    members { edges { node { fullName homeAddress idPhotoUrl } } }
  }
  me { person { fullName dateOfBirth homeAddress } }
}
"""

ANONYMOUS_TREE = """
query {
  orgTree(depth: 2) { code memberCount children { code leaders { title person { fullName } } } }
}
"""

NODE = "query Node($id: ID!) { node(id: $id) { id ... on Person { fullName homeAddress } } }"

ENTITIES = """
query Entities($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Person { fullName dateOfBirth } }
}
"""


async def sign_in(api: Api, who: str) -> None:
    payload = await api.login(LOGINS[who])
    assert payload["errors"] == [], payload


async def read(api: Api, pk: int) -> dict[str, Any]:
    found: dict[str, Any] = (await api.data(PERSON, {"id": gid("Person", pk)}))["person"]
    return found


def private_of(found: dict[str, Any]) -> dict[str, Any]:
    return {name: found[name] for name in PRIVATE}


@pytest.fixture
async def with_photo(api: Api, province: Province) -> Province:
    """Every factory person also gets an ID photo (set by the admin)."""
    await sign_in(api, "admin")
    for pk in province.people.values():
        body = await api.data(SET_PHOTO, {"id": gid("Person", pk)})
        assert body["updatePerson"]["errors"] == []
    api.token = None
    return province


DUNG_PRIVATE = {
    "dateOfBirth": "1992-01-09",
    "homeAddress": "12 Lê Lợi, Huế (dung)",
    "personalPhone": "0905 123 456",
    "civilServantCode": "CC-DUNG",
    "idPhotoUrl": "https://hue.gov.vn/photos/p.jpg",
}


async def test_the_person_sees_own_private_fields(api: Api, with_photo: Province) -> None:
    await sign_in(api, "dung")
    found = await read(api, with_photo.people["dung"])
    assert private_of(found) == DUNG_PRIVATE
    assert found["birthday"] == "09/01"


async def test_an_admin_sees_private_fields(api: Api, with_photo: Province) -> None:
    await sign_in(api, "admin")
    assert private_of(await read(api, with_photo.people["dung"])) == DUNG_PRIVATE


async def test_a_directory_editor_sees_them_in_scope_only(api: Api, with_photo: Province) -> None:
    await sign_in(api, "hue_editor")  # DIRECTORY_EDITOR of the city itself
    cuong = await read(api, with_photo.people["cuong"])
    assert private_of(cuong) == {
        "dateOfBirth": "1980-06-01",
        "homeAddress": "12 Lê Lợi, Huế (cuong)",
        "personalPhone": "0905 123 456",
        "civilServantCode": "CC-CUONG",
        "idPhotoUrl": "https://hue.gov.vn/photos/p.jpg",
    }
    outside = await read(api, with_photo.people["an"])
    assert outside["fullName"] == "Nguyễn Văn An"
    assert private_of(outside) == dict.fromkeys(PRIVATE)
    await sign_in(api, "editor")  # province editor: the province unit itself, not below
    assert private_of(await read(api, with_photo.people["dung"])) == dict.fromkeys(PRIVATE)


async def test_a_colleague_sees_work_contact_and_birthday_only(
    api: Api, with_photo: Province
) -> None:
    await sign_in(api, "cuong")  # OVERSEER of the city: reads everything, but not these
    found = await read(api, with_photo.people["dung"])
    assert (found["fullName"], found["workPhone"], found["email"]) == (
        "Phạm Thị Dung",
        "0234 3822 001",
        "dung@hue.gov.vn",
    )
    assert found["birthday"] == "09/01"
    assert private_of(found) == dict.fromkeys(PRIVATE)
    await sign_in(api, "dung")
    paths = await api.data(OTHER_PATHS, {"snv": gid("OrgUnit", with_photo.units["SNV"])})
    leader = paths["orgUnit"]["leaders"][0]["person"]
    assert leader == {
        "fullName": "Nguyễn Văn An",
        "dateOfBirth": None,
        "homeAddress": None,
        "birthday": "14/03",
    }
    assert paths["orgUnit"]["leadershipHistory"] == [
        {"person": {"personalPhone": None, "civilServantCode": None}}
    ]
    assert paths["orgUnit"]["members"]["edges"] == [
        {"node": {"fullName": "Nguyễn Văn An", "homeAddress": None, "idPhotoUrl": None}}
    ]
    assert paths["me"]["person"] == {
        "fullName": "Phạm Thị Dung",
        "dateOfBirth": "1992-01-09",
        "homeAddress": "12 Lê Lợi, Huế (dung)",
    }


async def test_anonymous_learns_nothing_about_persons(api: Api, with_photo: Province) -> None:
    dung = gid("Person", with_photo.people["dung"])
    for query, variables in ((PERSON, {"id": dung}), (PEOPLE, {"search": "dung"})):
        body = await api.post(query, variables)
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
        text = str(body)
        assert "Phạm" not in text
        assert "Lê Lợi" not in text
        assert "1992" not in text
    tree = (await api.data(ANONYMOUS_TREE))["orgTree"]
    snv = next(c for c in tree["children"] if c["code"] == "SNV")
    assert snv["leaders"] == [{"title": "Giám đốc Sở", "person": None}]
    assert (await api.data(NODE, {"id": dung}))["node"] is None
    entities = await api.data(ENTITIES, {"reps": [{"__typename": "Person", "id": dung}]})
    assert entities["_entities"] == [None]
    members = await api.post(OTHER_PATHS, {"snv": gid("OrgUnit", with_photo.units["SNV"])})
    assert "Nguyễn" not in str(members)
    assert "UNAUTHENTICATED" in [e["extensions"]["code"] for e in members["errors"]]


@pytest.mark.parametrize(
    "fragment",
    [
        "Lê Lợi",  # home address
        "le loi",
        "0905",  # personal phone
        "123 456",
        "CC-DUNG",  # civil-servant code
        "1992",  # year of birth
        "photos",  # ID photo URL
        "0234",  # work phone: not a name either
    ],
)
async def test_search_does_not_match_private_fields(
    api: Api, with_photo: Province, fragment: str
) -> None:
    await sign_in(api, "cuong")
    page = (await api.data(PEOPLE, {"search": fragment}))["people"]
    assert (page["totalCount"], page["edges"]) == (0, [])


async def test_search_and_count_agree_for_names(api: Api, with_photo: Province) -> None:
    await sign_in(api, "cuong")
    page = (await api.data(PEOPLE, {"search": "dung"}))["people"]
    assert [e["node"]["fullName"] for e in page["edges"]] == ["Phạm Thị Dung"]
    assert page["totalCount"] == 1


async def test_refusals_do_not_echo_private_values(api: Api, with_photo: Province) -> None:
    await sign_in(api, "cuong")
    body = await api.data(
        """
        mutation Edit($id: ID!) {
          updatePerson(id: $id, changes: { homeAddress: "99 Secret Street" }) {
            person { homeAddress } errors { code message }
          }
        }
        """,
        {"id": gid("Person", with_photo.people["dung"])},
    )
    assert body["updatePerson"]["person"] is None
    assert [e["code"] for e in body["updatePerson"]["errors"]] == ["FORBIDDEN"]
    assert "Secret" not in body["updatePerson"]["errors"][0]["message"]
    assert "Lê Lợi" not in str(body)
    await sign_in(api, "dung")
    own = await api.data(
        """
        mutation Own($id: ID!) {
          updatePerson(id: $id, changes: { civilServantCode: "CC-NEW" }) { errors { code message } }
        }
        """,
        {"id": gid("Person", with_photo.people["dung"])},
    )
    message = own["updatePerson"]["errors"][0]["message"]
    assert "CC-NEW" not in message
    assert "CC-DUNG" not in message


async def test_a_person_who_left_is_private_to_province_admins_only(
    api: Api, with_photo: Province
) -> None:
    await sign_in(api, "admin")
    dung = with_photo.people["dung"]
    left = await api.data(
        """
        mutation Leave($id: ID!) { endEmployment(id: $id, status: RESIGNED) { errors { code } } }
        """,
        {"id": gid("Person", dung)},
    )
    assert left["endEmployment"]["errors"] == []
    granted = await api.data(
        """
        mutation Grant($account: ID!, $unit: ID!) {
          grantRole(accountId: $account, role: ADMIN, unitId: $unit, includeSubtree: true) {
            errors { code }
          }
        }
        """,
        {
            "account": gid("Account", with_photo.accounts["cuong"]),
            "unit": gid("OrgUnit", with_photo.units["HUE"]),
        },
    )
    assert granted["grantRole"]["errors"] == []
    assert private_of(await read(api, dung)) == DUNG_PRIVATE
    await sign_in(api, "cuong")  # an admin of the city only: a leaver is out of their scope
    assert private_of(await read(api, dung)) == dict.fromkeys(PRIVATE)
    await sign_in(api, "dung")  # and the person themselves
    assert private_of(await read(api, dung)) == DUNG_PRIVATE
