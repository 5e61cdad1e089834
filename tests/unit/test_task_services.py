"""Use cases of the task chain on in-memory fakes and the real working calendar.

Times are written in Hà Nội time (+07:00); the calendar returns UTC instants, compared as
instants. 2026-11-19 is a Thursday; Tết 2027 (holidays package) runs 4-10 February 2027.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, cast

import pytest

from domain.accounts.model import Role
from domain.calendar import WorkingCalendar
from domain.errors import DomainError, ErrorCode
from domain.org.commands import CreateUnit, NewUnit
from domain.org.fields import UnitInfo
from domain.org.model import UnitKind, UnitStatus
from domain.org.services import create_unit
from domain.people.model import Gender, Person
from domain.permissions import ANONYMOUS, Grant, Principal, PrincipalKind
from domain.tasks import deadlines
from domain.tasks.commands import (
    ActOnTask,
    Attachment,
    CorrectTask,
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
    Directive,
    DirectiveType,
    Period,
    PetitionLevel,
    Priority,
    StatusClass,
    Task,
    TaskKind,
    TaskState,
    TrackerRole,
    UnitRole,
)
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.progress import decide_extension, report_progress
from domain.tasks.services import correct_task, create_directive, create_task
from domain.tasks.transitions import act
from domain.tasks.workflow import Action
from tests.callers import caller
from tests.unit.fakes import FakeUnitOfWork, with_levels

ICT = timezone(timedelta(hours=7))
CAL = WorkingCalendar()


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ICT)


THU = vn(2026, 11, 19, 10)  # Thursday 19 November 2026, 10:00
FAR = vn(2026, 12, 31, 17)


def code_of(error: pytest.ExceptionInfo[DomainError]) -> ErrorCode:
    return error.value.code


@dataclass
class World:
    """A province on fakes: units, people and a principal for every side."""

    uow: FakeUnitOfWork
    units: dict[str, int]
    people: dict[str, int]

    @property
    def tuow(self) -> TaskUnitOfWork:
        return cast(TaskUnitOfWork, self.uow)  # FakeUnitOfWork implements it structurally

    def path(self, code: str) -> str:
        return self.uow.units.units[self.units[code]].path

    def staff(
        self, unit: str, person: str | None, *grants: tuple[Role, str, bool], account: int
    ) -> Principal:
        return Principal(
            kind=PrincipalKind.STAFF,
            account_id=account,
            person_id=self.people[person] if person else None,
            unit_id=self.units[unit],
            unit_path=self.path(unit),
            grants=tuple(Grant(role, self.path(on), sub) for role, on, sub in grants),
        )

    @property
    def creator(self) -> Principal:
        return self.staff("VP", "khoa", (Role.TASK_CREATOR, "VP", False), account=11)

    @property
    def tracker(self) -> Principal:
        return self.staff("VP", "lan", account=12)

    @property
    def leader(self) -> Principal:
        return self.staff("SNV", "an", (Role.LEADER, "SNV", False), account=21)

    @property
    def specialist(self) -> Principal:
        return self.staff("SNV", "binh", (Role.SPECIALIST, "SNV", False), account=22)

    @property
    def colleague(self) -> Principal:
        return self.staff("SNV", "chi", (Role.SPECIALIST, "SNV", False), account=23)

    @property
    def snv_account(self) -> Principal:
        return Principal(
            kind=PrincipalKind.UNIT_ACCOUNT,
            account_id=20,
            unit_id=self.units["SNV"],
            unit_path=self.path("SNV"),
        )

    @property
    def outsider(self) -> Principal:
        return self.staff("STC", "dung", (Role.LEADER, "STC", False), account=31)

    @property
    def chairman(self) -> Principal:
        return self.staff("P", None, (Role.OVERSEER, "P", True), account=1)

    @property
    def commune_office(self) -> Principal:
        return self.staff("PH", "giang", (Role.TASK_CREATOR, "PH", False), account=41)

    @property
    def commune_leader(self) -> Principal:
        return self.staff("PH", "giang", (Role.LEADER, "PH", False), account=42)

    @property
    def district_office(self) -> Principal:
        return self.staff("HUE", "hoa", (Role.TASK_CREATOR, "HUE", False), account=51)

    @property
    def district_leader(self) -> Principal:
        return self.staff("HUE", "hoa", (Role.LEADER, "HUE", False), account=52)

    @property
    def province_office(self) -> Principal:
        return self.staff("VP", "khoa", (Role.TASK_CREATOR, "P", False), account=13)


UNITS = [
    ("P", None, "PROVINCE"),
    ("VP", "P", "DEPARTMENT"),
    ("SNV", "P", "DEPARTMENT"),
    ("SXD", "P", "DEPARTMENT"),
    ("STC", "P", "DEPARTMENT"),
    ("OLD", "P", "DEPARTMENT"),
    ("HUE", "P", "DISTRICT"),
    ("HUE-VP", "HUE", "OFFICE"),
    ("PH", "HUE", "COMMUNE"),
    ("PH2", "HUE", "COMMUNE"),
    ("PD", "P", "DISTRICT"),
    ("PD-PT", "PD", "COMMUNE"),
]
PEOPLE = [
    ("khoa", "VP"),
    ("lan", "VP"),
    ("an", "SNV"),
    ("binh", "SNV"),
    ("chi", "SNV"),
    ("dung", "STC"),
    ("giang", "PH"),
    ("hoa", "HUE"),
]


@pytest.fixture
async def world() -> World:
    uow = with_levels(FakeUnitOfWork())
    units: dict[str, int] = {}
    for code, parent, level in UNITS:
        unit = await create_unit(
            uow,
            caller(ANONYMOUS, THU),
            CreateUnit(
                parent_id=units[parent] if parent else None,
                new=NewUnit(code, level, UnitKind.GOVERNMENT, UnitInfo(name=code)),
                effective=date(2020, 1, 1),
                system=True,
            ),
        )
        units[code] = unit.id
    uow.units.units[units["OLD"]].status = UnitStatus.DISSOLVED
    people: dict[str, int] = {}
    for key, unit_code in PEOPLE:
        person = await uow.people.add(Person(key.title(), key, Gender.OTHER, units[unit_code]))
        people[key] = person.id
    return World(uow, units, people)


def new_directive(world: World, **changes: Any) -> NewDirective:
    base = NewDirective(
        doc_type=DirectiveType.DIRECTIVE,
        number_symbol="12/CT-UBND",
        issued_on=date(2026, 11, 18),
        issuer="Chủ tịch UBND tỉnh",
        summary="Tăng cường phòng chống lụt bão",
        office_unit_id=world.units["VP"],
        received_at=THU,
    )
    return replace(base, **changes)


async def a_directive(world: World, **changes: Any) -> Directive:
    return await create_directive(
        world.tuow, caller(world.creator, THU), CreateDirective(new=new_directive(world, **changes))
    )


def new_task(world: World, directive: Directive | None, **changes: Any) -> NewTask:
    base = NewTask(
        kind=TaskKind.DIRECTIVE,
        content="Rà soát phương án sơ tán dân vùng ngập lụt",
        office_unit_id=world.units["VP"],
        lead_unit_id=world.units["SNV"],
        coordinating_unit_ids=(world.units["SXD"],),
        directive_id=directive.id if directive else None,
        deadline=FAR,
        trackers=((world.people["lan"], TrackerRole.SPECIALIST),),
    )
    return replace(base, **changes)


async def a_task(world: World, *, now: datetime = THU, **changes: Any) -> Task:
    directive = None
    if (
        changes.get("kind", TaskKind.DIRECTIVE) is TaskKind.DIRECTIVE
        and "directive_id" not in changes
    ):
        directive = await a_directive(world)
    return await create_task(
        world.tuow,
        caller(world.creator, now, CAL),
        CreateTask(new=new_task(world, directive, **changes)),
    )


async def go(
    world: World,
    actor: Principal,
    task: Task,
    action: Action,
    now: datetime,
    **fields: Any,
) -> Task:
    return await act(
        world.tuow,
        caller(actor, now, CAL),
        ActOnTask(task_id=task.id, version=task.version, step=Step(action, **fields)),
    )


async def refused(coro: Any) -> DomainError:
    with pytest.raises(DomainError) as error:
        await coro
    return error.value


async def to_state(world: World, task: Task, state: TaskState) -> Task:
    """Walk a task along the happy path up to `state`."""
    path: list[tuple[TaskState, Principal, Action, dict[str, Any]]] = [
        (TaskState.SENT, world.creator, Action.SEND, {}),
        (TaskState.RECEIVED, world.leader, Action.RECEIVE, {}),
        (
            TaskState.ASSIGNED,
            world.leader,
            Action.ASSIGN,
            {"lead_specialist_id": world.people["binh"]},
        ),
        (TaskState.IN_PROGRESS, world.specialist, Action.START, {}),
        (TaskState.DRAFTED, world.specialist, Action.SUBMIT_DRAFT, {"content": "Đã rà soát"}),
        (TaskState.APPROVED, world.leader, Action.APPROVE, {}),
        (
            TaskState.REPORTED,
            world.leader,
            Action.REPORT,
            {"reply_number": "45/SNV-VP", "reply_date": date(2026, 11, 19)},
        ),
        (TaskState.COMPLETED, world.creator, Action.CONFIRM, {}),
    ]
    order = [TaskState.CREATED] + [target for target, *_ in path]
    for target, actor, action, fields in path[order.index(task.state) :]:
        if task.state is state:
            break
        task = await go(world, actor, task, action, THU + timedelta(hours=1), **fields)
        assert task.state is target
    assert task.state is state
    return task


# --- directives ----------------------------------------------------------------------------


async def test_a_directive_is_entered_by_the_offices_task_creator(world: World) -> None:
    directive = await a_directive(
        world,
        attachments=(Attachment("12-CT.pdf", "https://vb.hue.gov.vn/12", "application/pdf", 2048),),
    )
    assert world.uow.tasks.directives[directive.id] is directive
    assert directive.created_by == world.creator.account_id
    assert directive.received_at == THU
    assert '"12-CT.pdf"' in directive.attachments
    assert '"mimeType": "application/pdf"' in directive.attachments


async def test_a_directive_received_at_defaults_to_now(world: World) -> None:
    directive = await a_directive(world, received_at=None)
    assert directive.received_at == THU


async def test_a_secret_document_is_refused(world: World) -> None:
    error = await refused(a_directive(world, secret=True))
    assert error.code is ErrorCode.SECRET_DOCUMENT_REFUSED
    assert error.field == "secret"
    assert not world.uow.tasks.directives


async def test_a_secret_document_is_refused_to_anyone(world: World) -> None:
    error = await refused(
        create_directive(
            world.tuow,
            caller(world.outsider, THU),
            CreateDirective(new=new_directive(world, secret=True)),
        )
    )
    assert error.code is ErrorCode.SECRET_DOCUMENT_REFUSED


@pytest.mark.parametrize("who", ["leader", "tracker", "outsider", "chairman", "commune_office"])
async def test_only_task_creators_of_the_office_enter_directives(world: World, who: str) -> None:
    error = await refused(
        create_directive(
            world.tuow, caller(getattr(world, who), THU), CreateDirective(new=new_directive(world))
        )
    )
    assert error.code is ErrorCode.FORBIDDEN


async def test_an_unknown_office_is_not_found(world: World) -> None:
    error = await refused(a_directive(world, office_unit_id=9999))
    assert error.code is ErrorCode.NOT_FOUND


@pytest.mark.parametrize(
    ("field", "value", "api"),
    [
        ("number_symbol", "x" * 61, "numberSymbol"),
        ("issuer", "x" * 256, "issuer"),
        ("summary", "x" * 5001, "summary"),
    ],
)
async def test_directive_texts_have_limits(world: World, field: str, value: str, api: str) -> None:
    error = await refused(a_directive(world, **{field: value}))
    assert (error.code, error.field) == (ErrorCode.TOO_LONG, api)
    await a_directive(world, **{field: value[:-1]})


@pytest.mark.parametrize("field", ["number_symbol", "issuer", "summary"])
async def test_directive_texts_are_required(world: World, field: str) -> None:
    error = await refused(a_directive(world, **{field: "   "}))
    assert error.code is ErrorCode.INVALID_INPUT


async def test_attachment_metadata_is_checked(world: World) -> None:
    error = await refused(a_directive(world, attachments=(Attachment("x" * 256),)))
    assert error.code is ErrorCode.TOO_LONG
    error = await refused(
        a_directive(world, attachments=tuple(Attachment(f"{i}.pdf") for i in range(51)))
    )
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "attachments")


async def test_a_document_dated_in_the_future_is_refused(world: World) -> None:
    error = await refused(a_directive(world, issued_on=date(2026, 11, 20)))
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "issuedOn")
    await a_directive(world, issued_on=date(2026, 11, 19))


async def test_a_document_dated_today_in_hanoi_is_not_in_the_future(world: World) -> None:
    """At 06:00 in Hà Nội it is still yesterday in UTC; today's document is not a future one."""
    early = vn(2026, 11, 20, 6)
    directive = await create_directive(
        world.tuow,
        caller(world.creator, early.astimezone(UTC)),
        CreateDirective(new=new_directive(world, issued_on=date(2026, 11, 20), received_at=early)),
    )
    assert directive.issued_on == date(2026, 11, 20)


