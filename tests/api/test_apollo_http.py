"""Apollo's conventions at /graphql: automatic persisted queries (a miss, then the query
registered with its hash, then hits, over POST and GET), shared through Redis; trusted
documents in production; batches of operations in a JSON array."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from govgraph.app import create_app
from govgraph.container import Container
from govgraph.settings import Mode
from tests.factories import Province

GRJ = "application/graphql-response+json"
JSON = "application/json"


def fresh_query() -> str:
    """A document no earlier run registered (Redis outlives a test run)."""
    return f"query Levels{uuid.uuid4().hex} {{ orgLevels {{ code }} }}"


def sha(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def persisted(digest: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def client_of(container: Container, **update: Any) -> httpx.AsyncClient:
    settings = container.settings.model_copy(update=update)
    transport = httpx.ASGITransport(app=create_app(settings, container), client=("10.1.2.3", 1))
    return httpx.AsyncClient(transport=transport, base_url="http://govgraph.test")


@pytest.fixture
async def http(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(container, redis_url=None) as client:
        yield client


async def post(client: httpx.AsyncClient, body: Any, accept: str = JSON) -> httpx.Response:
    return await client.post("/graphql", json=body, headers={"Accept": accept})


def codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", [])]


# --- automatic persisted queries ----------------------------------------------------------


async def test_a_miss_then_registration_then_hits(http: httpx.AsyncClient) -> None:
    query = fresh_query()
    miss = await post(http, {"extensions": persisted(sha(query))})
    assert miss.status_code == 200  # application/json: request errors stay 200
    assert miss.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    as_grj = await post(http, {"extensions": persisted(sha(query))}, accept=GRJ)
    assert as_grj.status_code == 400
    registered = await post(http, {"query": query, "extensions": persisted(sha(query))})
    assert "orgLevels" in registered.json()["data"]
    hit = await post(http, {"extensions": persisted(sha(query))})
    assert hit.json()["data"] == registered.json()["data"]
    params = {"extensions": json.dumps(persisted(sha(query)))}
    over_get = await http.get("/graphql", params=params, headers={"Accept": JSON})
    assert over_get.status_code == 200
    assert over_get.json()["data"] == registered.json()["data"]


async def test_a_query_that_does_not_match_its_hash_is_refused(http: httpx.AsyncClient) -> None:
    query = fresh_query()
    other = fresh_query()
    response = await post(http, {"query": query, "extensions": persisted(sha(other))})
    assert codes(response.json()) == ["PERSISTED_QUERY_HASH_MISMATCH"]
    assert "data" not in response.json()
    miss = await post(http, {"extensions": persisted(sha(other))})
    assert codes(miss.json()) == ["PERSISTED_QUERY_NOT_FOUND"]  # nothing was registered
    bad = await post(http, {"extensions": persisted("not-a-hash")})
    assert codes(bad.json()) == ["BAD_REQUEST"]


async def test_the_in_process_store_is_bounded(container: Container) -> None:
    queries = [fresh_query() for _ in range(3)]
    async with client_of(container, redis_url=None, persisted_query_cache_size=2) as http:
        for query in queries:
            await post(http, {"query": query, "extensions": persisted(sha(query))})
        first = await post(http, {"extensions": persisted(sha(queries[0]))})
        last = await post(http, {"extensions": persisted(sha(queries[2]))})
    assert codes(first.json()) == ["PERSISTED_QUERY_NOT_FOUND"]  # the oldest went
    assert "data" in last.json()


async def test_processes_share_registrations_through_redis(container: Container) -> None:
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("CI") == "true":
            url = "redis://127.0.0.1:6379/0"
        else:
            pytest.skip("REDIS_URL is not set")
    query = fresh_query()
    async with (
        client_of(container, redis_url=url) as one,
        client_of(container, redis_url=url) as two,
    ):
        await post(one, {"query": query, "extensions": persisted(sha(query))})
        hit = await post(two, {"extensions": persisted(sha(query))})
    assert "orgLevels" in hit.json()["data"]


# --- trusted documents --------------------------------------------------------------------

TRUSTED = "query Levels { orgLevels { code } }"
OTHER = "query Codes { orgLevels { code name } }"


def apollo_manifest(path: Path) -> Path:
    operations = [{"id": sha(TRUSTED), "name": "Levels", "type": "query", "body": TRUSTED}]
    manifest = {"format": "apollo-persisted-query-manifest", "version": 1}
    path.write_text(json.dumps({**manifest, "operations": operations}))
    return path


def codegen_manifest(path: Path) -> Path:
    path.write_text(json.dumps({sha(TRUSTED): TRUSTED}))
    return path


@pytest.mark.parametrize("manifest", [apollo_manifest, codegen_manifest])
async def test_production_runs_only_trusted_documents(
    container: Container, tmp_path: Path, manifest: Any
) -> None:
    path = manifest(tmp_path / "manifest.json")
    production = {"mode": Mode.PRODUCTION, "trusted_documents": path, "redis_url": None}
    async with client_of(container, **production) as http:
        by_hash = await post(http, {"extensions": persisted(sha(TRUSTED))})
        by_id = await post(http, {"documentId": f"sha256:{sha(TRUSTED)}"})
        in_full = await post(http, {"query": TRUSTED})
        other = await post(http, {"query": OTHER})
        registering = await post(http, {"query": OTHER, "extensions": persisted(sha(OTHER))})
        unknown = await post(http, {"extensions": persisted(sha(OTHER))})
    for allowed in (by_hash, by_id, in_full):
        assert "orgLevels" in allowed.json()["data"], allowed.text
    assert codes(other.json()) == ["DOCUMENT_NOT_TRUSTED"]
    assert codes(registering.json()) == ["DOCUMENT_NOT_TRUSTED"]
    assert codes(unknown.json()) == ["PERSISTED_QUERY_NOT_FOUND"]


async def test_development_ignores_the_allow_list(container: Container, tmp_path: Path) -> None:
    path = codegen_manifest(tmp_path / "manifest.json")
    async with client_of(container, trusted_documents=path, redis_url=None) as http:
        assert "data" in (await post(http, {"query": OTHER})).json()


# --- batching -----------------------------------------------------------------------------


async def test_a_batch_answers_each_operation(http: httpx.AsyncClient, province: Province) -> None:
    batch = [
        {"query": "{ orgLevels { code } }"},
        {"query": "{ orgLevels { nope } }"},
        {"query": "query($c: String!) { orgUnit(code: $c) { name } }", "variables": {"c": "HUE"}},
        {"extensions": persisted(sha(fresh_query()))},
    ]
    response = await post(http, batch, accept=GRJ)
    assert response.status_code == 200
    answers = response.json()
    assert isinstance(answers, list)
    assert len(answers) == 4
    assert "orgLevels" in answers[0]["data"]
    assert codes(answers[1]) == ["GRAPHQL_VALIDATION_FAILED"]
    assert "data" not in answers[1]
    assert answers[2]["data"]["orgUnit"]["name"].startswith("Ủy ban")
    assert codes(answers[3]) == ["PERSISTED_QUERY_NOT_FOUND"]


async def test_a_batch_has_a_size_limit(container: Container) -> None:
    async with client_of(container, max_batch_size=2, redis_url=None) as http:
        response = await post(http, [{"query": "{ __typename }"}] * 3)
        assert response.status_code == 400
        assert codes(response.json()) == ["BATCH_TOO_LARGE"]
        assert (await post(http, [])).status_code == 400
        two = await post(http, [{"query": "{ __typename }"}] * 2)
        assert two.json() == [{"data": {"__typename": "Query"}}] * 2


async def test_a_malformed_operation_refuses_the_batch(http: httpx.AsyncClient) -> None:
    refused = await post(http, [{"query": "{ __typename }"}, "not an operation"])
    assert refused.status_code == 400
