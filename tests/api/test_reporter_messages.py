"""Reporter messages on the real database: the steps that queue one (and only one), a refused
step that queues none, four schedulers that send each once, and a log without contact data."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select
from strawberry.relay import GlobalID

from domain.notifications.channels import Channel, Message
from govgraph.container import Container
from govgraph.scheduler import build_scheduler
from persistence.reporter_message_tables import reporter_messages as rm
from tests.api.reflection_factories import (
    ReflectionWorld,
    build_reflection_world,
    step,
    step_mutation,
    submit,
)
from tests.api.test_reflections_flow import RESULT, publish_one
from tests.factories import Api
from tests.unit.test_notification_channels import notify_log

EMAIL, PHONE = "dan@example.vn", "0905 111 222"
CONTENT = "Đèn đường hỏng cả tuần nay ở đường Nguyễn Huệ"
NOTE = ", note: $note", ", $note: String!"


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def queued(container: Container) -> list[tuple[int, str, int | None]]:
    """(report id, kind, question id) of every reporter message, in order."""
    async with container.sessions() as session:
        rows = await session.execute(
            select(rm.c.reflection_id, rm.c.kind, rm.c.question_id).order_by(rm.c.id)
        )
        return [(row.reflection_id, str(row.kind), row.question_id) for row in rows]


def db_id(graph_id: str) -> int:
    """The database id of a global id."""
    return int(GlobalID.from_id(graph_id).node_id)


class Recorder:
    """A notifier that keeps what it was given (slowly: others run meanwhile)."""

    sent: list[Message]

    def __init__(self, channel: Channel, sent: list[Message]) -> None:
        self.channel, self.sent = channel, sent

    async def send(self, message: Message) -> None:
        await asyncio.sleep(0.01)
        self.sent.append(message)


def record(monkeypatch: pytest.MonkeyPatch, container: Container) -> list[Message]:
    sent: list[Message] = []
    for channel in Channel:
        monkeypatch.setitem(container.channels, channel, Recorder(channel, sent))
    return sent


async def test_publication_queues_exactly_one_result(
    world: ReflectionWorld, container: Container
) -> None:
    payload = await publish_one(world)
    assert payload["errors"] == []
    assert payload["reflection"]["state"] == "PUBLISHED"
    assert await queued(container) == [(db_id(payload["reflection"]["id"]), "RESULT", None)]


async def test_a_secret_report_answered_privately_queues_its_result(
    world: ReflectionWorld, container: Container
) -> None:
    payload = await publish_one(world, secrecyRequested=True)
    assert payload["reflection"]["state"] == "ANSWERED_PRIVATELY"
    assert await queued(container) == [(db_id(payload["reflection"]["id"]), "RESULT", None)]


async def test_requests_and_an_answer_queue_theirs(
    world: ReflectionWorld, container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = record(monkeypatch, container)
    r = (await submit(world))["reflection"]
    asked = await step(
        world,
        "ioc",
        "requestReflectionVerification",
        r,
        args=NOTE[0],
        params=NOTE[1],
        note="Xác minh",
    )
    assert asked["errors"] == []
    r = (await step(world, "ioc", "verifyReflection", asked["reflection"]))["reflection"]
    edit = await step(
        world, "ioc", "requestReflectionEdit", r, args=NOTE[0], params=NOTE[1], note="Thêm ảnh"
    )
    assert edit["errors"] == []
    published = await publish_one(world, reporterPhone="0905 333 444")
    api = await world.as_(None)
    ask = """mutation($id: ID!, $code: String) {
      askReflectionQuestion(id: $id, question: "Đã sửa chưa?", trackingCode: $code) {
        question { id } errors { code } } }"""
    variables = {"id": published["reflection"]["id"], "code": published["trackingCode"]}
    question = (await api.data(ask, variables))["askReflectionQuestion"]["question"]
    staff = await world.as_("giang")
    answer = """mutation($q: ID!) { answerReflectionQuestion(questionId: $q, answer: "Rồi") {
      errors { code } } }"""
    assert (await staff.data(answer, {"q": question["id"]}))["answerReflectionQuestion"] == {
        "errors": []
    }
    first, second = db_id(r["id"]), db_id(published["reflection"]["id"])
    assert await queued(container) == [
        (first, "VERIFY", None),
        (first, "EDIT", None),
        (second, "RESULT", None),
        (second, "ANSWER", db_id(question["id"])),
    ]
    await build_scheduler(container).run_once()
    emails = {m.reporter_kind: m.body for m in sent if m.channel is Channel.EMAIL}
    assert "Xác minh" in emails["VERIFY"]  # the IOC's note of each request, read when sent
    assert "Thêm ảnh" in emails["EDIT"]
    assert "Thêm ảnh" not in emails["VERIFY"]
    assert "Rồi" in emails["ANSWER"]
    assert RESULT in emails["RESULT"]


async def test_refused_steps_queue_nothing(world: ReflectionWorld, container: Container) -> None:
    r = (await submit(world))["reflection"]
    blank = await step(
        world, "ioc", "requestReflectionEdit", r, args=NOTE[0], params=NOTE[1], note="  "
    )
    assert [e["code"] for e in blank["errors"]] == ["INVALID_INPUT"]
    r = (await step(world, "ioc", "classifyReflection", r))["reflection"]
    stale = {**r, "version": r["version"] - 1}
    cancel = ", reason: DUPLICATE, note: $note", ", $note: String!"
    late = await step(
        world, "ioc", "cancelReflection", stale, args=cancel[0], params=cancel[1], note="Trùng"
    )
    assert [e["code"] for e in late["errors"]] == ["STALE_VERSION"]
    assert await queued(container) == []


async def test_two_publications_at_once_queue_one_result(
    world: ReflectionWorld, container: Container
) -> None:
    r = (await submit(world))["reflection"]
    for key, name in (("ioc", "distribute"), ("giang", "accept")):
        r = (await step(world, key, f"{name}Reflection", r))["reflection"]
    result = ", result: $result", ", $result: String!"
    args = {"args": result[0], "params": result[1], "result": RESULT}
    r = (await step(world, "giang", "submitReflectionResult", r, **args))["reflection"]
    r = (await step(world, "an", "approveReflectionResult", r))["reflection"]
    api = await world.as_("ioc")
    both = await asyncio.gather(
        *(
            api.post(step_mutation("publishReflection"), {"id": r["id"], "version": r["version"]})
            for _ in range(2)
        )
    )
    codes = sorted(str([e["code"] for e in b["data"]["publishReflection"]["errors"]]) for b in both)
    assert codes == ["['STALE_VERSION']", "[]"]  # the loser's step, message included, is undone
    assert await queued(container) == [(db_id(r["id"]), "RESULT", None)]


async def test_four_schedulers_send_each_message_once(
    world: ReflectionWorld, container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = record(monkeypatch, container)
    for n in range(3):
        await publish_one(world, reporterPhone=f"0905 111 22{n}")
    schedulers = [build_scheduler(container) for _ in range(4)]
    for _ in range(2):
        done = await asyncio.gather(*(s.run_once() for s in schedulers))
        assert all(v >= 0 for d in done for v in d.values()), done
    async with container.sessions() as session:
        left = await session.scalar(select(func.count()).where(rm.c.dispatched_at.is_(None)))
    mine = [m for m in sent if m.reporter_kind is not None]
    emails = [m.reporter_message_id for m in mine if m.channel is Channel.EMAIL]
    texts = [m.reporter_message_id for m in mine if m.channel is Channel.SMS]
    assert left == 0
    assert len(emails) == len(texts) == 3
    assert sorted(emails) == sorted(set(emails)) == sorted(texts)
    for message in mine:  # what the sender read from the report
        assert CONTENT not in message.body
        if message.channel is Channel.EMAIL:
            assert (message.to, RESULT in message.body) == (EMAIL, True)
        else:
            assert message.to.startswith("0905 111 22")
            assert RESULT not in message.body
            assert "Kính gửi" not in message.body


async def test_the_development_log_holds_ids_only(
    world: ReflectionWorld, container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = notify_log(monkeypatch)
    payload: dict[str, Any] = await publish_one(world, secrecyRequested=True)
    await build_scheduler(container).run_once()
    logged = stream.getvalue()
    reflection = db_id(payload["reflection"]["id"])
    assert f'"reflection_id": {reflection}' in logged
    assert logged.count('"reporter_message_kind": "RESULT"') == 2  # email and SMS
    for secret in (EMAIL, PHONE, "111 222", RESULT, "bóng đèn", CONTENT, "Phản ánh #"):
        assert secret not in logged