async def test_the_calendars_time_zone_decides_what_today_is(world: World) -> None:
    utc_calendar = WorkingCalendar(timezone="UTC")
    early = vn(2026, 11, 20, 6)
    error = await refused(
        create_directive(
            world.tuow,
            caller(world.creator, early, utc_calendar),
            CreateDirective(
                new=new_directive(world, issued_on=date(2026, 11, 20), received_at=early)
            ),
        )
    )
    assert error.field == "issuedOn"


async def test_a_document_received_in_the_future_is_refused(world: World) -> None:
    error = await refused(a_directive(world, received_at=THU + timedelta(hours=1)))
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "receivedAt")


# --- tasks ---------------------------------------------------------------------------------


async def test_a_task_is_entered_with_units_trackers_and_an_event(world: World) -> None:
    task = await a_task(world, priority=Priority.HIGH)
    tasks = world.uow.tasks
    assert task.state is TaskState.CREATED
    assert task.created_by == world.creator.account_id
    assert task.priority is Priority.HIGH
    assert task.search_text == "ra soat phuong an so tan dan vung ngap lut"
    units = {(u.unit_id, u.role) for u in await tasks.units_of(task.id)}
    assert units == {
        (world.units["SNV"], UnitRole.LEAD),
        (world.units["SXD"], UnitRole.COORDINATING),
    }
    trackers = await tasks.trackers_of(task.id)
    assert [(t.person_id, t.role) for t in trackers] == [
        (world.people["lan"], TrackerRole.SPECIALIST)
    ]
    [event] = tasks.events_of(task.id)
    assert (event.action, event.from_state, event.to_state) == ("CREATE", None, TaskState.CREATED)
    assert (event.at, event.actor_account_id, event.actor_person_id) == (
        THU,
        world.creator.account_id,
        world.people["khoa"],
    )


