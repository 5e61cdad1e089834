"""Periodic tasks through the API: occurrences opened on sending and by the scheduler's
function, reported one by one, each with its own status class; a version per occurrence."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any, cast

import pytest

from domain.clock import FixedClock
from domain.tasks.periods import generate_next_occurrences
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.workflow import Action
from govgraph.container import Container
from persistence.database import StatementCounter
from tests.api.task_factories import TaskWorld, build_task_world, codes, iso, vn
from tests.factories import Api


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


OCCURRENCES = """
query Occurrences($id: ID!) {
  task(id: $id) {
    period
    occurrences { id seq periodStart periodEnd due state statusClass progressPercent report
      reportedAt doneAt version reportedBy { person { fullName } } }
    timeline { action note }
  }
}
"""

REPORT = """
mutation Report($id: ID!, $content: String!, $percent: Int, $final: Boolean!, $version: Int) {
  reportTaskOccurrence(id: $id, content: $content, progressPercent: $percent, final: $final,
                       version: $version) {
    occurrence { id state progressPercent report version doneAt }
    errors { code field message }
  }
}
"""


REOPEN = """
mutation Reopen($id: ID!, $reason: String!, $version: Int) {
  reopenTaskOccurrence(id: $id, reason: $reason, version: $version) {
    occurrence { id state doneAt version }
    errors { code field message }
  }
}
"""


async def _monthly(world: TaskWorld, **fields: Any) -> dict[str, Any]:
    task = await world.new_task(
        kind="WORK_PROGRAM_ITEM",
        content="Báo cáo tình hình cải cách hành chính hằng tháng",
        period="MONTHLY",
        deadline=iso(vn(2027, 3, 31, 17, 0)),
        **fields,
    )
    sent = await world.step(task["id"], Action.SEND)
    assert sent["errors"] == []
    return dict(sent["task"])


async def _occurrences(world: TaskWorld, task_id: str, who: str = "an") -> dict[str, Any]:
    found: dict[str, Any] = (await world.data(who, OCCURRENCES, {"id": task_id}))["task"]
    return found


async def _generate(world: TaskWorld) -> int:
    calendar = await world.container.calendars.get()
    made = 0
    after = 0
    async with world.container.uow() as uow:
        while True:
            run = await generate_next_occurrences(
                uow=cast(TaskUnitOfWork, uow),
                calendar=calendar,
                now=world.clock.now(),
                after_task_id=after,
                limit=1,
            )
            made += len(run.created)
            after = run.last_task_id
            if run.done:
                break
        await uow.commit()
    return made


async def test_sending_opens_the_current_period_and_the_scheduler_the_next(
    world: TaskWorld,
) -> None:
    task = await _monthly(world)
    first = await _occurrences(world, task["id"])
    assert first["period"] == "MONTHLY"
    [november] = first["occurrences"]
    assert (november["seq"], november["periodStart"], november["periodEnd"]) == (
        1,
        "2026-11-01",
        "2026-11-30",
    )
    assert november["due"] == iso(vn(2026, 11, 30, 17, 0))  # Monday, the month's last working day
    assert (november["state"], november["statusClass"]) == ("OPEN", "OPEN_WITHIN_DEADLINE")
    assert [e["action"] for e in first["timeline"]] == ["CREATE", "SEND", "OCCURRENCE_OPENED"]
    assert await _generate(world) == 0  # nothing new within November

    world.clock.instant = datetime(2026, 12, 15, 2, 0, tzinfo=UTC)  # Tuesday 09:00
    assert await _generate(world) == 1
    assert await _generate(world) == 0  # idempotent
    later = (await _occurrences(world, task["id"]))["occurrences"]
    assert [(o["seq"], o["periodStart"], o["due"]) for o in later] == [
        (1, "2026-11-01", iso(vn(2026, 11, 30, 17, 0))),
        (2, "2026-12-01", iso(vn(2026, 12, 31, 17, 0))),
    ]
    assert [o["statusClass"] for o in later] == ["OPEN_OVERDUE", "OPEN_WITHIN_DEADLINE"]


async def test_each_period_is_reported_on_its_own(world: TaskWorld) -> None:
    task = await _monthly(world)
    await world.advance(task["id"], [Action.RECEIVE, Action.ASSIGN, Action.START])
    [november] = (await _occurrences(world, task["id"]))["occurrences"]
    progress = (
        await world.data(
            "giang",
            REPORT,
            {"id": november["id"], "content": "Đã tổng hợp 60%", "percent": 60, "final": False},
        )
    )["reportTaskOccurrence"]
    assert progress["errors"] == []
    assert progress["occurrence"]["state"] == "IN_PROGRESS"
    assert progress["occurrence"]["progressPercent"] == 60
    # progress not final is the unit's internal work: the office reads the state, not the text
    office = (await _occurrences(world, task["id"], "hoa"))["occurrences"][0]
    assert (office["state"], office["report"]) == ("IN_PROGRESS", None)
    # the specialist cannot give the period's result; the unit leader does
    denied = await world.data(
        "giang", REPORT, {"id": november["id"], "content": "Xong", "final": True}
    )
    assert codes(denied["reportTaskOccurrence"]) == ["FORBIDDEN"]
    world.clock.instant = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # a day after its due
    done = (
        await world.data(
            "an",
            REPORT,
            {"id": november["id"], "content": "Báo cáo tháng 11 đã gửi", "final": True},
        )
    )["reportTaskOccurrence"]
    assert done["errors"] == []
    assert (done["occurrence"]["state"], done["occurrence"]["progressPercent"]) == ("DONE", 100)
    shown = await _occurrences(world, task["id"], "hoa")
    assert shown["occurrences"][0]["statusClass"] == "DONE_LATE"
    assert shown["occurrences"][0]["report"] == "Báo cáo tháng 11 đã gửi"
    assert shown["occurrences"][0]["reportedBy"] is not None
    assert [e["action"] for e in shown["timeline"]][-2:] == [
        "OCCURRENCE_PROGRESS",
        "OCCURRENCE_DONE",
    ]
    again = await world.data("an", REPORT, {"id": november["id"], "content": "x", "final": True})
    assert codes(again["reportTaskOccurrence"]) == ["INVALID_TRANSITION"]

    # the office sends the result back with a reason; the unit reports the period anew
    reopen = {"id": november["id"], "reason": "Thiếu số liệu quận Phú Xuân"}
    denied = (await world.data("an", REOPEN, reopen))["reopenTaskOccurrence"]
    assert codes(denied) == ["FORBIDDEN"]
    blank = (await world.data("hoa", REOPEN, reopen | {"reason": " "}))["reopenTaskOccurrence"]
    assert codes(blank) != []
    stale = (await world.data("hoa", REOPEN, reopen | {"version": 1}))["reopenTaskOccurrence"]
    assert codes(stale) == ["STALE_VERSION"]
    reopened = (await world.data("hoa", REOPEN, reopen))["reopenTaskOccurrence"]
    assert reopened["errors"] == []
    assert (reopened["occurrence"]["state"], reopened["occurrence"]["doneAt"]) == (
        "IN_PROGRESS",
        None,
    )
    twice = (await world.data("hoa", REOPEN, reopen))["reopenTaskOccurrence"]
    assert codes(twice) == ["INVALID_TRANSITION"]
    world.clock.instant = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
    redone = await world.data(
        "an", REPORT, {"id": november["id"], "content": "Đã bổ sung số liệu", "final": True}
    )
    assert redone["reportTaskOccurrence"]["occurrence"]["state"] == "DONE"
    timeline = (await _occurrences(world, task["id"], "hoa"))["timeline"]
    assert timeline[-2] == {
        "action": "OCCURRENCE_REOPENED",
        "note": "period 2026-11-01..2026-11-30: Thiếu số liệu quận Phú Xuân",
    }


async def test_reporting_an_occurrence_is_checked(world: TaskWorld) -> None:
    task = await _monthly(world)
    [november] = (await _occurrences(world, task["id"]))["occurrences"]
    variables = {"id": november["id"], "content": "Tiến độ", "final": False}
    assert codes((await world.data("hoa", REPORT, variables))["reportTaskOccurrence"]) == [
        "FORBIDDEN"
    ]
    assert codes((await world.data("dung", REPORT, variables))["reportTaskOccurrence"]) == [
        "NOT_FOUND"
    ]
    bad = variables | {"percent": 120}
    assert codes((await world.data("an", REPORT, bad))["reportTaskOccurrence"]) == ["INVALID_INPUT"]
    blank = variables | {"content": "  "}
    assert codes((await world.data("an", REPORT, blank))["reportTaskOccurrence"]) != []
    wrong = variables | {"id": task["id"]}
    assert codes((await world.data("an", REPORT, wrong))["reportTaskOccurrence"]) == [
        "INVALID_INPUT"
    ]
    await world.step(task["id"], Action.CANCEL)
    assert codes((await world.data("an", REPORT, variables))["reportTaskOccurrence"]) == [
        "INVALID_TRANSITION"
    ]


async def test_two_reports_on_one_version_cannot_both_win(world: TaskWorld) -> None:
    task = await _monthly(world)
    await world.advance(task["id"], [Action.RECEIVE])
    [november] = (await _occurrences(world, task["id"]))["occurrences"]
    an, snv = await world.as_("an"), await world.as_("snv")
    results = await asyncio.gather(
        *(
            who.data(
                REPORT,
                {
                    "id": november["id"],
                    "content": text,
                    "final": False,
                    "percent": 50,
                    "version": november["version"],
                },
            )
            for who, text in ((an, "Bản của lãnh đạo"), (snv, "Bản của tài khoản đơn vị"))
        )
    )
    outcomes = sorted(codes(r["reportTaskOccurrence"]) for r in results)
    assert outcomes == [[], ["STALE_VERSION"]]
    [after] = (await _occurrences(world, task["id"]))["occurrences"]
    assert after["version"] == november["version"] + 1


async def test_one_time_tasks_have_no_occurrences_and_lists_stay_batched(
    world: TaskWorld,
) -> None:
    once = await world.new_task()
    await world.step(once["id"], Action.SEND)
    assert (await _occurrences(world, once["id"]))["occurrences"] == []
    query = """query { tasks(first: 50) { edges { node { id
      occurrences { seq due statusClass report } } } } }"""
    api = await world.as_("an")
    await _monthly(world)
    await api.data(query)  # steady state: the caller is resolved and cached
    with StatementCounter(world.container.engine) as small:
        await api.data(query)
    for _ in range(6):
        await _monthly(world)
    with StatementCounter(world.container.engine) as large:
        found = (await api.data(query))["tasks"]["edges"]
    assert len(found) == 8
    assert small.count == large.count, (small.statements, large.statements)
