"""No restricted directory field leaks through the compiled path: persons to the public,
private fields to colleagues, persons outside an integrator's scope."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from govgraph.container import Container
from tests.api.compiled.harness import Paths, paths
from tests.api.compiled.test_directory_equivalence import _callers
from tests.factories import Api, Province

PRIVATE = "dateOfBirth homeAddress personalPhone civilServantCode idPhotoUrl"
TREE = f"""{{ orgTree(depth: 3) {{ code leaders {{ person {{ fullName birthday {PRIVATE} }} }}
  children {{ code leaders {{ person {{ id fullName birthday {PRIVATE} }} }}
    children {{ code leaders {{ person {{ id fullName }} }} }} }} }} }}"""
PEOPLE = (
    f"{{ people(first: 100) {{ edges {{ node {{ id fullName birthday {PRIVATE} unit {{ code }} "
    "} } } }"
)


@pytest.fixture
async def two(container: Container) -> AsyncIterator[Paths]:
    async for made in paths(container):
        yield made


def _persons(node: Any) -> list[dict[str, Any]]:
    found = [lead["person"] for lead in node.get("leaders", []) if lead.get("person")]
    for child in node.get("children", []):
        found.extend(_persons(child))
    return found


async def _compiled(two: Paths, query: str, headers: dict[str, str]) -> dict[str, Any]:
    fast, _slow, used = await two.both(query, {}, headers)
    assert used, "the compiled path answered"
    assert "errors" not in fast, fast
    data: dict[str, Any] = fast["data"]
    return data


async def test_no_person_reaches_the_public(api: Api, province: Province, two: Paths) -> None:
    data = await _compiled(two, TREE, {})
    assert _persons(data["orgTree"]) == []
    leaders = [lead for lead in data["orgTree"]["children"] if lead["leaders"]]
    assert leaders, "the tree has leaders, only their persons are hidden"


async def test_private_fields_only_to_the_person_and_editors_in_scope(
    api: Api, province: Province, two: Paths
) -> None:
    callers = await _callers(api, province)
    own = {p["id"] for p in _persons((await _compiled(two, TREE, callers["an.nv"]))["orgTree"])}
    assert own, "an.nv sees the leaders' names"
    for who in ("an.nv", "dung.pt"):
        data = await _compiled(two, TREE, callers[who])
        for person in _persons(data["orgTree"]):
            assert person["fullName"]
            assert person["birthday"] is not None or person["dateOfBirth"] is None
            mine = who == "an.nv" and person["fullName"] == "Nguyễn Văn An"
            private = [person.get(f) for f in PRIVATE.split() if f in person]
            assert all(v is None for v in private) or mine, (who, person)
    editor = await _compiled(two, PEOPLE, callers["editor@huecity.gov.vn"])
    shown = {
        edge["node"]["fullName"]
        for edge in editor["people"]["edges"]
        if any(edge["node"][f] is not None for f in PRIVATE.split())
    }
    # Huế's editor (on the HUE unit itself) sees the private fields of its members only
    hue = {
        e["node"]["fullName"]
        for e in editor["people"]["edges"]
        if e["node"]["unit"]["code"] == "HUE"
    }
    assert shown == hue == {"Lê Văn Cường"}


async def test_an_integrator_sees_persons_of_its_scope_only(
    api: Api, province: Province, two: Paths
) -> None:
    callers = await _callers(api, province)
    data = await _compiled(two, PEOPLE, callers["integrator"])
    names = {edge["node"]["fullName"] for edge in data["people"]["edges"]}
    assert names == {"Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"}  # the HUE subtree
    for edge in data["people"]["edges"]:
        assert all(edge["node"][f] is None for f in PRIVATE.split())
    tree = await _compiled(two, TREE, callers["integrator"])
    assert {p["fullName"] for p in _persons(tree["orgTree"])} <= names