async def test_a_periodic_task_keeps_its_period(world: World) -> None:
    task = await a_task(world, period=Period.MONTHLY.value)
    assert task.period is Period.MONTHLY


async def test_an_unknown_period_is_refused(world: World) -> None:
    error = await refused(a_task(world, period="FORTNIGHTLY"))
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "period")


async def test_a_directive_task_needs_its_directive(world: World) -> None:
    error = await refused(a_task(world, directive_id=None))
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "directiveId")


async def test_other_kinds_need_no_directive(world: World) -> None:
    for kind in (TaskKind.PRESS_INCIDENT, TaskKind.CITIZEN_QUESTION, TaskKind.WORK_PROGRAM_ITEM):
        task = await a_task(world, kind=kind)
        assert task.directive_id is None
        assert task.entry_due is None


async def test_an_unknown_directive_is_not_found(world: World) -> None:
    error = await refused(a_task(world, directive_id=9999))
    assert (error.code, error.field) == (ErrorCode.NOT_FOUND, "directiveId")


async def test_a_directive_of_another_office_is_refused(world: World) -> None:
    theirs = await create_directive(
        world.tuow,
        caller(world.district_office, THU),
        CreateDirective(new=new_directive(world, office_unit_id=world.units["HUE"])),
    )
    error = await refused(a_task(world, directive_id=theirs.id))
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "directiveId")


@pytest.mark.parametrize("offset", [timedelta(0), timedelta(seconds=-1), timedelta(days=-30)])
async def test_a_deadline_in_the_past_is_refused(world: World, offset: timedelta) -> None:
    error = await refused(a_task(world, deadline=THU + offset))
    assert (error.code, error.field) == (ErrorCode.DEADLINE_IN_PAST, "deadline")


async def test_a_task_may_have_no_deadline(world: World) -> None:
    task = await a_task(world, deadline=None)
    assert task.deadline is None
    assert task.status_class(THU) is StatusClass.NO_DEADLINE


async def test_a_voter_petition_needs_its_level(world: World) -> None:
    error = await refused(a_task(world, kind=TaskKind.VOTER_PETITION))
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "petitionLevel")
    task = await a_task(world, kind=TaskKind.VOTER_PETITION, petition_level=PetitionLevel.PROVINCE)
    assert task.petition_level is PetitionLevel.PROVINCE


async def test_the_lead_unit_must_be_active(world: World) -> None:
    error = await refused(a_task(world, lead_unit_id=world.units["OLD"]))
    assert (error.code, error.field) == (ErrorCode.INVALID_STATE, "leadUnitId")
    error = await refused(a_task(world, lead_unit_id=9999))
    assert (error.code, error.field) == (ErrorCode.NOT_FOUND, "leadUnitId")


async def test_coordinating_units_must_be_active(world: World) -> None:
    error = await refused(a_task(world, coordinating_unit_ids=(world.units["OLD"],)))
    assert (error.code, error.field) == (ErrorCode.INVALID_STATE, "coordinatingUnitIds")


@pytest.mark.parametrize("coordinating", [("SNV",), ("SXD", "SXD"), ("SXD", "STC", "SXD")])
async def test_each_unit_takes_one_part(world: World, coordinating: tuple[str, ...]) -> None:
    ids = tuple(world.units[c] for c in coordinating)
    error = await refused(a_task(world, coordinating_unit_ids=ids))
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "coordinatingUnitIds")


async def test_trackers_must_exist(world: World) -> None:
    error = await refused(a_task(world, trackers=((9999, TrackerRole.CHAIRMAN),)))
    assert (error.code, error.field) == (ErrorCode.NOT_FOUND, "trackers")


async def test_task_content_is_required_and_limited(world: World) -> None:
    error = await refused(a_task(world, content="  "))
    assert error.code is ErrorCode.INVALID_INPUT
    error = await refused(a_task(world, content="x" * 10_001))
    assert (error.code, error.field) == (ErrorCode.TOO_LONG, "content")


@pytest.mark.parametrize("who", ["leader", "tracker", "outsider", "chairman", "district_office"])
async def test_only_task_creators_of_the_office_enter_tasks(world: World, who: str) -> None:
    directive = await a_directive(world)
    error = await refused(
        create_task(
            world.tuow,
            caller(getattr(world, who), THU, CAL),
            CreateTask(new=new_task(world, directive)),
        )
    )
    assert error.code is ErrorCode.FORBIDDEN


# --- entry due: 1 working day after the directive, 2 when it holds many tasks or units -------


async def test_entry_is_due_one_working_day_after_the_directive(world: World) -> None:
    task = await a_task(world)
    assert task.entry_due == vn(2026, 11, 20, 17)  # Friday 17:00


async def test_entry_of_a_friday_directive_is_due_on_monday(world: World) -> None:
    friday = vn(2026, 11, 20, 16, 30)
    directive = await create_directive(
        world.tuow,
        caller(world.creator, friday),
        CreateDirective(new=new_directive(world, received_at=friday)),
    )
    task = await create_task(
        world.tuow, caller(world.creator, friday, CAL), CreateTask(new=new_task(world, directive))
    )
    assert task.entry_due == vn(2026, 11, 23, 17)


async def test_entry_takes_two_days_from_the_fifth_task(world: World) -> None:
    directive = await a_directive(world)
    dues = []
    for _ in range(5):
        task = await create_task(
            world.tuow,
            caller(world.creator, THU, CAL),
            CreateTask(new=new_task(world, directive, coordinating_unit_ids=())),
        )
        dues.append(task.entry_due)
    assert dues[:4] == [vn(2026, 11, 20, 17)] * 4
    assert dues[4] == vn(2026, 11, 23, 17)  # Monday 17:00


async def test_entry_takes_two_days_for_three_units_in_one_task(world: World) -> None:
    task = await a_task(world, coordinating_unit_ids=(world.units["SXD"], world.units["STC"]))
    assert task.entry_due == vn(2026, 11, 23, 17)


async def test_entry_takes_two_days_for_three_units_across_the_directive(world: World) -> None:
    directive = await a_directive(world)
    dues = []
    for lead in ("SNV", "SXD", "STC"):
        task = await create_task(
            world.tuow,
            caller(world.creator, THU, CAL),
            CreateTask(
                new=new_task(
                    world, directive, lead_unit_id=world.units[lead], coordinating_unit_ids=()
                )
            ),
        )
        dues.append(task.entry_due)
    assert dues[:2] == [vn(2026, 11, 20, 17)] * 2
    assert dues[2] == vn(2026, 11, 23, 17)


