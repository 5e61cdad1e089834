"""Concurrent clients taking work through whole flows on PostgreSQL: no internal error, no
deadlock that reaches a caller, and the counts kept on write equal a full recount.

Four clients each take field reports of the same commune and category through submit,
distribute, accept, submit result, approve and publish at once, so their commits move the
same statistics and feed cells and take the outbox lock together.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from govgraph.container import Container
from tests.api.reflection_factories import (
    LOGINS,
    REFLECTION,
    ReflectionWorld,
    build_reflection_world,
    report_input,
    step_mutation,
)
from tests.factories import PASSWORD, Api
from tests.recount import kept_and_recounted

CLIENTS = 4
REPORTS_PER_CLIENT = 50
RESULT = "Đã thay 3 bóng đèn hỏng trên đường Nguyễn Huệ, đèn sáng bình thường từ tối nay."
SUBMIT = f"""
mutation Submit($input: SubmitReflectionInput!) {{
  submitReflection(input: $input) {{ reflection {{ {REFLECTION} }} errors {{ code message }} }}
}}
"""
STEPS: list[tuple[str, str, str, str, dict[str, Any]]] = [
    ("ioc", "distributeReflection", "", "", {}),
    ("giang", "acceptReflection", "", "", {}),
    (
        "giang",
        "submitReflectionResult",
        ", result: $result",
        ", $result: String!",
        {"result": RESULT},
    ),
    ("an", "approveReflectionResult", "", "", {}),
    ("ioc", "publishReflection", "", "", {}),
]


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    if not container.settings.database_url.startswith("postgresql"):
        pytest.skip("concurrent writers are serialised on SQLite; this runs on PostgreSQL")
    return await build_reflection_world(container, api)


async def _client(app: Starlette, role: str) -> Api:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
    api = Api(client)
    await api.login(LOGINS[role], PASSWORD)
    return api


async def _worker(
    app: Starlette, world: ReflectionWorld, n: int, failures: list[str]
) -> list[dict[str, Any]]:
    """One client: its own sign-ins, REPORTS_PER_CLIENT reports through the whole flow."""
    clients = {role: await _client(app, role) for role in ("ioc", "giang", "an")}
    done: list[dict[str, Any]] = []
    try:
        for i in range(REPORTS_PER_CLIENT):
            body = await clients["ioc"].post(
                SUBMIT, {"input": report_input(world, channel="HOTLINE", address=f"{n}-{i}")}
            )
            report = _payload(body, "submitReflection", failures)
            for role, name, args, params, extra in STEPS:
                if report is None:
                    break
                body = await clients[role].post(
                    step_mutation(name, args, params),
                    {"id": report["id"], "version": report["version"], **extra},
                )
                report = _payload(body, name, failures)
            if report is not None:
                done.append(report)
    finally:
        for api in clients.values():
            await api.client.aclose()
    return done


def _payload(body: dict[str, Any], name: str, failures: list[str]) -> dict[str, Any] | None:
    if "errors" in body:
        failures.append(f"{name}: {body['errors']}")
        return None
    payload = body["data"][name]
    if payload["errors"]:
        failures.append(f"{name}: {payload['errors']}")
        return None
    found: dict[str, Any] = payload["reflection"]
    return found


async def test_four_clients_take_reports_through_the_whole_flow_at_once(
    app: Starlette, container: Container, world: ReflectionWorld
) -> None:
    failures: list[str] = []
    results = await asyncio.gather(*(_worker(app, world, n, failures) for n in range(CLIENTS)))
    assert failures == []
    published = [r for batch in results for r in batch]
    assert len(published) == CLIENTS * REPORTS_PER_CLIENT
    assert {r["state"] for r in published} == {"PUBLISHED"}
    kept, recounted = await kept_and_recounted(container)
    assert kept == recounted
    assert kept["reflection_feed_days"], "the published reports are in the feed's counts"
