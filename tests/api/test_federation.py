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


MALFORMED = [
    ("not an object", "A representation is an object"),
    ({"id": "x"}, "names no entity type"),
    ({"__typename": "Query", "id": "x"}, "names no entity type"),
    ({"__typename": "UserError", "id": "x"}, "names no entity type"),
    ({"__typename": "OrgUnit"}, "carries exactly: id"),
    ({"__typename": "OrgUnit", "id": "x", "code": "HUE"}, "carries exactly: id"),
    ({"__typename": "OrgUnit", "id": 5}, "is a string"),
    ({"__typename": "OrgUnit", "id": ["x"]}, "is a string"),
    ({"__typename": "OrgUnit", "id": "T3JnVW5pdDoxODQ0Njc0NDA3MzcwOTU1MTYxNg=="}, "OrgUnit id"),
    ({"__typename": "OrgUnit", "id": "not a global id"}, "Not a valid OrgUnit id"),
]


async def test_malformed_representations_are_typed_refusals_one_by_one(
    api: Api, province: Province
) -> None:
    good = {"__typename": "OrgUnit", "id": gid("OrgUnit", province.units["HUE"])}
    reps = [good, *(rep for rep, _ in MALFORMED)]
    body = await api.post(ENTITIES, {"reps": reps})
    assert body["data"]["_entities"][0] == {
        "__typename": "OrgUnit",
        "code": "HUE",
        "name": "Ủy ban nhân dân thành phố Huế",
    }
    assert body["data"]["_entities"][1:] == [None] * len(MALFORMED)
    errors = {error["path"][1]: error for error in body["errors"]}
    assert sorted(errors) == list(range(1, len(MALFORMED) + 1))
    for index, (_, words) in enumerate(MALFORMED, start=1):
        assert errors[index]["extensions"]["code"] == "INVALID_INPUT"
        assert words in errors[index]["message"]
        assert "resolve_reference" not in errors[index]["message"]


NODE = "query($id: ID!) { node(id: $id) { id } }"


async def test_node_refuses_ids_that_name_no_object(api: Api, province: Province) -> None:
    for bad in (
        gid("UserError", 1),  # a type, but not a Node
        gid("Nope", 1),
        gid("OrgUnit", "abc"),  # type: ignore[arg-type]
        gid("OrgUnit", 2**64),
        gid("OrgUnit", 0),
        "not base64 at all",
    ):
        body = await api.post(NODE, {"id": bad})
        assert body["data"] == {"node": None}
        assert [e["extensions"]["code"] for e in body["errors"]] == ["INVALID_INPUT"], bad


async def test_node_of_a_record_that_does_not_exist_is_null(api: Api, province: Province) -> None:
    body = await api.post(NODE, {"id": gid("OrgUnit", 999_999)})
    assert body == {"data": {"node": None}}


def test_internal_errors_in_development_do_not_echo_statements() -> None:
    from graphql import GraphQLError

    from schema.errors import shape_error

    driver = OverflowError(
        "(builtins.OverflowError) int too large\n[SQL: SELECT reporter_phone FROM reflections "
        "WHERE id = ?]\n[parameters: (18446744073709551616,)]"
    )
    error = GraphQLError("boom", original_error=driver)
    shaped = shape_error(error, production=False, request_id="r1")
    assert shaped.message == "(builtins.OverflowError) int too large"
    assert shaped.extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "r1"}
