"""Rules of periodic occurrences, the press digest and citizen questions, on fakes and the
real calendar (Hà Nội time; Tết 2027 runs 4-10 February; 30 April and 1 May are holidays)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.calendar import DayKind, DeclaredDay, WorkingCalendar
from domain.errors import DomainError, ErrorCode
from domain.permissions import ANONYMOUS, Principal, PrincipalKind
from domain.tasks import deadlines, policies
from domain.tasks.commands import ActOnTask, CreateTask, NewTask, Step
from domain.tasks.model import Period, StatusClass, TaskKind, TaskState
from domain.tasks.occurrence_reports import report_occurrence
from domain.tasks.periods import (
    OccurrenceState,
    first_window,
    generate_next_occurrences,
    window,
    window_due,
)
from domain.tasks.portal_commands import (
    Forward,
    ForwardPressItem,
    ForwardQuestion,
    NewPressItem,
    NewQuestion,
    OccurrenceReport,
    PublishPressDigest,
    ReportOccurrence,
    TakeInQuestion,
)
from domain.tasks.press import forward_item, publish_digest
from domain.tasks.questions import forward, take_in
from domain.tasks.services import create_task
from domain.tasks.transitions import act
from domain.tasks.workflow import Action
from tests.callers import caller
from tests.unit import test_task_services as base
from tests.unit.test_task_services import CAL, World, vn

world = base.world  # the province on fakes, shared with the chain's use-case tests

WINDOWS = [
    (Period.WEEKLY, date(2026, 11, 19), (date(2026, 11, 16), date(2026, 11, 22))),
    (Period.MONTHLY, date(2026, 2, 28), (date(2026, 2, 1), date(2026, 2, 28))),
    (Period.MONTHLY, date(2028, 2, 10), (date(2028, 2, 1), date(2028, 2, 29))),
    (Period.QUARTERLY, date(2026, 11, 19), (date(2026, 10, 1), date(2026, 12, 31))),
    (Period.QUARTERLY, date(2027, 1, 1), (date(2027, 1, 1), date(2027, 3, 31))),
    (Period.YEARLY, date(2026, 6, 15), (date(2026, 1, 1), date(2026, 12, 31))),
]


@pytest.mark.parametrize(("period", "day", "expected"), WINDOWS)
def test_windows(period: Period, day: date, expected: tuple[date, date]) -> None:
    assert window(period, day) == expected


DUES = [
    # the window's last working day, at the end of its last session
    ((date(2026, 11, 1), date(2026, 11, 30)), vn(2026, 11, 30, 17)),
    ((date(2027, 1, 1), date(2027, 1, 31)), vn(2027, 1, 29, 17)),  # 30-31 Jan: weekend
    ((date(2027, 4, 26), date(2027, 5, 2)), vn(2027, 4, 29, 17)),  # 30 April, 1 May off
    ((date(2026, 8, 31), date(2026, 9, 6)), vn(2026, 9, 4, 17)),  # 2 September
    ((date(2027, 2, 8), date(2027, 2, 14)), vn(2027, 2, 12, 17)),  # Tết ends on the 10th
]


@pytest.mark.parametrize(("span", "due"), DUES)
def test_a_window_is_due_on_its_last_working_day(span: tuple[date, date], due: datetime) -> None:
    assert window_due(CAL, *span) == due


def test_a_window_without_working_days_is_due_on_the_next_one() -> None:
    bridge = WorkingCalendar(
        declared_days=[
            DeclaredDay(date(2027, 2, d), DayKind.DAY_OFF, "Nghỉ bù Tết") for d in (11, 12)
        ]
    )
    assert window_due(bridge, date(2027, 2, 8), date(2027, 2, 14)) == vn(2027, 2, 15, 17)


def test_the_first_window_is_skipped_when_due_within_a_working_day() -> None:
    assert first_window(CAL, Period.WEEKLY, vn(2026, 11, 18, 9)) == window(
        Period.WEEKLY, date(2026, 11, 18)
    )
    # sent on Friday afternoon: this week's report is due within the hour, next week's it is
    assert first_window(CAL, Period.WEEKLY, vn(2026, 11, 20, 16)) == window(
        Period.WEEKLY, date(2026, 11, 23)
    )


SLOTS = [
    # submitted, intake batch, forwarding slot
    (vn(2026, 11, 19, 9, 59), vn(2026, 11, 19, 10), vn(2026, 11, 19, 14)),
    (vn(2026, 11, 19, 10), vn(2026, 11, 19, 10), vn(2026, 11, 19, 14)),
    (vn(2026, 11, 19, 10, 1), vn(2026, 11, 19, 16), vn(2026, 11, 20, 7, 30)),
    (vn(2026, 11, 20, 16, 30), vn(2026, 11, 23, 10), vn(2026, 11, 23, 14)),  # Friday evening
    (vn(2027, 2, 3, 17), vn(2027, 2, 11, 10), vn(2027, 2, 11, 14)),  # over Tết
]


@pytest.mark.parametrize(("submitted", "intake", "forwarding"), SLOTS)
def test_question_batches(submitted: datetime, intake: datetime, forwarding: datetime) -> None:
    assert deadlines.question_intake(CAL, submitted) == intake
    assert deadlines.question_forwarding(CAL, intake) == forwarding


def test_the_press_digest_is_due_at_eleven() -> None:
    assert deadlines.press_digest_due(CAL, date(2026, 11, 19)) == vn(2026, 11, 19, 11)


async def _periodic(world: World, period: Period, *, deadline: datetime | None = None) -> int:
    task = await create_task(
        world.tuow,
        caller(world.creator, vn(2026, 11, 18, 9), CAL),
        CreateTask(
            new=NewTask(
                kind=TaskKind.WORK_PROGRAM_ITEM,
                content="Báo cáo định kỳ",
                office_unit_id=world.units["VP"],
                lead_unit_id=world.units["SNV"],
                period=period.value,
                deadline=deadline,
            )
        ),
    )
    await act(
        world.tuow,
        caller(world.creator, vn(2026, 11, 18, 9), CAL),
        ActOnTask(task_id=task.id, version=None, step=Step(Action.SEND)),
    )
    return task.id


async def test_occurrences_follow_the_period_and_stop_at_the_deadline(world: World) -> None:
    task_id = await _periodic(world, Period.WEEKLY, deadline=vn(2026, 12, 9, 17))
    assert [o.period_start for o in await world.uow.tasks.occurrences_of(task_id)] == [
        date(2026, 11, 16)
    ]
    run = await generate_next_occurrences(uow=world.tuow, calendar=CAL, now=vn(2027, 1, 4, 8))
    assert run.done
    starts = [o.period_start for o in await world.uow.tasks.occurrences_of(task_id)]
    assert starts == [date(2026, 11, d) for d in (16, 23, 30)] + [date(2026, 12, 7)]
    assert [o.seq for o in await world.uow.tasks.occurrences_of(task_id)] == [1, 2, 3, 4]
    again = await generate_next_occurrences(uow=world.tuow, calendar=CAL, now=vn(2027, 1, 4, 8))
    assert again.created == []


async def test_ended_and_unsent_tasks_open_no_period(world: World) -> None:
    task_id = await _periodic(world, Period.MONTHLY)
    await act(
        world.tuow,
        caller(world.creator, vn(2026, 11, 19, 9), CAL),
        ActOnTask(task_id=task_id, version=None, step=Step(Action.CANCEL, note="Thu hồi")),
    )
    run = await generate_next_occurrences(uow=world.tuow, calendar=CAL, now=vn(2027, 3, 1, 8))
    assert run.created == []


async def test_a_period_is_reported_by_the_lead_unit(world: World) -> None:
    task_id = await _periodic(world, Period.MONTHLY)
    [first] = await world.uow.tasks.occurrences_of(task_id)

    async def report(who: Principal, text: str, *, final: bool, at: datetime) -> object:
        return await report_occurrence(
            world.tuow,
            caller(who, at),
            ReportOccurrence(
                occurrence_id=first.id, version=None, report=OccurrenceReport(text, 40, final)
            ),
        )

    with pytest.raises(DomainError) as denied:
        await report(world.creator, "x", final=False, at=vn(2026, 11, 19, 9))
    assert denied.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(DomainError) as hidden:
        await report(world.outsider, "x", final=False, at=vn(2026, 11, 19, 9))
    assert hidden.value.code is ErrorCode.NOT_FOUND
    await report(world.snv_account, "Đang tổng hợp", final=False, at=vn(2026, 11, 19, 9))
    assert (first.state, first.progress_percent) == (OccurrenceState.IN_PROGRESS, 40)
    assert first.status_class(vn(2026, 11, 19, 9)) is StatusClass.OPEN_WITHIN_DEADLINE
    await report(world.leader, "Đã báo cáo", final=True, at=vn(2026, 11, 27, 9))
    assert (first.state, first.progress_percent) == (OccurrenceState.DONE, 100)
    assert first.status_class(vn(2027, 1, 1)) is StatusClass.DONE_ON_TIME
    assert [e.action for e in world.uow.tasks.events_of(task_id)][-2:] == [
        "OCCURRENCE_PROGRESS",
        "OCCURRENCE_DONE",
    ]


async def test_a_digest_is_posted_on_working_days_and_its_items_forwarded(world: World) -> None:
    async def post(day: date | None, at: datetime) -> object:
        return await publish_digest(
            world.tuow,
            caller(world.creator, at, CAL),
            PublishPressDigest(
                office_unit_id=world.units["VP"],
                day=day,
                items=(NewPressItem("Ngập úng đường Lê Lợi", "Báo Thanh Niên", "Nước ngập sâu"),),
                version=None,
            ),
        )

    with pytest.raises(DomainError) as weekend:
        await post(date(2026, 11, 21), vn(2026, 11, 23, 9))
    assert weekend.value.code is ErrorCode.INVALID_INPUT
    digest = await post(None, vn(2026, 11, 19, 11, 30))
    assert digest.published_late  # type: ignore[attr-defined]
    await post(None, vn(2026, 11, 19, 15))  # more items the same day: the same digest
    assert len(world.uow.tasks.digests) == 1
    assert len(world.uow.tasks.press_items) == 2
    item_id = min(world.uow.tasks.press_items)
    with pytest.raises(DomainError) as not_office:
        await forward_item(
            world.tuow,
            caller(world.leader, vn(2026, 11, 19, 15), CAL),
            ForwardPressItem(item_id=item_id, version=None, forward=Forward(world.units["SNV"])),
        )
    assert not_office.value.code is ErrorCode.FORBIDDEN
    forwarded = await forward_item(
        world.tuow,
        caller(world.creator, vn(2026, 11, 19, 15), CAL),
        ForwardPressItem(
            item_id=item_id,
            version=None,
            forward=Forward(world.units["SNV"], (world.units["SXD"],), hard_case=True),
        ),
    )
    item, task = forwarded.source, forwarded.task
    assert (task.kind, task.state, item.task_id) == (
        TaskKind.PRESS_INCIDENT,
        TaskState.SENT,
        task.id,
    )
    assert task.deadline == vn(2026, 12, 4, 17)  # 10 working days (24 November is off)
    with pytest.raises(DomainError) as twice:
        await forward_item(
            world.tuow,
            caller(world.creator, vn(2026, 11, 19, 15), CAL),
            ForwardPressItem(item_id=item_id, version=None, forward=Forward(world.units["SNV"])),
        )
    assert twice.value.code is ErrorCode.INVALID_STATE


async def test_a_question_is_forwarded_and_its_confirmed_answer_published(world: World) -> None:
    question = await take_in(
        world.tuow,
        caller(world.creator, vn(2026, 11, 19, 11), CAL),
        TakeInQuestion(
            new=NewQuestion(
                world.units["VP"],
                "Thủ tục cấp sổ đỏ",
                "Tôi cần giấy tờ gì?",
                "Nguyễn Văn Hỏi",
                submitted_at=vn(2026, 11, 19, 10, 5),
                asker_phone="0905000000",
            )
        ),
    )
    assert (question.intake_at, question.forward_due) == (
        vn(2026, 11, 19, 16),
        vn(2026, 11, 20, 7, 30),
    )
    sent = await forward(
        world.tuow,
        caller(world.creator, vn(2026, 11, 20, 8), CAL),
        ForwardQuestion(question_id=question.id, version=None, forward=Forward(world.units["SNV"])),
    )
    question, task = sent.source, sent.task
    assert question.forwarded_late
    assert "Nguyễn Văn Hỏi" not in task.content
    assert "0905000000" not in task.content
    sides = {
        Action.RECEIVE: world.leader,
        Action.ASSIGN: world.leader,
        Action.SUBMIT_DRAFT: world.leader,
        Action.APPROVE: world.leader,
        Action.REPORT: world.leader,
        Action.CONFIRM: world.creator,
    }
    for action, who in sides.items():
        await act(
            world.tuow,
            caller(who, vn(2026, 11, 20, 15), CAL),
            ActOnTask(
                task_id=task.id,
                version=None,
                step=Step(
                    action,
                    lead_specialist_id=world.people["binh"],
                    content="Cần đơn và giấy tờ tùy thân"
                    if action is Action.SUBMIT_DRAFT
                    else None,
                    reply_number="12/SNV",
                    reply_date=date(2026, 11, 20),
                ),
            ),
        )
    assert question.published_at == vn(2026, 11, 20, 15)
    assert question.answer == "Cần đơn và giấy tờ tùy thân"
    await act(
        world.tuow,
        caller(world.creator, vn(2026, 11, 23, 9), CAL),
        ActOnTask(task_id=task.id, version=None, step=Step(Action.REOPEN, note="Bổ sung")),
    )
    assert (question.published_at, question.answer) == (None, None)


def test_who_reads_the_digest_and_the_questions(world: World) -> None:
    office = world.path("VP")
    assert policies.can_read_press(world.leader)
    assert policies.can_read_press(world.snv_account)
    assert not policies.can_read_press(ANONYMOUS)
    integrator = Principal(kind=PrincipalKind.INTEGRATOR, grants=())
    assert not policies.can_read_press(integrator)
    assert policies.can_read_questions(world.creator, office)
    assert policies.can_read_questions(world.chairman, office)  # overseer of the province
    for outsider in (world.leader, world.tracker, world.snv_account, ANONYMOUS, integrator):
        assert not policies.can_read_questions(outsider, office)
