"""Reporter name, phone and email never reach an unauthorized caller: not through a field, a
list, a filter, a sort, a count, an error message or a mutation payload; unpublished, non-public
and secret reports stay hidden from everyone outside the flow."""

from __future__ import annotations

import pytest

from govgraph.container import Container
from tests.api.reflection_factories import (
    REFLECTION,
    ReflectionWorld,
    build_reflection_world,
    step,
    submit,
)
from tests.api.test_reflections_flow import publish_one
from tests.factories import Api

PHONE = "0905 111 222"
ONE = f"query($id: ID!) {{ reflection(id: $id) {{ {REFLECTION} }} }}"
LIST = f"""query($f: ReflectionFilterInput) {{
  reflections(filter: $f, first: 50) {{ totalCount edges {{ node {{ {REFLECTION} }} }} }} }}"""
QUEUE = f"""query($a: ID!) {{ reflectionWorkQueue(agencyId: $a) {{
  totalCount edges {{ node {{ state }} reflection {{ {REFLECTION} }} }} }} }}"""


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


def contact(node: dict[str, object]) -> tuple[object, object, object]:
    return node["reporterName"], node["reporterPhone"], node["reporterEmail"]


async def test_handling_agency_sees_the_reporter_only_with_consent(
    world: ReflectionWorld,
) -> None:
    for consent in (False, True):
        sent = await submit(world, consentContact=consent, reporterPhone=f"0905 00{consent:d} 222")
        moved = await step(world, "ioc", "distributeReflection", sent["reflection"])
        assert moved["reflection"]["reporterName"] == "Trần Văn Dân"  # the IOC does
        accepted = await step(world, "giang", "acceptReflection", moved["reflection"])
        node = accepted["reflection"]  # the payload of the agency's own step
        expected = ("Trần Văn Dân", f"0905 00{consent:d} 222", "dan@example.vn")
        assert contact(node) == (expected if consent else (None, None, None))
        api = await world.as_("an")
        one = (await api.data(ONE, {"id": node["id"]}))["reflection"]
        assert contact(one) == contact(node)
        queue = (await api.data(QUEUE, {"a": world.unit("SNV")}))["reflectionWorkQueue"]
        mine = [e["reflection"] for e in queue["edges"] if e["reflection"]["id"] == node["id"]]
        assert [contact(m) for m in mine] == [contact(node)]


async def test_other_agencies_and_the_public_see_nothing_unpublished(
    world: ReflectionWorld,
) -> None:
    sent = await submit(world)
    r = (await step(world, "ioc", "distributeReflection", sent["reflection"]))["reflection"]
    for key in ("dung", "coord", None):
        api = await world.as_(key)
        assert (await api.data(ONE, {"id": r["id"]}))["reflection"] is None
        node = await api.data("query($id: ID!) { node(id: $id) { id } }", {"id": r["id"]})
        assert node["node"] is None
    api = await world.as_("dung")
    listed = (await api.data(LIST))["reflections"]
    assert (listed["totalCount"], listed["edges"]) == (0, [])  # not even a count
    queue = await api.post(QUEUE, {"a": world.unit("SNV")})
    assert queue["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    dup = await api.post(
        "query($id: ID!) { likelyDuplicateReflections(id: $id) { score } }", {"id": r["id"]}
    )
    assert dup["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("key", ["an", "giang", "dung", "citizen"])
async def test_filtering_by_phone_is_refused_to_all_but_the_ioc(
    world: ReflectionWorld, key: str
) -> None:
    sent = await submit(world, consentContact=True)
    await step(world, "ioc", "distributeReflection", sent["reflection"])
    api = await world.as_(key)
    answers = []
    for phone in (PHONE, "0999 999 999"):  # a hit and a miss must look the same
        body = await api.post(LIST, {"f": {"reporterPhone": phone}})
        assert body["data"] is None or body["data"]["reflections"] is None
        answers.append([(e["message"], e["extensions"]["code"]) for e in body["errors"]])
    assert answers[0] == answers[1]
    assert answers[0][0][1] == "FORBIDDEN"
    assert PHONE not in str(answers)


async def test_the_ioc_filters_by_phone_and_the_public_cannot_at_all(
    world: ReflectionWorld,
) -> None:
    await submit(world)
    await submit(world, reporterPhone="0911 222 333")
    api = await world.as_("ioc")
    hit = (await api.data(LIST, {"f": {"reporterPhone": PHONE}}))["reflections"]
    assert hit["totalCount"] == 1
    assert hit["edges"][0]["node"]["reporterPhone"] == PHONE
    api = await world.as_(None)
    body = await api.post(LIST, {"f": {"reporterPhone": PHONE}})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_no_sort_or_public_filter_by_reporter_data(world: ReflectionWorld) -> None:
    api = await world.as_(None)
    enum = await api.data('{ __type(name: "ReflectionSort") { enumValues { name } } }')
    assert {v["name"] for v in enum["__type"]["enumValues"]} == {"NEWEST", "DUE"}
    public = await api.data('{ __type(name: "Query") { fields { name args { name } } } }')
    [field] = [f for f in public["__type"]["fields"] if f["name"] == "publicReflections"]
    assert not any("reporter" in a["name"].lower() for a in field["args"])


async def test_secret_and_non_public_results_are_never_published(
    world: ReflectionWorld,
) -> None:
    secret = (await publish_one(world, secrecyRequested=True))["reflection"]
    assert secret["state"] == "ANSWERED_PRIVATELY"
    sent = await submit(world, reporterPhone="0911 222 333")
    r = await step(world, "ioc", "classifyReflection", sent["reflection"], args=", isPublic: false")
    assert r["reflection"]["isPublic"] is False
    api = await world.as_(None)
    for hidden in (secret["id"], r["reflection"]["id"]):
        assert (await api.data(ONE, {"id": hidden}))["reflection"] is None
    page = await api.data("{ publicReflections { totalCount edges { node { id } } } }")
    assert page["publicReflections"] == {"totalCount": 0, "edges": []}


async def test_error_messages_do_not_echo_reporter_data(world: ReflectionWorld) -> None:
    bad = await submit(world, reporterPhone="0905 111 222 333 444 555 666")
    [error] = bad["errors"]
    assert error["code"] in ("INVALID_PHONE", "TOO_LONG")
    assert "0905" not in error["message"]
    bad_email = await submit(world, reporterEmail="dan-at-example")
    assert "dan-at-example" not in bad_email["errors"][0]["message"]
