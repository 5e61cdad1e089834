"""Demo periodic reports and work programs: three report types of the province, last month's
round closed with most units in (some late), this month's round open, and the next month's
program registrations of a few departments with the province's draft compiled from them."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.calendar import DEFAULT_TIMEZONE
from domain.programs.model import ProgramKind, ProgramState
from domain.reports.model import DueRule
from domain.stats.periods import Grain, ReportPeriod, period_of
from domain.tasks.model import Period
from govgraph.demo.build import DemoData
from persistence import program_tables, report_tables

Row = dict[str, Any]
SEED = 20_261_122
OFFICE, PROVINCE = "VP-UBND", "UBND-TTH"
TYPES = [
    # code, name, period, due month, due day, figures
    (
        "MONTHLY-WORK",
        "Báo cáo công tác tháng",
        Period.MONTHLY,
        1,
        22,
        ["tasks_done", "tasks_overdue", "documents_issued"],
    ),
    (
        "QUARTERLY-FIELD",
        "Thống kê phản ánh hiện trường quý",
        Period.QUARTERLY,
        3,
        20,
        ["received", "handled", "overdue"],
    ),
    ("YEARLY-CCHC", "Báo cáo cải cách hành chính năm", Period.YEARLY, 12, 1, ["score"]),
    # 002 Art. 18.8: departments and districts report on the online services to the
    # Provincial Office before the 22nd of every month and before 1 December every year
    # (Art. 17.1); the Provincial Office sums them up for the province before 15 December
    # (Art. 17.2, 18.8), created by the province on its own (see docs).
    (
        "DVC-MONTHLY",
        "Báo cáo tình hình cung cấp dịch vụ công trực tuyến tháng",
        Period.MONTHLY,
        1,
        22,
        ["dossiers_received", "dossiers_done", "dossiers_late"],
    ),
    (
        "DVC-YEARLY",
        "Báo cáo tình hình triển khai dịch vụ công trực tuyến năm",
        Period.YEARLY,
        12,
        1,
        ["dossiers_received", "dossiers_done", "dossiers_late"],
    ),
]
ITEMS = [
    "Tổng kết công tác năm và triển khai nhiệm vụ năm sau",
    "Trình UBND tỉnh kế hoạch cải cách hành chính",
    "Rà soát thủ tục hành chính thuộc thẩm quyền",
    "Kiểm tra tiến độ giải ngân vốn đầu tư công",
    "Báo cáo tình hình thực hiện nhiệm vụ được giao",
]
TABLES = (
    report_tables.report_types,
    report_tables.report_rounds,
    report_tables.report_submissions,
    program_tables.work_programs,
    program_tables.work_program_items,
)


async def load_demo_reports(conn: AsyncConnection, demo: DemoData, *, now: datetime) -> int:
    """Insert the demo reports and programs in the loader's transaction; returns rows."""
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
    zone = ZoneInfo(DEFAULT_TIMEZONE)
    units = demo.rows["org_units"]
    by_code = {u["code"]: u for u in units}
    province, office = by_code[PROVINCE], by_code[OFFICE]
    submitters = [
        u
        for u in units
        if u["parent_id"] == province["id"] and u["level_code"] in ("DEPARTMENT", "DISTRICT")
    ]
    ids = {t.name: await _next(conn, t.name) for t in TABLES}
    rows: dict[str, list[Row]] = {t.name: [] for t in TABLES}

    def add(table: str, row: Row) -> Row:
        row["id"] = ids[table]
        ids[table] += 1
        rows[table].append(row)
        return row

    today = now.astimezone(zone).date()
    kinds = {}
    for code, name, period, month, day, keys in TYPES:
        kinds[code] = add(
            "report_types",
            {
                "code": code,
                "name": name,
                "period": period,
                "due_month": month,
                "due_day": day,
                "owner_unit_id": office["id"],
                "submitter_root_id": province["id"],
                "submitter_levels": json.dumps(["DEPARTMENT", "DISTRICT"]),
                "figure_keys": json.dumps(keys),
                "created_at": now - timedelta(days=400),
                "active": True,
                "version": 1,
            },
        )
    monthly = kinds["MONTHLY-WORK"]
    this_month = period_of(Grain.MONTH, today)
    last_month = period_of(Grain.MONTH, this_month.start - timedelta(days=1))
    for span, share, closed in ((last_month, 0.85, True), (this_month, 0.4, False)):
        due = DueRule(1, 22).due(span, zone)
        round_row = add(
            "report_rounds",
            {
                "report_type_id": monthly["id"],
                "period": span.name,
                "due_at": due,
                "closed_at": due + timedelta(days=5) if closed else None,
                "closed_by": None,
                "version": 2 if closed else 1,
            },
        )
        for unit in submitters:
            if rng.random() > share:
                continue
            late = closed and rng.random() < 0.12
            at = (
                due + timedelta(hours=rng.randint(2, 90))
                if late
                else due - timedelta(hours=rng.randint(2, 200))
            )
            add(
                "report_submissions",
                {
                    "round_id": round_row["id"],
                    "unit_id": unit["id"],
                    "submitted_at": min(at, now),
                    "text": f"{unit['name']}: báo cáo công tác tháng {span.name}.",
                    "figures": json.dumps(
                        {
                            "tasks_done": rng.randint(5, 60),
                            "tasks_overdue": rng.randint(0, 6),
                            "documents_issued": rng.randint(20, 300),
                        }
                    ),
                    "submitted_by": None,
                    "late": late and at > due,
                    "version": 1,
                },
            )
    _programs(
        add=add,
        rng=rng,
        office=office,
        province=province,
        submitters=submitters,
        month=this_month.next(),
        now=now,
    )
    for table in TABLES:
        if rows[table.name]:
            await conn.execute(table.insert(), rows[table.name])
        if conn.dialect.name == "postgresql":
            await conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                    f"GREATEST((SELECT max(id) FROM {table.name}), 1))"
                )
            )
    return sum(len(r) for r in rows.values())


