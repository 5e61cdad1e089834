"""The task chain on the real database: repository round trips, versions, concurrency."""

from __future__ import annotations

import asyncio
import warnings
from datetime import date, datetime, timedelta, timezone
from typing import Any, cast

import pytest
from sqlalchemy.exc import SAWarning

from domain.accounts.model import Role
from domain.calendar import WorkingCalendar
from domain.errors import DomainError, ErrorCode
from domain.permissions import Grant, Principal, PrincipalKind
from domain.tasks import policies
from domain.tasks.commands import (
    ActOnTask,
    CreateDirective,
    CreateTask,
    DecideExtension,
    NewDirective,
    NewTask,
    ReportProgress,
    Step,
)
from domain.tasks.model import (
    AssigneeRole,
    DirectiveType,
    Period,
    PetitionLevel,
    Task,
    TaskAssignee,
    TaskKind,
    TaskState,
    TaskUnit,
    TrackerRole,
    UnitRole,
)
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.progress import decide_extension, report_progress
from domain.tasks.reading import TaskFilter, TaskSort
from domain.tasks.services import create_directive, create_task
from domain.tasks.transitions import act, parties_of
from domain.tasks.workflow import Action
from govgraph.container import Container
from persistence.portal_reading import SqlPortalReader
from persistence.task_reading import SqlTaskReader
from tests.callers import caller
from tests.factories import Province, build_province

ICT = timezone(timedelta(hours=7))
CAL = WorkingCalendar()
NOW = datetime(2026, 11, 20, 10, tzinfo=ICT)  # the container's clock
DEADLINE = datetime(2026, 12, 31, 17, tzinfo=ICT)


def tuow(uow: Any) -> TaskUnitOfWork:
    return cast(TaskUnitOfWork, uow)


class Sides:
    def __init__(self, made: Province, paths: dict[str, str]) -> None:
        self.made, self.paths = made, paths

    def staff(self, unit: str, person: str | None, *grants: tuple[Role, str, bool]) -> Principal:
        return Principal(
            kind=PrincipalKind.STAFF,
            account_id=5000 + self.made.units[unit] * 10 + len(grants),
            person_id=self.made.people[person] if person else None,
            unit_id=self.made.units[unit],
            unit_path=self.paths[unit],
            grants=tuple(Grant(role, self.paths[on], sub) for role, on, sub in grants),
        )


@pytest.fixture
async def sides(container: Container) -> Sides:
    made = await build_province(container)
    async with container.uow() as uow:
        units = await uow.units.get_many(list(made.units.values()))
        by_id = {u.id: u.path for u in units}
    return Sides(made, {code: by_id[i] for code, i in made.units.items()})


async def _directive(container: Container, office: Principal, unit_id: int) -> int:
    async with container.uow() as uow:
        directive = await create_directive(
            tuow(uow),
            caller(office, NOW),
            CreateDirective(
                new=NewDirective(
                    doc_type=DirectiveType.TELEGRAM,
                    number_symbol="03/CĐ-UBND",
                    issued_on=date(2026, 11, 19),
                    issuer="Chủ tịch UBND tỉnh",
                    summary="Ứng phó bão số 9",
                    office_unit_id=unit_id,
                    received_at=datetime(2026, 11, 19, 10, tzinfo=ICT),
                )
            ),
        )
        await uow.commit()
        return directive.id


async def _task(container: Container, office: Principal, **fields: Any) -> int:
    async with container.uow() as uow:
        task = await create_task(
            tuow(uow), caller(office, NOW, CAL), CreateTask(new=NewTask(**fields))
        )
        await uow.commit()
        return task.id


async def _act(
    container: Container,
    actor: Principal,
    task_id: int,
    action: Action,
    *,
    version: int | None = None,
    now: datetime = NOW,
    **fields: Any,
) -> Task:
    async with container.uow() as uow:
        task = await act(
            tuow(uow),
            caller(actor, now, CAL),
            ActOnTask(task_id=task_id, version=version, step=Step(action, **fields)),
        )
        await uow.commit()
        return task


