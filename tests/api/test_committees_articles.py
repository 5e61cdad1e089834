"""Steering committees (000 Annex II) and shared articles (Annex III) end to end."""

from __future__ import annotations

from typing import Any

from tests.api.paging import PAGE_INFO, refusals, walk_both_ways
from tests.factories import ACCOUNTS, Api, Province, gid

LOGINS = {key: login for key, login, *_rest in ACCOUNTS}

REGISTER = """
mutation Register($name: String!, $unitId: ID!, $functions: String, $on: Date) {
  registerCommittee(
    name: $name, standingUnitId: $unitId, functions: $functions, establishedOn: $on
  ) {
    committee { id name functions establishedOn standingUnit { code } }
    errors { code field message }
  }
}
"""

ADD_MEMBER = """
mutation Seat($committeeId: ID!, $personId: ID!, $role: CommitteeRole!, $duties: String) {
  addCommitteeMember(committeeId: $committeeId, personId: $personId, role: $role, duties: $duties) {
    committee { id members { role person { fullName } } }
    errors { code field message }
  }
}
"""

ADD_DOCUMENT = """
mutation Doc($committeeId: ID!, $title: String!, $number: String, $issuedOn: Date, $url: String) {
  addCommitteeDocument(
    committeeId: $committeeId, title: $title, number: $number, issuedOn: $issuedOn, url: $url
  ) {
    committee { id documents { title number issuedOn url } }
    errors { code field message }
  }
}
"""

COMMITTEE = """
query Committee($id: ID!) {
  committee(id: $id) {
    name functions establishedOn dissolvedOn
    standingUnit { code }
    members { role duties person { fullName unit { code } } committee { name } }
    documents { title number issuedOn url }
  }
}
"""

COMMITTEES = """
query Committees($unitId: ID, $search: String, $first: Int, $after: String) {
  committees(standingUnitId: $unitId, search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name standingUnit { code } } }
  }
}
"""

PUBLISH = """
mutation Publish($kind: ArticleKind!, $title: String!, $body: String!) {
  publishArticle(kind: $kind, title: $title, body: $body) {
    article { id kind title body publishedAt author { fullName } unit { code } }
    errors { code field message }
  }
}
"""

ARTICLES = """
query Articles($unitId: ID, $authorId: ID, $first: Int, $after: String) {
  articles(unitId: $unitId, authorId: $authorId, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { title kind unit { code } author { fullName } } }
  }
}
"""

NAME = "Ban Chỉ đạo Chuyển đổi số tỉnh"


async def sign_in(api: Api, who: str) -> None:
    payload = await api.login(LOGINS[who])
    assert payload["errors"] == [], payload


async def mutate(api: Api, query: str, variables: dict[str, Any], name: str) -> dict[str, Any]:
    payload: dict[str, Any] = (await api.data(query, variables))[name]
    return payload