def _programs(
    *,
    add: Any,
    rng: random.Random,
    office: Row,
    province: Row,
    submitters: list[Row],
    month: ReportPeriod,
    now: datetime,
) -> None:
    """Next month's registrations of a few departments, and the province's draft from them."""
    picked: list[Row] = []
    for unit in [u for u in submitters if u["level_code"] == "DEPARTMENT"][:5]:
        program = add(
            "work_programs",
            {
                "unit_id": unit["id"],
                "kind": ProgramKind.REGISTRATION,
                "period": Period.MONTHLY,
                "period_name": month.name,
                "title": f"{unit['name']} — {month.name}",
                "state": ProgramState.REGISTERED,
                "created_at": now,
                "created_by": None,
                "office_unit_id": None,
                "issued_at": None,
                "version": 1,
            },
        )
        for position, content in enumerate(rng.sample(ITEMS, 3), start=1):
            picked.append(
                add(
                    "work_program_items",
                    {
                        "program_id": program["id"],
                        "position": position,
                        "content": content,
                        "owner_unit_id": unit["id"],
                        "planned_period": month.name,
                        "source_item_id": None,
                        "task_id": None,
                        "version": 1,
                    },
                )
            )
    draft = add(
        "work_programs",
        {
            "unit_id": province["id"],
            "kind": ProgramKind.COMPILED,
            "period": Period.MONTHLY,
            "period_name": month.name,
            "title": f"Chương trình công tác tháng {month.name}",
            "state": ProgramState.DRAFT,
            "created_at": now,
            "created_by": None,
            "office_unit_id": office["id"],
            "issued_at": None,
            "version": 1,
        },
    )
    for position, item in enumerate(picked[::2], start=1):
        add(
            "work_program_items",
            {
                "program_id": draft["id"],
                "position": position,
                "content": item["content"],
                "owner_unit_id": item["owner_unit_id"],
                "planned_period": month.name,
                "source_item_id": item["id"],
                "task_id": None,
                "version": 1,
            },
        )


async def _next(conn: AsyncConnection, name: str) -> int:
    table = {t.name: t for t in TABLES}[name]
    found = (await conn.execute(select(func.max(table.c.id)))).scalar_one()
    return int(found or 0) + 1
