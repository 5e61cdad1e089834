"""The urgent flow (001 Art. 10.2) through GraphQL: distributing an URGENT report pushes and
phones each agency's focal persons within the request, without a scheduler round, exactly once
even when another server's channel rounds run on the same database; through the next round
when the serving process died before leasing the rows, and once the lease has run out when it
died after; a refused call is tried again after its back-off with the same message id; a
NORMAL report waits for the round and is never phoned."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select

from domain.clock import FixedClock
from govgraph.container import Container
from govgraph.metrics import REGISTRY
from govgraph.notifiers import retry_policy
from govgraph.scheduler import build_scheduler
from persistence.notification_tables import notifications
from persistence.repositories.timed import SqlDispatchSource
from tests.api.reflection_factories import (
    ReflectionWorld,
    build_reflection_world,
    step,
    step_mutation,
    submit,
)
from tests.channel_fakes import Listening, call_key
from tests.factories import Api, gid

FOCALS = """mutation($a: ID!, $l: ID, $h: ID) {
  setReflectionFocals(agencyId: $a, leaderId: $l, handlerId: $h) { ok errors { code } } }"""
TIMELINE = """query($id: ID!) { reflection(id: $id) {
  timeline { action agency { code } note } } }"""
IDS = {"args": ", agencyIds: $ids", "params": ", $ids: [ID!]"}
WORK_PHONE = "0234 3822 001"  # an's and dung's (tests.factories); giang has none


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    world = await build_reflection_world(container, api)
    people = world.made.people
    api = await world.as_("ioc")
    for agency, leader, handler in (("SNV", "an", "giang"), ("HUE-PKT", "dung", None)):
        named = {"a": world.unit(agency), "l": gid("Person", people[leader])}
        named["h"] = gid("Person", people[handler]) if handler else None
        assert (await api.data(FOCALS, named))["setReflectionFocals"]["errors"] == []
    return world


@pytest.fixture
def heard(container: Container, monkeypatch: pytest.MonkeyPatch) -> Listening:
    """This server's calls and pushes."""
    listening = Listening()
    for channel, notifier in listening.channels(container.settings).items():
        monkeypatch.setitem(container.channels, channel, notifier)
    return listening


@pytest.fixture
async def other(
    container: Container, clock: FixedClock, heard: Listening
) -> AsyncIterator[Container]:
    """A second server on the same database, heard by the same fakes."""
    second = Container.from_settings(container.settings, clock=clock)
    second.channels.update(heard.channels(second.settings))
    yield second
    await second.dispose()


async def distribute(world: ReflectionWorld, r: dict[str, Any], *codes: str) -> dict[str, Any]:
    ids = [world.unit(code) for code in codes]
    payload = await step(world, "ioc", "distributeReflection", r, **IDS, ids=ids)
    assert payload["errors"] == []
    return dict(payload["reflection"])


async def fire(world: ReflectionWorld) -> dict[str, Any]:
    sent = await submit(world, categoryId=world.category("FIRE"), content="Cháy lớn ở chợ Đông Ba")
    assert sent["reflection"]["priority"] == "URGENT"
    return dict(sent["reflection"])


async def rows(container: Container, *, waiting: bool) -> list[tuple[int, int]]:
    """(inbox row id, person id) of the DISTRIBUTE rows, undispatched or dispatched."""
    n = notifications.c
    query = select(n.id, n.person_id).where(
        n.summary.like('%"action": "DISTRIBUTE"%'),
        n.dispatched_at.is_(None) if waiting else n.dispatched_at.is_not(None),
    )
    async with container.sessions() as session:
        return sorted((row.id, row.person_id) for row in await session.execute(query))