async def test_the_same_units_again_do_not_make_a_directive_busy(world: World) -> None:
    directive = await a_directive(world)
    for _ in range(3):
        task = await create_task(
            world.tuow, caller(world.creator, THU, CAL), CreateTask(new=new_task(world, directive))
        )
    assert task.entry_due == vn(2026, 11, 20, 17)


async def test_lateness_is_judged_on_the_directives_load_when_sent(world: World) -> None:
    """Five tasks of one directive: the first one entered is not late on the second day."""
    directive = await a_directive(world)
    tasks = [
        await create_task(
            world.tuow,
            caller(world.creator, THU, CAL),
            CreateTask(new=new_task(world, directive, coordinating_unit_ids=())),
        )
        for _ in range(5)
    ]
    monday = vn(2026, 11, 23, 16)
    first = await go(world, world.creator, tasks[0], Action.SEND, monday)
    assert first.entry_due == vn(2026, 11, 23, 17)
    assert not first.entry_late


def test_the_entry_rule_on_real_dates() -> None:
    received = vn(2026, 11, 19, 10)
    assert deadlines.entry_due(CAL, received, tasks=1, units=1) == vn(2026, 11, 20, 17)
    assert deadlines.entry_due(CAL, received, tasks=4, units=2) == vn(2026, 11, 20, 17)
    assert deadlines.entry_due(CAL, received, tasks=5, units=1) == vn(2026, 11, 23, 17)
    assert deadlines.entry_due(CAL, received, tasks=1, units=3) == vn(2026, 11, 23, 17)
    # received on the eve of Tết 2027: the next working day is Thursday 11 February
    assert deadlines.entry_due(CAL, vn(2027, 2, 3, 16), tasks=1, units=1) == vn(2027, 2, 11, 17)


# --- the chain, step by step ---------------------------------------------------------------


async def test_the_full_path_records_every_step(world: World) -> None:
    task = await a_task(world)
    steps: list[tuple[Principal, Action, datetime, dict[str, Any], TaskState]] = [
        (world.creator, Action.SEND, vn(2026, 11, 19, 14), {}, TaskState.SENT),
        (
            world.leader,
            Action.RECEIVE,
            vn(2026, 11, 20, 8),
            {"note": "Đúng thẩm quyền"},
            TaskState.RECEIVED,
        ),
        (
            world.leader,
            Action.ASSIGN,
            vn(2026, 11, 20, 9),
            {
                "lead_specialist_id": world.people["binh"],
                "coordinating_specialist_ids": (world.people["chi"],),
            },
            TaskState.ASSIGNED,
        ),
        (world.specialist, Action.START, vn(2026, 11, 20, 10), {}, TaskState.IN_PROGRESS),
        (
            world.specialist,
            Action.SUBMIT_DRAFT,
            vn(2026, 11, 23, 9),
            {"content": "Dự thảo"},
            TaskState.DRAFTED,
        ),
        (world.leader, Action.APPROVE, vn(2026, 11, 23, 10), {}, TaskState.APPROVED),
        (
            world.leader,
            Action.REPORT,
            vn(2026, 11, 24, 9),
            {"reply_number": "123/SNV-TCCB", "reply_date": date(2026, 11, 23)},
            TaskState.REPORTED,
        ),
        (
            world.creator,
            Action.CONFIRM,
            vn(2026, 11, 24, 15),
            {"note": "Hoàn thành"},
            TaskState.COMPLETED,
        ),
    ]
    for actor, action, at, fields, target in steps:
        before = task.state
        task = await go(world, actor, task, action, at, **fields)
        assert task.state is target
        event = world.uow.tasks.events_of(task.id)[-1]
        assert (event.action, event.from_state, event.to_state, event.at) == (
            action.value,
            before,
            target,
            at,
        )
        assert (event.actor_account_id, event.actor_person_id) == (
            actor.account_id,
            actor.person_id,
        )
        assert event.note == fields.get("note", "")
    assert [e.action for e in world.uow.tasks.events_of(task.id)] == [
        "CREATE",
        *(s[1].value for s in steps),
    ]
    assert task.sent_at == vn(2026, 11, 19, 14)
    assert not task.entry_late
    assert task.completed_at == vn(2026, 11, 24, 15)
    assert task.status_class(vn(2027, 1, 5)) is StatusClass.DONE_ON_TIME
    response = await world.uow.tasks.response_of(task.id)
    assert response is not None
    assert (response.content, response.drafted_by) == ("Dự thảo", world.specialist.account_id)
    assert (response.approved_at, response.approved_by) == (
        vn(2026, 11, 23, 10),
        world.leader.account_id,
    )
    assert (response.reply_number, response.reply_date) == ("123/SNV-TCCB", date(2026, 11, 23))
    assert response.recorded_at == vn(2026, 11, 24, 9)
    assert not response.recorded_late
    assignees = await world.uow.tasks.assignees_of(task.id)
    assert [(a.person_id, a.role) for a in assignees] == [
        (world.people["binh"], AssigneeRole.LEAD_SPECIALIST),
        (world.people["chi"], AssigneeRole.COORDINATING_SPECIALIST),
    ]


async def test_the_units_account_acts_for_its_leader(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.SENT)
    task = await go(world, world.snv_account, task, Action.RECEIVE, THU)
    assert task.state is TaskState.RECEIVED


async def test_a_step_out_of_order_is_an_invalid_transition(world: World) -> None:
    task = await a_task(world)
    error = await refused(go(world, world.leader, task, Action.APPROVE, THU))
    assert error.code is ErrorCode.INVALID_TRANSITION
    assert task.state is TaskState.CREATED
    assert len(world.uow.tasks.events_of(task.id)) == 1


@pytest.mark.parametrize(
    ("state", "action", "who"),
    [
        (TaskState.CREATED, Action.SEND, "leader"),
        (TaskState.SENT, Action.RECEIVE, "creator"),
        (TaskState.SENT, Action.RECEIVE, "specialist"),
        (TaskState.RECEIVED, Action.ASSIGN, "specialist"),
        (TaskState.ASSIGNED, Action.START, "colleague"),  # on the unit, not assigned
        (TaskState.DRAFTED, Action.APPROVE, "specialist"),
        (TaskState.APPROVED, Action.REPORT, "creator"),
        (TaskState.REPORTED, Action.CONFIRM, "leader"),
        (TaskState.REPORTED, Action.CONFIRM, "tracker"),
        (TaskState.REPORTED, Action.CONFIRM, "chairman"),
    ],
)
async def test_the_wrong_side_is_forbidden(
    world: World, state: TaskState, action: Action, who: str
) -> None:
    task = await to_state(world, await a_task(world), state)
    fields: dict[str, Any] = (
        {"lead_specialist_id": world.people["binh"]} if action is Action.ASSIGN else {}
    )
    error = await refused(go(world, getattr(world, who), task, action, THU, **fields))
    assert error.code is ErrorCode.FORBIDDEN
    assert task.state is state


async def test_a_caller_who_cannot_see_the_task_gets_not_found(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.SENT)
    error = await refused(go(world, world.outsider, task, Action.RECEIVE, THU))
    assert error.code is ErrorCode.NOT_FOUND
    error = await refused(go(world, world.outsider, task, Action.APPROVE, THU))
    assert error.code is ErrorCode.NOT_FOUND  # not INVALID_TRANSITION: nothing leaks