def errors(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


async def register(
    api: Api, province: Province, name: str = NAME, unit: str = "PROV"
) -> dict[str, Any]:
    return await mutate(
        api,
        REGISTER,
        {
            "name": name,
            "unitId": gid("OrgUnit", province.units[unit]),
            "functions": "Chỉ đạo chuyển đổi số",
            "on": "2026-01-15",
        },
        "registerCommittee",
    )


# --- committees -----------------------------------------------------------------------------


async def test_register_committee_and_refuse_a_second_of_the_same_name(
    api: Api, province: Province
) -> None:
    await sign_in(api, "editor")
    first = await register(api, province)
    assert first["errors"] == []
    assert first["committee"]["name"] == NAME
    assert first["committee"]["standingUnit"] == {"code": "PROV"}
    assert first["committee"]["establishedOn"] == "2026-01-15"
    for same in (NAME, "  ban chi dao   chuyen doi so tinh ", NAME.upper()):
        second = await register(api, province, same)
        assert second["committee"] is None
        assert errors(second) == [("COMMITTEE_EXISTS", "name")], same
        assert NAME in second["errors"][0]["message"]  # a clear message names the existing one
    await sign_in(api, "hue_editor")
    elsewhere = await register(api, province, unit="HUE")
    assert errors(elsewhere) == [("COMMITTEE_EXISTS", "name")]
    listed = (await api.data(COMMITTEES, {}))["committees"]
    assert listed["totalCount"] == 1


async def test_register_committee_needs_an_editor_of_the_standing_agency(
    api: Api, province: Province
) -> None:
    anonymous = await register(api, province)
    assert errors(anonymous) == [("UNAUTHENTICATED", None)]
    await sign_in(api, "dung")
    colleague = await register(api, province)
    assert errors(colleague) == [("FORBIDDEN", None)]
    await sign_in(api, "hue_editor")
    outside = await register(api, province, unit="SNV")
    assert errors(outside) == [("FORBIDDEN", None)]
    for name, expected in (("   ", ("INVALID_INPUT", "name")), ("x" * 256, ("TOO_LONG", "name"))):
        bad = await register(api, province, name, unit="HUE")
        assert errors(bad) == [expected]
    unknown = await mutate(
        api, REGISTER, {"name": NAME, "unitId": gid("OrgUnit", 999_999)}, "registerCommittee"
    )
    assert errors(unknown) == [("NOT_FOUND", "standingUnitId")]
    assert (await api.data(COMMITTEES, {}))["committees"]["totalCount"] == 0


async def test_members_and_documents(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    committee_id = (await register(api, province))["committee"]["id"]
    seated = await mutate(
        api,
        ADD_MEMBER,
        {
            "committeeId": committee_id,
            "personId": gid("Person", province.people["an"]),
            "role": "HEAD",
            "duties": "Chỉ đạo chung",
        },
        "addCommitteeMember",
    )
    assert seated["errors"] == []
    second = await mutate(
        api,
        ADD_MEMBER,
        {
            "committeeId": committee_id,
            "personId": gid("Person", province.people["dung"]),
            "role": "SECRETARY",
        },
        "addCommitteeMember",
    )
    assert [(m["role"], m["person"]["fullName"]) for m in second["committee"]["members"]] == [
        ("HEAD", "Nguyễn Văn An"),
        ("SECRETARY", "Phạm Thị Dung"),
    ]
    twice = await mutate(
        api,
        ADD_MEMBER,
        {
            "committeeId": committee_id,
            "personId": gid("Person", province.people["an"]),
            "role": "MEMBER",
        },
        "addCommitteeMember",
    )
    assert errors(twice) == [("INVALID_STATE", "personId")]
    nobody = await mutate(
        api,
        ADD_MEMBER,
        {"committeeId": committee_id, "personId": gid("Person", 999_999), "role": "MEMBER"},
        "addCommitteeMember",
    )
    assert errors(nobody) == [("NOT_FOUND", "personId")]
    wrong_type = await mutate(
        api,
        ADD_MEMBER,
        {
            "committeeId": gid("OrgUnit", 1),
            "personId": gid("Person", province.people["an"]),
            "role": "MEMBER",
        },
        "addCommitteeMember",
    )
    assert errors(wrong_type) == [("INVALID_INPUT", "committeeId")]
    document = await mutate(
        api,
        ADD_DOCUMENT,
        {
            "committeeId": committee_id,
            "title": "Quyết định thành lập Ban Chỉ đạo",
            "number": "123/QĐ-UBND",
            "issuedOn": "2026-01-15",
            "url": "https://hue.gov.vn/qd-123",
        },
        "addCommitteeDocument",
    )
    assert document["errors"] == []
    too_long = await mutate(
        api, ADD_DOCUMENT, {"committeeId": committee_id, "title": "x" * 501}, "addCommitteeDocument"
    )
    assert errors(too_long) == [("TOO_LONG", "title")]
    await sign_in(api, "dung")  # any signed-in staff reads the committee
    found = (await api.data(COMMITTEE, {"id": committee_id}))["committee"]
    assert found["standingUnit"] == {"code": "PROV"}
    assert [(m["role"], m["duties"], m["person"]["unit"]["code"]) for m in found["members"]] == [
        ("HEAD", "Chỉ đạo chung", "SNV"),
        ("SECRETARY", None, "HUE-PKT"),
    ]
    assert {m["committee"]["name"] for m in found["members"]} == {NAME}
    assert found["documents"] == [
        {
            "title": "Quyết định thành lập Ban Chỉ đạo",
            "number": "123/QĐ-UBND",
            "issuedOn": "2026-01-15",
            "url": "https://hue.gov.vn/qd-123",
        }
    ]
    not_editor = await mutate(
        api,
        ADD_MEMBER,
        {
            "committeeId": committee_id,
            "personId": gid("Person", province.people["cuong"]),
            "role": "MEMBER",
        },
        "addCommitteeMember",
    )
    assert errors(not_editor) == [("FORBIDDEN", None)]
    assert len((await api.data(COMMITTEE, {"id": committee_id}))["committee"]["members"]) == 2


async def test_committee_repositories_by_standing_agency_and_search(
    api: Api, province: Province
) -> None:
    await sign_in(api, "editor")
    assert (await register(api, province))["errors"] == []
    assert (await register(api, province, "Hội đồng Thi đua - Khen thưởng"))["errors"] == []
    await sign_in(api, "hue_editor")
    assert (await register(api, province, "Ban Chỉ đạo phòng chống thiên tai thành phố", "HUE"))[
        "errors"
    ] == []
    everything = (await api.data(COMMITTEES, {}))["committees"]
    assert everything["totalCount"] == 3
    hue = (await api.data(COMMITTEES, {"unitId": gid("OrgUnit", province.units["HUE"])}))[
        "committees"
    ]
    assert [e["node"]["name"] for e in hue["edges"]] == [
        "Ban Chỉ đạo phòng chống thiên tai thành phố"
    ]
    prov = (await api.data(COMMITTEES, {"unitId": gid("OrgUnit", province.units["PROV"])}))[
        "committees"
    ]
    assert prov["totalCount"] == 2
    searched = (await api.data(COMMITTEES, {"search": "ban chi dao"}))["committees"]
    assert searched["totalCount"] == 2
    page = (await api.data(COMMITTEES, {"first": 2}))["committees"]
    assert (len(page["edges"]), page["pageInfo"]["hasNextPage"]) == (2, True)
    rest = (await api.data(COMMITTEES, {"first": 2, "after": page["pageInfo"]["endCursor"]}))[
        "committees"
    ]
    assert (len(rest["edges"]), rest["pageInfo"]["hasNextPage"]) == (1, False)


async def test_committees_are_for_signed_in_staff(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    committee_id = (await register(api, province))["committee"]["id"]
    api.token = None
    for query, variables in ((COMMITTEES, {}), (COMMITTEE, {"id": committee_id})):
        body = await api.post(query, variables)
        assert body["data"] in (None, {"committee": None})
        assert NAME not in str(body)
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


# --- articles -------------------------------------------------------------------------------


async def test_article_is_shared_to_the_unit_and_the_province(api: Api, province: Province) -> None:
    await sign_in(api, "an")
    published = await mutate(
        api,
        PUBLISH,
        {
            "kind": "SPEECH",
            "title": "Phát biểu tại hội nghị cải cách hành chính",
            "body": "Kính thưa...",
        },
        "publishArticle",
    )
    assert published["errors"] == []
    article = published["article"]
    assert (article["kind"], article["author"], article["unit"]) == (
        "SPEECH",
        {"fullName": "Nguyễn Văn An"},
        {"code": "SNV"},
    )
    assert article["publishedAt"].startswith("2026-11-20T03:00:00")
    await sign_in(api, "dung")
    second = await mutate(
        api,
        PUBLISH,
        {"kind": "ARTICLE", "title": "Kinh tế số ở Huế", "body": "..."},
        "publishArticle",
    )
    assert second["errors"] == []
    province_repository = (await api.data(ARTICLES, {}))["articles"]
    assert [e["node"]["title"] for e in province_repository["edges"]] == [
        "Kinh tế số ở Huế",  # newest first
        "Phát biểu tại hội nghị cải cách hành chính",
    ]
    assert province_repository["totalCount"] == 2
    snv = (await api.data(ARTICLES, {"unitId": gid("OrgUnit", province.units["SNV"])}))["articles"]
    assert [(e["node"]["title"], e["node"]["unit"]["code"]) for e in snv["edges"]] == [
        ("Phát biểu tại hội nghị cải cách hành chính", "SNV")
    ]
    pkt = (await api.data(ARTICLES, {"unitId": gid("OrgUnit", province.units["HUE-PKT"])}))[
        "articles"
    ]
    assert [e["node"]["title"] for e in pkt["edges"]] == ["Kinh tế số ở Huế"]
    hue = (await api.data(ARTICLES, {"unitId": gid("OrgUnit", province.units["HUE"])}))["articles"]
    assert [e["node"]["title"] for e in hue["edges"]] == ["Kinh tế số ở Huế"]  # from its office
    pd = (await api.data(ARTICLES, {"unitId": gid("OrgUnit", province.units["PD"])}))["articles"]
    assert pd["totalCount"] == 0
    by_author = (await api.data(ARTICLES, {"authorId": gid("Person", province.people["an"])}))[
        "articles"
    ]
    assert [e["node"]["author"]["fullName"] for e in by_author["edges"]] == ["Nguyễn Văn An"]
    first_page = (await api.data(ARTICLES, {"first": 1}))["articles"]
    assert first_page["pageInfo"]["hasNextPage"] is True
    next_page = (
        await api.data(ARTICLES, {"first": 1, "after": first_page["pageInfo"]["endCursor"]})
    )["articles"]
    assert [e["node"]["title"] for e in next_page["edges"]] == [
        "Phát biểu tại hội nghị cải cách hành chính"
    ]


async def test_articles_come_from_personal_accounts_with_valid_input(
    api: Api, province: Province
) -> None:
    variables = {"kind": "ARTICLE", "title": "Tiêu đề", "body": "Nội dung"}
    anonymous = await mutate(api, PUBLISH, variables, "publishArticle")
    assert errors(anonymous) == [("UNAUTHENTICATED", None)]
    await sign_in(api, "editor")  # a unit account is no author
    unit_account = await mutate(api, PUBLISH, variables, "publishArticle")
    assert errors(unit_account) == [("FORBIDDEN", None)]
    await sign_in(api, "an")
    for changes, expected in (
        ({"title": "x" * 501}, ("TOO_LONG", "title")),
        ({"title": "  "}, ("INVALID_INPUT", "title")),
        ({"body": ""}, ("INVALID_INPUT", "body")),
    ):
        bad = await mutate(api, PUBLISH, {**variables, **changes}, "publishArticle")
        assert errors(bad) == [expected], changes
    assert (await api.data(ARTICLES, {}))["articles"]["totalCount"] == 0
    api.token = None
    body = await api.post(ARTICLES, {})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


PAGING = "$first: Int, $after: String, $last: Int, $before: String"
PAGE = "first: $first, after: $after, last: $last, before: $before"
PAGED_COMMITTEES = f"""query({PAGING}) {{ committees({PAGE}) {{
  pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ name }} }} }} }}"""
PAGED_ARTICLES = f"""query({PAGING}) {{ articles({PAGE}) {{
  pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ title }} }} }} }}"""


async def test_committees_and_articles_page_both_ways(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    for name in ("Ban Chỉ đạo A", "Ban Chỉ đạo B", "Ban Chỉ đạo C"):
        assert (await register(api, province, name))["errors"] == []
    await sign_in(api, "an")
    for n in range(3):
        article = {"kind": "ARTICLE", "title": f"Bài viết {n}", "body": "..."}
        assert (await mutate(api, PUBLISH, article, "publishArticle"))["errors"] == []

    async def committees(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await api.data(PAGED_COMMITTEES, paging))["committees"]
        return found

    async def articles(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await api.data(PAGED_ARTICLES, paging))["articles"]
        return found

    names = [e["node"]["name"] for e in await walk_both_ways(committees, 1)]
    assert names == ["Ban Chỉ đạo A", "Ban Chỉ đạo B", "Ban Chỉ đạo C"]  # registered order
    titles = [e["node"]["title"] for e in await walk_both_ways(articles, 2)]
    assert titles == ["Bài viết 2", "Bài viết 1", "Bài viết 0"]  # newest first
    await refusals(lambda paging: api.post(PAGED_COMMITTEES, paging))
    await refusals(lambda paging: api.post(PAGED_ARTICLES, paging))
