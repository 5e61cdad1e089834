"""The timed rules of field reports and periodic reports on the real database: four
schedulers at once, run twice, raise each warning, overdue notice, cancellation and reminder
once; each agency's part is warned on its own; urgent reports on the 10-minute threshold."""

from __future__ import annotations

import asyncio
from datetime import UTC, timedelta

import pytest
from sqlalchemy import func, select

from domain.clock import FixedClock
from govgraph.container import Container
from govgraph.scheduler import build_scheduler
from persistence.notification_tables import notification_events, notifications
from persistence.reflection_tables import reflection_events
from schema.common import decode_id
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world, step, submit
from tests.api.task_factories import TaskWorld, build_task_world, vn
from tests.api.test_reflections_flow import publish_one
from tests.factories import Api


async def counts(container: Container, kind: str, subject: str) -> tuple[int, int]:
    """(events, inbox rows) of a kind about a subject type."""
    async with container.sessions() as session:
        events = await session.scalar(
            select(func.count()).where(
                notification_events.c.kind == kind, notification_events.c.subject_type == subject
            )
        )
        rows = await session.scalar(
            select(func.count()).where(
                notifications.c.kind == kind, notifications.c.subject_type == subject
            )
        )
    return int(events or 0), int(rows or 0)


async def run_all(container: Container, times: int = 2) -> None:
    """Four schedulers at once, `times` rounds."""
    schedulers = [build_scheduler(container) for _ in range(4)]
    for _ in range(times):
        done = await asyncio.gather(*(s.run_once() for s in schedulers))
        assert all(v >= 0 for d in done for v in d.values()), done  # no job failed


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def test_each_step_and_each_agency_is_warned_then_told_overdue_once(
    world: ReflectionWorld, container: Container, clock: FixedClock
) -> None:
    r = (await submit(world))["reflection"]  # intake due in 1 working hour
    await run_all(container)
    assert await counts(container, "DEADLINE_WARNING", "REFLECTION") == (1, 1)  # the IOC
    both = [world.unit("SNV"), world.unit("HUE-PKT")]
    await step(
        world,
        "ioc",
        "distributeReflection",
        r,
        args=", agencyIds: $ids",
        params=", $ids: [ID!]",
        ids=both,
    )
    await run_all(container)
    # both agencies accept within the same 30 working minutes: each is warned (SNV's two
    # leaders; Huế's economy office has no leader to tell)
    assert await counts(container, "DEADLINE_WARNING", "REFLECTION") == (3, 3)
    clock.instant += timedelta(hours=1)
    await run_all(container)
    # each late part: its agency's leaders and the IOC
    assert await counts(container, "OVERDUE", "REFLECTION") == (2, 4)
    api = await world.as_("an")
    inbox = await api.data(
        "{ notifications(first: 5) { edges { node { kind unitId summary { threshold } } } } }"
    )
    kinds = [
        (e["node"]["kind"], e["node"]["summary"]["threshold"])
        for e in inbox["notifications"]["edges"]
    ]
    assert kinds == [
        ("OVERDUE", "DUE"),
        ("DEADLINE_WARNING", "2_WORKING_HOURS"),
        ("NEW_ASSIGNMENT", None),
    ]


async def test_urgent_reports_are_warned_ten_minutes_before(
    world: ReflectionWorld, container: Container, clock: FixedClock
) -> None:
    await submit(world, categoryId=world.category("FIRE"))  # intake: 30 wall-clock minutes
    await run_all(container, times=1)
    assert await counts(container, "DEADLINE_WARNING", "REFLECTION") == (0, 0)
    clock.instant += timedelta(minutes=21)
    await run_all(container)
    assert await counts(container, "DEADLINE_WARNING", "REFLECTION") == (1, 1)
    async with container.sessions() as session:
        threshold = await session.scalar(
            select(notification_events.c.threshold).where(
                notification_events.c.kind == "DEADLINE_WARNING"
            )
        )
    assert threshold == "10_MINUTES"


async def test_unverified_reports_are_cancelled_once_after_two_days(
    world: ReflectionWorld, container: Container, clock: FixedClock
) -> None:
    r = (await submit(world))["reflection"]
    asked = await step(
        world,
        "ioc",
        "requestReflectionVerification",
        r,
        args=", note: $note",
        params=", $note: String!",
        note="Xác minh lại địa điểm",
    )
    assert asked["errors"] == []
    clock.instant += timedelta(days=2, minutes=1)
    await run_all(container)
    api = await world.as_("ioc")
    found = await api.data(
        "query($id: ID!) { reflection(id: $id) { state cancelReason } }", {"id": r["id"]}
    )
    assert found["reflection"] == {"state": "CANCELLED", "cancelReason": "VERIFICATION_FAILED"}
    async with container.sessions() as session:
        cancels = await session.scalar(
            select(func.count()).where(reflection_events.c.action == "CANCEL")
        )
    assert cancels == 1
    assert (await counts(container, "OVERDUE", "REFLECTION"))[0] == 0  # cancelled first


