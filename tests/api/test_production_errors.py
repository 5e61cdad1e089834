"""Production hides internals on every transport: resolver errors that are not domain
refusals are masked (with the request id) over HTTP, websockets and Server-Sent Events, and
no message suggests a schema name. A subscription sent over plain HTTP is a typed 4xx;
`_service { sdl }` is for the federation router only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from domain.clock import FixedClock
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.settings import Mode
from tests.api.task_factories import TaskWorld, build_task_world
from tests.factories import Api, Province
from tests.realtime import WsClient, serving

SECRET = 'relation "secret_table" does not exist: SELECT password_hash FROM accounts'
MY = "subscription { myNotifications { id cursor } }"
GRJ = "application/graphql-response+json"


def production(container: Container, **update: Any) -> Any:
    settings = container.settings.model_copy(update={"mode": Mode.PRODUCTION, **update})
    return create_app(settings, container)


@pytest.fixture
async def prod(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=production(container), client=("10.1.2.3", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        yield client


@pytest.fixture
async def prod_base(container: Container) -> AsyncIterator[str]:
    async with serving(production(container, relay_poll_seconds=0.2)) as ws_url:
        yield ws_url


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


def _fail_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    from persistence.reading import SqlDirectoryReader

    async def boom(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(SqlDirectoryReader, "levels", boom)


def _fail_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    import resolvers.notifications

    async def boom(*_args: Any, **_kwargs: Any) -> AsyncIterator[Any]:
        raise RuntimeError(SECRET)
        yield  # pragma: no cover - an async generator

    monkeypatch.setattr(resolvers.notifications, "my_notifications", boom)


def assert_masked(error: dict[str, Any]) -> None:
    request_id = error["extensions"]["requestId"]
    assert error["message"] == f"Internal error (request id {request_id})"
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "secret" not in str(error).lower()


async def answer(client: WsClient, op_id: str) -> dict[str, Any]:
    """The next `next` or `error` message of the operation."""
    while True:
        message = await client.receive()
        if message.get("id") == op_id and message["type"] in ("next", "error"):
            return message


# --- suggestions --------------------------------------------------------------------------

FILTER = "query($f: ReflectionFilterInput) { reflections(filter: $f) { totalCount } }"


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ('{ reflections(filter: {serch: "x"}) { totalCount } }', None),
        (FILTER, {"f": {"serch": "x"}}),
        ("{ reflections(filter: {states: [RECIEVED]}) { totalCount } }", None),
        ("{ orgLevels { cod } }", None),
        ("{ orgLevels { code } } fragment F on OrgUnitt { code }", None),
    ],
)
async def test_no_suggestion_anywhere_in_a_production_message(
    prod: httpx.AsyncClient, api: Api, query: str, variables: dict[str, Any] | None
) -> None:
    dev = await api.post(query, variables)
    assert "Did you mean" in str(dev["errors"])  # development helps
    response = await prod.post(
        "/graphql", json={"query": query, "variables": variables}, headers={"Accept": GRJ}
    )
    assert response.status_code == 400
    assert "Did you mean" not in response.text
    assert "search" not in response.text
    assert "RECEIVED" not in response.text


async def test_no_suggestion_over_websockets(
    prod_base: str, world: TaskWorld, container: Container
) -> None:
    client = await WsClient.open(prod_base, (await world.as_("an")).token)
    await client.subscribe("1", "subscription { myNotification { id } }")
    message = await answer(client, "1")
    assert message["type"] == "error"
    assert "myNotification'" in str(message)
    assert "Did you mean" not in str(message)
    await client.subscribe("2", "{ reflections(filter: {serch: 1}) { totalCount } }")
    message = await answer(client, "2")
    assert "serch" in str(message)
    assert "Did you mean" not in str(message)
    await client.close()


# --- internal errors ----------------------------------------------------------------------


async def test_internal_errors_are_masked_over_http(
    prod: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_levels(monkeypatch)
    response = await prod.post("/graphql", json={"query": "{ orgLevels { code } }"})
    assert_masked(response.json()["errors"][0])
    assert (
        response.json()["errors"][0]["extensions"]["requestId"] == response.headers["x-request-id"]
    )


async def test_internal_errors_are_masked_over_websockets(
    prod_base: str, world: TaskWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = await WsClient.open(prod_base, (await world.as_("an")).token)
    _fail_notifications(monkeypatch)
    await client.subscribe("1", MY)
    message = await answer(client, "1")
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert_masked(errors[0])
    _fail_levels(monkeypatch)
    await client.subscribe("2", "{ orgLevels { code } }")
    message = await answer(client, "2")
    assert message["type"] == "next"
    assert_masked(message["payload"]["errors"][0])
    await client.close()


async def test_internal_errors_are_masked_over_sse(
    prod_base: str, world: TaskWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = (await world.as_("an")).token
    _fail_notifications(monkeypatch)
    base = prod_base.replace("ws://", "http://").removesuffix("/graphql")
    async with httpx.AsyncClient(timeout=10) as http:
        response = await http.get(
            f"{base}/events/notifications", headers={"Authorization": f"Bearer {token}"}
        )
    assert "event: error" in response.text
    assert "secret" not in response.text.lower()
    assert "Internal error (request id " in response.text


# --- subscriptions over plain HTTP --------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_a_subscription_over_plain_http_is_a_typed_4xx(
    prod: httpx.AsyncClient, method: str, caplog: pytest.LogCaptureFixture
) -> None:
    if method == "GET":
        response = await prod.get("/graphql", params={"query": MY}, headers={"Accept": GRJ})
    else:
        response = await prod.post("/graphql", json={"query": MY}, headers={"Accept": GRJ})
    assert 400 <= response.status_code < 500
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "SUBSCRIPTION_OVER_HTTP"
    assert "/events/" in error["message"] or "websocket" in error["message"].lower()
    assert not [r for r in caplog.records if r.exc_info], "no traceback in the log"


# --- _service { sdl } ---------------------------------------------------------------------

SDL = "{ _service { sdl } }"


async def test_production_sdl_is_for_the_router_only(
    container: Container, province: Province
) -> None:
    app = production(container, router_token=SecretStr("router-secret-123"))
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as http:
        anonymous = await http.post("/graphql", json={"query": SDL}, headers={"Accept": GRJ})
        wrong = await http.post(
            "/graphql",
            json={"query": SDL},
            headers={"Accept": GRJ, "X-Router-Token": "router-secret-12"},
        )
        router = await http.post(
            "/graphql",
            json={"query": SDL},
            headers={"Accept": GRJ, "X-Router-Token": "router-secret-123"},
        )
        aliased = await http.post(
            "/graphql",
            json={"query": "{ s: _service { sdl } }"},
            headers={"Accept": GRJ},
        )
    for refused in (anonymous, wrong, aliased):
        assert refused.status_code == 400
        assert "type OrgUnit" not in refused.text
        assert refused.json()["errors"][0]["extensions"]["code"] == "ROUTER_ONLY"
    assert "data" in router.json(), router.text
    assert "type OrgUnit" in router.json()["data"]["_service"]["sdl"]


async def test_production_without_a_router_token_serves_no_sdl(prod: httpx.AsyncClient) -> None:
    response = await prod.post(
        "/graphql", json={"query": SDL}, headers={"Accept": GRJ, "X-Router-Token": ""}
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "ROUTER_ONLY"


async def test_development_serves_sdl_to_anyone(api: Api) -> None:
    assert "type OrgUnit" in (await api.data(SDL))["_service"]["sdl"]
