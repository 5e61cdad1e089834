"""The demo as a newcomer meets it: the walk-through of docs/demo-accounts.md runs step by
step with the documented accounts (operations read from the document), a report at A Lưới's
coordinates lands in A Lưới, and every GraphQL example of the README and docs/ is valid and
answers with data."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from graphql import FieldNode, OperationDefinitionNode, OperationType, parse, validate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.clock import FixedClock
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo.accounts import DEMO_ACCOUNTS
from govgraph.demo.applicants import DEMO_CITIZEN
from govgraph.demo.load import load_demo
from govgraph.settings import Settings
from persistence import task_tables as tt
from persistence.database import create_engine
from schema.root import build_schema
from tests.conftest import NOW
from tests.factories import gid
from tests.integration import walkthrough
from tests.integration.test_demo_tasks import _empty

ROOT = Path(__file__).parents[2]
ACCOUNTS = {a.key: a for a in DEMO_ACCOUNTS}
LOCAL = NOW.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
# who runs each example (by operation name; an unnamed one by its first root field)
RUN_AS = {
    "Staff": "director",
    "Inbox": "director",
    "notifications": "director",
    "MyDossiers": "citizen",
    "OfficeQueue": "account_office",
    "MyAccount": "citizen",
}


@pytest.fixture(scope="module")
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings.database_url)
    await _empty(engine)
    await load_demo(settings, scale=1, now=NOW, quiet=True)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="module")
async def client(engine: AsyncEngine, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    del engine  # loaded
    container = Container.from_settings(settings, clock=FixedClock(NOW))
    app = create_app(container.settings, container)
    transport = httpx.ASGITransport(app=app, client=("10.9.8.10", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as http:
        yield http
    await container.dispose()


def _poster(client: httpx.AsyncClient) -> walkthrough.Post:
    async def post(query: str, variables: dict[str, Any], token: str | None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return post


async def test_the_documented_walkthrough_runs_with_the_demo_accounts(
    client: httpx.AsyncClient,
) -> None:
    steps = walkthrough.steps()
    assert len(steps) >= 20
    logins = {s.login for s in steps if s.login}
    assert logins <= {a.login for a in DEMO_ACCOUNTS}  # only the documented accounts
    kept = await walkthrough.walk(
        _poster(client), today=LOCAL.date().isoformat(), now=LOCAL.isoformat()
    )
    assert {"task", "specialist", "report"} <= set(kept)


async def test_a_report_at_a_luoi_lands_in_a_luoi(client: httpx.AsyncClient) -> None:
    steps = {s.number: s for s in walkthrough.steps()}
    post = _poster(client)
    categories = await post(steps[17].query, {}, None)
    submit = steps[18]
    variables = walkthrough.fill(
        submit.variables,
        {"now": LOCAL.isoformat(), "category": categories["data"]["reflectionCategories"][0]["id"]},
    )
    for (latitude, longitude), district in (
        ((16.2833, 107.2333), "ALUOI-"),
        ((16.4637, 107.5909), "HUE-"),
    ):
        variables["input"] |= {"latitude": latitude, "longitude": longitude}
        body = await post(submit.query, variables, None)
        payload = body["data"]["submitReflection"]
        assert payload["errors"] == [], payload
        assert payload["reflection"]["commune"]["code"].startswith(district), payload


def _examples() -> list[tuple[str, str]]:
    """(where, document) of every GraphQL block in the README and docs/, the walk-through
    (tested above) left out."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8").split(walkthrough.SECTION)[0]
        for match in re.finditer(r"```graphql\n(.*?)```", text, re.S):
            line = text[: match.start()].count("\n") + 1
            found.append((f"{path.name}:{line}", match.group(1)))
    return found


async def test_every_readme_and_docs_example_is_valid_and_answers_with_data(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    examples = _examples()
    assert len(examples) >= 15
    schema = build_schema()._schema
    post = _poster(client)
    signed = ("chairman", "director", "account_office", "citizen")
    tokens = {key: await _sign_in(post, key) for key in signed}
    ids = await _example_ids(post, engine, tokens["chairman"])
    ran = 0
    for where, source in examples:
        document = parse(source)
        assert validate(schema, document) == [], where
        for operation in document.definitions:
            assert isinstance(operation, OperationDefinitionNode), where
            if operation.operation is OperationType.QUERY or _is_login(operation):
                body = await _run(post, source, operation, ids, tokens)
                _assert_data(body, where)
                ran += 1
    assert ran >= 12


def _root_field(operation: OperationDefinitionNode) -> str:
    first = operation.selection_set.selections[0]
    assert isinstance(first, FieldNode)
    return first.name.value


def _is_login(operation: OperationDefinitionNode) -> bool:
    return operation.operation is OperationType.MUTATION and _root_field(operation) == "login"


async def _run(
    post: walkthrough.Post,
    source: str,
    operation: OperationDefinitionNode,
    ids: dict[str, str],
    tokens: dict[str, str],
) -> dict[str, Any]:
    """One operation of a block, as the account that reads it, with demo values."""
    name = operation.name.value if operation.name else None
    who = RUN_AS.get(name or _root_field(operation), "chairman")
    variables = {}
    for definition in operation.variable_definitions or ():
        variable = definition.variable.name.value
        variables[variable] = ids.get(f"{name}.{variable}", ids.get(variable))
    assert operation.loc is not None
    text = source[operation.loc.start : operation.loc.end]  # a block may hold several
    return await post(text, variables, tokens[who])


def _assert_data(body: dict[str, Any], where: str) -> None:
    assert not body.get("errors"), (where, body)
    for field, value in body["data"].items():
        assert value is not None, (where, field)
        if isinstance(value, list):
            assert value, (where, field)
        if isinstance(value, dict):
            if "edges" in value:
                assert value["edges"], (where, field)
            if "errors" in value:
                assert value["errors"] == [], (where, value)


async def _sign_in(post: walkthrough.Post, key: str) -> str:
    account = DEMO_CITIZEN if key == "citizen" else ACCOUNTS[key]
    query = "mutation($l: String!, $p: String!) { login(login: $l, password: $p) { token } }"
    body = await post(query, {"l": account.login, "p": account.password}, None)
    token: str = body["data"]["login"]["token"]
    return token


async def _example_ids(post: walkthrough.Post, engine: AsyncEngine, token: str) -> dict[str, str]:
    """Values for the examples' variables, from the demo."""
    units = """{ unit: orgUnit(code: "UBND-TTH") { id } district: orgUnit(code: "UBND-HTRA") { id }
                 snv: orgUnit(code: "SNV") { id } me { person { id } } }"""
    found = (await post(units, {}, token))["data"]
    periodic = select(tt.tasks.c.id).where(
        tt.tasks.c.period.is_not(None), tt.tasks.c.sent_at.is_not(None)
    )
    async with engine.connect() as conn:
        task_id = (await conn.execute(periodic.order_by(tt.tasks.c.id).limit(1))).scalar_one()
    return {
        "unit": found["unit"]["id"],
        "district": found["district"]["id"],
        "snv": found["snv"]["id"],
        "agency": found["snv"]["id"],
        "PersonPage.id": found["me"]["person"]["id"],  # the Chairman heads committees
        "Occurrences.id": gid("Task", task_id),
    }