async def test_an_unknown_task_is_not_found(world: World) -> None:
    error = await refused(
        act(
            world.tuow,
            caller(world.creator, THU, CAL),
            ActOnTask(task_id=9999, version=None, step=Step(Action.SEND)),
        )
    )
    assert error.code is ErrorCode.NOT_FOUND


async def test_a_stale_version_is_refused(world: World) -> None:
    task = await a_task(world)
    error = await refused(
        act(
            world.tuow,
            caller(world.creator, THU, CAL),
            ActOnTask(task_id=task.id, version=task.version + 1, step=Step(Action.SEND)),
        )
    )
    assert error.code is ErrorCode.STALE_VERSION
    assert task.state is TaskState.CREATED


# --- SEND ---------------------------------------------------------------------------------


async def test_sending_after_the_entry_limit_is_flagged_late(world: World) -> None:
    task = await a_task(world)
    task = await go(world, world.creator, task, Action.SEND, vn(2026, 11, 20, 17, 1))
    assert task.entry_late
    assert task.sent_at == vn(2026, 11, 20, 17, 1)


async def test_sending_at_the_entry_limit_is_on_time(world: World) -> None:
    task = await a_task(world)
    task = await go(world, world.creator, task, Action.SEND, vn(2026, 11, 20, 17))
    assert not task.entry_late


async def test_a_task_without_directive_is_never_entered_late(world: World) -> None:
    task = await a_task(world, kind=TaskKind.WORK_PROGRAM_ITEM)
    task = await go(world, world.creator, task, Action.SEND, vn(2027, 3, 1, 9))
    assert not task.entry_late


@pytest.mark.parametrize(
    "kind", [TaskKind.PRESS_INCIDENT, TaskKind.CITIZEN_QUESTION, TaskKind.VOTER_PETITION]
)
@pytest.mark.parametrize(
    ("hard", "due"), [(False, vn(2027, 2, 17, 17)), (True, vn(2027, 2, 24, 17))]
)
async def test_send_sets_the_kinds_deadline_across_tet(
    world: World, kind: TaskKind, hard: bool, due: datetime
) -> None:
    """Assigned Friday 5 February 2027 09:00, in Tết (4-10 Feb): 5 working days end on
    Wednesday 17 February 17:00; a hard case's 10 on Wednesday 24 February 17:00."""
    level = PetitionLevel.PROVINCE if kind is TaskKind.VOTER_PETITION else None
    task = await a_task(
        world,
        now=vn(2027, 2, 1, 9),
        kind=kind,
        deadline=None,
        hard_case=hard,
        petition_level=level,
    )
    task = await go(world, world.creator, task, Action.SEND, vn(2027, 2, 5, 9))
    assert task.deadline == due
    assert task.deadline is not None
    assert task.deadline.utcoffset() == timedelta(0)


@pytest.mark.parametrize("kind", [TaskKind.DIRECTIVE, TaskKind.WORK_PROGRAM_ITEM])
async def test_other_kinds_keep_having_no_deadline(world: World, kind: TaskKind) -> None:
    task = await a_task(world, kind=kind, deadline=None)
    task = await go(world, world.creator, task, Action.SEND, THU)
    assert task.deadline is None


async def test_an_explicit_deadline_is_kept_on_send(world: World) -> None:
    task = await a_task(world, kind=TaskKind.PRESS_INCIDENT, deadline=FAR)
    task = await go(world, world.creator, task, Action.SEND, THU)
    assert task.deadline == FAR


async def test_sending_again_after_a_return_keeps_the_first_send(world: World) -> None:
    task = await a_task(world, kind=TaskKind.PRESS_INCIDENT, deadline=None)
    task = await go(world, world.creator, task, Action.SEND, vn(2026, 11, 19, 14))
    deadline = task.deadline
    task = await go(
        world, world.leader, task, Action.RETURN, vn(2026, 11, 20, 9), note="Sai đơn vị"
    )
    assert task.state is TaskState.RETURNED
    task = await go(world, world.creator, task, Action.SEND, vn(2026, 11, 23, 9))
    assert task.sent_at == vn(2026, 11, 19, 14)
    assert task.deadline == deadline


# --- reasons --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "action", "who"),
    [
        (TaskState.SENT, Action.RETURN, "leader"),
        (TaskState.RECEIVED, Action.RETURN, "leader"),
        (TaskState.DRAFTED, Action.RETURN_DRAFT, "leader"),
        (TaskState.IN_PROGRESS, Action.CANCEL, "creator"),
        (TaskState.REPORTED, Action.REOPEN, "creator"),
        (TaskState.COMPLETED, Action.REOPEN, "creator"),
    ],
)
async def test_these_steps_need_a_reason(
    world: World, state: TaskState, action: Action, who: str
) -> None:
    task = await to_state(world, await a_task(world), state)
    for note in (None, "", "   "):
        error = await refused(go(world, getattr(world, who), task, action, THU, note=note))
        assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "note")
        assert task.state is state
    task = await go(world, getattr(world, who), task, action, THU, note="  Lý do cụ thể  ")
    assert world.uow.tasks.events_of(task.id)[-1].note == "Lý do cụ thể"


async def test_a_note_has_a_limit(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.SENT)
    error = await refused(go(world, world.leader, task, Action.RETURN, THU, note="x" * 5001))
    assert (error.code, error.field) == (ErrorCode.TOO_LONG, "note")


async def test_a_returned_task_is_corrected_and_sent_again(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.SENT)
    task = await go(
        world, world.leader, task, Action.RETURN, THU, note="Thuộc thẩm quyền Sở Tài chính"
    )
    task = await correct_task(
        world.tuow,
        caller(world.creator, THU),
        CorrectTask(task_id=task.id, version=task.version, lead_unit_id=world.units["STC"]),
    )
    assert task.lead_unit_id == world.units["STC"]
    units = {(u.unit_id, u.role) for u in await world.uow.tasks.units_of(task.id)}
    assert units == {
        (world.units["STC"], UnitRole.LEAD),
        (world.units["SXD"], UnitRole.COORDINATING),
    }
    assert world.uow.tasks.events_of(task.id)[-1].action == "CORRECT"
    task = await go(world, world.creator, task, Action.SEND, THU)
    assert task.state is TaskState.SENT
    # the old lead unit no longer acts on it
    error = await refused(go(world, world.leader, task, Action.RECEIVE, THU))
    assert error.code in (ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN)


async def test_only_tasks_the_office_holds_are_corrected(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.SENT)
    error = await refused(
        correct_task(
            world.tuow,
            caller(world.creator, THU),
            CorrectTask(task_id=task.id, version=None, content="Sửa"),
        )
    )
    assert error.code is ErrorCode.INVALID_TRANSITION


async def test_a_correction_checks_deadline_and_version(world: World) -> None:
    task = await a_task(world)
    error = await refused(
        correct_task(
            world.tuow,
            caller(world.creator, THU),
            CorrectTask(task_id=task.id, version=None, deadline=THU - timedelta(days=1)),
        )
    )
    assert error.code is ErrorCode.DEADLINE_IN_PAST
    error = await refused(
        correct_task(
            world.tuow,
            caller(world.creator, THU),
            CorrectTask(task_id=task.id, version=task.version + 1, content="Sửa"),
        )
    )
    assert error.code is ErrorCode.STALE_VERSION


