"""GraphQL over HTTP (draft spec) on /graphql: media types, status codes, refusals as
GraphQL error bodies, body limit, request ids, GraphiQL, error masking and access logs."""

from __future__ import annotations

import io
import json
import logging
import os
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.types import Message

from domain.clock import FixedClock
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.http import graphiql
from govgraph.http.body_limit import BodyLimit
from govgraph.http.negotiation import negotiate
from govgraph.logs import configure_logging
from govgraph.settings import Mode
from tests.factories import LOGIN, PASSWORD, Api, Province

GRJ = "application/graphql-response+json"
JSON = "application/json"
QUERY = "{ orgLevels { code } }"


def client_for(app: Starlette) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5000))
    return httpx.AsyncClient(transport=transport, base_url="http://govgraph.test")


@pytest.fixture
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as client:
        yield client


@pytest.fixture
async def prod(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    settings = container.settings.model_copy(update={"mode": Mode.PRODUCTION})
    async with client_for(create_app(settings, container)) as client:
        yield client


async def post(
    client: httpx.AsyncClient,
    body: Any,
    accept: str | None = GRJ,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    all_headers = {"Content-Type": JSON, **(headers or {})}
    if accept is not None:
        all_headers["Accept"] = accept
    content = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return await client.post("/graphql", content=content, headers=all_headers)


def media(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def error_code(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


# --- content negotiation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),  # no type named: application/json (the graphql-http audit's advice)
        ("", JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        (f"*/*, {GRJ}", JSON),  # equal quality: the range listed first
        (f"{GRJ}, */*", GRJ),
        (GRJ, GRJ),
        (JSON, JSON),  # legacy clients
        (f"{JSON}; charset=utf-8", JSON),
        (f"{GRJ}, {JSON}", GRJ),
        (f"{JSON}, {GRJ}", JSON),  # equal quality: the one listed first
        (f"{GRJ};q=0.5, {JSON}", JSON),
        (f"{JSON};q=0.9, */*;q=0.1", JSON),
        ("text/html, */*;q=0.8", JSON),
        (f"{GRJ}; charset=latin-1, {JSON}", JSON),
        ("text/html", None),
        ("application/xml, text/plain", None),
        (f"{JSON};q=0, {GRJ};q=0", None),
    ],
)
def test_negotiate(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept) == expected


async def test_success_in_graphql_response_json(http: httpx.AsyncClient) -> None:
    response = await post(http, {"query": QUERY})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GRJ}; charset=utf-8"
    assert response.json() == {"data": {"orgLevels": response.json()["data"]["orgLevels"]}}
    assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize(
    ("accept", "expected"), [(None, JSON), ("*/*", JSON), (GRJ, GRJ), (JSON, JSON)]
)
async def test_answers_in_the_negotiated_media_type(
    http: httpx.AsyncClient, accept: str | None, expected: str
) -> None:
    response = await post(http, {"query": QUERY}, accept=accept)
    assert response.status_code == 200
    assert media(response) == expected


async def test_unacceptable_accept_is_406(http: httpx.AsyncClient) -> None:
    response = await post(http, {"query": QUERY}, accept="text/html")
    assert response.status_code == 406
    assert media(response) == JSON
    assert error_code(response) == "NOT_ACCEPTABLE"
    assert GRJ in response.json()["errors"][0]["message"]


# --- status codes for request errors ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"query": "{ orgLevels { code "}, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ noSuchField }"}, "GRAPHQL_VALIDATION_FAILED"),
        ({"query": "query A { orgLevels { code } } query B { orgLevels { code } }"}, None),
        (
            {"query": "query T($d: Int!) { orgTree(depth: $d) { code } }", "variables": {"d": "x"}},
            None,
        ),
        ({"query": "query T($d: Int!) { orgTree(depth: $d) { code } }"}, None),
    ],
    ids=["parse", "validation", "operation-undetermined", "variable-coercion", "variable-missing"],
)
async def test_request_errors_are_400_with_graphql_response_json(
    http: httpx.AsyncClient, body: dict[str, Any], code: str | None
) -> None:
    response = await post(http, body)
    assert response.status_code == 400, response.text
    assert media(response) == GRJ
    payload = response.json()
    assert "data" not in payload  # request errors: the operation was not executed
    assert payload["errors"][0]["message"]
    if code:
        assert payload["errors"][0]["extensions"]["code"] == code


