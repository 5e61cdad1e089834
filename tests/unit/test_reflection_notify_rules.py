"""Field-report notification rules on fakes: who each step tells, focal persons checked to be
the agency's staff, the actor left out, neutral payloads; dashboards; timed rules; reminders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.accounts.model import Role
from domain.notifications.model import NotificationEvent, NotificationKind, SubjectType, Summary
from domain.notifications.policies import can_see_event
from domain.notifications.ports import DueStep
from domain.notifications.reflection_timed import once_key, raise_reflection_overdue
from domain.notifications.report_due import threshold_for
from domain.notifications.timed import DEFAULT_THRESHOLDS, windows
from domain.permissions import Grant, Principal, PrincipalKind
from domain.reflections.model import AgencyFocal
from domain.reflections.workflow import Action
from tests.unit.reflection_world import CAL, THU, World, build_world

K = NotificationKind


async def world_with_people() -> World:
    world = await build_world()
    notes = world.uow.notifications
    notes.roles = {
        (Role.IOC_OPERATOR, world.path("PH")): {world.people["ioc"]},
        (Role.LEADER, world.path("SXD")): {world.people["lead"], world.people["lead2"]},
    }
    return world


def told(world: World) -> list[tuple[str, str | None, int | None, set[int]]]:
    notes = world.uow.notifications
    return [
        (
            e.kind.value,
            e.summary.action,
            e.unit_id,
            {n.person_id for n in notes.inboxes if n.event_id == e.id},
        )
        for e in notes.events
    ]


async def test_intake_then_the_agency_leaders_then_the_ioc_again() -> None:
    world = await world_with_people()
    p = world.people
    r, _ = await world.submit()
    r = await world.step(world.ioc, r, Action.DISTRIBUTE, THU)
    r = await world.step(world.handler, r, Action.ACCEPT, THU)
    r = await world.step(world.handler, r, Action.SUBMIT_RESULT, THU, result="Đã sửa xong đèn.")
    r = await world.step(world.leader, r, Action.APPROVE, THU)
    sxd = world.units["SXD"]
    assert told(world) == [
        ("NEW_ASSIGNMENT", "SUBMIT", None, {p["ioc"]}),
        ("NEW_ASSIGNMENT", "DISTRIBUTE", sxd, {p["lead"], p["lead2"]}),
        ("NEW_ASSIGNMENT", "SUBMIT_RESULT", sxd, {p["lead"], p["lead2"]}),
        ("APPROVED", "APPROVE", sxd, {p["lead2"]}),  # the approving leader is not told
        ("NEW_ASSIGNMENT", "APPROVE", None, {p["ioc"]}),  # handled: the IOC publishes
    ]
    for event in world.uow.notifications.events:
        assert event.subject_type is SubjectType.REFLECTION
        assert event.summary.title == f"Phản ánh #{r.id} · Lighting · Đơn vị PH"
        assert "Nguyễn Huệ" not in event.summary.to_json()


async def test_focal_persons_only_while_they_are_the_agency_staff() -> None:
    world = await world_with_people()
    p, sxd = world.people, world.units["SXD"]
    await world.uow.reflections.save_focal(AgencyFocal(sxd, p["lead2"], p["hand"], THU))
    r, _ = await world.submit()
    await world.step(world.ioc, r, Action.DISTRIBUTE, THU)
    assert told(world)[-1][3] == {p["lead"], p["lead2"]}  # not staff by account: leaders
    world.uow.notifications.members = {sxd: {p["lead2"], p["hand"]}}
    r2, _ = await world.submit()
    await world.step(world.ioc, r2, Action.DISTRIBUTE, THU)
    assert told(world)[-1][3] == {p["lead2"], p["hand"]}


def event(unit_id: int | None, path: str | None) -> NotificationEvent:
    return NotificationEvent(
        K.NEW_ASSIGNMENT, SubjectType.REFLECTION, 1, unit_id, path, Summary(title="x"), THU
    )


def test_report_events_reach_dashboards_of_their_readers_only() -> None:
    overseer = Principal(
        kind=PrincipalKind.STAFF,
        account_id=1,
        person_id=1,
        unit_id=2,
        unit_path="/1/2/",
        grants=(Grant(Role.OVERSEER, "/1/", True),),
    )
    assert can_see_event(overseer, event(5, "/1/5/"), unit_path="/1/", include_subtree=True)
    assert not can_see_event(overseer, event(None, None), unit_path="/1/", include_subtree=True)
    member = Principal(kind=PrincipalKind.STAFF, account_id=2, unit_id=9, unit_path="/1/5/")
    # a unit_path that claims the agency without the account belonging to it sees nothing
    assert not can_see_event(member, event(5, "/1/5/"), unit_path="/1/5/", include_subtree=False)


class Steps:
    def __init__(self, found: list[DueStep]) -> None:
        self.found = found
        self.asked: list[dict[str, object]] = []

    async def steps_due(self, **asked: object) -> list[DueStep]:
        self.asked.append(asked)
        return self.found


async def test_a_late_part_tells_the_agency_and_the_ioc_under_its_own_key() -> None:
    world = await world_with_people()
    r, _ = await world.submit()
    due = THU + timedelta(minutes=30)
    source = Steps([DueStep(r.id, world.units["SXD"], "ACCEPT", due)])
    later = THU + timedelta(hours=1)
    assert (
        await raise_reflection_overdue(world.ruow, source, now=later, catch_up=timedelta(days=7))
        == 1
    )
    assert source.asked[0]["urgent"] is None
    overdue = world.uow.notifications.events[-1]
    assert overdue.threshold == once_key("DUE", world.units["SXD"]) == f"DUE/{world.units['SXD']}"
    assert told(world)[-1] == (
        "OVERDUE",
        None,
        world.units["SXD"],
        {world.people["lead"], world.people["lead2"], world.people["ioc"]},
    )


def test_report_reminders_fire_in_the_threshold_window_and_once_late() -> None:
    now = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # Friday 10:00 in Huế
    spans = windows(CAL, DEFAULT_THRESHOLDS, now)
    back = now - timedelta(days=7)
    assert threshold_for(now + timedelta(days=1), spans, now, back) == "1_WORKING_DAY"
    assert threshold_for(now + timedelta(hours=1), spans, now, back) == "2_WORKING_HOURS"
    assert threshold_for(now + timedelta(days=9), spans, now, back) is None
    assert threshold_for(now - timedelta(hours=1), spans, now, back) == "DUE"
    assert threshold_for(now - timedelta(days=8), spans, now, back) is None
