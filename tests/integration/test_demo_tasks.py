"""The demo tasks: every kind in every state, consistent timelines, escalated petitions, work
in the demo logins' inboxes through the API, determinism, and the integrator example."""

from __future__ import annotations

import importlib.util
import itertools
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.calendar import WorkingCalendar
from domain.clock import FixedClock
from domain.tasks.model import DirectiveType, PetitionLevel, StatusClass, Task, TaskKind, TaskState
from domain.tasks.periods import OccurrenceState, window_due
from domain.tasks.workflow import TRANSITIONS, Action
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo.accounts import DEMO_ACCOUNTS
from govgraph.demo.build import build_demo
from govgraph.demo.load import load_demo
from govgraph.demo.portal import build_demo_portal
from govgraph.demo.tasks import TASK_TABLES, build_demo_tasks
from govgraph.settings import Settings
from persistence import tables as t
from persistence.database import create_engine
from tests.conftest import NOW

INTEGRATOR = (
    Path(__file__).parents[2] / "client-examples" / "integrator" / "overdue_by_department.py"
)
ACCOUNTS = {a.key: a for a in DEMO_ACCOUNTS}
LOGIN = """
mutation Login($login: String!, $password: String!) {
  login(login: $login, password: $password) { token errors { code message } }
}
"""
MY_WORK = """{ myWork(first: 50) { totalCount edges { node {
  id state kind progressUpdates { extensionUntil extensionDecision } } } } }"""
NON_TRANSITIONS = {"PROGRESS", "EXTENSION_GRANTED", "EXTENSION_REFUSED", "CORRECT"}


async def _empty(engine: AsyncEngine) -> None:
    """Other test modules share the session database; the demo needs it without units."""
    names = [
        table.name for table in reversed(t.metadata.sorted_tables) if table.name != "org_levels"
    ]
    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
        else:
            for name in names:
                await conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture(scope="module")
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings.database_url)
    await _empty(engine)
    await load_demo(settings, scale=1, now=NOW, quiet=True)
    yield engine
    await engine.dispose()


async def _rows(engine: AsyncEngine, name: str) -> list[Any]:
    table = t.metadata.tables[name]
    async with engine.connect() as conn:
        return list(await conn.execute(select(table).order_by(table.c.id)))


def _status(row: Any) -> StatusClass | None:
    task = Task(
        row.directive_id,
        row.kind,
        row.content,
        row.office_unit_id,
        row.lead_unit_id,
        row.created_at,
        row.created_by,
        state=row.state,
        deadline=row.deadline,
        completed_at=row.completed_at,
    )
    return task.status_class(NOW)


async def test_every_kind_state_and_status_class_is_present(engine: AsyncEngine) -> None:
    tasks = await _rows(engine, "tasks")
    assert 1_900 <= len(tasks) <= 2_200
    pairs = {(row.kind, row.state) for row in tasks}
    for kind in TaskKind:
        for state in TaskState:
            if state is TaskState.ESCALATED and kind is not TaskKind.VOTER_PETITION:
                continue
            assert (kind, state) in pairs, (kind, state)
    assert not any(
        r.state is TaskState.ESCALATED and r.kind is not TaskKind.VOTER_PETITION for r in tasks
    )
    classes = Counter(_status(row) for row in tasks)
    for status in StatusClass:
        assert classes[status] >= 20, classes
    directives = await _rows(engine, "directives")
    assert {d.doc_type for d in directives} == set(DirectiveType)
    offices = {d.office_unit_id for d in directives}
    async with engine.connect() as conn:
        vp = await conn.scalar(select(t.org_units.c.id).where(t.org_units.c.code == "VP-UBND"))
    assert offices == {vp}
    assert all(row.directive_id is not None for row in tasks if row.kind is TaskKind.DIRECTIVE)


async def test_timelines_replay_the_transition_table(engine: AsyncEngine) -> None:
    tasks = {row.id: row for row in await _rows(engine, "tasks")}
    events: dict[int, list[Any]] = defaultdict(list)
    for event in await _rows(engine, "task_events"):
        events[event.task_id].append(event)
    assert set(events) == set(tasks)
    for task_id, timeline in events.items():
        task = tasks[task_id]
        first = timeline[0]
        assert first.from_state is None
        assert first.to_state is TaskState.CREATED
        assert first.action == ("ESCALATED_IN" if task.escalated_from_id else "CREATE")
        assert first.at == task.created_at
        for before, after in itertools.pairwise(timeline):
            assert after.from_state is before.to_state, (task_id, before.action, after.action)
            assert after.at > before.at, task_id
            if after.action in NON_TRANSITIONS:
                assert after.to_state is after.from_state
            else:
                assert TRANSITIONS[after.from_state, Action(after.action)] is after.to_state
        assert timeline[-1].to_state is task.state
        assert timeline[-1].at < NOW
        sends = [e for e in timeline if e.action == "SEND"]
        assert task.sent_at == (sends[0].at if sends else None)
        if task.state is TaskState.COMPLETED:
            assert task.completed_at == timeline[-1].at