async def test_the_chain_round_trips_through_the_database(
    container: Container, sides: Sides
) -> None:
    made = sides.made
    office = sides.staff("VP", None, (Role.TASK_CREATOR, "VP", False))
    leader = sides.staff("SNV", "an", (Role.LEADER, "SNV", False))
    directive_id = await _directive(container, office, made.units["VP"])
    task_id = await _task(
        container,
        office,
        kind=TaskKind.DIRECTIVE,
        content="Kiểm tra công tác cán bộ",
        office_unit_id=made.units["VP"],
        lead_unit_id=made.units["SNV"],
        coordinating_unit_ids=(made.units["HUE"], made.units["PD"]),
        directive_id=directive_id,
        deadline=DEADLINE,
        trackers=((made.people["em"], TrackerRole.VICE_CHAIRMAN),),
        period="QUARTERLY",
    )
    versions = []
    for action, fields in (
        (Action.SEND, {}),
        (Action.RECEIVE, {}),
        (Action.ASSIGN, {"lead_specialist_id": made.people["an"]}),
        (Action.START, {}),
        (Action.SUBMIT_DRAFT, {"content": "Báo cáo kết quả kiểm tra"}),
        (Action.APPROVE, {"content": "Báo cáo đã chỉnh sửa"}),
        (Action.REPORT, {"reply_number": "88/BC-SNV", "reply_date": date(2026, 11, 20)}),
    ):
        actor = office if action is Action.SEND else leader
        task = await _act(container, actor, task_id, action, **fields)
        versions.append(task.version)
    assert versions == sorted(set(versions)), "each step bumps the version"
    task = await _act(container, office, task_id, Action.CONFIRM, version=versions[-1])
    assert task.state is TaskState.COMPLETED

    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        [stored] = await reader.tasks_by_ids([task_id])
        events = await reader.events_of([task_id])
        [response] = await reader.responses_of([task_id])
        trackers = await reader.trackers_of([task_id])
        units = await reader.units_of([task_id])
        [quarter] = await SqlPortalReader(session).occurrences_of([task_id])
    assert stored.period is Period.QUARTERLY
    # the quarter it was sent in is its first period, due at the quarter's last working day
    assert (quarter.seq, quarter.period_start) == (1, date(2026, 10, 1))
    assert quarter.due == datetime(2026, 12, 31, 17, tzinfo=ICT)
    # the directive holds 3 units: 2 working days from Thursday 19 Nov 10:00 = Monday 23 Nov
    assert stored.entry_due == datetime(2026, 11, 23, 17, tzinfo=ICT)
    assert not stored.entry_late
    assert stored.sent_at == NOW
    assert stored.completed_at == NOW
    assert stored.deadline == DEADLINE
    assert [e.action for e in events] == [
        "CREATE",
        "SEND",
        "OCCURRENCE_OPENED",
        "RECEIVE",
        "ASSIGN",
        "START",
        "SUBMIT_DRAFT",
        "APPROVE",
        "REPORT",
        "CONFIRM",
    ]
    assert [(e.from_state, e.to_state) for e in events][1:4] == [
        (TaskState.CREATED, TaskState.SENT),
        (TaskState.SENT, TaskState.SENT),
        (TaskState.SENT, TaskState.RECEIVED),
    ]
    assert (response.content, response.reply_number) == ("Báo cáo đã chỉnh sửa", "88/BC-SNV")
    assert not response.recorded_late
    assert [t.person_id for t in trackers] == [made.people["em"]]
    assert len(units) == 3


async def test_two_leaders_approving_at_once_one_wins(container: Container, sides: Sides) -> None:
    made = sides.made
    office = sides.staff("VP", None, (Role.TASK_CREATOR, "VP", False))
    leader = sides.staff("SNV", "an", (Role.LEADER, "SNV", False))
    unit_account = Principal(
        kind=PrincipalKind.UNIT_ACCOUNT,
        account_id=made.accounts["an"] + 100,
        unit_id=made.units["SNV"],
        unit_path=sides.paths["SNV"],
    )
    task_id = await _task(
        container,
        office,
        kind=TaskKind.WORK_PROGRAM_ITEM,
        content="Tổng kết công tác năm",
        office_unit_id=made.units["VP"],
        lead_unit_id=made.units["SNV"],
    )
    await _act(container, office, task_id, Action.SEND)
    await _act(container, leader, task_id, Action.RECEIVE)
    await _act(container, leader, task_id, Action.ASSIGN, lead_specialist_id=made.people["an"])
    task = await _act(container, leader, task_id, Action.SUBMIT_DRAFT, content="Dự thảo")
    version = task.version

    first = container.uow()
    second = container.uow()
    uow_a = await first.__aenter__()
    uow_b = await second.__aenter__()
    try:
        for uow, actor, text in ((uow_a, leader, "Bản A"), (uow_b, unit_account, "Bản B")):
            await act(
                tuow(uow),
                caller(actor, NOW, CAL),
                ActOnTask(
                    task_id=task_id, version=version, step=Step(Action.APPROVE, content=text)
                ),
            )
        await uow_a.commit()
        with pytest.raises(DomainError) as lost:
            await uow_b.commit()
        assert lost.value.code is ErrorCode.STALE_VERSION
    finally:
        await second.__aexit__(None, None, None)
        await first.__aexit__(None, None, None)

    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        [stored] = await reader.tasks_by_ids([task_id])
        [response] = await reader.responses_of([task_id])
        events = await reader.events_of([task_id])
    assert stored.state is TaskState.APPROVED
    assert stored.version == version + 1
    assert response.content == "Bản A"
    assert [e.action for e in events].count("APPROVE") == 1
    # a caller holding the old version is told so
    with pytest.raises(DomainError) as stale:
        await _act(
            container,
            leader,
            task_id,
            Action.REPORT,
            version=version,
            reply_number="1/BC",
            reply_date=date(2026, 11, 20),
        )
    assert stale.value.code is ErrorCode.STALE_VERSION


