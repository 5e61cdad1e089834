"""The compiled read path answers the directory's root fields exactly as the field path does,
for every kind of caller, selection shape and restricted field."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from govgraph.container import Container
from tests.api.compiled.harness import Paths, canonical, paths
from tests.api.paging import PAGE_INFO, walk_both_ways
from tests.factories import PASSWORD, Api, Province, gid

UNIT_FIELDS = """
id code name shortName levelCode kind status depth validFrom validTo address phone fax email
website introduction functions duties version memberCount subtreeMemberCount __typename
"""
PERSON_FIELDS = """
id fullName gender position duties workPhone email fax status version birthday dateOfBirth
homeAddress personalPhone civilServantCode idPhotoUrl unit { code } __typename
"""
CORPUS: dict[str, tuple[str, dict[str, Any]]] = {
    "dashboard tree": (
        """query Tree($depth: Int!) { orgTree(depth: $depth) {
            id code name levelCode memberCount subtreeMemberCount
            leaders { title rank person { fullName } }
            children { code name subtreeMemberCount leaders { title person { fullName } }
              children { code levelCode memberCount leaders { title } children { code } } } } }""",
        {"depth": 3},
    ),
    "every field": (
        f"""query {{ orgTree {{ {UNIT_FIELDS} level {{ code name rank description }}
            parent {{ code }}
            leaders {{ id title rank since until unit {{ code }} person {{ {PERSON_FIELDS} }} }}
            children {{ {UNIT_FIELDS} parent {{ code name }}
              leaders {{ id title rank since until person {{ {PERSON_FIELDS} }} }} }} }} }}""",
        {},
    ),
    "aliases, fragments, directives": (
        """query Q($with: Boolean!, $without: Boolean!) {
            top: orgTree(depth: 1) { ...Card alias: name ... on Node { id }
              kids: children { ...Card extra: children @include(if: $with) { code }
                hidden: children @skip(if: $without) { code } } }
            again: orgTree { code } }
        fragment Card on OrgUnit { code name ... on OrgUnit { levelCode } leaders { title } }""",
        {"with": True, "without": True},
    ),
    "people search": (
        f"""query {{ people(search: "nguyen  VAN", first: 50) {{ totalCount __typename
            pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor __typename }}
            edges {{ cursor __typename node {{ {PERSON_FIELDS} }} }} }} }}""",
        {},
    ),
    "people pages": (
        """query { p1: people(first: 2) { totalCount pageInfo { hasNextPage endCursor }
              edges { cursor node { fullName unit { code } } } }
            p0: people(first: 0) { totalCount pageInfo { hasNextPage startCursor endCursor }
              edges { cursor } }
            all: people(includeInactive: true, first: 100) { edges { node { id status } } } }""",
        {},
    ),
    "people backward": (
        """query { l2: people(last: 2) { totalCount
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              edges { cursor node { fullName unit { code } } } }
            l0: people(last: 0) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              edges { cursor } }
            all: people(includeInactive: true, last: 100) { edges { node { id status } } } }""",
        {},
    ),
    "a deep tree (SQLite falls back to the field path)": (
        """{ orgTree(depth: 4) { ...C children { ...C children { ...C children { ...C } } } } }
        fragment C on OrgUnit { code leaders { title person { fullName unit { code } } } }""",
        {},
    ),
    "one unit by code": (
        """query { a: orgUnit(code: " snv ") { code name leaders { title person { fullName } } }
                   b: orgUnit(code: "NOWHERE") { code } }""",
        {},
    ),
}


@pytest.fixture
async def two(container: Container) -> AsyncIterator[Paths]:
    async for made in paths(container):
        yield made


async def _callers(api: Api, province: Province) -> dict[str, dict[str, str]]:
    """Headers of every kind of caller."""
    found: dict[str, dict[str, str]] = {"anonymous": {}}
    for login in (
        "an.nv",
        "admin@hue.gov.vn",
        "editor@huecity.gov.vn",
        "dung.pt",
        "phuhoi@huecity.gov.vn",
    ):
        signed = await api.login(login, PASSWORD)
        if signed.get("token"):
            found[login] = {"Authorization": f"Bearer {signed['token']}"}
    key = await api.post(
        """mutation($u: ID!) { createApiKey(name: "BI", unitId: $u, includeSubtree: true) {
            secret } }""",
        {"u": gid("OrgUnit", province.units["HUE"])},
        token=found["admin@hue.gov.vn"]["Authorization"].split()[1],
    )
    found["integrator"] = {"X-API-Key": key["data"]["createApiKey"]["secret"]}
    api.token = None
    return found


async def test_compiled_answers_equal_the_field_path(
    api: Api, province: Province, two: Paths
) -> None:
    callers = await _callers(api, province)
    unit_id = gid("OrgUnit", province.units["HUE"])
    corpus = {
        **CORPUS,
        "subtree by id": (
            "query($r: ID!) { orgTree(rootId: $r, depth: 0) { code children { code "
            "children { code } } } orgUnit(id: $r) { code parent { code } } }",
            {"r": unit_id},
        ),
    }
    for who, headers in callers.items():
        corpus["people under a unit"] = (
            "query($r: ID!) { a: people(unitId: $r, includeSubtree: true) { totalCount "
            "edges { node { fullName } } } b: people(unitId: $r) { totalCount } }",
            {"r": unit_id},
        )
        second = await two.field.post(
            "/graphql",
            json={"query": "{ people(first: 2) { pageInfo { endCursor } } }"},
            headers={"Accept": "application/json", **headers},
        )
        cursor = (second.json().get("data") or {}).get("people", {}).get("pageInfo", {})
        if cursor.get("endCursor"):
            corpus["people after a cursor"] = (
                "query($a: String) { people(first: 2, after: $a) { "
                "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } "
                "edges { cursor node { fullName } } } }",
                {"a": cursor["endCursor"]},
            )
        for name, (query, variables) in corpus.items():
            fast, slow, used = await two.both(query, variables, headers)
            assert canonical(fast) == canonical(slow), (who, name)
            if "errors" in slow:  # refused to this caller (persons to the public)
                assert name.startswith("people"), (who, name, slow)
                continue
            assert used, f"{name} as {who} did not take the compiled path"


async def test_refusals_take_the_field_path(api: Api, province: Province, two: Paths) -> None:
    """What the field path refuses (the public asking for persons, a unit that does not
    exist, a page too large, a malformed cursor) is refused the same way."""
    callers = await _callers(api, province)
    missing = gid("OrgUnit", 999_999)
    for who, query in (
        ("anonymous", "{ people { totalCount } }"),
        ("an.nv", f'{{ people(unitId: "{missing}") {{ totalCount }} }}'),
        ("an.nv", "{ people(first: 101) { totalCount } }"),
        ("an.nv", '{ people(after: "bm90IGpzb24") { totalCount } }'),
        ("an.nv", "{ people(first: 2, last: 2) { totalCount } }"),
        ("an.nv", "{ people(last: 101) { totalCount } }"),
        ("an.nv", '{ people(last: 2, before: "bm90IGpzb24") { totalCount } }'),
        ("an.nv", "{ orgTree(depth: 11) { code } }"),
    ):
        fast, slow, _ = await two.both(query, {}, callers[who])
        assert "errors" in slow, (who, query)
        assert canonical(fast) == canonical(slow), (who, query)


PAGED_PEOPLE = f"""query($first: Int, $after: String, $last: Int, $before: String) {{
  people(first: $first, after: $after, last: $last, before: $before) {{
    pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ id fullName }} }} }} }}"""


async def test_people_walked_both_ways_on_both_paths(
    api: Api, province: Province, two: Paths
) -> None:
    """Every page of a walk forward and backward, and between two cursors, is answered by
    the compiled statement and equals the field path's answer."""
    callers = await _callers(api, province)

    async def read(paging: dict[str, Any]) -> dict[str, Any]:
        fast, slow, used = await two.both(PAGED_PEOPLE, paging, callers["an.nv"])
        assert canonical(fast) == canonical(slow), paging
        assert used, paging
        found: dict[str, Any] = fast["data"]["people"]
        return found

    edges = await walk_both_ways(read, 2)
    assert len(edges) >= 5