async def test_operation_name_selects_among_several(http: httpx.AsyncClient) -> None:
    query = "query A { orgLevels { code } } query B { orgTree { code } }"
    response = await post(http, {"query": query, "operationName": "B"})
    assert response.status_code == 200
    assert response.json() == {"data": {"orgTree": None}}
    unknown = await post(http, {"query": query, "operationName": "C"})
    assert unknown.status_code == 400
    assert media(unknown) == GRJ


@pytest.mark.parametrize(
    "query", ["{ orgLevels { code ", "{ noSuchField }"], ids=["parse", "validation"]
)
async def test_request_errors_stay_200_for_legacy_application_json(
    http: httpx.AsyncClient, query: str
) -> None:
    response = await post(http, {"query": query}, accept=JSON)
    assert response.status_code == 200
    assert media(response) == JSON
    assert response.json()["errors"]
    assert "data" not in response.json()


@pytest.mark.parametrize("accept", [GRJ, JSON])
async def test_field_errors_are_200(http: httpx.AsyncClient, accept: str) -> None:
    response = await post(
        http, {"query": '{ orgLevels { code } orgUnit(id: "not-an-id") { code } }'}, accept=accept
    )
    assert response.status_code == 200
    payload = response.json()
    assert payload["data"]["orgLevels"] is not None
    assert payload["data"]["orgUnit"] is None
    assert payload["errors"][0]["path"] == ["orgUnit"]


@pytest.mark.parametrize(
    "body",
    [
        b"NONSENSE",
        b'{"query":',
        {"qeury": "{ __typename }"},
        {"query": None},
        {"query": 42},
        {"query": QUERY, "variables": [7]},
        {"query": QUERY, "variables": "{}"},
        {"query": QUERY, "operationName": 5},
        {"query": QUERY, "extensions": [1]},
        [{"query": QUERY}, 5],  # a batch is allowed (Apollo), a malformed one is not
        b"null",
        b'"{ __typename }"',
    ],
    ids=[
        "not-json",
        "truncated-json",
        "missing-query",
        "null-query",
        "query-not-string",
        "variables-list",
        "variables-string",
        "operation-name-not-string",
        "extensions-not-object",
        "malformed-batch",
        "json-null",
        "json-string",
    ],
)
@pytest.mark.parametrize("accept", [GRJ, JSON])
async def test_malformed_requests_are_400(http: httpx.AsyncClient, body: Any, accept: str) -> None:
    response = await post(http, body, accept=accept)
    assert response.status_code == 400, response.text
    assert media(response) == accept
    assert error_code(response) == "BAD_REQUEST"


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/graphql",
        "application/json; charset=latin-1",
        "",
    ],
)
async def test_unsupported_content_type_is_415(http: httpx.AsyncClient, content_type: str) -> None:
    headers = {"Accept": GRJ}
    if content_type:
        headers["Content-Type"] = content_type
    response = await http.post("/graphql", content=json.dumps({"query": QUERY}), headers=headers)
    assert response.status_code == 415
    assert error_code(response) == "UNSUPPORTED_MEDIA_TYPE"


async def test_json_with_charset_is_accepted(http: httpx.AsyncClient) -> None:
    response = await post(
        http, {"query": QUERY}, headers={"Content-Type": "application/json; charset=UTF-8"}
    )
    assert response.status_code == 200


# --- GET ----------------------------------------------------------------------------------


async def test_get_runs_queries(http: httpx.AsyncClient) -> None:
    params = {
        "query": "query T($d: Int!) { orgTree(depth: $d) { code } }",
        "variables": json.dumps({"d": 1}),
        "operationName": "",
    }
    response = await http.get("/graphql", params=params, headers={"Accept": GRJ})
    assert response.status_code == 200, response.text
    assert media(response) == GRJ
    assert response.json() == {"data": {"orgTree": None}}


