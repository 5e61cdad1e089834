"""The standard field-report flow on fakes and the real calendar: each step's limit on its own
clock, per-agency handling, return naming the right unit, leader decisions, publication."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.calendar import Sla
from domain.errors import DomainError, ErrorCode
from domain.reflections.commands import (
    ActOnReflection,
)
from domain.reflections.model import AssignmentState, ReflectionState, SlaStep
from domain.reflections.workflow import Action
from tests.callers import caller
from tests.unit.reflection_world import CAL, THU, World, build_world, vn

A = Action
RESULT = "Đã thay 3 bóng đèn hỏng trên đường Nguyễn Huệ, đèn sáng bình thường từ tối nay."


@pytest.fixture
async def world() -> World:
    return await build_world()


async def test_submit_starts_intake_on_one_working_hour(world: World) -> None:
    report, code = await world.submit()
    assert report.state is ReflectionState.SUBMITTED
    assert report.commune_unit_id == world.units["PH"]  # resolved from the coordinates
    assert report.step is SlaStep.INTAKE
    assert report.step_due == vn(2026, 11, 19, 11)
    assert code
    assert report.tracking_hash
    assert code not in report.tracking_hash
    [event] = world.uow.reflections.events_of(report.id)
    assert (event.action, event.public) == ("SUBMIT", True)


async def test_intake_late_on_friday_runs_into_monday(world: World) -> None:
    report, _ = await world.submit(now=vn(2026, 11, 20, 16, 45))
    assert report.step_due == vn(2026, 11, 23, 8, 15)  # 15 minutes Friday, 45 Monday


async def test_standard_flow_with_step_limits(world: World) -> None:
    report, _ = await world.submit()
    await world.step(world.ioc, report, A.DISTRIBUTE, vn(2026, 11, 19, 10, 40))
    [part] = await world.uow.reflections.assignments_of(report.id)
    assert part.agency_unit_id == world.units["SXD"]  # the catalog's default agency
    assert part.due_at == vn(2026, 11, 19, 11, 10)  # accept: 30 working minutes
    assert report.state is ReflectionState.IN_HANDLING
    assert report.step_due == part.due_at
    await world.step(world.handler, report, A.ACCEPT, vn(2026, 11, 19, 11, 0))
    assert part.handle_due == Sla.working_days(6).due(CAL, vn(2026, 11, 19, 11))
    assert part.return_due == vn(2026, 11, 20, 17)  # return within 1 working day
    await world.step(world.handler, report, A.SUBMIT_RESULT, vn(2026, 11, 24, 9), result=RESULT)
    assert part.due_at == vn(2026, 11, 25, 17)  # the leader: 1 working day
    await world.step(world.leader, report, A.APPROVE, vn(2026, 11, 25, 9))
    assert report.state is ReflectionState.HANDLED
    assert report.step_due == vn(2026, 11, 25, 10)  # publish: 1 working hour
    await world.step(world.ioc, report, A.PUBLISH, vn(2026, 11, 25, 9, 30))
    assert report.state is ReflectionState.PUBLISHED
    assert report.result is not None
    assert report.result.startswith("Kính gửi: Quý cá nhân")
    assert RESULT in report.result
    assert "Trân trọng./." in report.result
    events = world.uow.reflections.events_of(report.id)
    assert [e.action for e in events] == [
        "SUBMIT",
        "DISTRIBUTE",
        "ACCEPT",
        "SUBMIT_RESULT",
        "APPROVE",
        "PUBLISH",
    ]
    assert [e.public for e in events] == [True, True, True, False, True, True]
    assert not any(e.breached for e in events)
    assert events[2].step is SlaStep.ACCEPT
    assert events[2].due_at == vn(2026, 11, 19, 11, 10)


async def test_late_steps_are_recorded_as_breached(world: World) -> None:
    report, _ = await world.submit()
    await world.step(world.ioc, report, A.DISTRIBUTE, vn(2026, 11, 19, 14))  # due 11:00
    await world.step(world.handler, report, A.ACCEPT, vn(2026, 11, 19, 14, 20))
    events = world.uow.reflections.events_of(report.id)
    assert [(e.step, e.breached) for e in events[1:]] == [
        (SlaStep.INTAKE, True),
        (SlaStep.ACCEPT, False),
    ]


async def test_two_agencies_each_on_their_own(world: World) -> None:
    report, _ = await world.submit()
    both = (world.units["SXD"], world.units["CA"])
    await world.step(world.ioc, report, A.DISTRIBUTE, THU, agency_ids=both)
    await world.step(world.handler, report, A.ACCEPT, THU + timedelta(minutes=5))
    await world.step(
        world.handler, report, A.SUBMIT_RESULT, THU + timedelta(hours=1), result=RESULT
    )
    await world.step(world.leader, report, A.APPROVE, THU + timedelta(hours=2))
    assert report.state is ReflectionState.IN_HANDLING  # the police has not finished
    police = world.units["CA"]
    await world.step(world.police, report, A.ACCEPT, THU + timedelta(hours=3))
    await world.step(world.police, report, A.SUBMIT_RESULT, THU + timedelta(hours=4), result=RESULT)
    await world.step(world.police, report, A.APPROVE, THU + timedelta(hours=5), agency_id=police)
    assert report.state is ReflectionState.HANDLED
    await world.step(world.ioc, report, A.PUBLISH, THU + timedelta(hours=6))
    assert report.result is not None
    assert "Đơn vị SXD, Đơn vị CA" in report.result


async def test_return_names_the_right_unit_and_ioc_redistributes(world: World) -> None:
    report, _ = await world.submit()
    await world.step(world.ioc, report, A.DISTRIBUTE, THU)
    with pytest.raises(DomainError) as refused:
        await world.step(world.handler, report, A.RETURN, THU + timedelta(minutes=10))
    assert refused.value.code is ErrorCode.INVALID_INPUT
    assert refused.value.field == "note"
    await world.step(
        world.handler,
        report,
        A.RETURN,
        THU + timedelta(minutes=10),
        note="Thuộc thẩm quyền Công an",
        suggested_unit_id=world.units["CA"],
    )
    [part] = await world.uow.reflections.assignments_of(report.id)
    assert part.state is AssignmentState.RETURNED
    assert part.suggested_unit_id == world.units["CA"]
    assert report.state is ReflectionState.RETURNED
    assert report.step is SlaStep.INTAKE
    await world.step(
        world.ioc,
        report,
        A.DISTRIBUTE,
        THU + timedelta(minutes=30),
        agency_ids=(world.units["CA"],),
    )
    states = {
        a.agency_unit_id: a.state for a in await world.uow.reflections.assignments_of(report.id)
    }
    assert states == {
        world.units["SXD"]: AssignmentState.WITHDRAWN,
        world.units["CA"]: AssignmentState.ASSIGNED,
    }
    with pytest.raises(DomainError) as gone:  # a withdrawn agency no longer sees it
        await world.step(world.handler, report, A.ACCEPT, THU + timedelta(hours=1))
    assert gone.value.code is ErrorCode.NOT_FOUND


async def test_leader_returns_then_edits_and_approves(world: World) -> None:
    report, _ = await world.submit()
    await world.step(world.ioc, report, A.DISTRIBUTE, THU)
    await world.step(world.handler, report, A.ACCEPT, THU)
    await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result="Đã xử lý xong")
    with pytest.raises(DomainError) as handler_cannot:
        await world.step(world.handler, report, A.APPROVE, THU)
    assert handler_cannot.value.code is ErrorCode.FORBIDDEN
    await world.step(world.leader, report, A.RETURN_RESULT, THU, note="Ghi rõ đã làm gì")
    [part] = await world.uow.reflections.assignments_of(report.id)
    assert part.state is AssignmentState.ACCEPTED
    assert part.step is SlaStep.HANDLE
    await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result="Đã xử lý")
    await world.step(world.leader, report, A.APPROVE, THU, result=RESULT)  # edit and approve
    assert part.result == RESULT
    assert part.approved_by == world.leader.account_id


async def test_ioc_checks_the_template_and_sends_back(world: World) -> None:
    report, _ = await world.submit()
    await world.step(world.ioc, report, A.DISTRIBUTE, THU)
    await world.step(world.handler, report, A.ACCEPT, THU)
    await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result="Xong [đính kèm ảnh]")
    await world.step(world.leader, report, A.APPROVE, THU)
    with pytest.raises(DomainError) as refused:
        await world.step(world.ioc, report, A.PUBLISH, THU)
    assert refused.value.code is ErrorCode.RESULT_NOT_IN_TEMPLATE
    assert report.state is ReflectionState.HANDLED
    await world.step(world.ioc, report, A.SEND_BACK, THU, note="Chưa đúng mẫu Phụ lục 1")
    [part] = await world.uow.reflections.assignments_of(report.id)
    assert part.state is AssignmentState.ACCEPTED
    assert report.state is ReflectionState.IN_HANDLING


async def test_verification_loop_and_edit_request(world: World) -> None:
    report, _ = await world.submit()
    await world.step(world.ioc, report, A.REQUEST_VERIFICATION, THU, note="Gọi lại xác minh")
    assert report.state is ReflectionState.VERIFYING
    assert report.step_due == THU + timedelta(days=2)
    await world.step(world.ioc, report, A.VERIFY, THU + timedelta(hours=3))
    assert report.state is ReflectionState.SUBMITTED
    assert report.step_due == vn(2026, 11, 19, 14, 30)  # a fresh working hour (13:30 + 1h)
    await world.step(world.ioc, report, A.REQUEST_EDIT, THU + timedelta(hours=4), note="Thêm ảnh")
    with pytest.raises(DomainError) as ioc_cannot:
        await world.step(world.ioc, report, A.EDIT, THU + timedelta(hours=5))
    assert ioc_cannot.value.code is ErrorCode.FORBIDDEN
    edited = "Đèn đường hỏng 5 bóng ở đường Nguyễn Huệ đoạn gần cầu Trường Tiền"
    await world.step(world.citizen, report, A.EDIT, THU + timedelta(hours=6), content=edited)
    assert report.state is ReflectionState.SUBMITTED
    assert report.content == edited


async def test_steps_out_of_order_are_refused(world: World) -> None:
    report, _ = await world.submit()
    with pytest.raises(DomainError) as early:
        await world.step(world.ioc, report, A.PUBLISH, THU)
    assert early.value.code is ErrorCode.INVALID_TRANSITION
    await world.step(world.ioc, report, A.DISTRIBUTE, THU)
    with pytest.raises(DomainError) as skip:
        await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result=RESULT)
    assert skip.value.code is ErrorCode.INVALID_TRANSITION


async def test_version_is_checked_and_moves_on_every_step(world: World) -> None:
    from domain.reflections import transitions
    from domain.reflections.transitions import Step

    report, _ = await world.submit()
    read = report.version
    await world.step(world.ioc, report, A.CLASSIFY, THU, is_public=False)
    assert report.version == read + 1
    with pytest.raises(DomainError) as stale:
        await transitions.act(
            world.ruow,
            caller(world.ioc, THU, CAL),
            ActOnReflection(reflection_id=report.id, version=read, step=Step(A.DISTRIBUTE)),
        )
    assert stale.value.code is ErrorCode.STALE_VERSION
