"""The SQL inbox (persistence.task_inbox, one indexed query per side merged by due time)
against the domain's rule: for every principal, the tasks on which one of its sides has
something to do (policies.sides, workflow.WAITING_ON) or, as a tracker, an extension request
waits for a decision; in due order, ties by id, page after page, counted once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from domain.accounts.model import Role
from domain.permissions import Principal, PrincipalKind
from domain.tasks import policies
from domain.tasks.model import Task, TrackerRole
from domain.tasks.policies import TaskParties
from domain.tasks.reading import TaskFilter, TaskSort
from domain.tasks.transitions import parties_of
from domain.tasks.workflow import WAITING_ON
from govgraph.container import Container
from persistence import task_tables as tt
from persistence.task_reading import SqlTaskReader, sort_key
from tests.integration import test_task_scope
from tests.integration.test_task_scope import NOW, World, _all_tasks, _build, _get, tuow

FAR = datetime(9999, 1, 1, tzinfo=UTC)
container = test_task_scope.container  # the same module-wide province fixture

# extension requests: (task, still pending); trackers added: (task, person)
REQUESTS = [("T2", True), ("T2", True), ("T3", True), ("T4", True), ("T1", True)]
REQUESTS += [("T6", True), ("T9", False)]
TRACKERS = [("T2", "lan"), ("T3", "lan"), ("T4", "lan"), ("T9", "lan"), ("T6", "lan")]
TRACKERS += [("T2", "giang"), ("T3", "cuong")]


@pytest.fixture(scope="module")
async def world(container: Container) -> World:
    world = await _build(container)
    person = world.people | world.province.people
    async with container.engine.begin() as conn:
        await conn.execute(
            insert(tt.task_trackers),
            [
                {"task_id": world.tasks[t], "person_id": person[p], "role": TrackerRole.SPECIALIST}
                for t, p in TRACKERS
            ],
        )
        await conn.execute(
            insert(tt.task_progress),
            [
                {
                    "task_id": world.tasks[t],
                    "content": "Đề nghị gia hạn",
                    "at": NOW,
                    "extension_until": NOW + timedelta(days=30 + n),
                    "extension_decision": None if pending else "GRANTED",
                    "decided_at": None if pending else NOW,
                }
                for n, (t, pending) in enumerate(REQUESTS)
            ],
        )
    return world


def _principals(world: World) -> dict[str, Principal]:
    # an ADMIN may take any side's step, but its inbox holds only the work of its own grants
    # and person (policies.inbox_of): not compared here
    known = {k: v for k, v in world.principals().items() if k != "admin"}
    return known | {
        "a tracker with requests waiting": world.staff("PD-PHONGTHU", "lan"),
        "assigned to a task and tracking it": world.staff("PD-PHONGTHU", "giang"),
        "overseer and tracker": world.staff("HUE", "cuong", (Role.OVERSEER, "HUE", True)),
        "a ward's leader": world.staff("HUE-PHUHOI", "binh", (Role.LEADER, "HUE-PHUHOI", False)),
        "the city's leader over its overseen subtree": world.staff(
            "HUE", "cuong", (Role.LEADER, "HUE", True), (Role.OVERSEER, "HUE", True)
        ),
        "the ward's unit account": Principal(
            kind=PrincipalKind.UNIT_ACCOUNT,
            account_id=2001,
            unit_id=world.unit("HUE-PHUHOI"),
            unit_path=world.paths["HUE-PHUHOI"],
        ),
        "the city's task creator over its subtree": world.staff(
            "HUE", None, (Role.TASK_CREATOR, "HUE", True)
        ),
    }


def _waiting(principal: Principal, task: Task, parties: TaskParties, pending: bool) -> bool:
    """The domain's answer: a side of the caller has to act, or it tracks a pending request."""
    if any(task.state in WAITING_ON[side] for side in policies.sides(principal, parties)):
        return True
    tracker = principal.kind is PrincipalKind.STAFF and principal.person_id in parties.tracker_ids
    return tracker and pending and task.state in policies.EXTENSION_STATES


