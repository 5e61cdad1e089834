"""Urgent, sensitive and secret reports, cancellation, duplicates, follow-up, rating, focal
persons, intake validation and the reporter-data rule, on fakes and the real calendar."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import DomainError, ErrorCode
from domain.permissions import (
    ANONYMOUS,
    can_view_reflection,
    can_view_reporter_contact,
    reflection_scope,
)
from domain.reflections import duplicates, interaction
from domain.reflections.commands import (
    AnswerQuestion,
    AskAboutReflection,
    RateReflection,
    SaveCategory,
    SetAgencyFocals,
)
from domain.reflections.model import (
    CancelReason,
    Channel,
    Media,
    MediaKind,
    Rating,
    ReflectionPriority,
    ReflectionState,
    SlaStep,
)
from domain.reflections.transitions import parties_of
from domain.reflections.workflow import Action
from tests.callers import caller
from tests.unit.reflection_world import CAL, THU, World, build_world, vn

A = Action
RESULT = "Lực lượng chữa cháy đã có mặt sau 10 phút, đám cháy được dập tắt hoàn toàn."


@pytest.fixture
async def world() -> World:
    return await build_world()


async def _handled(world: World, **submit: object) -> object:
    report, _ = await world.submit(**submit)
    await world.step(world.ioc, report, A.DISTRIBUTE, THU, agency_ids=(world.units["SXD"],))
    await world.step(world.handler, report, A.ACCEPT, THU)
    await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result=RESULT)
    await world.step(world.leader, report, A.APPROVE, THU)
    return report


async def test_urgent_flow_runs_on_the_wall_clock_at_night(world: World) -> None:
    saturday_night = vn(2026, 11, 21, 23, 50)
    report, _ = await world.submit(category_id=world.categories["FIRE"], now=saturday_night)
    assert report.priority is ReflectionPriority.URGENT
    assert report.step_due == vn(2026, 11, 22, 0, 20)  # 30 minutes, weekend or not
    await world.step(world.ioc, report, A.DISTRIBUTE, vn(2026, 11, 22, 0, 5))
    [part] = await world.uow.reflections.assignments_of(report.id)
    assert part.due_at == vn(2026, 11, 22, 0, 35)  # confirm within 30 minutes
    await world.step(world.police, report, A.ACCEPT, vn(2026, 11, 22, 0, 10))
    await world.step(world.police, report, A.SUBMIT_RESULT, vn(2026, 11, 22, 2), result=RESULT)
    assert part.due_at == vn(2026, 11, 22, 3)  # approved within 1 hour of the result
    await world.step(world.police, report, A.APPROVE, vn(2026, 11, 22, 3, 30))
    approve = world.uow.reflections.events_of(report.id)[-1]
    assert (approve.step, approve.breached) == (SlaStep.APPROVE, True)


async def test_classifying_urgent_restarts_intake_from_receipt(world: World) -> None:
    report, _ = await world.submit()
    await world.step(world.ioc, report, A.CLASSIFY, THU, priority=ReflectionPriority.URGENT)
    assert report.step_due == THU + timedelta(minutes=30)


async def test_sensitive_flow_with_agreement_loop(world: World) -> None:
    report, _ = await world.submit(category_id=world.categories["LAND"])
    assert report.sensitive
    assert not report.is_public
    with pytest.raises(DomainError) as direct:
        await world.step(world.ioc, report, A.DISTRIBUTE, THU)
    assert direct.value.code is ErrorCode.INVALID_TRANSITION
    with pytest.raises(DomainError) as unnamed:
        await world.step(world.ioc, report, A.SEND_TO_COORDINATOR, THU)
    assert unnamed.value.field == "coordinatingUnitId"
    await world.step(world.ioc, report, A.CLASSIFY, THU, coordinating_unit_id=world.units["STN"])
    await world.step(world.ioc, report, A.SEND_TO_COORDINATOR, THU)
    assert report.state is ReflectionState.COORDINATING
    assert report.step_due == vn(2026, 11, 20, 17)  # 1 working day
    await world.step(
        world.coordinator,
        report,
        A.ADVISE,
        THU,
        note="Giao xử lý",
        agency_ids=(world.units["SXD"],),
    )
    advice = world.uow.reflections.events_of(report.id)[-1]
    assert advice.note == "Giao xử lý (cơ quan có thẩm quyền: Đơn vị SXD)"
    await world.step(world.ioc, report, A.DISTRIBUTE, THU, agency_ids=(world.units["SXD"],))
    await world.step(world.handler, report, A.ACCEPT, THU)
    await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result=RESULT)
    await world.step(world.leader, report, A.APPROVE, THU)
    with pytest.raises(DomainError) as unagreed:
        await world.step(world.ioc, report, A.PUBLISH, THU)
    assert unagreed.value.code is ErrorCode.INVALID_TRANSITION
    await world.step(world.ioc, report, A.REQUEST_AGREEMENT, THU)
    assert report.step is SlaStep.AGREEMENT
    assert report.step_due == vn(2026, 11, 20, 17)
    await world.step(world.coordinator, report, A.DISAGREE, THU, note="Chưa đủ căn cứ")
    assert report.state is ReflectionState.ADVISED  # loops back to distribution
    await world.step(world.ioc, report, A.DISTRIBUTE, THU, agency_ids=(world.units["SXD"],))
    await world.step(world.handler, report, A.ACCEPT, THU)
    await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result=RESULT)
    await world.step(world.leader, report, A.APPROVE, THU)
    await world.step(world.ioc, report, A.REQUEST_AGREEMENT, THU)
    await world.step(world.coordinator, report, A.AGREE, THU)
    await world.step(world.ioc, report, A.PUBLISH, THU)
    assert report.state is ReflectionState.ANSWERED_PRIVATELY  # non-public: never published


async def test_secrecy_sends_the_result_to_the_reporter_only(world: World) -> None:
    report = await _handled(world, secrecy_requested=True)
    await world.step(world.ioc, report, A.PUBLISH, THU)  # type: ignore[arg-type]
    assert report.state is ReflectionState.ANSWERED_PRIVATELY  # type: ignore[attr-defined]
    assert report.published_at is None  # type: ignore[attr-defined]
    parts = await world.uow.reflections.assignments_of(report.id)  # type: ignore[attr-defined]
    parties = await parties_of(world.ruow, report, parts)  # type: ignore[arg-type]
    assert not can_view_reflection(ANONYMOUS, parties)
    assert can_view_reflection(world.citizen, parties)


async def test_cancel_needs_a_reason(world: World) -> None:
    report, _ = await world.submit()
    with pytest.raises(DomainError) as no_reason:
        await world.step(world.ioc, report, A.CANCEL, THU, note="Trùng")
    assert no_reason.value.field == "reason"
    await world.step(
        world.ioc,
        report,
        A.CANCEL,
        THU,
        note="Trùng phản ánh #1",
        cancel_reason=CancelReason.DUPLICATE,
    )
    assert report.state is ReflectionState.CANCELLED
    assert report.cancel_reason is CancelReason.DUPLICATE


async def test_automatic_cancellation_after_two_days(world: World) -> None:
    unverified, _ = await world.submit()
    unedited, _ = await world.submit(reporter_phone="0905 333 444")
    fresh, _ = await world.submit(reporter_phone="0905 555 666")
    await world.step(world.ioc, unverified, A.REQUEST_VERIFICATION, THU, note="Xác minh")
    await world.step(world.ioc, unedited, A.REQUEST_EDIT, THU, note="Bổ sung")
    await world.step(world.ioc, fresh, A.REQUEST_EDIT, THU + timedelta(days=1), note="Bổ sung")
    assert (
        await interaction.cancel_overdue(uow=world.ruow, now=THU + timedelta(days=2, minutes=-1))
        == []
    )
    done = await interaction.cancel_overdue(uow=world.ruow, now=THU + timedelta(days=2))
    assert done == [unverified.id, unedited.id]
    assert unverified.cancel_reason is CancelReason.VERIFICATION_FAILED
    assert unedited.cancel_reason is CancelReason.EDIT_NOT_MADE
    assert fresh.state is ReflectionState.AWAITING_EDIT


async def test_likely_duplicates_for_intake_staff(world: World) -> None:
    first, _ = await world.submit()
    again, _ = await world.submit(content="Đèn đường hỏng cả tuần ở đường Nguyễn Huệ, tối lắm")
    elsewhere, _ = await world.submit(
        reporter_phone="0911 000 111",
        reporter_email="khac@example.vn",
        latitude=16.4598,
        longitude=107.5856,
        content="Rác thải đổ trộm bên bờ sông, bốc mùi khó chịu",
    )
    found = await duplicates.likely_duplicates(
        uow=world.ruow, actor=world.ioc, reflection_id=again.id, now=THU
    )
    assert [d.reflection.id for d in found] == [first.id]
    assert set(found[0].reasons) == {
        duplicates.DuplicateReason.SAME_REPORTER,
        duplicates.DuplicateReason.SIMILAR_TEXT,
        duplicates.DuplicateReason.NEARBY,
    }
    assert elsewhere.id not in [d.reflection.id for d in found]
    with pytest.raises(DomainError) as handler:
        await duplicates.likely_duplicates(
            uow=world.ruow, actor=world.handler, reflection_id=again.id, now=THU
        )
    assert handler.value.code is ErrorCode.NOT_FOUND


async def test_follow_up_question_answer_and_rating(world: World) -> None:
    report, code = await world.submit(actor=ANONYMOUS)
    await world.step(world.ioc, report, A.DISTRIBUTE, THU)
    await world.step(world.handler, report, A.ACCEPT, THU)
    await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result=RESULT)
    await world.step(world.leader, report, A.APPROVE, THU)
    await world.step(world.ioc, report, A.PUBLISH, THU)
    with pytest.raises(DomainError) as stranger:
        await interaction.ask(
            world.ruow,
            caller(ANONYMOUS, THU, CAL),
            AskAboutReflection(
                reflection_id=report.id, question="Khi nào sửa?", tracking_code="wrong"
            ),
        )
    assert stranger.value.code is ErrorCode.FORBIDDEN
    question = await interaction.ask(
        world.ruow,
        caller(ANONYMOUS, THU, CAL),
        AskAboutReflection(
            reflection_id=report.id, question="Đoạn gần cầu đã sửa chưa?", tracking_code=code
        ),
    )
    assert question.answer_due == THU + timedelta(days=1)
    with pytest.raises(DomainError) as police:
        await interaction.answer(
            world.ruow,
            caller(world.police, THU),
            AnswerQuestion(question_id=question.id, text="Rồi"),
        )
    assert police.value.code is ErrorCode.FORBIDDEN
    later = THU + timedelta(days=2)
    await interaction.answer(
        world.ruow,
        caller(world.handler, later),
        AnswerQuestion(question_id=question.id, text="Đã sửa"),
    )
    assert question.answered_by_unit_id == world.units["SXD"]
    answer = world.uow.reflections.events_of(report.id)[-1]
    assert (answer.action, answer.step, answer.breached) == ("ANSWER", SlaStep.ANSWER, True)
    await interaction.rate(
        world.ruow,
        caller(ANONYMOUS, later),
        RateReflection(reflection_id=report.id, rating=Rating.SATISFIED, tracking_code=code),
    )
    assert report.rating is Rating.SATISFIED
    with pytest.raises(DomainError) as twice:
        await interaction.rate(
            world.ruow,
            caller(ANONYMOUS, later),
            RateReflection(reflection_id=report.id, rating=Rating.UNSATISFIED, tracking_code=code),
        )
    assert twice.value.code is ErrorCode.INVALID_STATE


async def test_focal_persons_of_an_agency_act_for_it(world: World) -> None:
    with pytest.raises(DomainError) as outsider:
        await interaction.set_focals(
            world.ruow,
            caller(world.leader, THU),
            SetAgencyFocals(
                agency_id=world.units["SXD"],
                leader_person_id=world.people["cap"],
                handler_person_id=None,
            ),
        )
    assert outsider.value.code is ErrorCode.NOT_IN_COMPETENCE
    await interaction.set_focals(
        world.ruow,
        caller(world.leader, THU),
        SetAgencyFocals(
            agency_id=world.units["SXD"],
            leader_person_id=world.people["lead2"],
            handler_person_id=world.people["hand"],
        ),
    )
    focal_leader = world.staff("SXD", "lead2", account=30)  # no LEADER grant, named focal
    report, _ = await world.submit()
    await world.step(world.ioc, report, A.DISTRIBUTE, THU)
    await world.step(world.handler, report, A.ACCEPT, THU)
    await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result=RESULT)
    await world.step(focal_leader, report, A.APPROVE, THU)
    assert report.state is ReflectionState.HANDLED


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"reporter_phone": ""}, ErrorCode.INVALID_INPUT, "reporterPhone"),
        ({"reporter_email": ""}, ErrorCode.INVALID_INPUT, "reporterEmail"),
        ({"reporter_email": "not-an-email"}, ErrorCode.INVALID_EMAIL, "reporterEmail"),
        ({"reporter_name": " "}, ErrorCode.INVALID_INPUT, "reporterName"),
        ({"latitude": 21.03, "longitude": 105.85}, ErrorCode.OUTSIDE_PROVINCE, "latitude"),
        ({"content": "x" * 5001}, ErrorCode.TOO_LONG, "content"),
        ({"occurred_at": THU + timedelta(hours=1)}, ErrorCode.INVALID_INPUT, "occurredAt"),
        (
            {
                "media": (
                    Media(MediaKind.PHOTO, "https://m.vn/a.exe", "application/x-msdownload", 10),
                )
            },
            ErrorCode.MEDIA_REJECTED,
            "media",
        ),
        (
            {"media": (Media(MediaKind.VIDEO, "https://m.vn/v.mp4", "video/mp4", 200 * 2**20),)},
            ErrorCode.MEDIA_REJECTED,
            "media",
        ),
        ({"channel": Channel.HOTLINE}, ErrorCode.FORBIDDEN, None),
    ],
)
async def test_bad_submissions_get_typed_errors(
    world: World, changes: dict[str, object], code: ErrorCode, field: str | None
) -> None:
    with pytest.raises(DomainError) as refused:
        await world.submit(**changes)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert world.uow.reflections.reflections == {}  # nothing half-written


async def test_reporter_contact_reaches_an_agency_only_with_consent(world: World) -> None:
    for consent in (False, True):
        report, _ = await world.submit(consent_contact=consent)
        await world.step(world.ioc, report, A.DISTRIBUTE, THU)
        parts = await world.uow.reflections.assignments_of(report.id)
        parties = await parties_of(world.ruow, report, parts)
        assert can_view_reporter_contact(world.ioc, parties)
        assert can_view_reporter_contact(world.citizen, parties)  # the reporter's own
        assert can_view_reporter_contact(world.handler, parties) is consent
        assert not can_view_reporter_contact(world.police, parties)
        assert not can_view_reporter_contact(ANONYMOUS, parties)
        assert not can_view_reflection(world.police, parties)  # not distributed to them


def test_scopes() -> None:
    assert reflection_scope(ANONYMOUS).empty
    assert not reflection_scope(ANONYMOUS).sees_reporters


async def test_catalog_entries_and_default_agencies_by_area(world: World) -> None:
    from domain.reflections.catalog import save_category
    from domain.reflections.commands import CategoryInput

    with pytest.raises(DomainError) as refused:
        await save_category(
            world.ruow, caller(world.leader), SaveCategory(entry=CategoryInput("TREES", "Cây xanh"))
        )
    assert refused.value.code is ErrorCode.FORBIDDEN
    units = world.units
    entry = CategoryInput(
        "trees",
        "Cây xanh",
        defaults=((units["SXD"], None), (units["CA"], units["VN"])),  # Vĩnh Ninh: the police
    )
    category = await save_category(world.ruow, caller(world.ioc), SaveCategory(entry=entry))
    assert category.code == "TREES"
    here, _ = await world.submit(category_id=category.id)  # Phú Hội: the default
    await world.step(world.ioc, here, A.DISTRIBUTE, THU)
    there, _ = await world.submit(category_id=category.id, latitude=16.4598, longitude=107.5856)
    await world.step(world.ioc, there, A.DISTRIBUTE, THU)
    parts = world.uow.reflections.assignments
    assert {(a.reflection_id, a.agency_unit_id) for a in parts} == {
        (here.id, units["SXD"]),
        (there.id, units["CA"]),
    }
    again = await save_category(
        world.ruow, caller(world.ioc), SaveCategory(entry=CategoryInput("TREES", "Cây xanh đô thị"))
    )
    assert again.id == category.id
    assert await world.uow.reflections.category_agencies(category.id) == []
