"""The dossier flow end to end on fakes and the real calendar: submission, reception,
refusals with guidance and the apology, assignment, the stopped clock, the drafting loop, the
register, joined procedures, delivery, the overdue notice, the survey; every refusal typed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.dossiers.components import ComponentFile
from domain.dossiers.deadlines import status_class
from domain.dossiers.model import (
    DeliveryMethod,
    DossierState,
    GuidanceStage,
    ResultKind,
    StatusClass,
)
from domain.dossiers.workflow import Action
from domain.errors import DomainError, ErrorCode
from domain.notifications.model import NotificationKind, SubjectType
from tests.unit.dossier_world import (
    CAL,
    DRAWING,
    FORM,
    MON,
    PERMIT,
    PERSONS,
    PROOF,
    SITE,
    World,
    build_world,
    vn,
)

A, S = Action, DossierState
GUIDE = "Bổ sung bản sao giấy chứng sinh có chứng thực, ghi rõ họ tên người mẹ."


@pytest.fixture
async def world() -> World:
    return await build_world()


async def refused(
    world: World, coro: object, code: ErrorCode, field: str | None = None
) -> DomainError:
    with pytest.raises(DomainError) as caught:
        await coro  # type: ignore[misc]
    assert caught.value.code is code, caught.value.message
    if field is not None:
        assert caught.value.field == field
    return caught.value


async def test_submission_receipt_and_desk_notice(world: World) -> None:
    dossier = await world.submit()
    assert dossier.state is S.SUBMITTED
    assert dossier.reception_due == vn(10, 5, 10)
    assert dossier.tracking_code.startswith("HS-")
    assert dossier.agency_unit_id == dossier.holder_unit_id == world.units["STP"]
    assert len(await world.uow.dossiers.components_of(dossier.id)) == 2
    assert all(u.dossier_id == dossier.id for u in world.uow.media.uploads.values())
    assert world.uow.dossiers.log(dossier) == ["SUBMIT"]
    assert world.uow.dossier_messages.kinds(dossier) == ["SUBMITTED"]
    [note] = world.uow.notifications.of(PERSONS["desk"])
    assert (note.kind, note.subject_type) == (NotificationKind.NEW_ASSIGNMENT, SubjectType.DOSSIER)
    assert note.summary.title == f"Hồ sơ #{dossier.id} · Đăng ký khai sinh"
    assert "Hoa" not in note.summary.to_json()


async def test_the_whole_flow_with_a_supplement_and_a_returned_draft(world: World) -> None:
    d = await world.submit()
    await world.step(world.desk, d, A.ACCEPT, vn(10, 5, 9, 40))
    assert d.received_at == vn(10, 5, 9, 40)
    assert d.processing_due == vn(10, 12, 17)  # 5 working days
    assert world.uow.notifications.of(PERSONS["lead"])[-1].summary.action == "ACCEPT"
    await world.step(world.leader, d, A.ASSIGN, vn(10, 5, 10), assignee_person_id=PERSONS["spec"])
    assert (d.state, d.holder_person_id) == (S.IN_PROCESSING, PERSONS["spec"])
    await world.step(world.specialist, d, A.REQUEST_SUPPLEMENT, vn(10, 6, 10), note=GUIDE)
    assert d.state is S.AWAITING_SUPPLEMENT
    assert d.paused_at == vn(10, 6, 10)
    extra = ComponentFile(13, world.upload())
    await world.step(world.applicant(), d, A.SUPPLEMENT, vn(10, 7, 15), files=(extra,))
    assert d.paused_at is None
    assert d.paused_minutes == 630
    assert d.processing_due == vn(10, 14, 10, 30)  # the 35 working hours left run again
    assert world.uow.dossiers.supplements[-1].answered_at == vn(10, 7, 15)
    await world.step(
        world.specialist, d, A.SUBMIT_DRAFT, vn(10, 8, 9), result_kind=ResultKind.GRANTED
    )
    await world.step(world.leader, d, A.RETURN_DRAFT, vn(10, 8, 10), note="Sửa lại tên người cha.")
    assert d.state is S.IN_PROCESSING
    assert world.uow.notifications.of(PERSONS["spec"])[-1].kind is NotificationKind.RETURNED
    await world.step(
        world.specialist, d, A.SUBMIT_DRAFT, vn(10, 8, 11), result_kind=ResultKind.GRANTED
    )
    await world.step(world.leader, d, A.SIGN, vn(10, 8, 14))
    assert world.uow.notifications.of(PERSONS["clerk"])[-1].summary.action == "SIGN"
    await world.step(world.clerk, d, A.REGISTER_RESULT, vn(10, 9, 9), register_symbol="tp-ks")
    assert d.state is S.RESULT_READY
    assert d.result_number == "1/TP-KS"
    assert d.finished_at == vn(10, 9, 9)
    assert status_class(d, vn(10, 20), CAL) is StatusClass.DONE_EARLY
    await world.step(world.desk, d, A.DELIVER, vn(10, 9, 10))
    assert (d.state, d.delivered_at) == (S.DELIVERED, vn(10, 9, 10))
    assert world.uow.dossiers.log(d) == [
        "SUBMIT", "ACCEPT", "ASSIGN", "REQUEST_SUPPLEMENT", "SUPPLEMENT", "SUBMIT_DRAFT",
        "RETURN_DRAFT", "SUBMIT_DRAFT", "SIGN", "REGISTER_RESULT", "DELIVER",
    ]  # fmt: skip
    assert world.uow.dossier_messages.kinds(d) == [
        "SUBMITTED", "RECEIVED", "SUPPLEMENT", "RESULT_READY", "DELIVERED"
    ]  # fmt: skip
    await world.rate(world.applicant(), d, vn(10, 10, 9), staff_attitude=5)
    assert d.rated
    assert world.uow.dossiers.surveys[-1].staff_attitude == 5
    await refused(world, world.rate(world.applicant(), d, vn(10, 10, 10)), ErrorCode.INVALID_STATE)


async def test_the_log_records_who_when_from_to_and_the_limit(world: World) -> None:
    d = await world.submit()
    await world.step(world.desk, d, A.ACCEPT, vn(10, 5, 10, 5))  # five minutes late
    submit, accept = world.uow.dossiers.steps
    assert (submit.from_state, submit.to_state, submit.actor_account_id) == (None, S.SUBMITTED, 70)
    assert (accept.from_state, accept.to_state) == (S.SUBMITTED, S.RECEIVED)
    assert accept.actor_account_id == PERSONS["desk"] + 1000
    assert (accept.at, accept.due_at, accept.breached) == (vn(10, 5, 10, 5), vn(10, 5, 10), True)
    assert accept.unit_id == world.units["STP"]


async def test_three_refusals_by_the_desks_fault_owe_an_apology(world: World) -> None:
    d = await world.submit()
    for round_, at in enumerate((vn(10, 5, 9, 30), vn(10, 6, 9, 30), vn(10, 7, 9, 30)), 1):
        await world.step(
            world.desk,
            d,
            A.REFUSE,
            at,
            note=GUIDE,
            missing_components=(PROOF,),
            staff_at_fault=True,
        )
        assert (d.state, d.refusals) == (S.INCOMPLETE, round_)
        files = (ComponentFile(PROOF, world.upload()),)
        await world.step(world.applicant(), d, A.COMPLETE, at + timedelta(hours=1), files=files)
        assert d.state is S.SUBMITTED
        assert d.reception_due == CAL.dossier_reception_due(at + timedelta(hours=1))
    assert d.apology_pending is GuidanceStage.RECEPTION
    error = await refused(
        world, world.step(world.desk, d, A.ACCEPT, vn(10, 7, 11)), ErrorCode.APOLOGY_REQUIRED
    )
    assert "apolog" in error.message
    await refused(
        world, world.step(world.leader, d, A.APOLOGIZE, vn(10, 7, 11)), ErrorCode.FORBIDDEN
    )
    await world.step(world.desk, d, A.APOLOGIZE, vn(10, 7, 11), note="Kính mong Quý vị thông cảm.")
    [letter] = world.uow.dossiers.apologies
    assert letter.stage is GuidanceStage.RECEPTION
    assert "Nguyễn Thị Hoa" in letter.text
    assert GUIDE in letter.text
    assert "3 lần" in letter.text
    assert d.apology_pending is None
    await world.step(world.desk, d, A.ACCEPT, vn(10, 7, 11, 5))
    assert d.state is S.RECEIVED
    assert world.uow.dossier_messages.kinds(d).count("INCOMPLETE") == 3
    assert "APOLOGY" in world.uow.dossier_messages.kinds(d)


async def test_refusals_by_the_applicants_own_error_owe_nothing(world: World) -> None:
    d = await world.submit()
    for at in (vn(10, 5, 9, 30), vn(10, 6, 9, 30), vn(10, 7, 9, 30)):
        await world.step(world.desk, d, A.REFUSE, at, note=GUIDE)
        await world.step(
            world.applicant(), d, A.COMPLETE, at + timedelta(hours=1),
            files=(ComponentFile(PROOF, world.upload()),),
        )  # fmt: skip
    assert d.apology_pending is None
    await world.step(world.desk, d, A.ACCEPT, vn(10, 7, 11))


async def test_a_second_faulty_supplement_request_owes_the_specialists_apology(
    world: World,
) -> None:
    d = await world.submit()
    await world.step(world.desk, d, A.ACCEPT, vn(10, 5, 9, 30))
    await world.step(world.leader, d, A.ASSIGN, vn(10, 5, 10), assignee_person_id=PERSONS["spec"])
    for at in (vn(10, 6, 9), vn(10, 7, 9)):
        await world.step(
            world.specialist, d, A.REQUEST_SUPPLEMENT, at, note=GUIDE, staff_at_fault=True
        )
        files = (ComponentFile(PROOF, world.upload()),)
        await world.step(world.applicant(), d, A.SUPPLEMENT, at + timedelta(hours=2), files=files)
    assert d.apology_pending is GuidanceStage.PROCESSING
    await refused(
        world,
        world.step(
            world.specialist, d, A.SUBMIT_DRAFT, vn(10, 7, 14), result_kind=ResultKind.GRANTED
        ),
        ErrorCode.APOLOGY_REQUIRED,
    )
    await refused(world, world.step(world.desk, d, A.APOLOGIZE, vn(10, 7, 14)), ErrorCode.FORBIDDEN)
    await world.step(world.specialist, d, A.APOLOGIZE, vn(10, 7, 14))
    await world.step(
        world.specialist, d, A.SUBMIT_DRAFT, vn(10, 7, 15), result_kind=ResultKind.DENIED
    )


async def test_a_joined_procedure_passes_to_the_next_agency(world: World) -> None:
    files = [ComponentFile(SITE, world.upload()), ComponentFile(DRAWING, world.upload())]
    d = await world.submit(procedure=PERMIT, files=files, delivery=DeliveryMethod.POST,
                           address="12 Lê Lợi, phường Phú Hội, Huế")  # fmt: skip
    await world.step(world.desk, d, A.ACCEPT, vn(10, 5, 9, 30))
    assert d.processing_due == CAL.add_working_days(vn(10, 5, 9, 30), 15)
    await world.step(world.leader, d, A.ASSIGN, vn(10, 5, 10), assignee_person_id=PERSONS["spec"])
    await world.step(
        world.specialist, d, A.SUBMIT_DRAFT, vn(10, 6, 9), result_kind=ResultKind.GRANTED
    )
    await world.step(world.leader, d, A.SIGN, vn(10, 6, 10))
    await world.step(world.clerk, d, A.REGISTER_RESULT, vn(10, 6, 11))
    assert (d.state, d.holder_unit_id, d.chain_index) == (S.RECEIVED, world.units["SXD"], 1)
    assert d.holder_person_id is None
    assert d.result_number is None
    assert world.uow.dossiers.log(d)[-1] == "TRANSFER"
    assert world.uow.notifications.of(PERSONS["xlead"])[-1].summary.action == "TRANSFER"
    # the first agency's staff no longer act on it; the next agency's leader does
    await refused(
        world,
        world.step(world.leader, d, A.ASSIGN, vn(10, 6, 14), assignee_person_id=PERSONS["spec2"]),
        ErrorCode.FORBIDDEN,
    )
    boss = world.builder_leader
    await world.step(boss, d, A.ASSIGN, vn(10, 6, 14), assignee_person_id=PERSONS["xlead"])
    await world.step(boss, d, A.SUBMIT_DRAFT, vn(10, 7, 9), result_kind=ResultKind.GRANTED)
    await world.step(boss, d, A.SIGN, vn(10, 7, 10))
    # by post, the signed electronic result is attached to be emailed first (Art. 13.2)
    await refused(
        world,
        world.step(boss, d, A.REGISTER_RESULT, vn(10, 7, 11)),
        ErrorCode.INVALID_INPUT,
        "resultFileUrl",
    )
    photo = world.upload("image/jpeg")
    await refused(
        world,
        world.step(boss, d, A.REGISTER_RESULT, vn(10, 7, 11), result_upload_key=photo),
        ErrorCode.FILE_TYPE_REJECTED,
    )
    result = world.upload()
    await world.step(
        boss, d, A.REGISTER_RESULT, vn(10, 7, 11), result_upload_key=result, register_symbol="GPXD"
    )
    assert (d.state, d.result_number, d.result_upload_key) == (S.RESULT_READY, "1/GPXD", result)
    # the receiving desk returns it
    await world.step(world.desk, d, A.DELIVER, vn(10, 7, 14), note="Bưu gửi EA123456789VN")
    assert d.state is S.DELIVERED


async def test_register_numbers_follow_on_per_agency_and_year(world: World) -> None:
    numbers = []
    for _ in range(3):
        d = await world.submit()
        await world.step(world.desk, d, A.ACCEPT, vn(10, 5, 9, 30))
        await world.step(
            world.leader, d, A.ASSIGN, vn(10, 5, 10), assignee_person_id=PERSONS["spec"]
        )
        await world.step(
            world.specialist, d, A.SUBMIT_DRAFT, vn(10, 5, 11), result_kind=ResultKind.GRANTED
        )
        await world.step(world.leader, d, A.SIGN, vn(10, 5, 14))
        await world.step(world.clerk, d, A.REGISTER_RESULT, vn(10, 5, 15))
        numbers.append(d.result_number)
    assert numbers == ["1", "2", "3"]


async def test_an_overdue_dossier_is_explained_with_a_new_date(world: World) -> None:
    d = await world.submit()
    await world.step(world.desk, d, A.ACCEPT, vn(10, 5, 9, 30))
    await world.step(world.leader, d, A.ASSIGN, vn(10, 5, 10), assignee_person_id=PERSONS["spec"])
    early = world.step(
        world.specialist,
        d,
        A.NOTIFY_OVERDUE,
        vn(10, 12, 16),
        note="Chờ xác minh.",
        new_due=vn(10, 15, 17),
    )
    await refused(world, early, ErrorCode.INVALID_STATE)
    late = vn(10, 13, 9)
    await refused(
        world,
        world.step(world.specialist, d, A.NOTIFY_OVERDUE, late, note="Chờ xác minh.", new_due=late),
        ErrorCode.INVALID_INPUT,
        "newDue",
    )
    await refused(
        world, world.step(world.specialist, d, A.NOTIFY_OVERDUE, late, new_due=vn(10, 15, 17)),
        ErrorCode.INVALID_INPUT, "note",
    )  # fmt: skip
    await world.step(
        world.specialist,
        d,
        A.NOTIFY_OVERDUE,
        late,
        note="Chờ ý kiến Sở Xây dựng.",
        new_due=vn(10, 15, 17),
    )
    assert d.promised_at == vn(10, 15, 17)
    assert d.processing_due == vn(10, 12, 17)  # late stays late
    [notice] = world.uow.dossiers.notices
    assert (notice.reason, notice.new_due) == ("Chờ ý kiến Sở Xây dựng.", vn(10, 15, 17))
    assert world.uow.dossier_messages.kinds(d)[-1] == "OVERDUE"


async def test_withdrawn_by_the_applicant(world: World) -> None:
    d = await world.submit()
    await world.step(world.desk, d, A.ACCEPT, vn(10, 5, 9, 30))
    await world.step(world.applicant(), d, A.WITHDRAW, vn(10, 5, 10), note="Nộp nhầm thủ tục.")
    assert d.state is S.WITHDRAWN
    assert status_class(d, vn(10, 20), CAL) is None
    await refused(
        world, world.step(world.desk, d, A.DELIVER, vn(10, 5, 11)), ErrorCode.INVALID_TRANSITION
    )


# --- refusals -------------------------------------------------------------------------------


async def test_unknown_or_offline_procedure(world: World) -> None:
    await refused(world, world.submit(procedure=99), ErrorCode.UNKNOWN_PROCEDURE, "procedureId")
    await refused(world, world.submit(procedure=3), ErrorCode.UNKNOWN_PROCEDURE, "procedureId")


async def test_missing_components_and_wrong_file_types(world: World) -> None:
    only_form = [ComponentFile(FORM, world.upload())]
    error = await refused(world, world.submit(files=only_form), ErrorCode.MISSING_COMPONENTS)
    assert "Giấy chứng sinh" in error.message
    wrong = [ComponentFile(FORM, world.upload()), ComponentFile(PROOF, world.upload("video/mp4"))]
    await refused(world, world.submit(files=wrong), ErrorCode.FILE_TYPE_REJECTED)
    assert not world.uow.dossiers.dossiers


async def test_a_file_goes_to_one_dossier_only(world: World) -> None:
    form, proof = world.upload(), world.upload()
    files = [ComponentFile(FORM, form), ComponentFile(PROOF, proof)]
    await world.submit(files=files)
    await refused(world, world.submit(world.applicant(71), files=files), ErrorCode.MEDIA_REJECTED)
    report = world.upload(reflection_id=9)
    taken = [ComponentFile(FORM, report), ComponentFile(PROOF, world.upload())]
    await refused(world, world.submit(files=taken), ErrorCode.MEDIA_REJECTED)


@pytest.mark.parametrize(
    ("account", "code"),
    [
        (72, ErrorCode.APPLICANT_NOT_ACTIVE),
        (73, ErrorCode.APPLICANT_NOT_ACTIVE),
        (74, ErrorCode.APPLICANT_NOT_ACTIVE),
        (75, ErrorCode.APPLICANT_NOT_ACTIVE),  # no profile at all
    ],
)
async def test_only_active_accounts_submit(world: World, account: int, code: ErrorCode) -> None:
    await refused(world, world.submit(world.applicant(account)), code)


async def test_staff_do_not_submit(world: World) -> None:
    await refused(world, world.submit(world.desk), ErrorCode.FORBIDDEN)


async def test_by_post_needs_an_address(world: World) -> None:
    await refused(
        world,
        world.submit(delivery=DeliveryMethod.POST),
        ErrorCode.INVALID_INPUT,
        "deliveryAddress",
    )
    await refused(
        world, world.submit(delivery=DeliveryMethod.POST, address="Huế"), ErrorCode.INVALID_INPUT
    )
    d = await world.submit(delivery=DeliveryMethod.DESK, address="12 Lê Lợi, Huế, Thừa Thiên Huế")
    assert d.delivery_address is None


async def test_steps_out_of_order(world: World) -> None:
    d = await world.submit()
    await refused(world, world.step(world.leader, d, A.SIGN, MON), ErrorCode.INVALID_TRANSITION)
    await refused(
        world, world.step(world.clerk, d, A.REGISTER_RESULT, MON), ErrorCode.INVALID_TRANSITION
    )
    await refused(
        world, world.step(world.applicant(), d, A.SUPPLEMENT, MON), ErrorCode.INVALID_TRANSITION
    )
    await refused(world, world.step(world.desk, d, A.SUBMIT, MON), ErrorCode.INVALID_TRANSITION)
    assert world.uow.dossiers.log(d) == ["SUBMIT"]


async def test_another_applicants_dossier_is_not_found(world: World) -> None:
    d = await world.submit()
    await world.step(world.desk, d, A.REFUSE, vn(10, 5, 9, 30), note=GUIDE)
    other = world.applicant(71)
    files = (ComponentFile(PROOF, world.upload()),)
    await refused(
        world,
        world.step(other, d, A.COMPLETE, vn(10, 5, 10), files=files),
        ErrorCode.NOT_FOUND,
        "id",
    )
    await refused(world, world.step(other, d, A.WITHDRAW, vn(10, 5, 10)), ErrorCode.NOT_FOUND)
    await refused(world, world.rate(other, d, vn(10, 5, 10)), ErrorCode.NOT_FOUND)


async def test_only_the_assigned_specialist_drafts(world: World) -> None:
    d = await world.submit()
    await world.step(world.desk, d, A.ACCEPT, vn(10, 5, 9, 30))
    await world.step(world.leader, d, A.ASSIGN, vn(10, 5, 10), assignee_person_id=PERSONS["spec"])
    await refused(
        world,
        world.step(
            world.specialist2, d, A.SUBMIT_DRAFT, vn(10, 5, 11), result_kind=ResultKind.GRANTED
        ),
        ErrorCode.NOT_FOUND,  # the other specialist does not see it at all
    )
    await refused(
        world,
        world.step(world.leader, d, A.ASSIGN, vn(10, 5, 11), assignee_person_id=PERSONS["clerk"]),
        ErrorCode.INVALID_INPUT,
        "specialistId",
    )
    await world.step(world.leader, d, A.ASSIGN, vn(10, 5, 11), assignee_person_id=PERSONS["spec2"])
    await refused(
        world,
        world.step(
            world.specialist, d, A.SUBMIT_DRAFT, vn(10, 5, 12), result_kind=ResultKind.GRANTED
        ),
        ErrorCode.NOT_FOUND,
    )
    await world.step(
        world.specialist2, d, A.SUBMIT_DRAFT, vn(10, 5, 14), result_kind=ResultKind.GRANTED
    )


async def test_a_stale_version_is_refused(world: World) -> None:
    d = await world.submit()
    read = d.version
    await world.step(world.desk, d, A.ACCEPT, vn(10, 5, 9, 30), version=read)
    await refused(
        world,
        world.step(world.desk, d, A.REFUSE, vn(10, 5, 9, 31), version=read, note=GUIDE),
        ErrorCode.STALE_VERSION,
    )


async def test_guidance_must_be_written_in_full(world: World) -> None:
    d = await world.submit()
    await refused(
        world, world.step(world.desk, d, A.REFUSE, MON), ErrorCode.INVALID_INPUT, "guidance"
    )
    await refused(
        world,
        world.step(world.desk, d, A.REFUSE, MON, note="Thiếu."),
        ErrorCode.INVALID_INPUT,
        "guidance",
    )
    assert d.state is S.SUBMITTED
    assert d.refusals == 0
    assert not world.uow.dossiers.supplements
