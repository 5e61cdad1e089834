"""The intake's duplicate check through the API: a report much like an earlier one (same
reporter, same words, same place) lists that one, most alike first."""

from __future__ import annotations

import pytest

from govgraph.container import Container
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world, submit
from tests.factories import Api

DUPLICATES = """query($id: ID!) {
  likelyDuplicateReflections(id: $id) {
    score reasons reflection { id content address state reporterPhone category { code } }
  } }"""


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def test_a_repeated_report_finds_the_first(world: ReflectionWorld) -> None:
    first = (await submit(world))["reflection"]
    other = (await submit(world, content="Cây đổ chắn ngang đường Lê Lợi", latitude=16.47))[
        "reflection"
    ]
    again = (await submit(world, content="Đèn đường hỏng cả tuần nay ở đường Nguyễn Huệ"))[
        "reflection"
    ]
    api = await world.as_("ioc")
    found = (await api.data(DUPLICATES, {"id": again["id"]}))["likelyDuplicateReflections"]
    assert [d["reflection"]["id"] for d in found] == [first["id"]]
    best = found[0]
    assert best["score"] >= 0.8
    assert set(best["reasons"]) == {"SAME_REPORTER", "SIMILAR_TEXT", "NEARBY"}
    assert best["reflection"] == {
        "id": first["id"],
        "content": first["content"],
        "address": first["address"],
        "state": "SUBMITTED",
        "reporterPhone": "0905 111 222",  # the IOC reads the reporter
        "category": {"code": "LIGHTING"},
    }
    assert other["id"] not in [d["reflection"]["id"] for d in found]  # same reporter only
    assert [d["score"] for d in found] == sorted((d["score"] for d in found), reverse=True)
