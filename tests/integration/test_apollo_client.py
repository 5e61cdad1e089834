"""A real Apollo Client (Node, @apollo/client) against a real `govgraph serve`: a query
through automatic persisted queries (a miss, the registration, then a hit by hash over
GET) and a batched pair of queries in one HTTP request."""

from __future__ import annotations

from govgraph.container import Container
from tests.factories import build_province
from tests.integration.test_realtime_processes import Server
from tests.node_tools import need_node, run_node


async def test_apollo_client_persisted_queries_and_batching(
    container: Container, migrated: str
) -> None:
    node = need_node("@apollo/client", "graphql")
    await build_province(container)
    server = Server(migrated, "", poll=1)
    try:
        seen = await run_node(node, "apollo_client.mjs", f"{server.http}/graphql")
    finally:
        server.kill()
    apq = seen["apq"]
    miss, register, hit = apq["requests"]
    assert (miss["method"], miss["hasQuery"]) == ("GET", False)
    assert "PERSISTED_QUERY_NOT_FOUND" in miss["codes"]
    assert (register["method"], register["hasQuery"], register["status"]) == ("POST", True, 200)
    assert (hit["method"], hit["hasQuery"], hit["status"]) == ("GET", False, 200)
    assert hit["codes"] == []
    assert {"PROVINCE", "DEPARTMENT"} <= set(apq["first"])
    assert apq["second"] == apq["first"]

    batch = seen["batch"]
    assert len(batch["requests"]) == 1  # the pair went in one request
    assert batch["requests"][0]["batch"] is True
    assert batch["requests"][0]["status"] == 200
    assert batch["levels"] == apq["first"]
    assert batch["unit"]["code"] == "HUE"