async def test_a_refused_step_writes_nothing(container: Container, sides: Sides) -> None:
    made = sides.made
    office = sides.staff("VP", None, (Role.TASK_CREATOR, "VP", False))
    leader = sides.staff("SNV", "an", (Role.LEADER, "SNV", False))
    task_id = await _task(
        container,
        office,
        kind=TaskKind.WORK_PROGRAM_ITEM,
        content="Tổng kết",
        office_unit_id=made.units["VP"],
        lead_unit_id=made.units["SNV"],
    )
    await _act(container, office, task_id, Action.SEND)
    await _act(container, leader, task_id, Action.RECEIVE)
    with pytest.raises(DomainError) as refused:
        await _act(
            container, leader, task_id, Action.ASSIGN, lead_specialist_id=made.people["dung"]
        )
    assert refused.value.code is ErrorCode.NOT_IN_COMPETENCE
    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        [stored] = await reader.tasks_by_ids([task_id])
        assert stored.state is TaskState.RECEIVED
        assert await reader.assignees_of([task_id]) == []
        assert [e.action for e in await reader.events_of([task_id])] == [
            "CREATE",
            "SEND",
            "RECEIVE",
        ]


async def test_a_new_tasks_parties_are_complete_in_its_own_transaction(
    container: Container, sides: Sides
) -> None:
    made = sides.made
    office = sides.staff("VP", None, (Role.TASK_CREATOR, "VP", False))
    tracker = sides.staff("PD", "em")
    async with container.uow() as uow:
        task = await create_task(
            tuow(uow),
            caller(office, NOW, CAL),
            CreateTask(
                new=NewTask(
                    kind=TaskKind.PRESS_INCIDENT,
                    content="Báo phản ánh",
                    office_unit_id=made.units["VP"],
                    lead_unit_id=made.units["SNV"],
                    trackers=((made.people["em"], TrackerRole.OFFICE_LEADER),),
                )
            ),
        )
        parties = await parties_of(tuow(uow), task)
        assert parties.tracker_ids == {made.people["em"]}
        assert policies.can_view(tracker, parties)


async def test_escalation_in_the_database(container: Container, sides: Sides) -> None:
    made = sides.made
    commune = sides.staff("HUE-PHUHOI", "binh", (Role.TASK_CREATOR, "HUE-PHUHOI", False))
    task_id = await _task(
        container,
        commune,
        kind=TaskKind.VOTER_PETITION,
        content="Cử tri kiến nghị lát lại vỉa hè",
        office_unit_id=made.units["HUE-PHUHOI"],
        lead_unit_id=made.units["HUE-PHUHOI"],
        petition_level=PetitionLevel.COMMUNE,
    )
    await _act(container, commune, task_id, Action.SEND)
    task = await _act(container, commune, task_id, Action.ESCALATE, note="Vượt thẩm quyền xã")
    assert task.state is TaskState.ESCALATED
    overseer = sides.staff("HUE", "cuong", (Role.OVERSEER, "HUE", True))
    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        visible = await reader.tasks(
            TaskFilter(),
            policies.task_scope(overseer),
            sort=TaskSort.NEWEST,
            after=None,
            limit=10,
        )
        [upper] = [t for t in visible if t.escalated_from_id == task_id]
        assert upper.petition_level is PetitionLevel.DISTRICT
        assert upper.office_unit_id == made.units["HUE"]
        [event] = await reader.events_of([upper.id])
        assert event.action == "ESCALATED_IN"


