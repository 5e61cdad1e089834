"""The schema is an Apollo Federation v2 subgraph: entities, _service and _entities."""

from __future__ import annotations

from tests.factories import Api, Province, gid

SERVICE = "{ _service { sdl } }"

ENTITIES = """
query Entities($reps: [_Any!]!) {
  _entities(representations: $reps) {
    __typename
    ... on OrgUnit { code name }
    ... on Person { fullName }
  }
}
"""


async def test_sdl_declares_federation_2_entities(api: Api, province: Province) -> None:
    sdl = (await api.data(SERVICE))["_service"]["sdl"]
    assert '@link(url: "https://specs.apollo.dev/federation/v2' in sdl
    assert 'type OrgUnit implements Node @key(fields: "id")' in sdl
    assert 'type Person implements Node @key(fields: "id")' in sdl


async def test_entities_resolve_units_for_anyone(api: Api, province: Province) -> None:
    reps = [{"__typename": "OrgUnit", "id": gid("OrgUnit", province.units["HUE"])}]
    entities = (await api.data(ENTITIES, {"reps": reps}))["_entities"]
    assert entities == [
        {"__typename": "OrgUnit", "code": "HUE", "name": "Ủy ban nhân dân thành phố Huế"}
    ]


async def test_person_entities_need_a_signed_in_caller(api: Api, province: Province) -> None:
    reps = [{"__typename": "Person", "id": gid("Person", province.people["an"])}]
    anonymous = (await api.data(ENTITIES, {"reps": reps}))["_entities"]
    assert anonymous == [None]
    await api.login("dung.pt")
    signed_in = (await api.data(ENTITIES, {"reps": reps}))["_entities"]
    assert signed_in == [{"__typename": "Person", "fullName": "Nguyễn Văn An"}]


async def test_relay_node_resolves_global_ids(api: Api, province: Province) -> None:
    query = "query($id: ID!) { node(id: $id) { id ... on OrgUnit { code } } }"
    unit_id = gid("OrgUnit", province.units["PD"])
    node = (await api.data(query, {"id": unit_id}))["node"]
    assert node == {"id": unit_id, "code": "PD"}