# --- ASSIGN ---------------------------------------------------------------------------------


async def test_assign_needs_a_lead_specialist(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.RECEIVED)
    error = await refused(go(world, world.leader, task, Action.ASSIGN, THU))
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "leadSpecialistId")


@pytest.mark.parametrize("person", ["dung", "khoa", "giang"])
async def test_assign_only_members_of_the_lead_unit(world: World, person: str) -> None:
    task = await to_state(world, await a_task(world), TaskState.RECEIVED)
    error = await refused(
        go(world, world.leader, task, Action.ASSIGN, THU, lead_specialist_id=world.people[person])
    )
    assert error.code is ErrorCode.NOT_IN_COMPETENCE
    error = await refused(
        go(
            world,
            world.leader,
            task,
            Action.ASSIGN,
            THU,
            lead_specialist_id=world.people["binh"],
            coordinating_specialist_ids=(world.people[person],),
        )
    )
    assert error.code is ErrorCode.NOT_IN_COMPETENCE
    assert await world.uow.tasks.assignees_of(task.id) == []


async def test_assign_refuses_unknown_and_repeated_people(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.RECEIVED)
    error = await refused(
        go(world, world.leader, task, Action.ASSIGN, THU, lead_specialist_id=9999)
    )
    assert error.code is ErrorCode.NOT_IN_COMPETENCE
    error = await refused(
        go(
            world,
            world.leader,
            task,
            Action.ASSIGN,
            THU,
            lead_specialist_id=world.people["binh"],
            coordinating_specialist_ids=(world.people["binh"],),
        )
    )
    assert error.code is ErrorCode.INVALID_INPUT


async def test_reassigning_replaces_the_specialists(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    task = await go(
        world, world.leader, task, Action.ASSIGN, THU, lead_specialist_id=world.people["chi"]
    )
    assert task.state is TaskState.IN_PROGRESS
    assignees = await world.uow.tasks.assignees_of(task.id)
    assert [(a.person_id, a.role) for a in assignees] == [
        (world.people["chi"], AssigneeRole.LEAD_SPECIALIST)
    ]
    error = await refused(
        go(world, world.specialist, task, Action.SUBMIT_DRAFT, THU, content="Không còn được giao")
    )
    assert error.code is ErrorCode.FORBIDDEN


# --- drafts, approval and the report ---------------------------------------------------------


async def test_a_draft_needs_content(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    error = await refused(go(world, world.specialist, task, Action.SUBMIT_DRAFT, THU))
    assert error.code is ErrorCode.INVALID_INPUT
    error = await refused(
        go(world, world.specialist, task, Action.SUBMIT_DRAFT, THU, content="x" * 20_001)
    )
    assert error.code is ErrorCode.TOO_LONG


async def test_the_leader_may_edit_and_approve(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.DRAFTED)
    task = await go(world, world.leader, task, Action.APPROVE, THU, content="Bản đã sửa")
    response = await world.uow.tasks.response_of(task.id)
    assert response is not None
    assert response.content == "Bản đã sửa"
    assert response.approved_by == world.leader.account_id


async def test_a_returned_draft_is_redrafted_and_approved_again(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.DRAFTED)
    task = await go(world, world.leader, task, Action.RETURN_DRAFT, THU, note="Bổ sung số liệu")
    assert task.state is TaskState.IN_PROGRESS
    task = await go(world, world.specialist, task, Action.SUBMIT_DRAFT, THU, content="Bản 2")
    response = await world.uow.tasks.response_of(task.id)
    assert response is not None
    assert (response.content, response.approved_at) == ("Bản 2", None)
    assert len(world.uow.tasks.responses) == 1


async def test_report_needs_the_reply_number_and_date(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.APPROVED)
    for fields in (
        {},
        {"reply_number": "45/SNV"},
        {"reply_date": date(2026, 11, 19)},
        {"reply_number": "", "reply_date": date(2026, 11, 19)},
    ):
        error = await refused(go(world, world.leader, task, Action.REPORT, THU, **fields))
        assert error.code is ErrorCode.INVALID_INPUT
    error = await refused(
        go(
            world,
            world.leader,
            task,
            Action.REPORT,
            THU,
            reply_number="x" * 61,
            reply_date=date(2026, 11, 19),
        )
    )
    assert error.code is ErrorCode.TOO_LONG
    assert task.state is TaskState.APPROVED


async def test_a_reply_dated_in_the_future_is_refused(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.APPROVED)
    error = await refused(
        go(
            world,
            world.leader,
            task,
            Action.REPORT,
            THU,
            reply_number="45/SNV",
            reply_date=date(2026, 11, 20),
        )
    )
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "replyDate")


async def test_a_reply_dated_today_in_hanoi_is_accepted_early_in_the_morning(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.APPROVED)
    early = vn(2026, 11, 20, 6)  # still 19 November in UTC
    task = await go(
        world,
        world.leader,
        task,
        Action.REPORT,
        early,
        reply_number="45/SNV",
        reply_date=date(2026, 11, 20),
    )
    assert task.state is TaskState.REPORTED


async def test_report_needs_an_approved_result(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.APPROVED)
    response = await world.uow.tasks.response_of(task.id)
    assert response is not None
    response.approved_at = None
    error = await refused(
        go(
            world,
            world.leader,
            task,
            Action.REPORT,
            THU,
            reply_number="45/SNV",
            reply_date=date(2026, 11, 19),
        )
    )
    assert error.code is ErrorCode.INVALID_TRANSITION


@pytest.mark.parametrize(
    ("recorded", "late"),
    [
        (vn(2026, 11, 20, 16), False),  # the reply's own day
        (vn(2026, 11, 23, 16, 59), False),  # Monday: the first working day after Friday
        (vn(2026, 11, 23, 17), False),
        (vn(2026, 11, 23, 17, 1), True),
        (vn(2026, 11, 24, 8), True),
    ],
)
async def test_recording_is_late_after_the_first_working_day_after_the_reply(
    world: World, recorded: datetime, late: bool
) -> None:
    task = await to_state(world, await a_task(world), TaskState.APPROVED)
    await go(
        world,
        world.leader,
        task,
        Action.REPORT,
        recorded,
        reply_number="45/SNV",
        reply_date=date(2026, 11, 20),
    )
    response = await world.uow.tasks.response_of(task.id)
    assert response is not None
    assert response.recorded_late is late


def test_recording_due_across_tet() -> None:
    assert deadlines.recording_due(CAL, date(2027, 2, 3)) == vn(2027, 2, 11, 17)
    assert deadlines.recording_due(CAL, date(2026, 11, 19)) == vn(2026, 11, 20, 17)


# --- confirm and reopen ----------------------------------------------------------------------


@pytest.mark.parametrize("state", [TaskState.REPORTED, TaskState.COMPLETED])
async def test_reopen_clears_completion(world: World, state: TaskState) -> None:
    task = await to_state(world, await a_task(world), state)
    task = await go(world, world.creator, task, Action.REOPEN, THU, note="Chưa đạt yêu cầu")
    assert task.state is TaskState.IN_PROGRESS
    assert task.completed_at is None
    assert task.status_class(THU) is StatusClass.OPEN_WITHIN_DEADLINE


async def test_cancel_is_for_open_work_only(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.COMPLETED)
    error = await refused(go(world, world.creator, task, Action.CANCEL, THU, note="Không cần"))
    assert error.code is ErrorCode.INVALID_TRANSITION


async def test_the_office_cancels_with_a_reason(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.ASSIGNED)
    task = await go(world, world.creator, task, Action.CANCEL, THU, note="Văn bản bị thu hồi")
    assert task.state is TaskState.CANCELLED
    error = await refused(go(world, world.specialist, task, Action.START, THU))
    assert error.code is ErrorCode.INVALID_TRANSITION


# --- escalation of voter petitions -----------------------------------------------------------


async def a_petition(world: World, office: Principal, unit: str, level: PetitionLevel) -> Task:
    task = await create_task(
        world.tuow,
        caller(office, THU, CAL),
        CreateTask(
            new=NewTask(
                kind=TaskKind.VOTER_PETITION,
                content="Cử tri đề nghị sửa đường liên xã",
                office_unit_id=world.units[unit],
                lead_unit_id=world.units[unit],
                petition_level=level,
                priority=Priority.HIGH,
            )
        ),
    )
    return await go(world, office, task, Action.SEND, THU)


async def test_a_commune_petition_is_escalated_to_the_district(world: World) -> None:
    task = await a_petition(world, world.commune_office, "PH", PetitionLevel.COMMUNE)
    task = await go(world, world.commune_leader, task, Action.ESCALATE, THU, note="Vượt thẩm quyền")
    assert task.state is TaskState.ESCALATED
    [upper] = [t for t in world.uow.tasks.tasks.values() if t.escalated_from_id == task.id]
    assert upper.kind is TaskKind.VOTER_PETITION
    assert upper.petition_level is PetitionLevel.DISTRICT
    assert (upper.office_unit_id, upper.lead_unit_id) == (world.units["HUE"], world.units["HUE"])
    assert upper.state is TaskState.CREATED
    assert (upper.content, upper.priority) == (task.content, Priority.HIGH)
    units = await world.uow.tasks.units_of(upper.id)
    assert [(u.unit_id, u.role) for u in units] == [(world.units["HUE"], UnitRole.LEAD)]
    [event] = world.uow.tasks.events_of(upper.id)
    assert event.action == "ESCALATED_IN"
    assert str(task.id) in event.note
    assert world.uow.tasks.events_of(task.id)[-1].to_state is TaskState.ESCALATED
    # the district's office takes it from there, on its own flow
    upper = await go(world, world.district_office, upper, Action.SEND, THU)
    assert upper.state is TaskState.SENT
    assert upper.deadline is not None


async def test_a_district_petition_is_escalated_to_the_province(world: World) -> None:
    task = await a_petition(world, world.district_office, "HUE", PetitionLevel.DISTRICT)
    task = await go(world, world.district_leader, task, Action.ESCALATE, THU)
    [upper] = [t for t in world.uow.tasks.tasks.values() if t.escalated_from_id == task.id]
    assert upper.petition_level is PetitionLevel.PROVINCE
    assert upper.office_unit_id == world.units["P"]


async def test_escalation_may_name_the_upper_levels_office(world: World) -> None:
    task = await a_petition(world, world.commune_office, "PH", PetitionLevel.COMMUNE)
    task = await go(
        world,
        world.commune_office,
        task,
        Action.ESCALATE,
        THU,
        escalate_to_unit_id=world.units["HUE-VP"],
    )
    [upper] = [t for t in world.uow.tasks.tasks.values() if t.escalated_from_id == task.id]
    assert upper.office_unit_id == world.units["HUE-VP"]
    assert upper.petition_level is PetitionLevel.DISTRICT


@pytest.mark.parametrize("target", ["PH", "PH2", "PD", "PD-PT", "SNV", "P"])
async def test_escalation_goes_one_level_up_and_nowhere_else(world: World, target: str) -> None:
    task = await a_petition(world, world.commune_office, "PH", PetitionLevel.COMMUNE)
    error = await refused(
        go(
            world,
            world.commune_office,
            task,
            Action.ESCALATE,
            THU,
            escalate_to_unit_id=world.units[target],
        )
    )
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "toUnitId")
    assert task.state is TaskState.SENT
    assert not [t for t in world.uow.tasks.tasks.values() if t.escalated_from_id == task.id]


