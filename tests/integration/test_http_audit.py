"""The `graphql-http` audit (GraphQL over HTTP) against a real `govgraph serve`: no failure
and no warning."""

from __future__ import annotations

from govgraph.container import Container
from tests.integration.test_realtime_processes import Server
from tests.node_tools import need_node, run_node


async def test_graphql_over_http_audit_passes_clean(container: Container, migrated: str) -> None:
    node = need_node("graphql-http")
    server = Server(migrated, "", poll=1)
    try:
        report = await run_node(node, "audit.mjs", f"{server.http}/graphql")
    finally:
        server.kill()
    assert report["failures"] == []
    assert report["warnings"] == []
    assert report["ok"] == report["total"] > 40
