"""Runs one query through the compiled path and through the field path, as the same caller
on the same data, and compares the answers after canonical encoding."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx

from govgraph.app import create_app
from govgraph.container import Container
from persistence.database import StatementCounter

COMPILED_MARKERS = ("json_build_object", "json_object")


def canonical(body: dict[str, Any]) -> str:
    """The answer as compact JSON, keys in the order answered."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Paths:
    """Two clients over the same database: compiled reads on, and off."""

    compiled: httpx.AsyncClient
    field: httpx.AsyncClient
    compiled_container: Container
    field_container: Container
    last: list[str] = dataclasses.field(default_factory=list)
    """The statements the compiled side ran for the last `both`."""

    async def both(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[dict[str, Any], dict[str, Any], bool]:
        """(compiled answer, field-path answer, whether the compiled path answered)."""
        payload = {"query": query, "variables": variables or {}}
        sent = {"Accept": "application/json", **(headers or {})}
        for container in (self.compiled_container, self.field_container):
            container.result_cache.clear()
        with StatementCounter(self.compiled_container.engine) as counter:
            fast = await self.compiled.post("/graphql", json=payload, headers=sent)
        slow = await self.field.post("/graphql", json=payload, headers=sent)
        self.last = list(counter.statements)
        used = any(m in s for s in counter.statements for m in COMPILED_MARKERS)
        return fast.json(), slow.json(), used


async def paths(container: Container) -> AsyncIterator[Paths]:
    """The two clients; the field path's container shares the database."""
    off = Container.from_settings(
        container.settings.model_copy(update={"compiled_reads": False}), clock=container.clock
    )
    apps = (create_app(container.settings, container), create_app(off.settings, off))
    clients = [
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, client=("10.9.8.7", 5000)),
            base_url="http://govgraph.test",
        )
        for app in apps
    ]
    try:
        yield Paths(clients[0], clients[1], container, off)
    finally:
        for client in clients:
            await client.aclose()
        await off.dispose()