async def test_the_sql_inbox_is_the_domain_s_in_due_order_on_every_page(
    container: Container, world: World
) -> None:
    ids = list(world.tasks.values())
    tasks = await _all_tasks(container, world)
    async with container.uow() as uow:
        parties = {i: await parties_of(tuow(uow), await _get(uow, i)) for i in ids}
    pending = {world.tasks[t] for t, waiting in REQUESTS if waiting}
    names = {i: n for n, i in world.tasks.items()}
    checked = 0
    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        for who, principal in _principals(world).items():
            due = [
                t for t in tasks.values() if _waiting(principal, t, parties[t.id], t.id in pending)
            ]
            expected = [names[t.id] for t in sorted(due, key=lambda t: (t.deadline or FAR, t.id))]
            inbox = policies.inbox_of(principal)
            assert await reader.count_inbox(inbox) == len(expected), who
            for size in (1, 2, 3, 50):
                seen: list[str] = []
                after: tuple[str, int] | None = None
                for _ in range(20):
                    rows = await reader.inbox(inbox, after=after, limit=size)
                    seen += [names[t.id] for t in rows]
                    if len(rows) < size:
                        break
                    after = sort_key(rows[-1], TaskSort.DEADLINE)
                assert seen == expected, (who, size)
            checked += bool(expected)
    assert checked >= 8  # most principals have work: the comparison is not vacuous


async def test_a_tracker_s_inbox_holds_the_requests_waiting(
    container: Container, world: World
) -> None:
    """lan tracks T2 (two requests), T3, T4 and T6 (escalated) with requests waiting, and
    T9 whose request was decided; T1 is complete."""
    inbox = policies.inbox_of(_principals(world)["a tracker with requests waiting"])
    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        rows = await reader.inbox(inbox, after=None, limit=50)
        count = await reader.count_inbox(inbox)
    names = {i: n for n, i in world.tasks.items()}
    assert [names[t.id] for t in rows] == ["T3", "T2", "T4"]  # 24 Nov, 30 Nov, no deadline
    assert count == 3


@pytest.mark.parametrize("subtree", [True, False])
async def test_a_unit_filter_inside_the_scope_lists_what_the_scope_allows(
    container: Container, world: World, subtree: bool
) -> None:
    """Where the unit filter implies the scope, the reader leaves the scope's checks out: the
    rows must still be the filter's rows the caller may see, for every caller and unit."""
    ids = list(world.tasks.values())
    admin = policies.task_scope(world.staff("PROV", None, (Role.ADMIN, "PROV", True)))
    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        for code, path in world.paths.items():
            where = TaskFilter(unit_path=path, include_subtree=subtree)
            every = await reader.tasks(where, admin, sort=TaskSort.NEWEST, after=None, limit=100)
            for who, principal in _principals(world).items():
                scope = policies.task_scope(principal)
                allowed = await reader.visible_task_ids(ids, scope)
                rows = await reader.tasks(where, scope, sort=TaskSort.NEWEST, after=None, limit=100)
                expected = [t.id for t in every if t.id in allowed]
                assert [t.id for t in rows] == expected, (who, code)
                assert await reader.count_tasks(where, scope) == len(expected), (who, code)


async def test_the_sql_inbox_reads_backward_and_between_any_two_keys(
    container: Container, world: World
) -> None:
    """Backward from the end (nearest `before` first) and between every pair of keys, either
    way: the same tasks as the domain's order, across tasks with and without a deadline."""
    ids = list(world.tasks.values())
    tasks = await _all_tasks(container, world)
    async with container.uow() as uow:
        parties = {i: await parties_of(tuow(uow), await _get(uow, i)) for i in ids}
    pending = {world.tasks[t] for t, waiting in REQUESTS if waiting}
    names = {i: n for n, i in world.tasks.items()}
    undated = 0
    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        for who, principal in _principals(world).items():
            due = sorted(
                (
                    t
                    for t in tasks.values()
                    if _waiting(principal, t, parties[t.id], t.id in pending)
                ),
                key=lambda t: (t.deadline or FAR, t.id),
            )
            expected = [names[t.id] for t in due]
            keys = [sort_key(t, TaskSort.DEADLINE) for t in due]
            undated += sum(t.deadline is None for t in due)
            inbox = policies.inbox_of(principal)
            for size in (1, 2, 50):
                seen: list[str] = []
                before: tuple[str, int] | None = None
                for _ in range(20):
                    rows = await reader.inbox(
                        inbox, after=None, before=before, backward=True, limit=size
                    )
                    seen = [names[t.id] for t in reversed(rows)] + seen
                    if len(rows) < size:
                        break
                    before = sort_key(rows[-1], TaskSort.DEADLINE)
                assert seen == expected, (who, size)
            for i, low in enumerate(keys):
                for j in range(i + 1, len(keys)):
                    high = keys[j]
                    ahead = await reader.inbox(inbox, after=low, before=high, limit=50)
                    assert [names[t.id] for t in ahead] == expected[i + 1 : j], (who, i, j)
                    back = await reader.inbox(
                        inbox, after=low, before=high, backward=True, limit=50
                    )
                    assert [names[t.id] for t in reversed(back)] == expected[i + 1 : j]
    assert undated >= 2  # tasks without a deadline are among the bounds