def only(pushed: list[tuple[int, int]], rows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pushes of `rows` (with repeats), in row order."""
    return sorted(p for p in pushed if p in rows)


async def test_distributing_an_urgent_report_pushes_and_calls_within_the_request(
    world: ReflectionWorld, container: Container, heard: Listening
) -> None:
    people = world.made.people
    r = await distribute(world, await fire(world), "SNV")
    # no scheduler ran: the response came back after the push and the call
    sent = await rows(container, waiting=False)
    assert await rows(container, waiting=True) == []
    assert sorted(person for _, person in sent) == sorted([people["an"], people["giang"]])
    assert sorted(heard.pushed) == sent
    [(phone, message_id, text)] = heard.gateway.calls  # giang has no work phone: pushed only
    row_of = {person: row for row, person in sent}
    assert (phone, message_id) == (WORK_PHONE, call_key(container.settings, row_of[people["an"]]))
    for private in ("Cháy lớn", "Trần Văn Dân", "0905", "dan@example.vn", "Nguyễn Văn An"):
        assert private not in text  # the report's number, category and commune only
    assert text.startswith("Trung tâm IOC thông báo phản ánh khẩn cấp: Phản ánh #")
    api = await world.as_("ioc")
    timeline = (await api.data(TIMELINE, {"id": r["id"]}))["reflection"]["timeline"]
    [unplaced] = [e for e in timeline if e["action"] == "CALL_NOT_PLACED"]
    assert unplaced["agency"] == {"code": "SNV"}
    assert "Cán bộ giang" in unplaced["note"]
    assert "số điện thoại" in unplaced["note"]
    await build_scheduler(container).run_once()  # the round sends the rest (the IOC's)
    assert len(heard.gateway.calls) == 1
    assert only(heard.pushed, sent) == sent  # not pushed again


async def test_redistribution_calls_only_the_agency_newly_given(
    world: ReflectionWorld, container: Container, heard: Listening
) -> None:
    r = await distribute(world, await fire(world), "SNV")
    assert len(heard.gateway.calls) == 1
    await distribute(world, r, "SNV", "HUE-PKT")  # Huế's economy office added
    assert [phone for phone, _, _ in heard.gateway.calls] == [WORK_PHONE, WORK_PHONE]
    [dung_row] = [
        row
        for row, person in await rows(container, waiting=False)
        if person == world.made.people["dung"]
    ]
    assert heard.called[-1] == call_key(container.settings, dung_row)
    api = await world.as_("ioc")
    timeline = (await api.data(TIMELINE, {"id": r["id"]}))["reflection"]["timeline"]
    assert [e["agency"]["code"] for e in timeline if e["action"] == "CALL_NOT_PLACED"] == ["SNV"]


async def test_a_normal_report_waits_for_the_round_and_is_never_phoned(
    world: ReflectionWorld, container: Container, heard: Listening
) -> None:
    r = (await submit(world))["reflection"]  # street lighting: NORMAL
    await distribute(world, r, "SNV")
    assert heard.pushed == []
    assert len(await rows(container, waiting=True)) == 2
    await build_scheduler(container).run_once()
    sent = await rows(container, waiting=False)
    assert len(sent) == 2
    assert only(heard.pushed, sent) == sent
    assert heard.gateway.calls == []
    api = await world.as_("ioc")
    timeline = (await api.data(TIMELINE, {"id": r["id"]}))["reflection"]["timeline"]
    assert "CALL_NOT_PLACED" not in {e["action"] for e in timeline}


class Died:
    """A serving process that died right after its commit: it leases and sends nothing."""

    async def __call__(self, event_ids: Any) -> None:
        return None


async def test_what_a_dead_process_did_not_send_the_next_round_sends_once(
    world: ReflectionWorld,
    container: Container,
    other: Container,
    heard: Listening,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(container, "instant", Died())
    await distribute(world, await fire(world), "SNV")
    assert heard.gateway.calls == []
    assert len(await rows(container, waiting=True)) == 2
    for _ in range(2):  # the other server's rounds: the first sends, the second finds nothing
        await build_scheduler(other).run_once()
    assert len(heard.gateway.calls) == 1
    sent = await rows(container, waiting=False)
    assert len(sent) == 2
    assert only(heard.pushed, sent) == sent


class LeasedThenDied:
    """A serving process that leased its commit's urgent rows and died before sending."""

    def __init__(self, container: Container) -> None:
        self.container = container

    async def __call__(self, event_ids: Any) -> None:
        now = self.container.clock.now()
        lease = retry_policy(self.container.settings).lease
        source = SqlDispatchSource(self.container.sessions)
        assert len(await source.claim_events(event_ids, now, now + lease)) == 2


async def test_rows_a_dead_process_leased_are_sent_once_its_lease_has_run_out(
    world: ReflectionWorld,
    container: Container,
    other: Container,
    clock: FixedClock,
    heard: Listening,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(container, "instant", LeasedThenDied(container))
    await distribute(world, await fire(world), "SNV")
    await build_scheduler(other).run_once()  # leased: not this round's to send
    assert heard.gateway.calls == []
    assert len(await rows(container, waiting=True)) == 2
    clock.instant += retry_policy(container.settings).lease
    for _ in range(2):  # the first round after the lease sends, the second finds nothing
        await build_scheduler(other).run_once()
    assert len(heard.gateway.calls) == 1
    sent = await rows(container, waiting=False)
    assert len(sent) == 2
    assert only(heard.pushed, sent) == sent


def counted(name: str) -> float:
    return REGISTRY.get_sample_value(f"govgraph_channel_{name}_total", {"channel": "CALL"}) or 0


async def test_a_refused_call_is_tried_again_after_its_back_off_with_the_same_message_id(
    world: ReflectionWorld, container: Container, clock: FixedClock, heard: Listening
) -> None:
    heard.gateway.failures = 1
    failures, sends = counted("failures"), counted("sends")
    await distribute(world, await fire(world), "SNV")
    assert heard.gateway.calls == []
    [(an_row, _)] = await rows(container, waiting=True)  # giang has no phone: done at once
    assert counted("failures") == failures + 1
    await build_scheduler(container).run_once()  # within the back-off: nothing
    assert len(heard.gateway.tried) == 1
    clock.instant += retry_policy(container.settings).base
    await build_scheduler(container).run_once()
    assert heard.gateway.tried == [call_key(container.settings, an_row)] * 2
    assert len(heard.gateway.calls) == 1
    assert counted("sends") == sends + 1
    sent = await rows(container, waiting=False)
    assert only(heard.pushed, sent) == sent  # the push went out once, on the first try
    async with container.sessions() as session:
        row = (
            await session.execute(select(notifications).where(notifications.c.id == an_row))
        ).one()
    assert (row.attempts, row.sent_channels, row.dead_at) == (2, "CALL,EMAIL,PUSH", None)


async def test_two_servers_on_one_database_call_each_person_once(
    world: ReflectionWorld, container: Container, other: Container, heard: Listening
) -> None:
    schedulers = [build_scheduler(other) for _ in range(3)]

    async def rounds() -> None:
        for _ in range(4):
            done = await asyncio.gather(*(s.run_once() for s in schedulers))
            assert all(v >= 0 for d in done for v in d.values()), done

    reports = [await fire(world) for _ in range(3)]
    api = await world.as_("ioc")  # signed in once: the distributions run side by side
    ids = [world.unit("SNV"), world.unit("HUE-PKT")]

    async def give(r: dict[str, Any]) -> None:
        variables = {"id": r["id"], "version": r["version"], "ids": ids}
        body = await api.post(step_mutation("distributeReflection", **IDS), variables)
        assert body["data"]["distributeReflection"]["errors"] == []

    await asyncio.gather(rounds(), *(give(r) for r in reports))
    await rounds()
    await build_scheduler(container).run_once()
    sent = await rows(container, waiting=False)
    assert len(sent) == 3 * 3  # an, giang and dung for each report
    assert only(heard.pushed, sent) == sent  # each row pushed once, by whoever claimed it
    assert sorted(heard.called) == sorted(set(heard.called))  # nobody phoned twice
    assert len(heard.called) == 3 * 2  # an and dung have work phones
    async with container.sessions() as session:
        left = await session.scalar(
            select(func.count()).where(notifications.c.dispatched_at.is_(None))
        )
    assert left == 0
