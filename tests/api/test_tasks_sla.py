"""Deadlines on the working-time calendar through the API: Tết 2027, declared days off, late
entry, late recording, extensions."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from tests.api.task_factories import HAPPY, TaskWorld, build_task_world, codes, iso, vn
from tests.factories import Api

TET_FRIDAY = vn(2027, 2, 5, 9, 0)  # inside the Tết break (4-10 February 2027)

DECLARE = """
mutation Declare($date: Date!, $kind: CalendarDayKind!, $reason: String!) {
  declareCalendarDay(date: $date, kind: $kind, reason: $reason) {
    day { date kind reason } errors { code field }
  }
}
"""

REMOVE = """
mutation Remove($date: Date!) {
  removeCalendarDay(date: $date) { day { date } errors { code field } }
}
"""

DAYS = """
query Days($from: Date!, $to: Date!) { calendarDays(from: $from, to: $to) { date kind reason } }
"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


@pytest.fixture
async def tet(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    clock.instant = TET_FRIDAY.astimezone(UTC)
    return await build_task_world(container, api.client, clock)


async def _sent_press_incident(world: TaskWorld, **fields: object) -> dict[str, object]:
    task = await world.new_task(kind="PRESS_INCIDENT", **fields)
    assert task["deadline"] is None  # the kind's rule runs from the moment it is sent
    return await world.advance(str(task["id"]), [Action.SEND])


async def test_a_press_incident_sent_in_tet_is_due_five_working_days_after(tet: TaskWorld) -> None:
    sent = await _sent_press_incident(tet)
    # Thursday 11, Friday 12, Monday 15, Tuesday 16, Wednesday 17 February
    assert sent["deadline"] == iso(vn(2027, 2, 17, 17, 0))
    assert sent["sentAt"] == iso(TET_FRIDAY)
    assert sent["statusClass"] == "OPEN_WITHIN_DEADLINE"


async def test_a_hard_case_gets_ten_working_days(tet: TaskWorld) -> None:
    sent = await _sent_press_incident(tet, hardCase=True)
    assert sent["deadline"] == iso(vn(2027, 2, 24, 17, 0))


async def test_a_declared_day_off_moves_the_deadline_by_a_day(tet: TaskWorld) -> None:
    declared = await tet.mutate(
        "admin",
        DECLARE,
        {"date": "2027-02-15", "kind": "DAY_OFF", "reason": "Nghỉ bù Tết theo quyết định của tỉnh"},
        "declareCalendarDay",
    )
    assert declared == {
        "day": {
            "date": "2027-02-15",
            "kind": "DAY_OFF",
            "reason": "Nghỉ bù Tết theo quyết định của tỉnh",
        },
        "errors": [],
    }
    days = await tet.data("hoa", DAYS, {"from": "2027-02-01", "to": "2027-02-28"})
    assert days["calendarDays"] == [declared["day"]]
    sent = await _sent_press_incident(tet)
    assert sent["deadline"] == iso(vn(2027, 2, 18, 17, 0))

    removed = await tet.mutate("admin", REMOVE, {"date": "2027-02-15"}, "removeCalendarDay")
    assert removed["errors"] == []
    assert (await tet.data("hoa", DAYS, {"from": "2027-02-01", "to": "2027-02-28"}))[
        "calendarDays"
    ] == []
    again = await _sent_press_incident(tet)
    assert again["deadline"] == iso(vn(2027, 2, 17, 17, 0))


async def test_a_make_up_saturday_counts_as_a_working_day(tet: TaskWorld) -> None:
    payload = await tet.mutate(
        "admin",
        DECLARE,
        {"date": "2027-02-13", "kind": "WORKING_DAY", "reason": "Làm bù"},
        "declareCalendarDay",
    )
    assert payload["errors"] == []
    sent = await _sent_press_incident(tet)
    assert sent["deadline"] == iso(vn(2027, 2, 16, 17, 0))


async def test_only_province_admins_declare_days(tet: TaskWorld) -> None:
    variables = {"date": "2027-02-15", "kind": "DAY_OFF", "reason": "Nghỉ"}
    for who in ("hoa", "long", "an"):
        payload = await tet.mutate(who, DECLARE, variables, "declareCalendarDay")
        assert codes(payload) == ["FORBIDDEN"]
    blank = await tet.mutate("admin", DECLARE, variables | {"reason": " "}, "declareCalendarDay")
    assert codes(blank) == ["INVALID_INPUT"]
    missing = await tet.mutate("admin", REMOVE, {"date": "2027-03-02"}, "removeCalendarDay")
    assert codes(missing) == ["NOT_FOUND"]
    bad_range = await (await tet.as_("hoa")).post(DAYS, {"from": "2027-03-01", "to": "2027-02-01"})
    assert bad_range["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def _directive(world: TaskWorld, received_at: str) -> str:
    payload = await world.mutate(
        "hoa",
        """mutation($input: CreateDirectiveInput!) {
          createDirective(input: $input) { directive { id receivedAt } errors { code } } }""",
        {
            "input": {
                "docType": "OFFICIAL_LETTER",
                "numberSymbol": "3021/UBND-TH",
                "issuedOn": "2026-11-16",
                "issuer": "UBND tỉnh",
                "summary": "Về việc rà soát các nhiệm vụ tồn đọng",
                "officeUnitId": world.unit("VP"),
                "receivedAt": received_at,
            }
        },
        "createDirective",
    )
    assert payload["errors"] == [], payload
    directive_id: str = payload["directive"]["id"]
    return directive_id


async def test_a_task_sent_more_than_a_working_day_after_the_directive_is_entry_late(
    world: TaskWorld,
) -> None:
    # received Tuesday 17 November: due Wednesday 18 at 17:00; sent Friday 20 at 10:00
    late = await world.new_task(
        kind="DIRECTIVE", directiveId=await _directive(world, "2026-11-17T09:00:00+07:00")
    )
    assert late["entryDue"] == iso(vn(2026, 11, 18, 17, 0))
    assert late["entryLate"] is False
    sent = await world.advance(late["id"], [Action.SEND])
    assert sent["entryLate"] is True
    # received Thursday 19 November (no offset: the province's time): due Friday 20 at 17:00
    on_time = await world.new_task(
        kind="DIRECTIVE", directiveId=await _directive(world, "2026-11-19T15:00:00")
    )
    assert on_time["entryDue"] == iso(vn(2026, 11, 20, 17, 0))
    assert (await world.advance(on_time["id"], [Action.SEND]))["entryLate"] is False


RESPONSE = """
query($id: ID!) { task(id: $id) { response { replyDate recordedAt recordedLate } } }
"""


@pytest.mark.parametrize(
    ("reply_date", "late"),
    [("2026-11-19", False), ("2026-11-18", True), ("2026-11-13", True)],
)
async def test_a_result_recorded_after_a_working_day_is_flagged(
    world: TaskWorld, reply_date: str, late: bool
) -> None:
    task = await world.new_task(deadline=iso(vn(2026, 12, 4, 17, 0)))
    await world.advance(task["id"], HAPPY[:6])
    reported = await world.step(task["id"], Action.REPORT, replyDate=reply_date)
    assert reported["errors"] == []
    response = (await world.data("hoa", RESPONSE, {"id": task["id"]}))["task"]["response"]
    assert (response["replyDate"], response["recordedLate"]) == (reply_date, late)


async def test_a_reply_dated_tomorrow_is_refused(world: TaskWorld) -> None:
    task = await world.new_task()
    await world.advance(task["id"], HAPPY[:6])
    payload = await world.step(task["id"], Action.REPORT, replyDate="2026-11-21")
    assert codes(payload) == ["INVALID_INPUT"]


async def test_a_deadline_in_the_past_is_refused(world: TaskWorld) -> None:
    past = await world.create_task(deadline=iso(world.clock.now() - timedelta(minutes=1)))
    assert codes(past) == ["DEADLINE_IN_PAST"]
    assert past["errors"][0]["field"] == "deadline"
    task = await world.new_task()
    corrected = await world.mutate(
        "hoa",
        """mutation($id: ID!, $d: DateTime) {
          correctTask(id: $id, deadline: $d) { errors { code } } }""",
        {"id": task["id"], "d": "2026-11-19T17:00:00+07:00"},
        "correctTask",
    )
    assert codes(corrected) == ["DEADLINE_IN_PAST"]


PROGRESS = """
mutation Progress($id: ID!, $content: String!, $why: String, $proposals: String,
                  $until: DateTime) {
  reportTaskProgress(taskId: $id, content: $content, delayReason: $why, proposals: $proposals,
                     extensionUntil: $until) {
    progress { id content delayReason proposals extensionUntil extensionDecision
               author { person { fullName } } }
    task { id deadline }
    errors { code field }
  }
}
"""

DECIDE = """
mutation Decide($id: ID!, $grant: Boolean!, $note: String) {
  decideTaskExtension(progressId: $id, grant: $grant, note: $note) {
    task { deadline progressUpdates { extensionDecision decidedAt }
           timeline { action note } }
    errors { code field }
  }
}
"""


async def test_an_extension_granted_moves_the_deadline(world: TaskWorld) -> None:
    deadline, until = vn(2026, 11, 27, 17, 0), vn(2026, 12, 4, 17, 0)
    task = await world.new_task(
        deadline=iso(deadline),
        trackers=[{"personId": world.person("long"), "role": "OFFICE_LEADER"}],
    )
    await world.advance(task["id"], HAPPY[:4])
    variables = {
        "id": task["id"],
        "content": "Đã hoàn thành 60% khối lượng",
        "why": "Chờ số liệu của các huyện",
        "proposals": "Đề nghị gia hạn",
        "until": iso(until),
    }
    asked = await world.mutate("giang", PROGRESS, variables, "reportTaskProgress")
    assert asked["errors"] == []
    assert asked["progress"]["author"]["person"]["fullName"] == "Võ Thị Giang"
    assert asked["progress"]["extensionDecision"] is None
    assert asked["task"]["deadline"] == iso(deadline)

    progress_id = asked["progress"]["id"]
    refused = await world.mutate(
        "an", DECIDE, {"id": progress_id, "grant": True}, "decideTaskExtension"
    )
    assert codes(refused) == ["FORBIDDEN"]  # the unit's leader does not decide its own request
    granted = await world.mutate(
        "long", DECIDE, {"id": progress_id, "grant": True, "note": "Đồng ý"}, "decideTaskExtension"
    )
    assert granted["errors"] == []
    assert granted["task"]["deadline"] == iso(until)
    assert granted["task"]["progressUpdates"][0]["extensionDecision"] == "GRANTED"
    assert granted["task"]["timeline"][-1] == {"action": "EXTENSION_GRANTED", "note": "Đồng ý"}
    twice = await world.mutate(
        "hoa", DECIDE, {"id": progress_id, "grant": False}, "decideTaskExtension"
    )
    assert codes(twice) == ["INVALID_TRANSITION"]


async def test_an_extension_refused_keeps_the_deadline(world: TaskWorld) -> None:
    deadline = vn(2026, 11, 27, 17, 0)
    task = await world.new_task(deadline=iso(deadline))
    await world.advance(task["id"], HAPPY[:3])
    variables = {"id": task["id"], "content": "Đang xử lý", "until": iso(vn(2026, 12, 11, 17))}
    asked = await world.mutate("an", PROGRESS, variables, "reportTaskProgress")
    assert asked["errors"] == []
    refused = await world.mutate(
        "hoa", DECIDE, {"id": asked["progress"]["id"], "grant": False}, "decideTaskExtension"
    )
    assert refused["errors"] == []
    assert refused["task"]["deadline"] == iso(deadline)
    assert refused["task"]["progressUpdates"][0]["extensionDecision"] == "REFUSED"


async def test_progress_comes_from_the_lead_unit_with_a_later_date(world: TaskWorld) -> None:
    task = await world.new_task(deadline=iso(vn(2026, 11, 27, 17, 0)))
    await world.advance(task["id"], HAPPY[:3])
    base = {"id": task["id"], "content": "Đang xử lý"}
    office = await world.mutate("hoa", PROGRESS, base, "reportTaskProgress")
    assert codes(office) == ["FORBIDDEN"]
    earlier = await world.mutate(
        "an", PROGRESS, base | {"until": iso(vn(2026, 11, 26, 17))}, "reportTaskProgress"
    )
    assert codes(earlier) == ["DEADLINE_IN_PAST"]
    too_long = await world.mutate(
        "an", PROGRESS, base | {"content": "x" * 10_001}, "reportTaskProgress"
    )
    assert codes(too_long) == ["TOO_LONG"]
