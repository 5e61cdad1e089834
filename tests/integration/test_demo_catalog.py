"""The demo's catalog and applicant accounts, loaded on the demo directory alone (the other
parts of the demo do not touch them): real procedures and times at every level, versions and
late updates, accounts in every status, the office's queue, the documented citizen."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.clock import FixedClock
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo import load
from govgraph.demo.accounts import DEMO_ACCOUNTS
from govgraph.demo.applicants import DEMO_CITIZEN
from govgraph.demo.build import build_demo
from govgraph.progress import Steps
from govgraph.settings import Settings
from persistence import applicant_tables as at
from persistence import catalog_tables as ct
from persistence.database import create_engine
from tests.conftest import NOW
from tests.integration.test_demo_tasks import _empty

OFFICE = next(a for a in DEMO_ACCOUNTS if a.key == "account_office")


@pytest.fixture(scope="module")
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings.database_url)
    await _empty(engine)
    demo = build_demo(scale=1)
    load._stamp_accounts(demo, settings, NOW)
    async with engine.begin() as conn:
        await load._insert(conn, demo, Steps(quiet=True))
        await load._catalog(conn, demo, settings, NOW, lambda _message: None)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="module")
async def client(engine: AsyncEngine, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    del engine
    container = Container.from_settings(settings, clock=FixedClock(NOW))
    app = create_app(container.settings, container)
    transport = httpx.ASGITransport(app=app, client=("10.9.8.11", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as http:
        yield http
    await container.dispose()


async def _post(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, token: str = ""
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]


async def _token(client: httpx.AsyncClient, login: str, password: str) -> str:
    query = "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }"
    token: str = (await _post(client, query, {"l": login, "p": password}))["login"]["token"]
    return token


async def test_over_a_hundred_real_procedures_at_every_level(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        count = (await conn.execute(select(func.count()).select_from(ct.procedures))).scalar()
        versions = (
            await conn.execute(select(func.count()).select_from(ct.procedure_versions))
        ).scalar()
        late = (
            await conn.execute(select(func.count()).where(ct.procedure_versions.c.late.is_(True)))
        ).scalar()
    assert count is not None
    assert versions is not None
    assert late is not None
    assert count >= 100
    assert versions > count  # some have an earlier version
    assert 0 < late < versions / 2  # a minority recorded late


TIMES = """
query($s: String!) { procedures(search: $s, first: 100) {
  totalCount edges { node { code agency { code levelCode } current { processingDays } } } } }
"""


@pytest.mark.parametrize(
    ("search", "code", "days", "level"),
    [
        ("dang ky khai sinh", "HT-KS.", 1, "COMMUNE"),
        ("giấy phép xây dựng mới đối với nhà ở riêng lẻ", "XD-NHAO.", 15, "OFFICE"),
        ("đăng ký thành lập hộ kinh doanh", "HKD-DK.", 3, "OFFICE"),
        ("phieu ly lich tu phap", "LLTP-01.", 10, "DEPARTMENT"),
    ],
)
async def test_processing_times_are_the_statutory_ones(
    client: httpx.AsyncClient, search: str, code: str, days: int, level: str
) -> None:
    found = (await _post(client, TIMES, {"s": search}))["procedures"]
    nodes = [e["node"] for e in found["edges"] if e["node"]["code"].startswith(code)]
    assert nodes
    for node in nodes:
        assert node["agency"]["levelCode"] == level, node
        assert node["current"]["processingDays"] == days, node


async def test_accounts_in_every_status_and_the_office_queue(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(at.applicants.c.status, func.count()).group_by(at.applicants.c.status)
        )
        statuses = {str(status): n for status, n in rows}
    assert set(statuses) == {
        "UNVERIFIED",
        "PENDING_APPROVAL",
        "ACTIVE",
        "SUSPENDED",
        "CANCELLED",
        "REFUSED",
    }
    assert sum(statuses.values()) >= 200
    token = await _token(client, OFFICE.login, OFFICE.password)
    queue = await _post(
        client,
        "{ applicantRequests(first: 100) { totalCount edges { node { kind late } } } }",
        token=token,
    )
    nodes = [e["node"] for e in queue["applicantRequests"]["edges"]]
    assert queue["applicantRequests"]["totalCount"] == len(nodes) >= 30
    assert {"REGISTRATION", "EDIT"} <= {n["kind"] for n in nodes}
    assert {True, False} == {n["late"] for n in nodes}  # some past their working day


async def test_the_documented_citizen_signs_in_to_its_own_account(
    client: httpx.AsyncClient,
) -> None:
    token = await _token(client, DEMO_CITIZEN.login, DEMO_CITIZEN.password)
    mine = await _post(client, "{ myApplicantAccount { status fullName } }", token=token)
    assert mine["myApplicantAccount"] == {"status": "ACTIVE", "fullName": DEMO_CITIZEN.full_name}
    others = await _post(
        client,
        '{ procedures(search: "khai sinh", first: 1) { edges { node { code } } } }',
        token=token,
    )
    assert others["procedures"]["edges"]


def test_now_is_a_working_friday() -> None:
    assert datetime(2026, 11, 20, 3, 0, tzinfo=UTC) == NOW