async def test_extension_granted_in_the_database(container: Container, sides: Sides) -> None:
    made = sides.made
    office = sides.staff("VP", None, (Role.TASK_CREATOR, "VP", False))
    leader = sides.staff("SNV", "an", (Role.LEADER, "SNV", False))
    tracker = sides.staff("PD", "em")
    task_id = await _task(
        container,
        office,
        kind=TaskKind.WORK_PROGRAM_ITEM,
        content="Tổng kết",
        office_unit_id=made.units["VP"],
        lead_unit_id=made.units["SNV"],
        deadline=DEADLINE,
        trackers=((made.people["em"], TrackerRole.CHAIRMAN),),
    )
    await _act(container, office, task_id, Action.SEND)
    later = DEADLINE + timedelta(days=31)
    async with container.uow() as uow:
        reported = await report_progress(
            tuow(uow),
            caller(leader, NOW),
            ReportProgress(
                task_id=task_id,
                content="Chưa xong",
                delay_reason="Thiếu số liệu",
                extension_until=later,
            ),
        )
        await uow.commit()
        update_id = reported.update.id
    async with container.uow() as uow:
        await decide_extension(
            tuow(uow),
            caller(tracker, NOW),
            DecideExtension(progress_id=update_id, grant=True),
        )
        await uow.commit()
    async with container.sessions() as session:
        reader = SqlTaskReader(session)
        [stored] = await reader.tasks_by_ids([task_id])
        [progress] = await reader.progress_of([task_id])
    assert stored.deadline == later
    assert progress.extension_decision == "GRANTED"


async def test_replacing_units_and_specialists_leaves_no_stale_rows_in_the_session(
    container: Container, sides: Sides
) -> None:
    made = sides.made
    office = sides.staff("VP", None, (Role.TASK_CREATOR, "VP", False))
    task_id = await _task(
        container,
        office,
        kind=TaskKind.WORK_PROGRAM_ITEM,
        content="Tổng kết",
        office_unit_id=made.units["VP"],
        lead_unit_id=made.units["SNV"],
        coordinating_unit_ids=(made.units["HUE"],),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", SAWarning)
        async with container.uow() as uow:
            repo = tuow(uow).tasks
            before = await repo.units_of(task_id)
            await repo.set_units(
                task_id,
                [
                    TaskUnit(task_id, made.units["PD"], UnitRole.LEAD),
                    TaskUnit(task_id, made.units["SNV"], UnitRole.COORDINATING),
                ],
            )
            after = await repo.units_of(task_id)
            assert {(u.unit_id, u.role) for u in after} == {
                (made.units["PD"], UnitRole.LEAD),
                (made.units["SNV"], UnitRole.COORDINATING),
            }
            assert len(before) == 2
            await repo.set_assignees(
                task_id, [TaskAssignee(task_id, made.people["em"], AssigneeRole.LEAD_SPECIALIST)]
            )
            await repo.assignees_of(task_id)
            await repo.set_assignees(
                task_id, [TaskAssignee(task_id, made.people["an"], AssigneeRole.LEAD_SPECIALIST)]
            )
            [assignee] = await repo.assignees_of(task_id)
            assert assignee.person_id == made.people["an"]
            await uow.commit()


async def test_two_leaders_reassigning_at_once_one_wins(container: Container, sides: Sides) -> None:
    """ASSIGN in ASSIGNED changes no task column; the version must still move on."""
    made = sides.made
    office = sides.staff("VP", None, (Role.TASK_CREATOR, "VP", False))
    leader = sides.staff("SNV", "an", (Role.LEADER, "SNV", False))
    task_id = await _task(
        container,
        office,
        kind=TaskKind.WORK_PROGRAM_ITEM,
        content="Rà soát biên chế",
        office_unit_id=made.units["VP"],
        lead_unit_id=made.units["SNV"],
    )
    await _act(container, office, task_id, Action.SEND)
    await _act(container, leader, task_id, Action.RECEIVE)
    task = await _act(
        container, leader, task_id, Action.ASSIGN, lead_specialist_id=made.people["an"]
    )
    version = task.version

    async def reassign() -> None:
        async with container.uow() as uow:
            await act(
                tuow(uow),
                caller(leader, NOW, CAL),
                ActOnTask(
                    task_id=task_id,
                    version=version,
                    step=Step(Action.ASSIGN, lead_specialist_id=made.people["an"]),
                ),
            )
            await uow.commit()

    results = await asyncio.gather(reassign(), reassign(), return_exceptions=True)
    refused = [r for r in results if isinstance(r, DomainError)]
    assert [r for r in results if r is not None and not isinstance(r, DomainError)] == []
    assert len(refused) == 1
    assert refused[0].code is ErrorCode.STALE_VERSION
