"""What reporters are told: which steps queue a message, what the email and the SMS say
(the result by email only, never the report's content), and logs that hold ids only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.errors import DomainError
from domain.notifications.channels import Channel, Notifier
from domain.notifications.model import ReporterMessage, ReporterMessageKind
from domain.notifications.reporter_messages import (
    ReportFacts,
    dispatch_reporter_messages,
    reporter_messages_for,
)
from domain.reflections import interaction
from domain.reflections.commands import (
    AnswerQuestion,
    AskAboutReflection,
)
from domain.reflections.model import CancelReason, Reflection, ReflectionState
from domain.reflections.workflow import Action
from tests.callers import caller
from tests.unit.reflection_world import CAL, THU, World, build_world
from tests.unit.test_notification_channels import Recorder, Source, notify_log

A = Action
K = ReporterMessageKind
RESULT = "Đã thay 3 bóng đèn hỏng trên đường Nguyễn Huệ, đèn sáng bình thường từ tối nay."
CONTENT = "Đèn đường hỏng cả tuần nay ở đường Nguyễn Huệ, rất tối về đêm"
EMAIL, PHONE = "dan@example.vn", "0905 111 222"


@pytest.fixture
async def world() -> World:
    return await build_world()


def queued(world: World) -> list[tuple[int, ReporterMessageKind, int | None]]:
    return [(m.reflection_id, m.kind, m.question_id) for m in world.uow.reporter_messages.messages]


async def handled(world: World, result: str = RESULT, **changes: object) -> Reflection:
    """A report whose result every agency approved (the IOC publishes next)."""
    report, _ = await world.submit(**changes)
    await world.step(world.ioc, report, A.DISTRIBUTE, THU)
    await world.step(world.handler, report, A.ACCEPT, THU)
    await world.step(world.handler, report, A.SUBMIT_RESULT, THU, result=result)
    await world.step(world.leader, report, A.APPROVE, THU)
    return report


def message(kind: ReporterMessageKind, n: int = 7) -> ReporterMessage:
    made = ReporterMessage(812, kind, THU)
    made.id = n
    return made


FACTS = ReportFacts(
    EMAIL,
    PHONE,
    result="Kính gửi: Quý cá nhân ... " + RESULT,
    note="Xin gọi lại số đường dây nóng để xác nhận vị trí",
    answer="Đoạn gần cầu đã sửa xong hôm qua",
    cancel_reason=CancelReason.DUPLICATE,
)


async def test_publication_queues_one_result_for_the_reporter(world: World) -> None:
    report = await handled(world)
    assert queued(world) == []  # the steps before publication tell the reporter nothing
    await world.step(world.ioc, report, A.PUBLISH, THU)
    assert queued(world) == [(report.id, K.RESULT, None)]


async def test_a_secret_report_answered_privately_still_goes_to_the_reporter(
    world: World,
) -> None:
    report = await handled(world, secrecy_requested=True)
    await world.step(world.ioc, report, A.PUBLISH, THU)
    assert report.state is ReflectionState.ANSWERED_PRIVATELY
    [queued_one] = world.uow.reporter_messages.messages
    assert queued_one.kind is K.RESULT
    facts = ReportFacts(report.reporter_email, report.reporter_phone, result=report.result)
    email, sms = reporter_messages_for(queued_one, facts)
    assert (email.channel, email.to) == (Channel.EMAIL, EMAIL)
    assert RESULT in email.body
    assert (sms.channel, sms.to) == (Channel.SMS, PHONE)
    assert RESULT not in sms.body


async def test_a_refused_step_queues_nothing(world: World) -> None:
    report = await handled(world, result="Xong [đính kèm ảnh]")
    with pytest.raises(DomainError):
        await world.step(world.ioc, report, A.PUBLISH, THU)  # not in the template
    with pytest.raises(DomainError):
        await world.step(world.ioc, report, A.CANCEL, THU, note="Trùng")  # no reason
    assert queued(world) == []


async def test_requests_and_cancellations_queue_theirs(world: World) -> None:
    report, _ = await world.submit()
    await world.step(world.ioc, report, A.REQUEST_VERIFICATION, THU, note="Gọi lại xác minh")
    await world.step(world.ioc, report, A.VERIFY, THU)
    await world.step(world.ioc, report, A.REQUEST_EDIT, THU, note="Thêm ảnh")
    other, _ = await world.submit(reporter_phone="0905 333 444")
    reason = CancelReason.DUPLICATE
    await world.step(world.ioc, other, A.CANCEL, THU, note="Trùng", cancel_reason=reason)
    assert queued(world) == [
        (report.id, K.VERIFY, None),
        (report.id, K.EDIT, None),
        (other.id, K.CANCELLED, None),
    ]
    assert await interaction.cancel_overdue(uow=world.ruow, now=THU + timedelta(days=3)) == [
        report.id
    ]  # the edit was never made: cancelled automatically, and the reporter told
    assert queued(world)[-1] == (report.id, K.CANCELLED, None)


async def test_an_answered_question_queues_the_answer(world: World) -> None:
    report = await handled(world)
    await world.step(world.ioc, report, A.PUBLISH, THU)
    asked = await interaction.ask(
        world.ruow,
        caller(world.citizen, THU, CAL),
        AskAboutReflection(reflection_id=report.id, question="Đoạn gần cầu đã sửa chưa?"),
    )
    assert len(queued(world)) == 1  # asking tells the agencies, not the reporter
    await interaction.answer(
        world.ruow,
        caller(world.handler, THU),
        AnswerQuestion(question_id=asked.id, text="Đã sửa xong"),
    )
    assert queued(world)[-1] == (report.id, K.ANSWER, asked.id)


def test_the_result_goes_by_email_never_by_sms() -> None:
    email, sms = reporter_messages_for(message(K.RESULT), FACTS)
    assert email.subject == "Phản ánh #812: đã có kết quả xử lý"
    assert RESULT in email.body
    assert sms.subject == email.subject
    for text in (RESULT, "Kính gửi", "Đoạn gần cầu", "hotline", "Xin gọi"):
        assert text not in sms.body
    assert sms.body.startswith("Phản ánh #812: đã có kết quả xử lý.")


@pytest.mark.parametrize(
    ("kind", "wanted", "not_wanted"),
    [
        (K.RESULT, RESULT, ("Xin gọi lại", "Đoạn gần cầu", "trùng")),
        (K.VERIFY, "Xin gọi lại số đường dây nóng", (RESULT, "Đoạn gần cầu")),
        (K.EDIT, "Xin gọi lại số đường dây nóng", (RESULT, "Đoạn gần cầu")),
        (K.ANSWER, "Đoạn gần cầu đã sửa xong", (RESULT, "Xin gọi lại")),
        (K.CANCELLED, "trùng với phản ánh Quý vị đã gửi", (RESULT, "Xin gọi lại")),
    ],
)
def test_each_email_carries_its_own_text_only(
    kind: ReporterMessageKind, wanted: str, not_wanted: tuple[str, ...]
) -> None:
    email, sms = reporter_messages_for(message(kind), FACTS)
    assert email.subject.startswith("Phản ánh #812: ")
    assert wanted in email.body
    for text in (*not_wanted, CONTENT):
        assert text not in email.body
    for text in (wanted, RESULT, "đường dây nóng", "đã sửa xong", EMAIL):
        assert text not in sms.body
    assert (email.reporter_message_id, email.reflection_id, email.reporter_kind) == (7, 812, kind)


def test_a_missing_address_or_phone_skips_that_channel() -> None:
    only_sms = reporter_messages_for(message(K.RESULT), ReportFacts(None, PHONE, result=RESULT))
    assert [m.channel for m in only_sms] == [Channel.SMS]
    only_email = reporter_messages_for(message(K.RESULT), ReportFacts(EMAIL, "", result=RESULT))
    assert [m.channel for m in only_email] == [Channel.EMAIL]


async def test_each_message_is_handed_over_once() -> None:
    source = Source([(message(K.RESULT, n), FACTS) for n in (1, 2)])
    email, sms = Recorder(Channel.EMAIL), Recorder(Channel.SMS)
    notifiers: dict[Channel, Notifier] = {Channel.EMAIL: email, Channel.SMS: sms}
    assert await dispatch_reporter_messages(source, notifiers, now=THU) == 2
    assert await dispatch_reporter_messages(source, notifiers, now=THU) == 0
    assert [m.reporter_message_id for m in email.sent] == [1, 2]
    assert [m.reporter_message_id for m in sms.sent] == [1, 2]


async def test_development_notifier_logs_ids_never_address_phone_or_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from govgraph import notifiers

    stream = notify_log(monkeypatch)
    for kind in K:
        for sent in reporter_messages_for(message(kind, n=41), FACTS):
            await notifiers.LoggingNotifier(sent.channel).send(sent)
    logged = stream.getvalue()
    assert logged.count('"reporter_message_id": 41') == 2 * len(K)  # email and SMS each
    assert '"reflection_id": 812' in logged
    assert '"reporter_message_kind": "RESULT"' in logged
    for secret in (EMAIL, PHONE, "111 222", "bóng đèn", "đường dây nóng", "cầu", "Phản ánh"):
        assert secret not in logged