async def test_units_people_and_responses_follow_the_rules(engine: AsyncEngine) -> None:
    tasks = {row.id: row for row in await _rows(engine, "tasks")}
    persons = {p.id: p for p in await _rows(engine, "persons")}
    units: dict[int, list[Any]] = defaultdict(list)
    for unit in await _rows(engine, "task_units"):
        units[unit.task_id].append(unit)
    for task_id, task in tasks.items():
        leads = [u.unit_id for u in units[task_id] if u.role.value == "LEAD"]
        assert leads == [task.lead_unit_id]
    assert sum(1 for rows in units.values() if len(rows) > 1) > 300  # coordinating units
    assigned: dict[int, list[Any]] = defaultdict(list)
    for row in await _rows(engine, "task_assignees"):
        assigned[row.task_id].append(row)
        assert persons[row.person_id].unit_id == tasks[row.task_id].lead_unit_id
    later = {
        TaskState.ASSIGNED,
        TaskState.IN_PROGRESS,
        TaskState.DRAFTED,
        TaskState.APPROVED,
        TaskState.REPORTED,
        TaskState.COMPLETED,
    }
    for task_id, task in tasks.items():
        if task.state in later:
            roles = [a.role.value for a in assigned[task_id]]
            assert roles.count("LEAD_SPECIALIST") == 1, task_id
    trackers = await _rows(engine, "task_trackers")
    assert {r.role.value for r in trackers} == {
        "SPECIALIST",
        "SECTION_LEADER",
        "OFFICE_LEADER",
        "CHAIRMAN",
        "VICE_CHAIRMAN",
    }
    responses = {r.task_id: r for r in await _rows(engine, "task_responses")}
    for task_id, task in tasks.items():
        response = responses.get(task_id)
        if task.state in (
            TaskState.DRAFTED,
            TaskState.APPROVED,
            TaskState.REPORTED,
            TaskState.COMPLETED,
        ):
            assert response is not None, task_id
            assert (response.approved_at is not None) == (task.state is not TaskState.DRAFTED)
            reported = task.state in (TaskState.REPORTED, TaskState.COMPLETED)
            assert (response.reply_number is not None) == reported
            assert (response.reply_date is not None) == reported
        else:
            assert response is None, task_id
    progress = await _rows(engine, "task_progress")
    assert len(progress) > 100
    decisions = Counter(p.extension_decision for p in progress if p.extension_until)
    assert decisions["GRANTED"]
    assert decisions["REFUSED"]
    assert decisions[None]


async def test_escalated_petitions_are_linked(engine: AsyncEngine) -> None:
    tasks = {row.id: row for row in await _rows(engine, "tasks")}
    unit_rows = {u.id: u for u in await _rows(engine, "org_units")}
    escalated = [r for r in tasks.values() if r.state is TaskState.ESCALATED]
    uppers = {r.escalated_from_id: r for r in tasks.values() if r.escalated_from_id}
    assert escalated
    assert set(uppers) == {r.id for r in escalated}
    assert any(r.petition_level is PetitionLevel.COMMUNE for r in escalated)
    for lower in escalated:
        upper = uppers[lower.id]
        assert upper.kind is TaskKind.VOTER_PETITION
        assert upper.content == lower.content
        assert upper.created_at > lower.created_at
        if lower.petition_level is PetitionLevel.COMMUNE:
            assert upper.petition_level is PetitionLevel.DISTRICT
            assert unit_rows[upper.lead_unit_id].level_code == "DISTRICT"
            assert unit_rows[lower.lead_unit_id].parent_id == upper.lead_unit_id
        else:
            assert upper.petition_level is PetitionLevel.PROVINCE


def test_the_same_now_gives_the_same_tasks() -> None:
    demo = build_demo(scale=1)
    first = build_demo_tasks(demo, scale=1, now=NOW)
    second = build_demo_tasks(build_demo(scale=1), scale=1, now=NOW)
    for name in TASK_TABLES:
        assert first.rows[name] == second.rows[name], name


@pytest.fixture(scope="module")
async def container(engine: AsyncEngine, settings: Settings) -> AsyncIterator[Container]:
    del engine  # loaded
    container = Container.from_settings(settings, clock=FixedClock(NOW))
    yield container
    await container.dispose()