CREATE = """
mutation Create($input: CreateReportTypeInput!) {
  createReportType(input: $input) { reportType { id } errors { code } } }
"""
SUBMIT = """
mutation Submit($input: SubmitReportInput!) {
  submitReport(input: $input) { submission { id } errors { code } } }
"""


async def test_report_reminders_once_per_unit_and_round(
    container: Container, api: Api, clock: FixedClock
) -> None:
    world: TaskWorld = await build_task_world(container, api.client, clock)
    created = await world.mutate(
        "hoa",
        CREATE,
        {
            "input": {
                "code": "monthly-work",
                "name": "Báo cáo công tác tháng",
                "period": "MONTHLY",
                "dueMonth": 1,
                "dueDay": 22,  # due 22 November 00:00, within 1 working day of Friday 10:00
                "ownerUnitId": world.unit("VP"),
                "submitterRootId": world.unit("PROV"),
                "submitterLevels": ["DEPARTMENT", "DISTRICT"],
            }
        },
        "createReportType",
    )
    type_id = created["reportType"]["id"]
    await run_all(container)
    # VP, SNV, HUE, PD each reminded once; SNV's two leaders are told
    assert await counts(container, "REPORT_DUE", "REPORT") == (4, 2)
    data = await world.data(
        "an",
        "{ notifications(first: 5) { edges { node { kind subjectId unitId summary { "
        "title state threshold } } } } }",
    )
    node = data["notifications"]["edges"][0]["node"]
    assert node["kind"] == "REPORT_DUE"
    assert node["subjectId"] == type_id
    assert node["unitId"] == world.unit("SNV")
    assert node["summary"] == {
        "title": "Báo cáo công tác tháng · 2026-11",
        "state": "DUE",
        "threshold": "1_WORKING_DAY",
    }
    sent = await world.mutate(
        "an",
        SUBMIT,
        {
            "input": {
                "reportTypeId": type_id,
                "period": "2026-11",
                "unitId": world.unit("SNV"),
                "text": "Tháng 11: hoàn thành 12 nhiệm vụ",
            }
        },
        "submitReport",
    )
    assert sent["errors"] == []
    clock.instant = vn(2026, 11, 23, 9, 0).astimezone(UTC)  # late now
    await run_all(container)
    # the three units that sent nothing are told it is late; SNV sent, so no one there
    assert await counts(container, "REPORT_DUE", "REPORT") == (7, 2)


ASK = """mutation($id: ID!, $code: String, $q: String!) {
  askReflectionQuestion(id: $id, question: $q, trackingCode: $code) {
    question { id answerDue } errors { code } } }"""


async def question_events(container: Container, kind: str) -> list[str]:
    """Once-keys of the timed events about follow-up questions."""
    async with container.sessions() as session:
        rows = await session.scalars(
            select(notification_events.c.threshold)
            .where(
                notification_events.c.kind == kind,
                notification_events.c.threshold.like("%/q%"),
            )
            .order_by(notification_events.c.id)
        )
        return list(rows)


async def test_unanswered_questions_warn_the_handling_agency_once(
    world: ReflectionWorld, container: Container, clock: FixedClock
) -> None:
    published = await publish_one(world)
    rid, code = published["reflection"]["id"], published["trackingCode"]
    citizen = await world.as_(None)
    asked = [
        (await citizen.data(ASK, {"id": rid, "code": code, "q": q}))["askReflectionQuestion"]
        for q in ("Đoạn gần cầu đã sửa chưa?", "Khi nào xong hẳn?")
    ]
    first, second = (decode_id(a["question"]["id"], "ReflectionQuestion") for a in asked)
    staff = await world.as_("giang")
    answered = await staff.data(
        """mutation($q: ID!) { answerReflectionQuestion(questionId: $q, answer: "Đã sửa") {
        errors { code } } }""",
        {"q": asked[1]["question"]["id"]},
    )
    assert answered["answerReflectionQuestion"]["errors"] == []
    snv = world.made.units["SNV"]
    await run_all(container)
    warned = await question_events(container, "DEADLINE_WARNING")
    # SNV (the one handling agency) is warned about the unanswered question, once
    assert warned == [f"1_WORKING_DAY/{snv}/q{first}"]
    clock.instant += timedelta(hours=25)  # the 1-day limit passed
    await run_all(container)
    assert await question_events(container, "OVERDUE") == [f"DUE/{snv}/q{first}"]
    assert f"q{second}" not in " ".join(warned)  # the answered one warns nobody
    api = await world.as_("an")  # SNV's director
    inbox = await api.data(
        "{ notifications(first: 10) { edges { node { kind summary { title threshold } } } } }"
    )
    nodes = [e["node"] for e in inbox["notifications"]["edges"]]
    assert ("OVERDUE", "DUE") in {(n["kind"], n["summary"]["threshold"]) for n in nodes}
    titles = {n["summary"]["title"] for n in nodes}
    assert not any("cầu" in t for t in titles)  # neutral: never the question's text
