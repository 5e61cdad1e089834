"""What was accepted though wrong, now refused with a typed error: calendar declarations that
change nothing or overwrite one, an invalid asker email, a press item forwarded to a unit
that does not exist, an unknown submitter level, and reminders for weeks before a report
existed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from domain.clock import FixedClock
from govgraph.container import Container
from govgraph.scheduler import build_scheduler
from persistence.notification_tables import notification_events
from tests.api.task_factories import TaskWorld, build_task_world, codes
from tests.factories import Api, gid

DECLARE = """
mutation($date: Date!, $kind: CalendarDayKind!, $reason: String!) {
  declareCalendarDay(date: $date, kind: $kind, reason: $reason) {
    day { date kind } errors { code field message } } }"""
REMOVE = """
mutation($date: Date!) { removeCalendarDay(date: $date) { errors { code field } } }"""


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


async def declare(world: TaskWorld, day: str, kind: str) -> dict[str, Any]:
    variables = {"date": day, "kind": kind, "reason": "Theo quyết định của UBND tỉnh"}
    return await world.mutate("admin", DECLARE, variables, "declareCalendarDay")


@pytest.mark.parametrize(
    ("day", "kind", "words"),
    [
        ("2026-11-21", "DAY_OFF", "weekend day"),  # a Saturday
        ("2026-11-22", "DAY_OFF", "weekend day"),  # a Sunday
        ("2026-11-24", "DAY_OFF", "public holiday"),  # Vietnam Cultural Day, a Tuesday
        ("2026-09-02", "DAY_OFF", "public holiday"),  # National Day
        ("2026-11-25", "WORKING_DAY", "working day already"),  # a Wednesday
        ("2026-08-22", "WORKING_DAY", "working day already"),  # the government's make-up Saturday
    ],
)
async def test_declarations_that_change_nothing_are_refused(
    world: TaskWorld, day: str, kind: str, words: str
) -> None:
    refused = await declare(world, day, kind)
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_INPUT", "date")]
    assert words in refused["errors"][0]["message"]


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        ("2026-12-24", "DAY_OFF"),  # a Thursday
        ("2026-11-28", "WORKING_DAY"),  # a Saturday
        ("2026-08-31", "WORKING_DAY"),  # the government's bridge day, worked this year
        ("2026-08-22", "DAY_OFF"),  # the make-up Saturday, not worked this year
    ],
)
async def test_declarations_that_change_the_day_pass(world: TaskWorld, day: str, kind: str) -> None:
    assert (await declare(world, day, kind))["errors"] == []


async def test_a_declared_day_is_not_overwritten_silently(world: TaskWorld) -> None:
    assert (await declare(world, "2026-12-24", "DAY_OFF"))["errors"] == []
    again = await declare(world, "2026-12-24", "DAY_OFF")
    assert [(e["code"], e["field"]) for e in again["errors"]] == [("INVALID_STATE", "date")]
    assert "removeCalendarDay" in again["errors"][0]["message"]
    removed = await world.mutate("admin", REMOVE, {"date": "2026-12-24"}, "removeCalendarDay")
    assert removed["errors"] == []
    assert (await declare(world, "2026-12-24", "DAY_OFF"))["errors"] == []


TAKE_IN = """
mutation($input: CitizenQuestionInput!) {
  takeInCitizenQuestion(input: $input) { question { id } errors { code field } } }"""


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"askerEmail": "not an email"}, ("INVALID_EMAIL", "askerEmail")),
        ({"askerEmail": "a@b"}, ("INVALID_EMAIL", "askerEmail")),
        ({"askerPhone": "call me maybe"}, ("INVALID_PHONE", "askerPhone")),
    ],
)
async def test_a_citizen_question_needs_a_valid_email_and_phone(
    world: TaskWorld, given: dict[str, str], expected: tuple[str, str]
) -> None:
    values = {
        "officeUnitId": world.unit("VP"),
        "title": "Hỏi về thủ tục cấp phép xây dựng",
        "question": "Nhà tôi ở phường Phú Hội, xin hỏi hồ sơ gồm những gì?",
        "askerName": "Lê Thị Mai",
    } | given
    payload = await world.mutate("hoa", TAKE_IN, {"input": values}, "takeInCitizenQuestion")
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [expected]


PUBLISH = """
mutation($office: ID!, $items: [PressItemInput!]!) {
  publishPressDigest(officeUnitId: $office, items: $items) {
    digest { items { id } } errors { code } } }"""
FORWARD = """
mutation($id: ID!, $to: ForwardInput!) {
  forwardPressItem(id: $id, to: $to) { task { id } errors { code field } } }"""


async def test_forwarding_to_a_unit_that_does_not_exist_is_not_found(world: TaskWorld) -> None:
    items = [{"headline": "Ngập úng", "outlet": "Báo Tuổi Trẻ", "summary": "Ngập sâu"}]
    posted = await world.mutate(
        "hoa", PUBLISH, {"office": world.unit("VP"), "items": items}, "publishPressDigest"
    )
    item = posted["digest"]["items"][0]
    for to in (
        {"leadUnitId": gid("OrgUnit", 99_999)},
        {"leadUnitId": world.unit("SNV"), "coordinatingUnitIds": [gid("OrgUnit", 99_999)]},
    ):
        payload = await world.mutate(
            "hoa", FORWARD, {"id": item["id"], "to": to}, "forwardPressItem"
        )
        assert codes(payload) == ["NOT_FOUND"], payload
        assert payload["errors"][0]["field"] in ("leadUnitId", "coordinatingUnitIds")


CREATE_TYPE = """
mutation($input: CreateReportTypeInput!) {
  createReportType(input: $input) { reportType { id } errors { code field } } }"""


def report_type(world: TaskWorld, **changes: Any) -> dict[str, Any]:
    return {
        "code": "weekly-work",
        "name": "Báo cáo công tác tuần",
        "period": "WEEKLY",
        "dueMonth": 1,
        "dueDay": 5,  # due before Friday of the week
        "ownerUnitId": world.unit("VP"),
        "submitterRootId": world.unit("PROV"),
        "submitterLevels": ["DEPARTMENT", "DISTRICT"],
    } | changes


async def test_an_unknown_submitter_level_is_refused(world: TaskWorld) -> None:
    payload = await world.mutate(
        "hoa",
        CREATE_TYPE,
        {"input": report_type(world, submitterLevels=["DISTRICT", "GALAXY"])},
        "createReportType",
    )
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("INVALID_INPUT", "submitterLevels")
    ]


async def test_a_new_weekly_report_is_not_overdue_for_weeks_before_it(
    world: TaskWorld, container: Container, clock: FixedClock
) -> None:
    # Friday 20 November 10:00: this week's report was due before Friday 00:00
    created = await world.mutate(
        "hoa", CREATE_TYPE, {"input": report_type(world)}, "createReportType"
    )
    assert created["errors"] == []
    await run_all(container)
    assert await reminders(container) == []  # this week's is not owed: the type is new
    clock.instant += timedelta(days=7)  # the next Friday: the first week it existed is late
    await run_all(container)
    assert set(await reminders(container)) == {"DUE"}  # once late


async def run_all(container: Container) -> None:
    """One scheduler round; no job fails."""
    done = await build_scheduler(container).run_once()
    assert all(v >= 0 for v in done.values()), done


async def reminders(container: Container) -> list[str]:
    e = notification_events.c
    async with container.sessions() as session:
        rows = await session.execute(
            select(e.threshold, func.count()).where(e.kind == "REPORT_DUE").group_by(e.threshold)
        )
    return [str(threshold).split("/")[0] for threshold, _ in rows]
