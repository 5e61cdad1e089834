"""`@defer` over HTTP with ENABLE_DEFER (Strawberry's experimental incremental delivery,
one schema per process, so a server of its own): the answer is multipart/mixed and the
deferred fragment comes in a later part. The errors of deferred parts are shaped like any
other (masked in production). Without the setting the schema has no @defer."""

from __future__ import annotations

import json
from typing import Any

import httpx
from graphql import GraphQLError
from graphql.execution.types import (
    CompletedResult,
    IncrementalDeferResult,
    SubsequentIncrementalExecutionResult,
)

from govgraph.app import create_app
from govgraph.container import Container
from schema.errors import shape_incremental
from tests.factories import Api, build_province
from tests.integration.test_realtime_processes import Server

ACCEPT = "multipart/mixed;deferSpec=20220824, application/graphql-response+json, application/json"
DEFERRED = '{ orgLevels { code } ... @defer(label: "unit") { orgUnit(code: "HUE") { name } } }'


def parts(text: str) -> list[dict[str, Any]]:
    """The JSON payloads of a multipart/mixed answer, in order."""
    found = []
    for chunk in text.split("\r\n\r\n")[1:]:
        body = chunk.split("\r\n--")[0].strip()
        if body.startswith("{"):
            found.append(json.loads(body))
    return found


async def test_a_deferred_fragment_comes_in_a_later_part(
    container: Container, migrated: str
) -> None:
    await build_province(container)
    server = Server(migrated, "", poll=1, extra_env={"ENABLE_DEFER": "true"})
    try:
        async with httpx.AsyncClient(base_url=server.http, timeout=30) as http:
            response = await http.post(
                "/graphql", json={"query": DEFERRED}, headers={"Accept": ACCEPT}
            )
    finally:
        server.kill()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("multipart/mixed")
    first, *later = parts(response.text)
    assert "orgLevels" in first["data"]
    assert "orgUnit" not in first["data"]
    assert first["hasNext"] is True
    assert later[-1]["hasNext"] is False
    deferred = [item for part in later for item in part.get("incremental", [])]
    assert deferred[0]["data"]["orgUnit"]["name"].startswith("Ủy ban")


def test_errors_of_deferred_parts_are_shaped() -> None:
    internal = GraphQLError("boom", original_error=RuntimeError("db-secret-host refused"))
    hint = GraphQLError("Cannot query field 'nme'. Did you mean 'name'?")
    value = SubsequentIncrementalExecutionResult(
        incremental=[IncrementalDeferResult(data=None, id="0", errors=[internal])],
        completed=[CompletedResult(id="1", errors=[hint])],
    )
    shape_incremental(value, production=True, request_id="r-1")
    assert value.incremental is not None
    assert value.completed is not None
    masked = value.incremental[0].errors
    assert masked is not None
    assert masked[0].message == "Internal error (request id r-1)"
    assert masked[0].extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "r-1"}
    stripped = value.completed[0].errors
    assert stripped is not None
    assert "Did you mean" not in stripped[0].message


async def test_without_the_setting_there_is_no_defer(container: Container) -> None:
    transport = httpx.ASGITransport(app=create_app(container.settings, container))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as http:
        body = await Api(http).post(DEFERRED)
    assert "Unknown directive '@defer'" in body["errors"][0]["message"]
