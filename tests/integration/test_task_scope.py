"""The SQL task scope against the domain's row rule, filters, sorts and keyset paging.

Every principal x task pair must agree between persistence.task_reading.scope_predicate (via
SqlTaskReader) and domain.tasks.policies.can_view: a row SQL returns and the domain denies is a
leak, the other way round a hole.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, cast

import pytest

from domain.accounts.model import Role
from domain.calendar import WorkingCalendar
from domain.clock import FixedClock
from domain.people.commands import CreatePerson
from domain.people.fields import PersonInfo
from domain.people.model import Gender
from domain.people.services import create_person
from domain.permissions import ANONYMOUS, Grant, Principal, PrincipalKind
from domain.tasks import policies
from domain.tasks.commands import (
    ActOnTask,
    CreateDirective,
    CreateTask,
    NewDirective,
    NewTask,
    Step,
)
from domain.tasks.model import (
    DirectiveType,
    PetitionLevel,
    StatusClass,
    Task,
    TaskKind,
    TaskState,
    TrackerRole,
)
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.reading import TaskFilter, TaskSort
from domain.tasks.services import create_directive, create_task
from domain.tasks.transitions import act, parties_of
from domain.tasks.workflow import Action
from govgraph.container import Container
from govgraph.settings import Settings
from persistence.task_reading import SqlTaskReader, sort_key
from tests.callers import caller
from tests.conftest import _truncate
from tests.factories import Province, _system_editor, build_province

ICT = timezone(timedelta(hours=7))
CAL = WorkingCalendar()


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ICT)


NOW = vn(2026, 11, 20, 10)  # the container's clock: Friday 10:00
D1 = vn(2026, 12, 15, 17)
D2 = vn(2026, 11, 23, 17)
D3 = vn(2026, 11, 24, 17)
QUERY_AT = vn(2026, 11, 25, 12)
T2_DUE = vn(2026, 11, 30, 17)  # 5 working days after Friday 20 Nov (24 Nov is a holiday)


@dataclass
class World:
    """The province, the tasks by name, and principals by name."""

    province: Province
    paths: dict[str, str]
    tasks: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)

    def unit(self, code: str) -> int:
        return self.province.units[code]

    def staff(self, unit: str, person: str | None, *grants: tuple[Role, str, bool]) -> Principal:
        person_id = None
        if person is not None:
            person_id = self.people.get(person) or self.province.people[person]
        return Principal(
            kind=PrincipalKind.STAFF,
            account_id=1000 + len(grants) + (person_id or 0),
            person_id=person_id,
            unit_id=self.unit(unit),
            unit_path=self.paths[unit],
            grants=tuple(Grant(role, self.paths[on], sub) for role, on, sub in grants),
        )

    def office(self, unit: str) -> Principal:
        return self.staff(unit, None, (Role.TASK_CREATOR, unit, False))

    def principals(self) -> dict[str, Principal]:
        return {
            "overseer with a subtree grant": self.staff(
                "HUE", "cuong", (Role.OVERSEER, "HUE", True)
            ),
            "overseer on the exact unit only": self.staff(
                "PD", "em", (Role.OVERSEER, "SNV", False)
            ),
            "staff of a coordinating unit": self.staff("HUE-PKT", "dung"),
            "the office's task creator": self.staff("VP", "khoa", (Role.TASK_CREATOR, "VP", False)),
            "a district office's task creator": self.staff(
                "HUE", "hoa", (Role.TASK_CREATOR, "HUE", False)
            ),
            "task creator over the province subtree": self.staff(
                "VP", "khoa", (Role.TASK_CREATOR, "PROV", True)
            ),
            "a tracker from an unrelated unit": self.staff("PD-PHONGTHU", "lan"),
            "an assignee transferred away": self.staff("PD-PHONGTHU", "giang"),
            "an unrelated staff member": self.staff("PD-PHONGTHU", "minh"),
            "the department director (LEADER over its subtree)": self.staff(
                "SNV", "an", (Role.LEADER, "SNV", True)
            ),
            "the department's unit account": Principal(
                kind=PrincipalKind.UNIT_ACCOUNT,
                account_id=2000,
                unit_id=self.unit("SNV"),
                unit_path=self.paths["SNV"],
            ),
            "the chairman": self.staff("PROV", None, (Role.OVERSEER, "PROV", True)),
            "overseer of the province unit alone": self.staff(
                "PROV", None, (Role.OVERSEER, "PROV", False)
            ),
            "admin": self.staff("PROV", None, (Role.ADMIN, "PROV", True)),
            "an integrator": Principal(
                kind=PrincipalKind.INTEGRATOR,
                grants=(Grant(Role.INTEGRATOR, self.paths["PROV"], True),),
                api_key_id=1,
            ),
            "a citizen": Principal(kind=PrincipalKind.CITIZEN, account_id=3000),
            "anonymous": ANONYMOUS,
        }


def tuow(uow: Any) -> TaskUnitOfWork:
    return cast(TaskUnitOfWork, uow)


async def _step(
    container: Container,
    actor: Principal,
    task_id: int,
    action: Action,
    now: datetime,
    **fields: Any,
) -> Task:
    async with container.uow() as uow:
        task = await act(
            tuow(uow),
            caller(actor, now, CAL),
            ActOnTask(task_id=task_id, version=None, step=Step(action, **fields)),
        )
        await uow.commit()
    return task


async def _people(container: Container, made: Province) -> dict[str, int]:
    editor = _system_editor(made)
    people: dict[str, int] = {}
    async with container.uow() as uow:
        for key, unit, name in (
            ("khoa", "VP", "Võ Đăng Khoa"),
            ("hoa", "HUE", "Ngô Thị Hoa"),
            ("giang", "SNV-TCCB", "Đỗ Văn Giang"),
            ("lan", "PD-PHONGTHU", "Phan Thị Lan"),
            ("minh", "PD-PHONGTHU", "Lý Văn Minh"),
        ):
            person = await create_person(
                uow,
                caller(editor, NOW),
                CreatePerson(
                    unit_id=made.units[unit], info=PersonInfo(full_name=name, gender=Gender.OTHER)
                ),
            )
            people[key] = person.id
        await uow.commit()
    return people


async def _build(container: Container) -> World:
    made = await build_province(container)
    async with container.uow() as uow:
        units = await uow.units.get_many(list(made.units.values()))
        by_id = {u.id: u.path for u in units}
    world = World(made, {code: by_id[i] for code, i in made.units.items()})
    world.people = await _people(container, made)
    vp, hue, pd, phuhoi = (world.office(c) for c in ("VP", "HUE", "PD", "HUE-PHUHOI"))

    async with container.uow() as uow:
        directives = []
        for number in ("12/CT-UBND", "7/KH-UBND"):
            directive = await create_directive(
                tuow(uow),
                caller(vp, NOW),
                CreateDirective(
                    new=NewDirective(
                        doc_type=DirectiveType.PLAN,
                        number_symbol=number,
                        issued_on=date(2026, 11, 18),
                        issuer="UBND tỉnh",
                        summary="Phòng chống lụt bão",
                        office_unit_id=world.unit("VP"),
                    )
                ),
            )
            directives.append(directive.id)
        specs: list[tuple[str, Principal, dict[str, Any]]] = [
            (
                "T1",
                vp,
                {
                    "kind": TaskKind.DIRECTIVE,
                    "directive_id": directives[0],
                    "office": "VP",
                    "lead": "SNV",
                    "coord": ("HUE-PKT",),
                    "deadline": D1,
                    "trackers": ("lan",),
                    "content": "Rà soát phương án sơ tán dân vùng ngập lụt",
                },
            ),
            (
                "T2",
                vp,
                {
                    "kind": TaskKind.PRESS_INCIDENT,
                    "office": "VP",
                    "lead": "SNV-TCCB",
                    "content": "Báo Thanh Niên phản ánh ô nhiễm sông Hương",
                },
            ),
            (
                "T3",
                hue,
                {
                    "kind": TaskKind.CITIZEN_QUESTION,
                    "office": "HUE",
                    "lead": "HUE-PHUHOI",
                    "deadline": D3,
                    "content": "Dân hỏi: đã giải ngân 100% vốn đền bù chưa?",
                },
            ),
            (
                "T4",
                pd,
                {
                    "kind": TaskKind.WORK_PROGRAM_ITEM,
                    "office": "PD",
                    "lead": "PD",
                    "content": "Kế hoạch chuyển đổi số năm 2027",
                },
            ),
            (
                "T5",
                vp,
                {
                    "kind": TaskKind.DIRECTIVE,
                    "directive_id": directives[1],
                    "office": "VP",
                    "lead": "PD",
                    "coord": ("SNV",),
                    "deadline": D2,
                    "trackers": ("an",),
                    "content": "Báo cáo thiệt hại do bão số 9",
                },
            ),
            (
                "T6",
                phuhoi,
                {
                    "kind": TaskKind.VOTER_PETITION,
                    "office": "HUE-PHUHOI",
                    "lead": "HUE-PHUHOI",
                    "level": PetitionLevel.COMMUNE,
                    "content": "Cử tri đề nghị nâng cấp đường kiệt 12 Phú Hội",
                },
            ),
            (
                "T8",
                vp,
                {
                    "kind": TaskKind.DIRECTIVE,
                    "directive_id": directives[1],
                    "office": "VP",
                    "lead": "HUE",
                    "deadline": D1,
                    "content": "Kiểm tra an toàn hồ đập",
                },
            ),
            (
                "T9",
                vp,
                {
                    "kind": TaskKind.DIRECTIVE,
                    "directive_id": directives[0],
                    "office": "VP",
                    "lead": "HUE",
                    "deadline": D1,
                    "content": "Sơ tán dân vùng sạt lở",
                },
            ),
            (
                "T10",
                vp,
                {
                    "kind": TaskKind.WORK_PROGRAM_ITEM,
                    "office": "VP",
                    "lead": "SNV",
                    "content": "Hội nghị sơ kết, đã hủy",
                },
            ),
        ]
        for name, actor, spec in specs:
            task = await create_task(
                tuow(uow),
                caller(actor, NOW, CAL),
                CreateTask(
                    new=NewTask(
                        kind=spec["kind"],
                        content=spec["content"],
                        office_unit_id=world.unit(spec["office"]),
                        lead_unit_id=world.unit(spec["lead"]),
                        coordinating_unit_ids=tuple(world.unit(c) for c in spec.get("coord", ())),
                        directive_id=spec.get("directive_id"),
                        deadline=spec.get("deadline"),
                        trackers=tuple(
                            (world.people.get(p) or made.people[p], TrackerRole.SPECIALIST)
                            for p in spec.get("trackers", ())
                        ),
                        petition_level=spec.get("level"),
                    )
                ),
            )
            world.tasks[name] = task.id
        await uow.commit()

    snv_tccb_leader = world.staff("SNV-TCCB", None, (Role.LEADER, "SNV-TCCB", False))
    snv_leader = world.staff("SNV", "an", (Role.LEADER, "SNV", False))
    pd_leader = world.staff("PD", "em", (Role.LEADER, "PD", False))
    hue_leader = world.staff("HUE", "cuong", (Role.LEADER, "HUE", False))
    phuhoi_leader = world.staff("HUE-PHUHOI", "binh", (Role.LEADER, "HUE-PHUHOI", False))
    assignee = world.staff("SNV-TCCB", "giang")

    # T1 done on time; T5 done late (after D2); T2 in progress with the press deadline;
    # T3 sent (overdue by QUERY_AT); T6 escalated (T7 created at the district); T8 cancelled.
    t1, t5 = world.tasks["T1"], world.tasks["T5"]
    for task_id, leader, specialist_key, done_at in (
        (t1, snv_leader, "an", vn(2026, 11, 24, 15)),
        (t5, pd_leader, "em", vn(2026, 11, 25, 9)),
    ):
        specialist_id = made.people[specialist_key]
        await _step(container, vp, task_id, Action.SEND, NOW)
        await _step(container, leader, task_id, Action.RECEIVE, NOW)
        await _step(
            container, leader, task_id, Action.ASSIGN, NOW, lead_specialist_id=specialist_id
        )
        await _step(container, leader, task_id, Action.SUBMIT_DRAFT, NOW, content="Kết quả")
        await _step(container, leader, task_id, Action.APPROVE, NOW)
        await _step(
            container,
            leader,
            task_id,
            Action.REPORT,
            NOW,
            reply_number="1/BC",
            reply_date=date(2026, 11, 20),
        )
        await _step(container, vp, task_id, Action.CONFIRM, done_at)
    t2 = world.tasks["T2"]
    await _step(container, vp, t2, Action.SEND, NOW)
    await _step(container, snv_tccb_leader, t2, Action.RECEIVE, NOW)
    await _step(
        container, snv_tccb_leader, t2, Action.ASSIGN, NOW, lead_specialist_id=world.people["giang"]
    )
    await _step(container, assignee, t2, Action.START, NOW)
    await _step(container, hue, world.tasks["T3"], Action.SEND, NOW)
    await _step(container, phuhoi, world.tasks["T6"], Action.SEND, NOW)
    await _step(container, phuhoi_leader, world.tasks["T6"], Action.ESCALATE, NOW)
    await _step(container, vp, world.tasks["T8"], Action.CANCEL, NOW, note="Trùng nhiệm vụ")
    await _step(container, vp, world.tasks["T10"], Action.CANCEL, NOW, note="Hoãn hội nghị")
    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        every = await reader.tasks(
            TaskFilter(), _admin_scope(world), sort=TaskSort.NEWEST, after=None, limit=100
        )
    [t7] = [t for t in every if t.escalated_from_id == world.tasks["T6"]]
    world.tasks["T7"] = t7.id
    del hue_leader
    return world


def _admin_scope(world: World) -> policies.TaskScope:
    return policies.task_scope(world.staff("PROV", None, (Role.ADMIN, "PROV", True)))


@pytest.fixture(scope="module")
async def container(settings: Settings) -> AsyncIterator[Container]:
    """One province and its tasks for the whole module: every test here only reads."""
    container = Container.from_settings(settings, clock=FixedClock(NOW))
    await _truncate(container)
    yield container
    await container.dispose()


@pytest.fixture(scope="module")
async def world(container: Container) -> World:
    return await _build(container)


@pytest.fixture
async def reader(container: Container) -> AsyncIterator[SqlTaskReader]:
    async with container.sessions() as session:
        yield SqlTaskReader(session)


async def _all_tasks(container: Container, world: World) -> dict[int, Task]:
    async with container.sessions() as session:
        rows = await SqlTaskReader(session).tasks_by_ids(list(world.tasks.values()))
    return {t.id: t for t in rows}


# --- the row rule ----------------------------------------------------------------------------


async def test_the_fixture_holds_every_kind_of_task(container: Container, world: World) -> None:
    tasks = await _all_tasks(container, world)
    assert len(tasks) == 10
    states = {name: tasks[i].state for name, i in world.tasks.items()}
    assert states == {
        "T1": TaskState.COMPLETED,
        "T2": TaskState.IN_PROGRESS,
        "T3": TaskState.SENT,
        "T4": TaskState.CREATED,
        "T5": TaskState.COMPLETED,
        "T6": TaskState.ESCALATED,
        "T7": TaskState.CREATED,
        "T8": TaskState.CANCELLED,
        "T9": TaskState.CREATED,
        "T10": TaskState.CANCELLED,
    }
    assert {t.kind for t in tasks.values()} == set(TaskKind)


async def test_sql_scope_agrees_with_can_view_for_every_principal_and_task(
    container: Container, world: World
) -> None:
    ids = list(world.tasks.values())
    mismatches = []
    async with container.uow() as uow:
        parties = {i: await parties_of(tuow(uow), await _get(uow, i)) for i in ids}
    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        for who, principal in world.principals().items():
            scope = policies.task_scope(principal)
            listed = {
                t.id
                for t in await reader.tasks(
                    TaskFilter(), scope, sort=TaskSort.NEWEST, after=None, limit=100
                )
            }
            visible = await reader.visible_task_ids(ids, scope)
            counted = await reader.count_tasks(TaskFilter(), scope)
            expected = {i for i in ids if policies.can_view(principal, parties[i])}
            assert listed == visible, who
            assert counted == len(listed), who
            for i in ids:
                if (i in visible) != (i in expected):
                    name = next(n for n, v in world.tasks.items() if v == i)
                    kind = "leak" if i in visible else "hole"
                    mismatches.append(f"{kind}: {who} / {name}")
    assert not mismatches


async def _get(uow: Any, task_id: int) -> Task:
    task = await tuow(uow).tasks.get(task_id)
    assert task is not None
    return task


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("overseer with a subtree grant", {"T1", "T3", "T6", "T7", "T8", "T9"}),
        ("overseer on the exact unit only", {"T1", "T4", "T5", "T10"}),
        ("staff of a coordinating unit", {"T1"}),
        ("the office's task creator", {"T1", "T2", "T5", "T8", "T9", "T10"}),
        ("a district office's task creator", {"T3", "T7", "T8", "T9"}),
        ("task creator over the province subtree", {f"T{i}" for i in range(1, 11)}),
        ("a tracker from an unrelated unit", {"T1"}),
        ("an assignee transferred away", {"T2"}),
        ("an unrelated staff member", set()),
        ("the department director (LEADER over its subtree)", {"T1", "T5", "T10"}),
        ("the department's unit account", {"T1", "T5", "T10"}),
        ("the chairman", {f"T{i}" for i in range(1, 11)}),
        ("overseer of the province unit alone", set()),
        ("admin", {f"T{i}" for i in range(1, 11)}),
        ("an integrator", set()),
        ("a citizen", set()),
        ("anonymous", set()),
    ],
)
async def test_who_sees_which_task(
    container: Container, world: World, who: str, expected: set[str]
) -> None:
    scope = policies.task_scope(world.principals()[who])
    async with container.sessions() as session:
        visible = await SqlTaskReader(session).visible_task_ids(list(world.tasks.values()), scope)
    assert {n for n, i in world.tasks.items() if i in visible} == expected


# --- filters ---------------------------------------------------------------------------------


async def _names(reader: SqlTaskReader, world: World, where: TaskFilter) -> set[str]:
    rows = await reader.tasks(
        where, _admin_scope(world), sort=TaskSort.DEADLINE, after=None, limit=100
    )
    assert await reader.count_tasks(where, _admin_scope(world)) == len(rows)
    ids = {t.id for t in rows}
    return {n for n, i in world.tasks.items() if i in ids}


async def test_filter_by_kind(reader: SqlTaskReader, world: World) -> None:
    assert await _names(reader, world, TaskFilter(kinds=(TaskKind.PRESS_INCIDENT,))) == {"T2"}
    assert await _names(
        reader, world, TaskFilter(kinds=(TaskKind.VOTER_PETITION, TaskKind.CITIZEN_QUESTION))
    ) == {"T3", "T6", "T7"}


async def test_filter_by_state_directive_and_tracker(reader: SqlTaskReader, world: World) -> None:
    assert await _names(reader, world, TaskFilter(states=(TaskState.CREATED,))) == {
        "T4",
        "T7",
        "T9",
    }
    t1 = (await reader.tasks_by_ids([world.tasks["T1"]]))[0]
    assert await _names(reader, world, TaskFilter(directive_id=t1.directive_id)) == {"T1", "T9"}
    lan = world.people["lan"]
    assert await _names(reader, world, TaskFilter(tracker_person_id=lan)) == {"T1"}


async def test_status_classes_agree_with_the_domain(
    container: Container, reader: SqlTaskReader, world: World
) -> None:
    tasks = await _all_tasks(container, world)
    for now in (NOW, QUERY_AT, T2_DUE, T2_DUE + timedelta(seconds=1), vn(2027, 6, 1)):
        for cls in StatusClass:
            got = await _names(reader, world, TaskFilter(status_classes=(cls,), now=now))
            expected = {n for n, i in world.tasks.items() if tasks[i].status_class(now) is cls}
            assert got == expected, (cls, now)
    uncounted = {n for n, i in world.tasks.items() if tasks[i].status_class(QUERY_AT) is None}
    assert uncounted == {"T6", "T8", "T10"}


async def test_status_classes_on_real_instants(reader: SqlTaskReader, world: World) -> None:
    def where(*classes: StatusClass, now: datetime = QUERY_AT) -> TaskFilter:
        return TaskFilter(status_classes=classes, now=now)

    assert await _names(reader, world, where(StatusClass.DONE_ON_TIME)) == {"T1"}
    assert await _names(reader, world, where(StatusClass.DONE_LATE)) == {"T5"}
    # T2: press incident sent Friday 20 Nov 10:00; 5 working days skip the weekend and Vietnam
    # Cultural Day (Tuesday 24 Nov, a holiday from 2026): due Monday 30 Nov 17:00
    assert await _names(reader, world, where(StatusClass.OPEN_WITHIN_DEADLINE)) == {"T2", "T9"}
    assert await _names(reader, world, where(StatusClass.OPEN_OVERDUE)) == {"T3"}
    assert await _names(reader, world, where(StatusClass.NO_DEADLINE)) == {"T4", "T7"}
    assert await _names(
        reader, world, where(StatusClass.OPEN_OVERDUE, now=vn(2026, 11, 30, 17))
    ) == {"T3"}
    assert await _names(
        reader, world, where(StatusClass.OPEN_OVERDUE, now=vn(2026, 11, 30, 17, 1))
    ) == {"T2", "T3"}
    assert await _names(reader, world, where(StatusClass.DONE_LATE, StatusClass.OPEN_OVERDUE)) == {
        "T3",
        "T5",
    }


async def test_cancelled_and_escalated_tasks_are_in_no_status_class(
    reader: SqlTaskReader, world: World
) -> None:
    for now in (NOW, QUERY_AT, vn(2027, 6, 1)):
        got = await _names(reader, world, TaskFilter(status_classes=tuple(StatusClass), now=now))
        assert not got & {"T6", "T8", "T10"}
        assert len(got) == 7


async def test_filter_by_due_range(
    container: Container, reader: SqlTaskReader, world: World
) -> None:
    t2 = (await _all_tasks(container, world))[world.tasks["T2"]]
    assert t2.deadline == T2_DUE
    assert await _names(reader, world, TaskFilter(due_from=D2, due_to=D3)) == {"T5"}
    assert await _names(
        reader, world, TaskFilter(due_from=D2, due_to=D3 + timedelta(seconds=1))
    ) == {
        "T3",
        "T5",
    }
    assert await _names(reader, world, TaskFilter(due_from=D3 + timedelta(seconds=1))) == {
        "T1",
        "T2",
        "T6",
        "T8",
        "T9",
    }
    assert await _names(reader, world, TaskFilter(due_to=D2)) == set()
    assert await _names(reader, world, TaskFilter(due_from=T2_DUE, due_to=D1)) == {"T2", "T6"}
    assert await _names(reader, world, TaskFilter(due_from=T2_DUE, due_to=T2_DUE)) == set()


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("so tan", {"T1", "T9"}),
        ("SƠ TÁN", {"T1", "T9"}),
        ("  Sơ   tán dân ", {"T1", "T9"}),
        ("phuong an so tan", {"T1"}),
        ("song huong", {"T2"}),
        ("Đường kiệt", {"T6", "T7"}),
        ("100%", {"T3"}),
        ("%", {"T3"}),  # a literal percent sign, not a wildcard
        ("_", set()),
        ("bao so 9", {"T5"}),
        ("khong co", set()),
    ],
)
async def test_text_search_is_folded(
    reader: SqlTaskReader, world: World, search: str, expected: set[str]
) -> None:
    assert await _names(reader, world, TaskFilter(search=search)) == expected


async def test_filter_by_unit_subtree(reader: SqlTaskReader, world: World) -> None:
    assert await _names(reader, world, TaskFilter(unit_path=world.paths["HUE"])) == {
        "T1",
        "T3",
        "T6",
        "T7",
        "T8",
        "T9",
    }
    assert await _names(reader, world, TaskFilter(unit_path=world.paths["SNV"])) == {
        "T1",
        "T2",
        "T5",
        "T10",
    }
    assert await _names(reader, world, TaskFilter(unit_path=world.paths["SNV-TCCB"])) == {"T2"}
    assert await _names(reader, world, TaskFilter(unit_path=world.paths["PD-PHONGTHU"])) == set()


async def test_filters_never_widen_the_scope(reader: SqlTaskReader, world: World) -> None:
    coordinating = policies.task_scope(world.principals()["staff of a coordinating unit"])
    for where in (
        TaskFilter(unit_path=world.paths["PROV"]),
        TaskFilter(search="so tan"),
        TaskFilter(kinds=tuple(TaskKind)),
        TaskFilter(status_classes=tuple(StatusClass), now=QUERY_AT),
    ):
        rows = await reader.tasks(where, coordinating, sort=TaskSort.NEWEST, after=None, limit=100)
        assert {t.id for t in rows} <= {world.tasks["T1"]}


# --- sorts and keyset paging ------------------------------------------------------------------


def _python_order(tasks: list[Task], sort: TaskSort) -> list[int]:
    if sort is TaskSort.NEWEST:
        return [t.id for t in sorted(tasks, key=lambda t: -t.id)]
    far = datetime(9999, 1, 1, tzinfo=UTC)
    return [t.id for t in sorted(tasks, key=lambda t: (t.deadline or far, t.id))]


@pytest.mark.parametrize("sort", list(TaskSort))
@pytest.mark.parametrize("page", [1, 2, 3, 4, 100])
async def test_keyset_paging_visits_every_row_once(
    container: Container, reader: SqlTaskReader, world: World, sort: TaskSort, page: int
) -> None:
    scope = _admin_scope(world)
    everything = list((await _all_tasks(container, world)).values())
    seen: list[int] = []
    after: tuple[str, int] | None = None
    for _ in range(20):
        rows = await reader.tasks(TaskFilter(), scope, sort=sort, after=after, limit=page)
        seen.extend(t.id for t in rows)
        if len(rows) < page:
            break
        after = sort_key(rows[-1], sort)
    assert seen == _python_order(everything, sort)
    assert len(seen) == len(set(seen)) == 10


async def test_deadline_ties_and_missing_deadlines_page_by_id(
    reader: SqlTaskReader, world: World
) -> None:
    """T2 and T6 share a due time, T1, T8 and T9 share D1; T4, T7, T10 have none, last."""
    scope = _admin_scope(world)
    first = await reader.tasks(TaskFilter(), scope, sort=TaskSort.DEADLINE, after=None, limit=100)
    names = {i: n for n, i in world.tasks.items()}
    order = [names[t.id] for t in first]
    assert order == ["T5", "T3", "T2", "T6", "T1", "T8", "T9", "T4", "T10", "T7"]
    t1_row = next(t for t in first if names[t.id] == "T1")
    rest = await reader.tasks(
        TaskFilter(),
        scope,
        sort=TaskSort.DEADLINE,
        after=sort_key(t1_row, TaskSort.DEADLINE),
        limit=100,
    )
    assert [names[t.id] for t in rest] == order[5:]
    t4_row = next(t for t in first if names[t.id] == "T4")
    rest = await reader.tasks(
        TaskFilter(),
        scope,
        sort=TaskSort.DEADLINE,
        after=sort_key(t4_row, TaskSort.DEADLINE),
        limit=100,
    )
    assert [names[t.id] for t in rest] == ["T10", "T7"]  # T7 was created last, by escalation


async def test_paging_inside_a_filter_and_a_narrow_scope(
    reader: SqlTaskReader, world: World
) -> None:
    scope = policies.task_scope(world.principals()["overseer with a subtree grant"])
    where = TaskFilter(kinds=(TaskKind.DIRECTIVE, TaskKind.VOTER_PETITION))
    full = await reader.tasks(where, scope, sort=TaskSort.DEADLINE, after=None, limit=100)
    seen: list[int] = []
    after: tuple[str, int] | None = None
    while True:
        rows = await reader.tasks(where, scope, sort=TaskSort.DEADLINE, after=after, limit=2)
        seen.extend(t.id for t in rows)
        if len(rows) < 2:
            break
        after = sort_key(rows[-1], TaskSort.DEADLINE)
    assert seen == [t.id for t in full]
    names = {i: n for n, i in world.tasks.items()}
    assert {names[i] for i in seen} == {"T1", "T6", "T7", "T8", "T9"}