async def test_get_mutation_is_405_allow_post(http: httpx.AsyncClient) -> None:
    params = {"query": "mutation { logout { ok } }"}
    for accept in (GRJ, JSON):
        response = await http.get("/graphql", params=params, headers={"Accept": accept})
        assert response.status_code == 405
        assert response.headers["allow"] == "POST"
        assert error_code(response) == "METHOD_NOT_ALLOWED"


async def test_get_picks_the_mutation_by_operation_name(http: httpx.AsyncClient) -> None:
    query = "query Q { orgLevels { code } } mutation M { logout { ok } }"
    ok = await http.get("/graphql", params={"query": query, "operationName": "Q"})
    assert ok.status_code == 200
    refused = await http.get("/graphql", params={"query": query, "operationName": "M"})
    assert refused.status_code == 405


async def test_get_with_malformed_variables_is_400(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": QUERY, "variables": "{nope"})
    assert response.status_code == 400
    assert error_code(response) == "BAD_REQUEST"


async def test_other_methods_are_405_with_json_body(http: httpx.AsyncClient) -> None:
    response = await http.put("/graphql", content=b"{}", headers={"Content-Type": JSON})
    assert response.status_code == 405
    assert error_code(response) == "METHOD_NOT_ALLOWED"


async def test_routing_refusals_are_json_too(http: httpx.AsyncClient) -> None:
    missing = await http.get("/nowhere")
    assert missing.status_code == 404
    assert error_code(missing) == "NOT_FOUND"
    wrong = await http.get("/media")  # the store takes uploads only
    assert wrong.status_code == 405
    assert error_code(wrong) == "METHOD_NOT_ALLOWED"
    assert wrong.headers["allow"] == "POST"


# --- credentials --------------------------------------------------------------------------


@pytest.mark.parametrize("accept", [GRJ, JSON])
async def test_invalid_token_is_401_json(http: httpx.AsyncClient, accept: str) -> None:
    response = await post(
        http, {"query": QUERY}, accept=accept, headers={"Authorization": "Bearer forged"}
    )
    assert response.status_code == 401
    assert media(response) == accept
    assert response.json() == {
        "errors": [
            {
                "message": "Invalid, expired or revoked credentials",
                "extensions": {"code": "UNAUTHENTICATED"},
            }
        ]
    }
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_invalid_api_key_is_401(http: httpx.AsyncClient) -> None:
    response = await post(http, {"query": QUERY}, headers={"X-API-Key": "nope"})
    assert response.status_code == 401
    assert error_code(response) == "UNAUTHENTICATED"


async def test_expired_and_revoked_tokens_are_401(
    http: httpx.AsyncClient, province: Province, clock: FixedClock
) -> None:
    login = await post(
        http, {"query": LOGIN, "variables": {"login": "an.nv", "password": PASSWORD}}
    )
    token = login.json()["data"]["login"]["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert (await post(http, {"query": QUERY}, headers=bearer)).status_code == 200

    logout = await post(http, {"query": "mutation { logout { ok } }"}, headers=bearer)
    assert logout.json()["data"]["logout"]["ok"] is True
    revoked = await post(http, {"query": QUERY}, headers=bearer)
    assert revoked.status_code == 401
    assert error_code(revoked) == "UNAUTHENTICATED"

    login = await post(
        http, {"query": LOGIN, "variables": {"login": "an.nv", "password": PASSWORD}}
    )
    bearer = {"Authorization": f"Bearer {login.json()['data']['login']['token']}"}
    clock.instant += timedelta(days=31)
    expired = await post(http, {"query": QUERY}, headers=bearer)
    assert expired.status_code == 401
    assert error_code(expired) == "UNAUTHENTICATED"


# --- request ids --------------------------------------------------------------------------


async def test_request_id_is_generated_or_kept(http: httpx.AsyncClient) -> None:
    generated = await post(http, {"query": QUERY})
    assert len(generated.headers["x-request-id"]) == 32
    kept = await post(http, {"query": QUERY}, headers={"X-Request-ID": "abc-123"})
    assert kept.headers["x-request-id"] == "abc-123"
    unsafe = await post(http, {"query": QUERY}, headers={"X-Request-ID": 'a b"c{}'})
    assert unsafe.headers["x-request-id"] != 'a b"c{}'
    refused = await post(http, {"query": QUERY}, accept="text/html")
    assert refused.headers["x-request-id"]


# --- body limit ---------------------------------------------------------------------------


@pytest.fixture
async def small(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    settings = container.settings.model_copy(update={"max_body_bytes": 200})
    async with client_for(create_app(settings, container)) as client:
        yield client


def _padded(size: int) -> bytes:
    body = json.dumps({"query": QUERY, "extensions": {"pad": ""}})
    return json.dumps({"query": QUERY, "extensions": {"pad": "x" * (size - len(body))}}).encode()


async def test_body_within_limit_is_served(small: httpx.AsyncClient) -> None:
    body = _padded(200)
    assert len(body) == 200
    response = await post(small, body)
    assert response.status_code == 200, response.text


async def test_declared_body_over_limit_is_413(small: httpx.AsyncClient) -> None:
    response = await post(small, _padded(201))
    assert response.status_code == 413
    assert error_code(response) == "PAYLOAD_TOO_LARGE"
    assert response.headers["x-request-id"]


async def test_streamed_body_over_limit_is_413(small: httpx.AsyncClient) -> None:
    body = _padded(400)

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 50):
            yield body[start : start + 50]

    response = await small.post(
        "/graphql", content=chunks(), headers={"Content-Type": JSON, "Accept": GRJ}
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert error_code(response) == "PAYLOAD_TOO_LARGE"


async def test_body_limit_stops_a_body_longer_than_declared() -> None:
    """The middleware alone: a lying client sending more than it declared is stopped."""
    read: list[int] = []

    async def reader(scope: Any, receive: Any, send: Any) -> None:
        more = True
        while more:
            message = await receive()
            read.append(len(message.get("body", b"")))
            more = message.get("more_body", False)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    chunks = [b"x" * 60] * 5
    messages = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
        for i, c in enumerate(chunks)
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return messages.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    headers = [(b"content-length", b"100")]
    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    await BodyLimit(reader, max_bytes=150)(scope, receive, send)
    assert sent[0]["status"] == 413
    assert sum(read) <= 150  # stopped at the chunk that went over
    assert json.loads(sent[1]["body"])["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_malformed_content_length_is_400() -> None:
    sent: list[Message] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("not reached")

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "headers": [(b"content-length", b"12abc")]}
    await BodyLimit(app, max_bytes=10)(scope, None, send)  # type: ignore[arg-type]
    assert sent[0]["status"] == 400


# --- GraphiQL and production masking ----------------------------------------------------


async def test_graphiql_in_development_only(
    http: httpx.AsyncClient, prod: httpx.AsyncClient
) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    dev = await http.get("/graphql", headers=browser)
    if graphiql.installed() or os.environ.get("CI") == "true":
        assert dev.status_code == 200
    else:  # no npm on this machine: a clear page says how to install GraphiQL's files
        assert dev.status_code == 503
        assert "npm" in dev.text
    assert dev.headers["content-type"].startswith("text/html")
    assert "graphiql" in dev.text.lower()

    production = await prod.get("/graphql", headers=browser)
    assert production.status_code == 400
    assert "graphiql" not in production.text.lower()
    assert error_code(production) == "BAD_REQUEST"


async def test_api_clients_never_get_graphiql(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", headers={"Accept": "*/*"})
    assert response.status_code == 400
    assert media(response) == JSON


def _fail_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    from persistence.reading import SqlDirectoryReader

    async def boom(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("connection to db-secret-host:5432 refused")

    monkeypatch.setattr(SqlDirectoryReader, "levels", boom)


async def test_production_masks_unexpected_errors_with_the_request_id(
    prod: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_levels(monkeypatch)
    response = await post(prod, {"query": QUERY})
    assert response.status_code == 200  # a field error
    request_id = response.headers["x-request-id"]
    error = response.json()["errors"][0]
    assert error["message"] == f"Internal error (request id {request_id})"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    assert "db-secret-host" not in response.text


async def test_development_shows_unexpected_errors(
    http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_levels(monkeypatch)
    response = await post(http, {"query": QUERY})
    error = response.json()["errors"][0]
    assert "db-secret-host" in error["message"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"


async def test_unhandled_exception_is_json_500_with_request_id(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(**_kwargs: Any) -> Any:
        raise RuntimeError("redis-secret-host unreachable")

    settings = container.settings.model_copy(update={"mode": Mode.PRODUCTION})
    app = create_app(settings, container)
    monkeypatch.setattr(container, "request_context", boom)
    async with client_for(app) as client:
        response = await post(client, {"query": QUERY})
    assert response.status_code == 500
    request_id = response.headers["x-request-id"]
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert request_id in response.json()["errors"][0]["message"]
    assert "redis-secret-host" not in response.text


# --- logs ---------------------------------------------------------------------------------


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    buffer = io.StringIO()
    configure_logging("INFO", stream=buffer)
    yield buffer
    configure_logging("INFO")


def _records(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


async def test_one_access_log_line_per_request_without_secrets(
    http: httpx.AsyncClient, province: Province, log_lines: io.StringIO
) -> None:
    api = Api(http)
    await api.login("an.nv")
    assert api.token
    log_lines.truncate(0)
    log_lines.seek(0)

    response = await http.post(
        "/graphql",
        json={
            "query": "query Levels { orgLevels { code } }",
            "operationName": "Levels",
            "variables": {"x": PASSWORD},
        },
        headers={"Authorization": f"Bearer {api.token}", "X-Request-ID": "req-42"},
    )
    assert response.status_code == 200
    records = _records(log_lines)
    access = [r for r in records if r["logger"] == "govgraph.access"]
    assert len(access) == 1
    line = access[0]
    assert line["method"] == "POST"
    assert line["path"] == "/graphql"
    assert line["status"] == 200
    assert line["request_id"] == "req-42"
    assert line["operation"] == "Levels"
    assert isinstance(line["duration_ms"], float | int)
    assert line["level"] == "INFO"
    assert all(r["request_id"] == "req-42" for r in records)
    text = log_lines.getvalue()
    assert api.token not in text
    assert PASSWORD not in text
    assert "orgLevels" not in text  # never the body


async def test_every_log_line_carries_the_request_id(
    prod: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, log_lines: io.StringIO
) -> None:
    _fail_levels(monkeypatch)
    response = await post(prod, {"query": QUERY}, headers={"X-Request-ID": "req-err"})
    assert response.status_code == 200
    records = _records(log_lines)
    assert {r["logger"] for r in records} >= {"govgraph.errors", "govgraph.access"}
    assert all(r["request_id"] == "req-err" for r in records)
    error = next(r for r in records if r["logger"] == "govgraph.errors")
    assert error["level"] == "ERROR"
    assert "db-secret-host" in error["exc_info"]  # the operator sees the cause


async def test_refused_requests_are_logged(
    small: httpx.AsyncClient, log_lines: io.StringIO
) -> None:
    await post(small, _padded(500))
    access = [r for r in _records(log_lines) if r["logger"] == "govgraph.access"]
    assert [r["status"] for r in access] == [413]


def test_logs_outside_requests_have_a_placeholder_id(log_lines: io.StringIO) -> None:
    logging.getLogger("govgraph.test").warning("hello %s", "world")
    (record,) = _records(log_lines)
    assert record["message"] == "hello world"
    assert record["request_id"] == "-"
    assert record["level"] == "WARNING"


async def test_start_up_freezes_the_heap_once(
    container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr("govgraph.app.freeze_startup_heap", lambda: calls.append("froze") or 0)
    web = create_app(container.settings, container)
    async with web.router.lifespan_context(web):
        assert calls == ["froze"]
    assert calls == ["froze"]