async def test_escalation_to_an_unknown_unit_is_refused(world: World) -> None:
    task = await a_petition(world, world.commune_office, "PH", PetitionLevel.COMMUNE)
    error = await refused(
        go(world, world.commune_office, task, Action.ESCALATE, THU, escalate_to_unit_id=9999)
    )
    assert (error.code, error.field) == (ErrorCode.INVALID_INPUT, "toUnitId")


@pytest.mark.parametrize("who", ["specialist", "tracker", "chairman"])
async def test_escalation_is_for_the_office_or_the_units_leader(world: World, who: str) -> None:
    task = await a_petition(world, world.creator, "VP", PetitionLevel.DISTRICT)
    error = await refused(go(world, getattr(world, who), task, Action.ESCALATE, THU))
    assert error.code in (ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND)


async def test_a_petition_escalated_to_a_district_office_goes_to_the_province_next(
    world: World,
) -> None:
    task = await a_petition(world, world.commune_office, "PH", PetitionLevel.COMMUNE)
    await go(
        world,
        world.commune_office,
        task,
        Action.ESCALATE,
        THU,
        escalate_to_unit_id=world.units["HUE-VP"],
    )
    [upper] = [t for t in world.uow.tasks.tasks.values() if t.escalated_from_id == task.id]
    office = world.staff("HUE-VP", "hoa", (Role.TASK_CREATOR, "HUE-VP", False), account=53)
    upper = await go(world, office, upper, Action.SEND, THU)
    upper = await go(world, office, upper, Action.ESCALATE, THU)
    [top] = [t for t in world.uow.tasks.tasks.values() if t.escalated_from_id == upper.id]
    assert top.petition_level is PetitionLevel.PROVINCE
    assert top.office_unit_id == world.units["P"]


async def test_a_province_petition_is_not_escalated(world: World) -> None:
    task = await create_task(
        world.tuow,
        caller(world.creator, THU, CAL),
        CreateTask(
            new=new_task(
                world, None, kind=TaskKind.VOTER_PETITION, petition_level=PetitionLevel.PROVINCE
            )
        ),
    )
    task = await go(world, world.creator, task, Action.SEND, THU)
    before = len(world.uow.tasks.tasks)
    error = await refused(go(world, world.creator, task, Action.ESCALATE, THU))
    assert error.code is ErrorCode.NOT_IN_COMPETENCE
    assert task.state is TaskState.SENT
    assert len(world.uow.tasks.tasks) == before


async def test_only_petitions_are_escalated(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.SENT)
    error = await refused(go(world, world.creator, task, Action.ESCALATE, THU))
    assert error.code is ErrorCode.INVALID_TRANSITION


# --- status classes --------------------------------------------------------------------------


def _task(**fields: Any) -> Task:
    base: dict[str, Any] = {
        "directive_id": None,
        "kind": TaskKind.DIRECTIVE,
        "content": "x",
        "office_unit_id": 1,
        "lead_unit_id": 2,
        "created_at": THU,
        "created_by": None,
    }
    return Task(**(base | fields))


