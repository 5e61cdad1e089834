"""Demo rows of periodic occurrences, daily press digests and citizen questions, made from
the demo tasks (the press incidents and citizen questions of the Provincial Office become
forwarded digest items and questions; confirmed answers are published)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.calendar import WorkingCalendar
from domain.tasks import deadlines
from domain.tasks.model import Period, TaskKind, TaskState
from domain.tasks.periods import ENDED, OccurrenceState, first_window, next_window, window_due
from domain.text import fold
from govgraph.demo.tasks import DemoTasks
from persistence import tables

Row = dict[str, Any]
PORTAL_TABLES = ("task_occurrences", "press_digests", "press_items", "citizen_questions")
SEED = 20_261_122
DIGEST_DAYS = 20  # the last working days that get a digest even without a forwarded item
OUTLETS = ("Báo Thừa Thiên Huế", "Báo Tuổi Trẻ", "Báo Thanh Niên", "VnExpress", "Báo Lao Động")
QUIET_NEWS = (
    "Khánh thành cầu vượt sông Hương",
    "Lễ hội Festival Huế thu hút du khách",
    "Huế đón đoàn công tác của Bộ Văn hóa",
    "Tuyến đường ven biển sắp hoàn thành",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng")
GIVEN = ("Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hà", "Hữu Khoa", "Thu Lan")
QUESTIONS = (
    "Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu cần những giấy tờ gì?",
    "Doanh nghiệp mới thành lập được hỗ trợ gì về thuế?",
    "Hồ sơ xin cấp phép xây dựng nhà ở riêng lẻ gồm những gì?",
    "Chế độ trợ cấp cho người cao tuổi được tính thế nào?",
)


class _PortalBuilder:
    def __init__(
        self, built: DemoTasks, *, office_id: int, now: datetime, bases: dict[str, int]
    ) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
        self.calendar = WorkingCalendar()
        self.now = now.astimezone(UTC).replace(microsecond=0)
        self.today = self.calendar.local_date(self.now)
        self.office_id = office_id
        self.tasks = built.rows["tasks"]
        self.responses = {r["task_id"]: r for r in built.rows["task_responses"]}
        self.rows: dict[str, list[Row]] = {name: [] for name in PORTAL_TABLES}
        self.next_id = {name: bases.get(name, 1) for name in PORTAL_TABLES}
        self.digests: dict[date, Row] = {}

    def _add(self, table: str, row: Row) -> Row:
        row["id"] = self.next_id[table]
        self.next_id[table] += 1
        self.rows[table].append(row)
        return row

    def occurrences(self) -> None:
        for task in self.tasks:
            if task["period"] is None or task["sent_at"] is None:
                continue
            self._occurrences_of(task)

    def _occurrences_of(self, task: Row) -> None:
        period = Period(task["period"])
        current = first_window(self.calendar, period, task["sent_at"])
        ended = task["state"] in ENDED
        last_day = self.calendar.local_date(task["completed_at"] or self.now)
        until = self.calendar.local_date(task["deadline"]) if task["deadline"] else None
        for seq in range(1, 61):
            if seq > 1 and (current[0] > last_day or (until and current[0] > until)):
                break
            due = window_due(self.calendar, *current)
            state, done_at, percent = OccurrenceState.OPEN, None, 0
            if due < self.now or ended or self.rng.random() < 0.3:
                done_at = due - timedelta(days=self.rng.choice((5, 2, 1, 0, -1, -3)))
                if done_at < self.now:
                    state, percent = OccurrenceState.DONE, 100
                else:
                    done_at = None
            if state is OccurrenceState.OPEN and self.rng.random() < 0.5:
                state, percent = OccurrenceState.IN_PROGRESS, self.rng.choice((20, 50, 80))
            reported = done_at or (self.now - timedelta(hours=3) if percent else None)
            self._add(
                "task_occurrences",
                {
                    "task_id": task["id"],
                    "seq": seq,
                    "period_start": current[0],
                    "period_end": current[1],
                    "due": due,
                    "created_at": max(task["sent_at"], due - timedelta(days=40)),
                    "state": state,
                    "progress_percent": percent,
                    "report": f"Báo cáo kỳ {current[0]:%m/%Y}: đã thực hiện {percent}%"
                    if percent
                    else None,
                    "reported_at": reported,
                    "reported_by": None,
                    "done_at": done_at,
                    "version": 1 + (percent > 0),
                },
            )
            current = next_window(period, current)

    def _digest(self, day: date) -> Row:
        found = self.digests.get(day)
        if found is None:
            due = deadlines.press_digest_due(self.calendar, day)
            late = self.rng.random() < 0.1
            published = due + timedelta(minutes=self.rng.randint(5, 90) * (1 if late else -1))
            found = self.digests[day] = self._add(
                "press_digests",
                {
                    "office_unit_id": self.office_id,
                    "digest_date": day,
                    "due_at": due,
                    "published_at": published,
                    "published_by": None,
                    "published_late": late,
                    "version": 1,
                },
            )
            for _ in range(self.rng.randint(1, 3)):  # news that needs no action
                self._item(found, self.rng.choice(QUIET_NEWS), None)
        return found

    def _item(self, digest: Row, headline: str, task: Row | None) -> None:
        outlet = self.rng.choice(OUTLETS)
        self._add(
            "press_items",
            {
                "digest_id": digest["id"],
                "headline": headline[:500],
                "outlet": outlet,
                "summary": f"{outlet} đưa tin: {headline}"[:5000],
                "url": None,
                "article_date": digest["digest_date"] - timedelta(days=self.rng.choice((0, 1))),
                "task_id": task["id"] if task else None,
                "forwarded_at": task["sent_at"] if task else None,
                "forwarded_by": task["created_by"] if task else None,
                "version": 2 if task else 1,
            },
        )

    def press(self) -> None:
        for task in self.tasks:
            if task["kind"] is not TaskKind.PRESS_INCIDENT or task["sent_at"] is None:
                continue
            if task["office_unit_id"] != self.office_id:
                continue
            day = self.calendar.local_date(task["sent_at"])
            if self.calendar.is_working_day(day):
                self._item(self._digest(day), task["content"], task)
        day, made = self.today, 0
        while made < DIGEST_DAYS:
            if self.calendar.is_working_day(day) and (
                day < self.today or deadlines.press_digest_due(self.calendar, day) < self.now
            ):
                self._digest(day)
                made += 1
            day -= timedelta(days=1)

    def questions(self) -> None:
        for task in self.tasks:
            if (
                task["kind"] is TaskKind.CITIZEN_QUESTION
                and task["sent_at"] is not None
                and task["office_unit_id"] == self.office_id
            ):
                self._question(task["content"], task["sent_at"] - timedelta(hours=30), task)
        for n in range(8):  # waiting to be forwarded
            self._question(QUESTIONS[n % len(QUESTIONS)], self.now - timedelta(hours=n + 1), None)

    def _question(self, text_: str, submitted: datetime, task: Row | None) -> None:
        intake = deadlines.question_intake(self.calendar, submitted)
        forward_due = deadlines.question_forwarding(self.calendar, intake)
        response = self.responses.get(task["id"]) if task else None
        published = task is not None and task["state"] is TaskState.COMPLETED and response
        title = text_.split(":", maxsplit=1)[0][:120]
        self._add(
            "citizen_questions",
            {
                "office_unit_id": self.office_id,
                "title": title,
                "question": text_,
                "asker_name": f"{self.rng.choice(FAMILY)} {self.rng.choice(GIVEN)}",
                "asker_email": None,
                "asker_phone": f"09{self.rng.randint(10_000_000, 99_999_999)}",
                "asker_address": None,
                "submitted_at": submitted,
                "intake_at": intake,
                "forward_due": forward_due,
                "created_at": min(intake, self.now),
                "created_by": None,
                "search_text": fold(f"{title} {text_}"),
                "task_id": task["id"] if task else None,
                "forwarded_at": task["sent_at"] if task else None,
                "forwarded_late": bool(task and task["sent_at"] > forward_due),
                "answer": response["content"] if published and response else None,
                "answered_unit_id": task["lead_unit_id"] if published and task else None,
                "published_at": task["completed_at"] if published and task else None,
                "version": 2 if task else 1,
            },
        )


def build_demo_portal(
    built: DemoTasks, *, office_id: int, now: datetime, bases: dict[str, int] | None = None
) -> dict[str, list[Row]]:
    """The portal rows for built demo tasks (same tasks and `now`: same rows)."""
    builder = _PortalBuilder(built, office_id=office_id, now=now, bases=bases or {})
    builder.occurrences()
    builder.press()
    builder.questions()
    return builder.rows


async def load_demo_portal(
    conn: AsyncConnection,
    built: DemoTasks,
    *,
    office_id: int,
    now: datetime,
    echo: Callable[[str], None],
) -> None:
    """Insert the occurrences, digests and questions in the loader's transaction."""
    started = time.perf_counter()
    bases = {}
    for name in PORTAL_TABLES:
        table = tables.metadata.tables[name]
        found = (await conn.execute(select(func.max(table.c.id)))).scalar_one()
        bases[name] = int(found or 0) + 1
    rows = build_demo_portal(built, office_id=office_id, now=now, bases=bases)
    links = [
        {"lower": t["escalated_from_id"], "upper": t["id"]}
        for t in built.rows["tasks"]
        if t["escalated_from_id"] is not None
    ]
    if links:  # the lower petition's row was inserted before its upper one existed
        tasks = tables.metadata.tables["tasks"]
        await conn.execute(
            tasks.update()
            .where(tasks.c.id == bindparam("lower"))
            .values(escalated_to_id=bindparam("upper")),
            links,
        )
    for name in PORTAL_TABLES:
        if rows[name]:
            await conn.execute(tables.metadata.tables[name].insert(), rows[name])
        if conn.dialect.name == "postgresql":
            await conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                    f"GREATEST((SELECT max(id) FROM {name}), 1))"
                )
            )
    counts = ", ".join(f"{name}: {len(rows[name]):,}" for name in PORTAL_TABLES)
    echo(f"  {counts} in {time.perf_counter() - started:.1f} s")
