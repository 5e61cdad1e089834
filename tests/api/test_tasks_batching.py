"""A page of tasks costs a fixed number of SQL statements, on the compiled path and on the
field path, and two people acting on one task cannot both win."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, cast

import httpx
import pytest

from domain.accounts.model import Role
from domain.clock import FixedClock
from domain.permissions import Grant, Principal, PrincipalKind
from domain.tasks.commands import ActOnTask, CreateTask, NewTask, Step
from domain.tasks.model import TaskKind, TrackerRole
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.services import create_task
from domain.tasks.transitions import act
from domain.tasks.workflow import Action
from govgraph.container import Container
from persistence.database import StatementCounter
from tests.api.compiled.harness import paths
from tests.api.task_factories import HAPPY, TaskWorld, build_task_world, codes, iso, vn
from tests.callers import caller
from tests.factories import Api


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


Reads = tuple[Container, httpx.AsyncClient]


@pytest.fixture(params=["compiled", "field"])
async def reads(
    request: pytest.FixtureRequest, world: TaskWorld, container: Container
) -> AsyncIterator[Reads]:
    """The app with compiled reads (the default), or one answering field by field."""
    if request.param == "compiled":
        yield container, world.client
        return
    async for two in paths(container):
        yield two.field_container, two.field


async def _signed(world: TaskWorld, reads: Reads, who: str, query: str) -> Api:
    """A client of `reads` signed in as `who` that asked `query` once already (the caller
    is resolved and cached, the same body is known to the prepared path)."""
    api = Api(reads[1])
    api.token = (await world.as_(who)).token
    await api.data(query, {"first": 50})
    return api


PAGE = """
query Page($first: Int!) {
  tasks(first: $first) {
    totalCount
    edges { node {
      id content state deadline statusClass availableActions
      directive { numberSymbol }
      officeUnit { code } leadUnit { code name } coordinatingUnits { code name }
      assignees { role person { fullName unit { code } } }
      trackers { role person { fullName } }
      response { content }
    } }
  }
}
"""


async def _add_tasks(world: TaskWorld, count: int) -> None:
    """Tasks with two units, two trackers and two assignees each, through the domain."""
    calendar = await world.container.calendars.get()
    now = world.clock.now()
    async with world.container.uow() as uow:
        tasks_uow = cast(TaskUnitOfWork, uow)
        root = await uow.units.get(world.province.units["PROV"])
        assert root is not None
        system = Principal(
            kind=PrincipalKind.STAFF,
            account_id=world.accounts["hoa"],
            grants=(Grant(Role.ADMIN, root.path, True),),
        )
        for n in range(count):
            task = await create_task(
                tasks_uow,
                caller(system, now, calendar),
                CreateTask(
                    new=NewTask(
                        kind=TaskKind.CITIZEN_QUESTION,
                        content=f"Câu hỏi của công dân số {n}",
                        office_unit_id=world.province.units["VP"],
                        lead_unit_id=world.province.units["SNV"],
                        coordinating_unit_ids=(world.province.units["HUE"],),
                        deadline=vn(2026, 12, 1 + n % 20, 17, 0),
                        trackers=(
                            (world.people["hoa"], TrackerRole.SPECIALIST),
                            (world.people["long"], TrackerRole.OFFICE_LEADER),
                        ),
                    )
                ),
            )
            for step in (
                Step(Action.SEND),
                Step(Action.RECEIVE),
                Step(
                    Action.ASSIGN,
                    lead_specialist_id=world.people["giang"],
                    coordinating_specialist_ids=(world.people["hai"],),
                ),
            ):
                await act(
                    tasks_uow,
                    caller(system, now, calendar),
                    ActOnTask(task_id=task.id, version=None, step=step),
                )
        await uow.commit()


async def _count(
    world: TaskWorld, reads: Reads, who: str
) -> tuple[StatementCounter, list[dict[str, Any]]]:
    api = await _signed(world, reads, who, PAGE)
    with StatementCounter(reads[0].engine) as counter:
        page = (await api.data(PAGE, {"first": 50}))["tasks"]
    edges: list[dict[str, Any]] = page["edges"]
    assert page["totalCount"] == len(edges)
    return counter, edges


@pytest.mark.parametrize("who", ["hoa", "an"])
async def test_a_page_of_tasks_takes_the_same_statements_for_5_and_50(
    world: TaskWorld, reads: Reads, who: str
) -> None:
    await _add_tasks(world, 5)
    small, few = await _count(world, reads, who)
    await _add_tasks(world, 45)
    large, many = await _count(world, reads, who)
    assert (len(few), len(many)) == (5, 50)
    node = many[-1]["node"]
    assert node["coordinatingUnits"] == [{"code": "HUE", "name": "Ủy ban nhân dân thành phố Huế"}]
    assert [a["person"]["unit"]["code"] for a in node["assignees"]] == ["SNV", "SNV"]
    assert len(node["trackers"]) == 2
    assert small.count == large.count, (small.statements, large.statements)
    if reads[0].settings.compiled_reads:  # one round trip: the revisions and the page
        assert large.count == 1, large.statements
    # revisions of the cached principal (1) + tasks + count + units + org units + trackers
    # + assignees + persons + response + (for draft readers) accounts: far below one per task
    assert large.count <= 13, large.statements


async def test_a_timeline_page_is_batched_too(world: TaskWorld, reads: Reads) -> None:
    query = """query($first: Int!) { tasks(first: $first) { edges { node {
      timeline { action actor { person { fullName } unit { code } } note }
      progressUpdates { content } } } } }"""
    await _add_tasks(world, 3)
    api = await _signed(world, reads, "an", query)
    with StatementCounter(reads[0].engine) as small:
        await api.data(query, {"first": 50})
    await _add_tasks(world, 30)
    with StatementCounter(reads[0].engine) as large:
        found = (await api.data(query, {"first": 50}))["tasks"]["edges"]
    assert len(found) == 33
    assert small.count == large.count, (small.statements, large.statements)


async def test_two_leaders_approve_at_once_and_exactly_one_wins(world: TaskWorld) -> None:
    task = await world.new_task(deadline=iso(vn(2026, 12, 4, 17, 0)))
    drafted = await world.advance(task["id"], HAPPY[:5])
    version = drafted["version"]
    for leader in ("an", "khanh"):
        await world.as_(leader)  # signed in before the race
    results = await asyncio.gather(
        world.step(task["id"], Action.APPROVE, by="an", version=version, content="Bản của An"),
        world.step(
            task["id"], Action.APPROVE, by="khanh", version=version, content="Bản của Khánh"
        ),
    )
    winners = [r for r in results if r["errors"] == []]
    losers = [r for r in results if r["errors"]]
    assert len(winners) == 1, results
    assert [codes(r) for r in losers] == [["STALE_VERSION"]]
    after = (
        await world.data(
            "an",
            """query($id: ID!) { task(id: $id) {
              state version response { content } timeline { action } } }""",
            {"id": task["id"]},
        )
    )["task"]
    assert (after["state"], after["version"]) == ("APPROVED", version + 1)
    assert after["response"]["content"] in {"Bản của An", "Bản của Khánh"}
    assert [e["action"] for e in after["timeline"]].count("APPROVE") == 1
