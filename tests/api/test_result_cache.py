"""The directory result cache: hits while nothing changes, never stale after a write."""

from __future__ import annotations

import httpx

from govgraph.app import create_app
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


async def test_no_entries_switch_the_cache_off(container: Container, province: Province) -> None:
    settings = container.settings.model_copy(update={"directory_cache_entries": 0})
    cold = Container.from_settings(settings, clock=container.clock)
    transport = httpx.ASGITransport(app=create_app(settings, cold), client=("10.1.2.3", 5000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as http:
            api = Api(http)
            await api.login("an.nv")
            first = await api.data(TREE)
            with StatementCounter(cold.engine) as counter:
                second = await api.data(TREE)
    finally:
        await cold.dispose()
    assert second == first
    assert (cold.result_cache.hits, cold.result_cache.misses) == (0, 0)
    # every request executes: the tree is read again, no statement only to check a revision
    # (the caller's revisions travel in the tree's own statement)
    checks = [s for s in counter.statements if "org_units" not in s and "revisions" in s]
    assert not checks, counter.statements
    assert any("org_units" in s for s in counter.statements), counter.statements
