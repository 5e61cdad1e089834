"""Notification rules on fakes: who each task step tells, payloads, deadline windows,
thresholds from settings, birthdays, dashboard permissions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from domain.accounts.model import Role
from domain.calendar import WorkingCalendar
from domain.errors import DomainError
from domain.notifications import services
from domain.notifications.model import (
    NotificationEvent,
    NotificationKind,
    SubjectType,
    Summary,
    title_of,
)
from domain.notifications.policies import can_see_event, can_watch_unit, inbox_owner
from domain.notifications.ports import DueSubject
from domain.notifications.task_rules import notify_task_step
from domain.notifications.timed import (
    DEFAULT_THRESHOLDS,
    birthday_keys,
    parse_thresholds,
    raise_birthdays,
    raise_deadline_warnings,
    raise_overdue,
)
from domain.permissions import Grant, Principal, PrincipalKind
from domain.tasks.model import (
    AssigneeRole,
    Priority,
    Task,
    TaskAssignee,
    TaskKind,
    TaskState,
    TaskTracker,
    TrackerRole,
)
from domain.tasks.policies import TaskParties
from domain.tasks.workflow import Action
from tests.unit.fakes import FakeUnitOfWork

K = NotificationKind
NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # Friday 10:00 in Hà Nội
OFFICE, LEAD, COORD = "/1/2/", "/1/3/", "/1/4/"


def task() -> Task:
    made = Task(
        directive_id=None,
        kind=TaskKind.PRESS_INCIDENT,
        content="Báo chí phản ánh   ngập úng\n kéo dài",
        office_unit_id=2,
        lead_unit_id=3,
        created_at=NOW,
        created_by=70,
        state=TaskState.SENT,
        priority=Priority.HIGH,
        deadline=NOW + timedelta(days=5),
    )
    made.id = 900
    return made


PARTIES = TaskParties(
    office_unit_id=2,
    office_path=OFFICE,
    lead_unit_id=3,
    lead_path=LEAD,
    unit_ids=frozenset({3, 4}),
    unit_paths=(LEAD, COORD),
    tracker_ids=frozenset({11}),
    assignee_ids=frozenset({21}),
)


def uow() -> FakeUnitOfWork:
    made = FakeUnitOfWork()
    made.notifications.roles = {
        (Role.LEADER, LEAD): {31, 32},
        (Role.LEADER, COORD): {41},
        (Role.TASK_CREATOR, OFFICE): {700, 99},
    }
    made.notifications.account_persons = {70: 700}
    return made


def actor(person: int) -> Principal:
    return Principal(kind=PrincipalKind.STAFF, account_id=person + 1000, person_id=person)


async def told(action: Action, by: int = 1, assignees_after: frozenset[int] = frozenset()) -> Any:
    made = uow()
    await notify_task_step(
        made.notifications,
        actor=actor(by),
        task=task(),
        parties=PARTIES,
        action=action,
        assignees_after=assignees_after or PARTIES.assignee_ids,
        now=NOW,
    )
    return {
        (e.kind, e.unit_id): sorted(
            n.person_id for n in made.notifications.inboxes if n.event_id == e.id
        )
        for e in made.notifications.events
    }


async def test_sending_tells_the_leaders_of_every_unit_of_the_task() -> None:
    assert await told(Action.SEND) == {
        (K.NEW_ASSIGNMENT, 3): [31, 32],
        (K.NEW_ASSIGNMENT, 4): [41],
    }


async def test_returning_tells_the_office_side() -> None:
    assert await told(Action.RETURN, by=31) == {(K.RETURNED, 2): [11, 700]}


async def test_assigning_tells_only_the_specialists_newly_named() -> None:
    got = await told(Action.ASSIGN, by=31, assignees_after=frozenset({21, 22, 23}))
    assert got == {(K.NEW_ASSIGNMENT, 3): [22, 23]}


async def test_the_lead_unit_steps() -> None:
    assert await told(Action.RETURN_DRAFT, by=31) == {(K.RETURNED, 3): [21]}
    assert await told(Action.APPROVE, by=31) == {(K.APPROVED, 3): [11, 21]}
    assert await told(Action.REOPEN, by=700) == {(K.RETURNED, 3): [21, 31, 32]}


async def test_escalating_tells_the_office_and_the_creators_above() -> None:
    assert await told(Action.ESCALATE, by=31) == {(K.ESCALATED, 2): [11, 99, 700]}


@pytest.mark.parametrize(
    "action", [Action.RECEIVE, Action.START, Action.SUBMIT_DRAFT, Action.CONFIRM, Action.CANCEL]
)
async def test_steps_that_put_no_new_work_on_anyone_are_silent(action: Action) -> None:
    assert await told(action) == {}


async def test_the_one_who_acts_is_never_told() -> None:
    assert await told(Action.SEND, by=31) == {
        (K.NEW_ASSIGNMENT, 3): [32],
        (K.NEW_ASSIGNMENT, 4): [41],
    }


async def test_the_payload_holds_only_what_every_reader_of_the_task_sees() -> None:
    made = uow()
    await notify_task_step(
        made.notifications,
        actor=actor(31),
        task=task(),
        parties=PARTIES,
        action=Action.RETURN_DRAFT,
        assignees_after=PARTIES.assignee_ids,
        now=NOW,
    )
    summary = made.notifications.events[0].summary
    assert summary == Summary(
        title="Báo chí phản ánh ngập úng kéo dài",
        action="RETURN_DRAFT",
        state="SENT",
        due_at=NOW + timedelta(days=5),
        priority="HIGH",
    )
    assert Summary.from_json(summary.to_json()) == summary
    assert Summary.from_json('{"title": "x", "note": "secret"}') == Summary(title="x")


def test_titles_are_short() -> None:
    assert len(title_of("chữ " * 100)) == 140
    assert title_of("a\n b") == "a b"


def test_thresholds_from_settings() -> None:
    parsed = parse_thresholds("1WD, 2wh,30WM", urgent="10M")
    assert [(t.name, str(t.sla), t.urgent_only) for t in parsed] == [
        ("1_WORKING_DAY", "1 working day", False),
        ("2_WORKING_HOURS", "2 working hours", False),
        ("30_WORKING_MINUTES", "30 working minutes", False),
        ("10_MINUTES", "10 wall-clock minutes", True),
    ]
    assert parse_thresholds("", urgent="") == ()
    with pytest.raises(ValueError, match="Unknown deadline threshold"):
        parse_thresholds("2 days")


@dataclass
class FakeTimed:
    """DeadlineSource recording the windows asked for."""

    due: list[DueSubject] = field(default_factory=list)
    asked: list[tuple[str, datetime, datetime, bool]] = field(default_factory=list)
    born: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    states: dict[str, frozenset[str]] = field(default_factory=dict)

    async def open_tasks_due(self, **kw: Any) -> list[DueSubject]:
        self.asked.append((kw["threshold"], kw["after"], kw["until"], kw["urgent_only"]))
        self.states[kw["threshold"]] = frozenset(kw["states"])
        return [d for d in self.due if kw["after"] < d.due_at <= kw["until"]]

    async def birthdays(
        self, month_day: str, day_start: datetime, limit: int
    ) -> list[tuple[int, int, str]]:
        return self.born.get(month_day, [])

    async def colleagues(self, person_id: int, unit_id: int) -> set[int]:
        return {1, 2, 3} - {person_id}


def timed_uow() -> Any:
    made: Any = uow()
    made.timed = FakeTimed()
    return made


async def test_warning_windows_follow_the_working_calendar() -> None:
    made = timed_uow()
    calendar = WorkingCalendar()
    await raise_deadline_warnings(made, calendar=calendar, thresholds=DEFAULT_THRESHOLDS, now=NOW)
    day, hours = calendar.add_working_days(NOW, 1), calendar.add_working_hours(NOW, 2)
    assert made.timed.asked == [
        ("1_WORKING_DAY", hours, day, False),
        ("2_WORKING_HOURS", NOW, hours, False),
        ("10_MINUTES", NOW, NOW + timedelta(minutes=10), True),
    ]
    # warned while the unit holds the work; not a task the office has not sent yet
    assert TaskState.SENT in made.timed.states["2_WORKING_HOURS"]
    assert TaskState.CREATED not in made.timed.states["2_WORKING_HOURS"]
    assert TaskState.RETURNED not in made.timed.states["1_WORKING_DAY"]


async def test_a_task_gets_the_warning_of_its_window_with_its_parties() -> None:
    made = timed_uow()
    the_task = task()
    made.tasks.tasks[the_task.id] = the_task
    made.tasks.assignees.append(TaskAssignee(the_task.id, 21, AssigneeRole.LEAD_SPECIALIST))
    made.tasks.trackers.append(TaskTracker(the_task.id, 11, TrackerRole.SPECIALIST))
    due = NOW + timedelta(minutes=90)
    made.timed.due = [DueSubject(the_task.id, 3, LEAD, "Ngập úng", due, "HIGH", "SENT")]
    raised = await raise_deadline_warnings(
        made, calendar=WorkingCalendar(), thresholds=DEFAULT_THRESHOLDS, now=NOW
    )
    assert raised == 1
    event = made.notifications.events[0]
    assert (event.kind, event.threshold, event.due_at) == (
        K.DEADLINE_WARNING,
        "2_WORKING_HOURS",
        due,
    )
    assert sorted(n.person_id for n in made.notifications.inboxes) == [11, 21, 31, 32]
    # run again: the once-key skips it
    await raise_deadline_warnings(
        made, calendar=WorkingCalendar(), thresholds=DEFAULT_THRESHOLDS, now=NOW
    )
    assert len(made.notifications.events) == 1


async def test_overdue_tells_the_office_too() -> None:
    made = timed_uow()
    the_task = task()
    made.tasks.tasks[the_task.id] = the_task
    made.timed.due = [
        DueSubject(the_task.id, 3, LEAD, "Ngập úng", NOW - timedelta(hours=1), "HIGH", "SENT")
    ]
    assert await raise_overdue(made, now=NOW, catch_up=timedelta(days=7)) == 1
    assert made.timed.asked == [("DUE", NOW - timedelta(days=7), NOW, False)]
    assert TaskState.CREATED in made.timed.states["DUE"]
    assert sorted(n.person_id for n in made.notifications.inboxes) == [31, 32, 700]


def test_birthdays_of_29_february_fall_on_the_28th_in_common_years() -> None:
    assert birthday_keys(date(2027, 2, 28)) == ["02-28", "02-29"]
    assert birthday_keys(date(2028, 2, 28)) == ["02-28"]
    assert birthday_keys(date(2028, 2, 29)) == ["02-29"]


async def test_birthdays_go_to_colleagues_with_the_name_only() -> None:
    made = timed_uow()
    made.timed.born = {"11-20": [(2, 5, "Trần Thị Bình")]}
    late_evening = datetime(2026, 11, 19, 17, 30, tzinfo=UTC)  # 00:30 on the 20th in Hà Nội
    assert await raise_birthdays(made, time_zone="Asia/Ho_Chi_Minh", now=late_evening) == 1
    event = made.notifications.events[0]
    assert event.kind is K.BIRTHDAY
    assert event.summary.title == "Trần Thị Bình"
    assert "1988" not in event.summary.to_json()
    assert sorted(n.person_id for n in made.notifications.inboxes) == [1, 3]


def staff(*grants: tuple[Role, str, bool], unit_path: str = "/1/9/") -> Principal:
    return Principal(
        kind=PrincipalKind.STAFF,
        account_id=5,
        person_id=6,
        unit_id=int(unit_path.strip("/").split("/")[-1]),
        unit_path=unit_path,
        grants=tuple(Grant(r, p, s) for r, p, s in grants),
    )


def test_who_may_watch_a_unit() -> None:
    province = staff((Role.OVERSEER, "/1/", True))
    assert can_watch_unit(province, "/1/3/", include_subtree=True)
    exact = staff((Role.OVERSEER, "/1/3/", False))
    assert can_watch_unit(exact, "/1/3/", include_subtree=False)
    assert not can_watch_unit(exact, "/1/3/", include_subtree=True)
    assert not can_watch_unit(exact, "/1/4/", include_subtree=False)
    own = staff(unit_path="/1/3/")
    assert can_watch_unit(own, "/1/3/", include_subtree=False)
    assert not can_watch_unit(own, "/1/3/", include_subtree=True)
    leader = staff((Role.LEADER, "/1/", True))
    assert not can_watch_unit(leader, "/1/3/", include_subtree=False)
    integrator = Principal(
        kind=PrincipalKind.INTEGRATOR, grants=(Grant(Role.OVERSEER, "/1/", True),)
    )
    assert not can_watch_unit(integrator, "/1/", include_subtree=True)


def test_events_are_filtered_by_the_watched_unit_and_the_callers_reach() -> None:
    def event(path: str | None) -> NotificationEvent:
        return NotificationEvent(K.NEW_ASSIGNMENT, SubjectType.TASK, 1, 3, path, Summary(), NOW)

    hue = staff((Role.OVERSEER, "/1/5/", True))
    assert can_see_event(hue, event("/1/5/23/"), unit_path="/1/5/", include_subtree=True)
    assert not can_see_event(hue, event("/1/5/23/"), unit_path="/1/5/", include_subtree=False)
    assert not can_see_event(hue, event("/1/3/"), unit_path="/1/5/", include_subtree=True)
    assert not can_see_event(hue, event(None), unit_path="/1/5/", include_subtree=True)


def test_only_staff_with_a_person_have_an_inbox() -> None:
    assert inbox_owner(staff()) == 6
    unit_account = Principal(kind=PrincipalKind.UNIT_ACCOUNT, account_id=3, unit_id=3)
    with pytest.raises(DomainError, match="personal account"):
        inbox_owner(unit_account)
    with pytest.raises(DomainError, match="Sign in"):
        inbox_owner(Principal(kind=PrincipalKind.ANONYMOUS))


async def test_other_features_raise_notifications_through_the_service() -> None:
    made = uow()
    due = NOW + timedelta(days=1)
    for _ in range(2):
        await services.raise_notification(
            made.notifications,
            kind=K.REPORT_DUE,
            subject_type=SubjectType.REPORT,
            subject_id=7,
            unit=(3, LEAD),
            summary=Summary(title="Báo cáo tháng 11", due_at=due),
            recipients=[31, 31, 32],
            now=NOW,
            once_for=("MONTHLY", due),
        )
    assert len(made.notifications.events) == 1
    assert [n.person_id for n in made.notifications.inboxes] == [31, 32]


async def test_marking_read_is_capped_and_only_touches_ones_own() -> None:
    made = uow()
    await services.raise_notification(
        made.notifications,
        kind=K.PUBLISHED,
        subject_type=SubjectType.REFLECTION,
        subject_id=1,
        unit=None,
        summary=Summary(title="x"),
        recipients=[6, 7],
        now=NOW,
    )
    mine = made.notifications.of(6)[0].id
    others = made.notifications.of(7)[0].id
    marked = await services.mark_read(
        made.notifications, actor=staff(), ids=[mine, others], now=NOW
    )
    assert marked == 1
    assert not made.notifications.of(7)[0].read
    with pytest.raises(DomainError, match="At most"):
        await services.mark_read(made.notifications, actor=staff(), ids=list(range(101)), now=NOW)