@pytest.mark.parametrize(
    ("fields", "now", "expected"),
    [
        ({"deadline": None}, THU, StatusClass.NO_DEADLINE),
        (
            {"deadline": None, "state": TaskState.COMPLETED, "completed_at": THU},
            THU,
            StatusClass.NO_DEADLINE,
        ),
        (
            {"deadline": FAR, "state": TaskState.COMPLETED, "completed_at": FAR},
            FAR + timedelta(days=9),
            StatusClass.DONE_ON_TIME,
        ),
        (
            {
                "deadline": FAR,
                "state": TaskState.COMPLETED,
                "completed_at": FAR + timedelta(seconds=1),
            },
            FAR,
            StatusClass.DONE_LATE,
        ),
        ({"deadline": FAR, "state": TaskState.IN_PROGRESS}, FAR, StatusClass.OPEN_WITHIN_DEADLINE),
        (
            {"deadline": FAR, "state": TaskState.REPORTED},
            FAR + timedelta(seconds=1),
            StatusClass.OPEN_OVERDUE,
        ),
        ({"deadline": FAR, "state": TaskState.CREATED}, THU, StatusClass.OPEN_WITHIN_DEADLINE),
        ({"deadline": FAR, "state": TaskState.CANCELLED}, FAR + timedelta(days=1), None),
        ({"deadline": None, "state": TaskState.CANCELLED}, THU, None),
        ({"deadline": FAR, "state": TaskState.ESCALATED}, THU, None),
    ],
)
def test_status_classes(
    fields: dict[str, Any], now: datetime, expected: StatusClass | None
) -> None:
    assert _task(**fields).status_class(now) is expected


# --- progress and extensions -----------------------------------------------------------------


async def a_request(world: World, task: Task, until: datetime) -> int:
    reported = await report_progress(
        world.tuow,
        caller(world.specialist, THU),
        ReportProgress(
            task_id=task.id,
            content="Đang tổng hợp số liệu",
            delay_reason="Chờ số liệu của huyện",
            proposals="Đề nghị gia hạn",
            extension_until=until,
        ),
    )
    return reported.update.id


async def test_progress_is_reported_by_the_lead_unit(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    reported = await report_progress(
        world.tuow,
        caller(world.leader, THU),
        ReportProgress(task_id=task.id, content="  Đã xong 50%  ", delay_reason=""),
    )
    update = reported.update
    assert reported.task is task
    assert (update.content, update.delay_reason, update.extension_until) == (
        "Đã xong 50%",
        None,
        None,
    )
    assert world.uow.tasks.progress[update.id] is update
    event = world.uow.tasks.events_of(task.id)[-1]
    assert (event.action, event.from_state, event.to_state) == (
        "PROGRESS",
        TaskState.IN_PROGRESS,
        TaskState.IN_PROGRESS,
    )


@pytest.mark.parametrize("who", ["creator", "tracker", "colleague", "outsider", "chairman"])
async def test_progress_from_others_is_forbidden(world: World, who: str) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    error = await refused(
        report_progress(
            world.tuow,
            caller(getattr(world, who), THU),
            ReportProgress(task_id=task.id, content="x"),
        )
    )
    assert error.code is ErrorCode.FORBIDDEN


async def test_no_progress_on_finished_work(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.COMPLETED)
    error = await refused(
        report_progress(
            world.tuow,
            caller(world.leader, THU),
            ReportProgress(task_id=task.id, content="x"),
        )
    )
    assert error.code is ErrorCode.INVALID_TRANSITION


async def test_an_extension_must_be_after_the_current_deadline(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    error = await refused(a_request(world, task, FAR))
    assert (error.code, error.field) == (ErrorCode.DEADLINE_IN_PAST, "extensionUntil")


@pytest.mark.parametrize("who", ["tracker", "creator"])
async def test_a_granted_extension_moves_the_deadline(world: World, who: str) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    later = FAR + timedelta(days=15)
    update_id = await a_request(world, task, later)
    task = await decide_extension(
        world.tuow,
        caller(getattr(world, who), THU),
        DecideExtension(progress_id=update_id, grant=True, note="Đồng ý"),
    )
    assert task.deadline == later
    update = world.uow.tasks.progress[update_id]
    assert (update.extension_decision, update.decided_at) == ("GRANTED", THU)
    event = world.uow.tasks.events_of(task.id)[-1]
    assert (event.action, event.note, event.actor_account_id) == (
        "EXTENSION_GRANTED",
        "Đồng ý",
        getattr(world, who).account_id,
    )


async def test_a_refused_extension_keeps_the_deadline(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    update_id = await a_request(world, task, FAR + timedelta(days=15))
    task = await decide_extension(
        world.tuow,
        caller(world.tracker, THU),
        DecideExtension(progress_id=update_id, grant=False),
    )
    assert task.deadline == FAR
    assert world.uow.tasks.progress[update_id].extension_decision == "REFUSED"
    assert world.uow.tasks.events_of(task.id)[-1].action == "EXTENSION_REFUSED"


@pytest.mark.parametrize("who", ["leader", "specialist", "chairman", "outsider"])
async def test_only_trackers_and_the_office_decide(world: World, who: str) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    update_id = await a_request(world, task, FAR + timedelta(days=15))
    error = await refused(
        decide_extension(
            world.tuow,
            caller(getattr(world, who), THU),
            DecideExtension(progress_id=update_id, grant=True),
        )
    )
    assert error.code is ErrorCode.FORBIDDEN
    assert task.deadline == FAR
    assert world.uow.tasks.progress[update_id].extension_decision is None


async def test_a_request_is_decided_once(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    update_id = await a_request(world, task, FAR + timedelta(days=15))
    await decide_extension(
        world.tuow,
        caller(world.tracker, THU),
        DecideExtension(progress_id=update_id, grant=False),
    )
    error = await refused(
        decide_extension(
            world.tuow,
            caller(world.creator, THU),
            DecideExtension(progress_id=update_id, grant=True),
        )
    )
    assert error.code is ErrorCode.INVALID_TRANSITION
    assert task.deadline == FAR


async def test_a_plain_progress_update_is_no_extension_request(world: World) -> None:
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    update = (
        await report_progress(
            world.tuow, caller(world.leader, THU), ReportProgress(task_id=task.id, content="x")
        )
    ).update
    error = await refused(
        decide_extension(
            world.tuow,
            caller(world.tracker, THU),
            DecideExtension(progress_id=update.id, grant=True),
        )
    )
    assert error.code is ErrorCode.NOT_FOUND


async def test_no_extension_is_granted_once_the_work_is_done(world: World) -> None:
    """Granting after completion would turn a late task into one done on time."""
    task = await to_state(world, await a_task(world), TaskState.IN_PROGRESS)
    update_id = await a_request(world, task, FAR + timedelta(days=15))
    task = await to_state(world, task, TaskState.COMPLETED)
    error = await refused(
        decide_extension(
            world.tuow,
            caller(world.tracker, THU),
            DecideExtension(progress_id=update_id, grant=True),
        )
    )
    assert error.code is ErrorCode.INVALID_TRANSITION
    assert task.deadline == FAR
