"""Prometheus metrics: what is counted, and who may read /metrics (a token, else direct
callers on this machine only)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from starlette.applications import Starlette

from domain.clock import FixedClock
from domain.notifications.channels import Channel, Message
from domain.tasks.workflow import Action
from govgraph import metrics
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.metrics import REGISTRY, operation_label
from govgraph.notifiers import Counted
from govgraph.worker_metrics import serve_metrics
from subscriptions.scheduler import Scheduler
from tests.api.task_factories import build_task_world
from tests.factories import Api
from tests.realtime import WsClient, free_port, listening, serving

JSON = {"Accept": "application/json"}


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
async def local(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """A client on this machine (loopback), as a scraper next to the process is."""
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        yield client


async def test_graphql_requests_are_counted_by_operation_and_outcome(
    local: httpx.AsyncClient,
) -> None:
    requests = "govgraph_graphql_requests_total"
    before = {
        outcome: value(requests, operation="MetricsProbe", outcome=outcome)
        for outcome in metrics.OUTCOMES
    }
    seconds = value("govgraph_graphql_request_duration_seconds_count", operation="MetricsProbe")
    queries = [
        "query MetricsProbe { orgLevels { code } }",  # ok
        'query MetricsProbe { orgUnit(id: "bogus") { code } }',  # a field error
        "query MetricsProbe { orgLevels { nope } }",  # fails validation
    ]
    for query in queries:
        await local.post("/graphql", json={"query": query}, headers=JSON)
    for outcome in metrics.OUTCOMES:
        assert value(requests, operation="MetricsProbe", outcome=outcome) == before[outcome] + 1
    assert (
        value("govgraph_graphql_request_duration_seconds_count", operation="MetricsProbe")
        == seconds + 3
    )
    text = (await local.get("/metrics")).text
    assert 'govgraph_graphql_requests_total{operation="MetricsProbe",outcome="ok"}' in text
    assert "govgraph_db_pool_size" in text
    assert "govgraph_db_pool_checked_out" in text
    assert 'govgraph_http_request_duration_seconds_count{route="graphql",status="2xx"}' in text


async def test_refused_requests_count_as_request_errors(local: httpx.AsyncClient) -> None:
    labels = {"operation": "anonymous", "outcome": "request_error"}
    before = value("govgraph_graphql_requests_total", **labels)
    response = await local.post("/graphql", content=b"query=1", headers={"Content-Type": "text/x"})
    assert response.status_code == 415
    assert value("govgraph_graphql_requests_total", **labels) == before + 1


async def test_operation_labels_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics, "_operations", set())
    monkeypatch.setattr(metrics, "MAX_OPERATIONS", 3)
    assert operation_label(None, "query Dashboard { orgTree { code } }") == "Dashboard"
    assert operation_label(None, "{ orgTree { code } }") == "anonymous"
    assert operation_label("drop table; --") == "other"
    assert [operation_label(f"Op{i}") for i in range(4)] == ["Op0", "Op1", "other", "other"]
    assert operation_label("Dashboard") == "Dashboard"  # known names keep their label


async def test_anonymous_remote_callers_are_refused(api: Api) -> None:
    response = await api.client.get("/metrics")  # from 10.1.2.3
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "govgraph_graphql" not in response.text


async def test_a_request_through_a_proxy_is_refused_even_from_loopback(
    local: httpx.AsyncClient,
) -> None:
    for header in ("X-Forwarded-For", "X-Real-IP", "Forwarded"):
        response = await local.get("/metrics", headers={header: "203.0.113.9"})
        assert response.status_code == 403, header


async def test_with_a_token_only_its_bearer_reads_the_metrics(container: Container) -> None:
    container.settings = container.settings.model_copy(
        update={"metrics_token": SecretStr("scrape-me-please")}
    )
    app = create_app(container.settings, container)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        assert (await client.get("/metrics")).status_code == 401
        wrong = {"Authorization": "Bearer guess"}
        assert (await client.get("/metrics", headers=wrong)).status_code == 401
        right = {"Authorization": "Bearer scrape-me-please", "X-Forwarded-For": "198.51.100.7"}
        response = await client.get("/metrics", headers=right)
    assert response.status_code == 200
    assert "govgraph_graphql_requests_total" in response.text


async def test_scheduler_runs_and_failures_are_counted() -> None:
    class Fine:
        name = "metrics-fine"

        async def run(self, now: datetime) -> int:
            return 1

    class Broken:
        name = "metrics-broken"

        async def run(self, now: datetime) -> int:
            raise RuntimeError("gateway away")

    runs = value("govgraph_scheduler_job_runs_total", job="metrics-broken")
    failures = value("govgraph_scheduler_job_failures_total", job="metrics-broken")
    fine = value("govgraph_scheduler_job_failures_total", job="metrics-fine")
    scheduler = Scheduler([Fine(), Broken()], FixedClock(datetime.now()), on_run=metrics.job_ran)
    assert await scheduler.run_once() == {"metrics-fine": 1, "metrics-broken": -1}
    assert value("govgraph_scheduler_job_runs_total", job="metrics-broken") == runs + 1
    assert value("govgraph_scheduler_job_failures_total", job="metrics-broken") == failures + 1
    assert value("govgraph_scheduler_job_failures_total", job="metrics-fine") == fine


async def test_channel_sends_and_failures_are_counted() -> None:
    class Gateway:
        channel = Channel.SMS

        def __init__(self) -> None:
            self.fail = False

        async def send(self, message: Message) -> None:
            if self.fail:
                raise OSError("no route")

    gateway = Gateway()
    counted = Counted(gateway)
    message = Message(Channel.SMS, "0900000000", "s", "b")
    sends = value("govgraph_channel_sends_total", channel="SMS")
    failures = value("govgraph_channel_failures_total", channel="SMS")
    await counted.send(message)
    gateway.fail = True
    with pytest.raises(OSError, match="no route"):
        await counted.send(message)
    assert value("govgraph_channel_sends_total", channel="SMS") == sends + 1
    assert value("govgraph_channel_failures_total", channel="SMS") == failures + 1


async def test_open_websockets_and_relayed_notifications(
    container: Container, api: Api, clock: FixedClock
) -> None:
    world = await build_task_world(container, api.client, clock)
    token = (await world.as_("an")).token
    container.settings = container.settings.model_copy(update={"relay_poll_seconds": 0.2})
    relayed = value("govgraph_notifications_relayed_total")
    open_before = value("govgraph_open_streams", transport="websocket")
    async with serving(create_app(container.settings, container)) as url:
        client = await WsClient.open(url, token)
        await client.subscribe("1", "subscription { myNotifications { cursor } }")
        await listening(container.hub)
        assert value("govgraph_open_streams", transport="websocket") == open_before + 1
        task = await world.new_task(content="Đo lường")
        await world.advance(task["id"], [Action.SEND])
        data: dict[str, Any] = await client.next_data("1")
        assert data["myNotifications"]["cursor"]
        assert value("govgraph_notifications_relayed_total") >= relayed + 1
        await client.close()
        for _ in range(100):
            if value("govgraph_open_streams", transport="websocket") == open_before:
                break
            await asyncio.sleep(0.02)
    assert value("govgraph_open_streams", transport="websocket") == open_before


async def test_the_worker_serves_its_metrics_on_its_own_port(container: Container) -> None:
    port = free_port()
    container.settings = container.settings.model_copy(update={"worker_metrics_port": port})
    serving_task = serve_metrics(container)
    assert serving_task is not None
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(100):
                try:
                    response = await client.get("/metrics")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.05)
        assert response.status_code == 200
        assert "govgraph_scheduler_job_runs_total" in response.text
    finally:
        serving_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving_task
