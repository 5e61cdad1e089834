"""Protective limits: query cost, directives, depth/aliases/tokens, single login, and the
production switches (introspection, suggestions), all read per request from the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import parse
from starlette.applications import Starlette

from govgraph.app import create_app
from govgraph.container import Container
from govgraph.settings import Mode, Settings
from schema.query_cost import DEFAULT_FIRST, LIST_ESTIMATES, operation_costs
from schema.root import build_schema
from tests.factories import PASSWORD, Api, Province

GRJ = "application/graphql-response+json"

DASHBOARD = """
query Dashboard {
  orgTree(depth: 3) {
    id code name memberCount subtreeMemberCount
    leaders { title person { fullName } }
    children {
      id code name memberCount subtreeMemberCount
      leaders { title person { fullName } }
      children {
        id code name memberCount subtreeMemberCount
        leaders { title person { fullName } }
        children {
          id code name memberCount subtreeMemberCount
          leaders { title person { fullName } }
        }
      }
    }
  }
}
"""

NESTED_PAGES = """
query Nested($outer: Int, $inner: Int) {
  people(first: $outer) {
    edges { node { fullName memberships { unit {
      descendants(first: $inner) { edges { node { code name } } }
    } } } }
  }
}
"""


def app_with(container: Container, **update: Any) -> Starlette:
    return create_app(container.settings.model_copy(update=update), container)


@pytest.fixture
async def make_api(container: Container) -> AsyncIterator[Any]:
    clients: list[httpx.AsyncClient] = []

    def make(**update: Any) -> Api:
        transport = httpx.ASGITransport(app=app_with(container, **update), client=("10.9.9.9", 1))
        client = httpx.AsyncClient(transport=transport, base_url="http://govgraph.test")
        clients.append(client)
        return Api(client)

    yield make
    for client in clients:
        await client.aclose()


def codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


def cost_of(query: str, variables: dict[str, Any] | None = None) -> int:
    (cost,) = operation_costs(build_schema()._schema, parse(query), variables).values()
    return cost


# --- the cost model -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "variables", "expected"),
    [
        # a field is 1; `first` multiplies the connection's edges
        ("{ people(first: 7) { edges { node { fullName } } } }", None, 1 + 1 + 7 * (1 + 1)),
        # totalCount and pageInfo are not multiplied by the page size
        ("{ people(first: 7) { totalCount pageInfo { hasNextPage } } }", None, 1 + 1 + 1 + 1),
        # no `first`: the default page of 20
        ("{ people { edges { node { fullName } } } }", None, 1 + 1 + DEFAULT_FIRST * 2),
        # `first` from a variable, then from the variable's default
        (
            "query($n: Int) { people(first: $n) { edges { node { fullName } } } }",
            {"n": 5},
            1 + 1 + 5 * 2,
        ),
        (
            "query($n: Int = 3) { people(first: $n) { edges { node { fullName } } } }",
            None,
            1 + 1 + 3 * 2,
        ),
        # plain lists multiply by their estimate
        ("{ orgTree { children { code } } }", None, 1 + 1 + LIST_ESTIMATES["OrgUnit.children"]),
        ("{ orgTree { leaders { title } } }", None, 1 + 1 + LIST_ESTIMATES["OrgUnit.leaders"]),
        # fragments cost what their selections cost; __typename is free
        (
            "{ orgTree { ...F } } fragment F on OrgUnit { children { code __typename } }",
            None,
            1 + 1 + LIST_ESTIMATES["OrgUnit.children"],
        ),
        ("{ orgTree { ... on OrgUnit { code } } }", None, 2),
        ("{ __typename }", None, 0),
    ],
)
def test_cost_model(query: str, variables: dict[str, Any] | None, expected: int) -> None:
    assert cost_of(query, variables) == expected


def test_repeated_fragments_are_costed_without_blowup() -> None:
    fragments = " ".join(
        f"fragment F{i} on OrgUnit {{ code ...F{i + 1} ...F{i + 1} }}" for i in range(30)
    )
    query = f"{{ orgTree {{ ...F0 }} }} {fragments} fragment F30 on OrgUnit {{ code }}"
    assert cost_of(query) == 1 + sum(2**i for i in range(31))  # counted, and fast


DASHBOARD_4_LEVELS = """
query Dashboard {
  orgTree(depth: 4) {
    ...Card
    children { ...Card children { ...Card children { ...Card } } }
  }
}
fragment Card on OrgUnit {
  id code name levelCode memberCount subtreeMemberCount
  leaders { title rank person { fullName } }
}
"""


@pytest.mark.parametrize("query", [DASHBOARD, DASHBOARD_4_LEVELS], ids=["3-levels", "4-levels"])
def test_dashboard_query_is_under_the_default_limit(query: str) -> None:
    assert cost_of(query) < Settings().max_query_cost / 2  # with room to grow


async def test_dashboard_query_runs(api: Api, province: Province) -> None:
    await api.login("an.nv")
    body = await api.post(DASHBOARD)
    assert "errors" not in body, body["errors"]
    tree = body["data"]["orgTree"]
    hue = next(c for c in tree["children"] if c["code"] == "HUE")
    assert {c["code"] for c in hue["children"]} == {"HUE-PKT", "HUE-PHUHOI"}


async def test_nested_pages_are_refused_with_their_cost(api: Api, province: Province) -> None:
    await api.login("an.nv")
    variables = {"outer": 100, "inner": 100}
    expected = cost_of(NESTED_PAGES, variables)
    assert expected > Settings().max_query_cost
    body = await api.post(NESTED_PAGES, variables)
    assert "data" not in body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] == expected
    assert str(expected) in error["message"]
    assert str(Settings().max_query_cost) in error["message"]

    literal = NESTED_PAGES.replace("($outer: Int, $inner: Int)", "")
    literal = literal.replace("$outer", "100").replace("$inner", "100")
    assert codes(await api.post(literal)) == ["QUERY_TOO_COMPLEX"]


async def test_nested_pages_refused_with_400(api: Api) -> None:
    response = await api.client.post(
        "/graphql",
        json={"query": NESTED_PAGES, "variables": {"outer": 100, "inner": 100}},
        headers={"Accept": GRJ},
    )
    assert response.status_code == 400


async def test_small_nested_pages_are_allowed(api: Api, province: Province) -> None:
    await api.login("an.nv")
    body = await api.post(NESTED_PAGES, {"outer": 5, "inner": 5})
    assert "errors" not in body, body["errors"]


async def test_a_validated_document_is_checked_again_for_new_variables(
    api: Api, province: Province, make_api: Any
) -> None:
    await api.login("an.nv")
    for _ in range(2):  # the second pass comes from the validation cache
        body = await api.post(NESTED_PAGES, {"outer": 5, "inner": 5})
        assert "errors" not in body, body["errors"]
    # the same text with larger pages, and under a stricter app, is validated on its own
    assert codes(await api.post(NESTED_PAGES, {"outer": 100, "inner": 100})) == [
        "QUERY_TOO_COMPLEX"
    ]
    strict = make_api(max_query_cost=cost_of(NESTED_PAGES, {"outer": 5, "inner": 5}) - 1)
    await strict.login("an.nv")
    assert codes(await strict.post(NESTED_PAGES, {"outer": 5, "inner": 5})) == ["QUERY_TOO_COMPLEX"]


async def test_cost_limit_is_per_app(make_api: Any, province: Province) -> None:
    query = "{ people { edges { node { fullName } } } }"  # cost 42
    strict, default = make_api(max_query_cost=41), make_api()
    for _ in range(2):  # interleaved: one app's limits never leak into the other's requests
        assert codes(await strict.post(query)) == ["QUERY_TOO_COMPLEX"]
        assert "QUERY_TOO_COMPLEX" not in codes(await default.post(query))


# --- directives, depth, aliases, tokens ---------------------------------------------------


def _with_directives(count: int) -> str:
    return "{ orgLevels { " + "code @include(if: true) " * count + "} }"


async def test_directive_limit(api: Api, make_api: Any) -> None:
    assert "errors" not in await api.post(_with_directives(50))
    refused = await api.post(_with_directives(51))
    assert codes(refused) == ["TOO_MANY_DIRECTIVES"]
    assert "50" in refused["errors"][0]["message"]
    assert codes(await make_api(max_directives=2).post(_with_directives(3))) == [
        "TOO_MANY_DIRECTIVES"
    ]


async def test_depth_limit_is_per_app(api: Api, make_api: Any) -> None:
    query = "{ orgTree { parent { parent { code } } } }"
    assert "errors" not in await api.post(query)
    body = await make_api(max_query_depth=2).post(query)
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


async def test_alias_limit_is_per_app(api: Api, make_api: Any) -> None:
    query = "{ " + " ".join(f"a{i}: orgLevels {{ code }}" for i in range(5)) + " }"
    assert "errors" not in await api.post(query)
    body = await make_api(max_aliases=4).post(query)
    assert "aliases found" in body["errors"][0]["message"]


async def test_token_limit_is_per_app(api: Api, make_api: Any) -> None:
    query = "{ orgLevels { " + "code " * 100 + "} }"
    assert "errors" not in await api.post(query)
    body = await make_api(max_tokens=50).post(query)
    assert "tokens" in body["errors"][0]["message"]
    assert codes(body) == ["GRAPHQL_PARSE_FAILED"]


# --- login at most once per document ------------------------------------------------------


LOGIN_TWICE = """
mutation Twice($p: String!) {
  a: login(login: "an.nv", password: $p) { token }
  b: login(login: "an.nv", password: $p) { token }
}
"""

LOGIN_IN_FRAGMENTS = """
mutation Twice($p: String!) { ...A ...B }
fragment A on Mutation { a: login(login: "an.nv", password: $p) { token } }
fragment B on Mutation { b: login(login: "an.nv", password: $p) { token } }
"""


@pytest.mark.parametrize("query", [LOGIN_TWICE, LOGIN_IN_FRAGMENTS])
async def test_login_at_most_once_per_document(api: Api, province: Province, query: str) -> None:
    for _ in range(3):  # executed, 6 failures would lock the login (LOGIN_MAX_FAILURES 5)
        body = await api.post(query, {"p": "wrong-password"})
        assert "data" not in body  # not executed: no password was tried
        assert codes(body) == ["TOO_MANY_LOGINS"]
        assert "login" in body["errors"][0]["message"]
    payload = await api.login("an.nv", PASSWORD)  # not locked: no failure was counted
    assert payload["token"]


# --- production switches ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "{ __schema { queryType { name } } }",
        '{ __type(name: "OrgUnit") { name } }',
        "{ orgLevels { code } ... on Query { __schema { types { name } } } }",
    ],
)
async def test_production_refuses_introspection(make_api: Any, api: Api, query: str) -> None:
    prod = make_api(mode=Mode.PRODUCTION)
    body = await prod.post(query)
    assert "data" not in body
    assert "introspection has been disabled" in body["errors"][0]["message"]
    assert set(codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}
    response = await prod.client.post("/graphql", json={"query": query}, headers={"Accept": GRJ})
    assert response.status_code == 400

    assert "errors" not in await api.post(query)  # development keeps it (GraphiQL needs it)


async def test_production_keeps_typename(make_api: Any) -> None:
    body = await make_api(mode=Mode.PRODUCTION).post("{ __typename }")
    assert body == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize(
    "query",
    ["{ orgTre { code } }", "{ orgLevels { cod } }", "{ orgTree(dept: 2) { code } }"],
)
async def test_production_hides_field_suggestions(make_api: Any, api: Api, query: str) -> None:
    dev = await api.post(query)
    assert "Did you mean" in dev["errors"][0]["message"]
    prod = await make_api(mode=Mode.PRODUCTION).post(query)
    message = prod["errors"][0]["message"]
    assert "Did you mean" not in message
    assert message.startswith(dev["errors"][0]["message"].split(" Did you mean")[0])
