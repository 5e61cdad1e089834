"""The directory result cache: hits while nothing changes, never stale after a write."""

from __future__ import annotations

from govgraph.container import Container
from persistence.database import StatementCounter
from tests.factories import Api, Province, gid

TREE = "{ orgTree(depth: 2) { code children { code name memberCount } } }"
RENAME = """
mutation($id: ID!) { updateOrgUnit(id: $id, changes: {name: "Sở Nội vụ (mới)"}) {
  unit { name } errors { code } } }
"""
MIXED = "{ orgTree(depth: 1) { code } me { login } }"


async def test_a_repeated_tree_query_is_served_from_the_cache(
    api: Api, province: Province, container: Container
) -> None:
    await api.login("an.nv")
    first = await api.data(TREE)
    with StatementCounter(container.engine) as counter:
        second = await api.data(TREE)
    assert second == first
    assert container.result_cache.hits == 1
    # only the sign-in lookups and the one-row revision check run on a hit: no tree query
    assert "FROM revisions" in counter.statements[-1]
    assert not any(" LIKE " in s for s in counter.statements), counter.statements


async def test_a_directory_write_invalidates_the_cache(
    api: Api, province: Province, container: Container
) -> None:
    await api.login("an.nv")
    await api.data(TREE)
    editor = Api(api.client)
    await editor.login("editor@hue.gov.vn")
    renamed = await editor.data(RENAME, {"id": gid("OrgUnit", province.units["SNV"])})
    assert renamed["updateOrgUnit"]["errors"] == []
    tree = await api.data(TREE)
    names = {c["code"]: c["name"] for c in tree["orgTree"]["children"]}
    assert names["SNV"] == "Sở Nội vụ (mới)"


async def test_each_principal_has_its_own_entries(
    api: Api, province: Province, container: Container
) -> None:
    query = "{ orgTree(depth: 1) { code children { code leaders { person { fullName } } } } }"
    anonymous = await api.data(query)
    await api.login("an.nv")
    staff = await api.data(query)
    assert container.result_cache.hits == 0
    assert anonymous != staff


async def test_queries_outside_the_directory_are_not_cached(
    api: Api, province: Province, container: Container
) -> None:
    await api.login("an.nv")
    await api.data(MIXED)
    await api.data(MIXED)
    assert container.result_cache.hits == 0