@pytest.fixture(scope="module")
async def client(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(container.settings, container)
    transport = httpx.ASGITransport(app=app, client=("10.9.8.7", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as http:
        yield http


async def _graphql(
    http: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, token: str = ""
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    body = response.json()
    assert response.status_code == 200, body
    assert not body.get("errors"), body
    data: dict[str, Any] = body["data"]
    return data


@pytest.mark.parametrize(
    ("key", "states"),
    [
        ("task_creator", {"CREATED", "RETURNED", "REPORTED"}),
        ("director", {"SENT", "RECEIVED", "DRAFTED", "APPROVED"}),
        ("specialist", {"ASSIGNED", "IN_PROGRESS"}),
    ],
)
async def test_demo_logins_have_work(client: httpx.AsyncClient, key: str, states: set[str]) -> None:
    account = ACCOUNTS[key]
    login = await _graphql(client, LOGIN, {"login": account.login, "password": account.password})
    token = login["login"]["token"]
    assert token, login
    work = (await _graphql(client, MY_WORK, token=token))["myWork"]
    assert work["totalCount"] > 0
    found = {edge["node"]["state"] for edge in work["edges"]}
    assert found & states
    for edge in work["edges"]:  # outside its side's states: a request waiting for the tracker
        if edge["node"]["state"] not in states:
            updates = edge["node"]["progressUpdates"]
            assert any(u["extensionUntil"] and not u["extensionDecision"] for u in updates)


def _integrator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("overdue_by_department", INTEGRATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_the_integrator_example_lists_overdue_tasks(
    container: Container, engine: AsyncEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    integrator = _integrator()
    app = create_app(container.settings, container)
    transport = httpx.ASGITransport(app=app, client=("10.9.8.8", 5000))
    url = "http://govgraph.test/graphql"
    assert await integrator.main(["--url", url, "--page-size", "40"], transport=transport) == 0
    out = capsys.readouterr().out
    overdue = [r for r in await _rows(engine, "tasks") if _status(r) is StatusClass.OPEN_OVERDUE]
    assert f"{len(overdue)} overdue tasks" in out
    assert "Sở Nội vụ" in out or "Ủy ban nhân dân" in out


async def test_demo_statistics_cells_count_every_task(engine: AsyncEngine) -> None:
    tasks = await _rows(engine, "tasks")
    cells = [c for c in await _rows_plain(engine, "task_stat_cells") if c.grain == "MONTH"]
    counted = [r for r in tasks if r.state not in (TaskState.CANCELLED, TaskState.ESCALATED)]
    assert sum(c.total for c in cells) == len(counted)
    classes = Counter(_status(row) for row in counted)
    assert sum(c.done_late for c in cells) == classes[StatusClass.DONE_LATE]
    assert sum(c.done_on_time for c in cells) == classes[StatusClass.DONE_ON_TIME]
    weeks = [c for c in await _rows_plain(engine, "task_stat_cells") if c.grain == "WEEK"]
    assert sum(c.total for c in weeks) == len(counted)
    handled = await _rows_plain(engine, "task_stat_handling")
    done = sum(1 for r in counted if r.state is TaskState.COMPLETED)
    assert sum(h.tasks for h in handled if h.grain == "MONTH") == done


async def test_demo_reports_and_programs(engine: AsyncEngine) -> None:
    kinds = await _rows(engine, "report_types")
    assert {k.code for k in kinds} == {
        "MONTHLY-WORK",
        "QUARTERLY-FIELD",
        "YEARLY-CCHC",
        "DVC-MONTHLY",  # 002 Art. 17-18: the online services' reports
        "DVC-YEARLY",
    }
    rounds = await _rows(engine, "report_rounds")
    assert [r.closed_at is not None for r in rounds] == [True, False]
    submissions = await _rows(engine, "report_submissions")
    assert any(s.late for s in submissions)
    programs = await _rows(engine, "work_programs")
    assert {p.state for p in programs} == {"REGISTERED", "DRAFT"}


async def _rows_plain(engine: AsyncEngine, name: str) -> list[Any]:
    table = t.metadata.tables[name]
    async with engine.connect() as conn:
        return list(await conn.execute(select(table)))


async def test_the_monthly_stats_example_prints_a_district(
    container: Container, engine: AsyncEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    path = INTEGRATOR.parent / "monthly_stats.py"
    spec = importlib.util.spec_from_file_location("monthly_stats", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app = create_app(container.settings, container)
    transport = httpx.ASGITransport(app=app, client=("10.9.8.9", 5000))
    argv = ["--url", "http://govgraph.test/graphql", "--district", "UBND-HTRA"]
    assert await module.main([*argv, "--today", "2026-11-20"], transport=transport) == 0
    out = capsys.readouterr().out
    assert "[UBND-HTRA], tasks due in 2026-10" in out
    assert "2026-W40" in out
    assert "2026 so far, units under UBND-HTRA" in out
    lines = out.splitlines()
    total = int(next(line for line in lines if " tasks (due in the month" in line).split()[0])
    classes = {
        " ".join(line.split()[1:]): int(line.split()[0])
        for line in lines
        if line.startswith("    ") and line.split()[0].isdigit()
    }
    assert len(classes) == 6, out
    assert sum(classes.values()) == total, out  # the classes add up to the total
    expected = await _october_of_huong_tra(engine)
    assert total == len(expected)
    done = Counter(_status(row) for row in expected if row.state is TaskState.COMPLETED)
    assert classes["done on time"] == done[StatusClass.DONE_ON_TIME] > 0
    assert classes["done late"] == done[StatusClass.DONE_LATE]
    median = next(line for line in lines if "median handling" in line)
    assert "None" not in median
    assert median.endswith(" working days")  # tasks of the month were completed


async def _october_of_huong_tra(engine: AsyncEngine) -> list[Any]:
    """The counted tasks of Hương Trà's subtree due in October 2026 (created in it when they
    have no deadline), read from the rows."""
    units = {u.id: u for u in await _rows(engine, "org_units")}
    root = next(u.path for u in units.values() if u.code == "UBND-HTRA")
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    return [
        row
        for row in await _rows(engine, "tasks")
        if units[row.lead_unit_id].path.startswith(root)
        and row.state not in (TaskState.CANCELLED, TaskState.ESCALATED)
        and (row.deadline or row.created_at).astimezone(zone).strftime("%Y-%m") == "2026-10"
    ]


async def test_demo_portal_rows_follow_the_rules(engine: AsyncEngine) -> None:
    tasks = {row.id: row for row in await _rows(engine, "tasks")}
    occurrences = await _rows(engine, "task_occurrences")
    periodic = {r.id for r in tasks.values() if r.period is not None and r.sent_at is not None}
    assert periodic
    assert {o.task_id for o in occurrences} == periodic
    calendar = WorkingCalendar()
    by_task: dict[int, list[Any]] = defaultdict(list)
    for occurrence in occurrences:
        by_task[occurrence.task_id].append(occurrence)
        assert occurrence.due == window_due(
            calendar, occurrence.period_start, occurrence.period_end
        )
        assert (occurrence.state is OccurrenceState.DONE) == (occurrence.done_at is not None)
    for rows in by_task.values():
        assert [o.seq for o in rows] == list(range(1, len(rows) + 1))
    states = {o.state for o in occurrences}
    assert states == set(OccurrenceState)
    # press digests: one per working day, items forwarded as the office's press incidents
    digests = await _rows(engine, "press_digests")
    assert len(digests) >= 20
    assert all(calendar.is_working_day(d.digest_date) for d in digests)
    items = await _rows(engine, "press_items")
    forwarded = [i for i in items if i.task_id is not None]
    assert forwarded
    assert any(i.task_id is None for i in items)
    assert all(tasks[i.task_id].kind is TaskKind.PRESS_INCIDENT for i in forwarded)
    # citizen questions: answers published once confirmed, some waiting to be forwarded
    questions = await _rows(engine, "citizen_questions")
    published = [q for q in questions if q.published_at is not None]
    assert published
    assert any(q.task_id is None for q in questions)
    for question in published:
        assert tasks[question.task_id].state is TaskState.COMPLETED
        assert question.answer
    escalated = [r for r in tasks.values() if r.state is TaskState.ESCALATED]
    assert all(tasks[r.escalated_to_id].escalated_from_id == r.id for r in escalated)


def test_the_same_now_gives_the_same_portal_rows() -> None:
    demo = build_demo(scale=1)
    office = next(u for u in demo.rows["org_units"] if u["code"] == "VP-UBND")
    built = build_demo_tasks(demo, scale=1, now=NOW)
    first = build_demo_portal(built, office_id=office["id"], now=NOW)
    second = build_demo_portal(
        build_demo_tasks(build_demo(scale=1), scale=1, now=NOW), office_id=office["id"], now=NOW
    )
    assert first == second


async def test_demo_answers_are_public(client: httpx.AsyncClient) -> None:
    query = "{ publishedAnswers(first: 5) { totalCount edges { node { title answer } } } }"
    found = (await _graphql(client, query))["publishedAnswers"]
    assert found["totalCount"] > 0
    assert all(e["node"]["answer"] for e in found["edges"])
