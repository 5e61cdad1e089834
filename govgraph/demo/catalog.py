"""The demo catalog: real procedures of Thừa Thiên Huế's departments, district offices and
communes (govgraph/demo/catalog_procedures.py) attached to the demo's units, each with its
version history; some versions recorded later than 7 days after their document (late)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.calendar import DEFAULT_TIMEZONE
from domain.catalog.model import update_due
from domain.text import fold
from govgraph.demo.build import DemoData
from govgraph.demo.catalog_data import LAWS, Template
from govgraph.demo.catalog_procedures import (
    COMMUNE,
    COMMUNES,
    DEPARTMENTS,
    DISTRICT_OFFICES,
    DISTRICTS,
    JOINED,
)
from persistence import catalog_tables as ct

Row = dict[str, Any]
SEED = 20_161_220  # the regulation's date
ZONE = ZoneInfo(DEFAULT_TIMEZONE)
TABLES: tuple[Table, ...] = (
    ct.procedures,
    ct.procedure_versions,
    ct.procedure_components,
    ct.procedure_agencies,
)
CENTRE = "Trung tâm Phục vụ hành chính công tỉnh Thừa Thiên Huế, 01 Lê Lai, thành phố Huế"
HOURS = "Sáng 7h30 - 11h30, chiều 13h30 - 17h00 các ngày làm việc (thứ Hai đến thứ Sáu)"
STEPS = {
    "DEPARTMENT": (
        "Tổ chức, cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh, qua bưu chính "
        "hoặc trực tuyến trên Cổng dịch vụ công",
        "Bộ phận tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ; hướng dẫn bổ sung một lần",
        "Phòng chuyên môn thẩm định hồ sơ, trình lãnh đạo Sở phê duyệt",
        "Văn thư đóng dấu, vào sổ; trả kết quả tại Trung tâm hoặc qua bưu chính",
    ),
    "OFFICE": (
        "Nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của UBND cấp huyện hoặc trực tuyến",
        "Bộ phận tiếp nhận kiểm tra hồ sơ, chuyển phòng chuyên môn",
        "Phòng chuyên môn thẩm định, trình lãnh đạo UBND cấp huyện ký",
        "Trả kết quả tại Bộ phận tiếp nhận và trả kết quả hoặc qua bưu chính",
    ),
    "COMMUNE": (
        "Nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của UBND cấp xã hoặc trực tuyến",
        "Công chức chuyên môn kiểm tra hồ sơ; đủ điều kiện thì ghi vào sổ, trình ký",
        "Chủ tịch (Phó Chủ tịch) UBND cấp xã ký kết quả; trả kết quả cho người yêu cầu",
    ),
}


def placements(demo: DemoData) -> Iterator[tuple[Template, Row, tuple[Row, ...]]]:
    """(template, handling unit, further agencies of the chain) of every demo procedure."""
    units = {u["code"]: u for u in demo.rows["org_units"] if u["valid_to"] is None}
    for code, templates in DEPARTMENTS.items():
        for template in templates:
            yield template, units[code], ()
    for district in DISTRICTS:
        building = "PQLDT" if f"{district}-PQLDT" in units else "PKTVHT"
        for office, templates in DISTRICT_OFFICES.items():
            unit = units[f"{district}-{building if office == 'BUILDING' else office}"]
            for template in templates:
                yield template, unit, ()
    for commune in COMMUNES:
        for template in COMMUNE:
            yield template, units[commune], ()
        yield JOINED, units[commune], (units["CA-TTH"],)


def _place(unit: Row, by_id: dict[int, Row]) -> str:
    if unit["level_code"] == "DEPARTMENT":
        return CENTRE
    if unit["level_code"] == "OFFICE":
        unit = by_id[unit["parent_id"]]
    return f"Bộ phận tiếp nhận và trả kết quả, {unit['name']}"


def _at(day: date, rng: random.Random) -> datetime:
    local = datetime.combine(day, time(rng.randint(8, 16), rng.randint(0, 59)), ZONE)
    return local.astimezone(UTC)


async def load_demo_catalog(conn: AsyncConnection, demo: DemoData, *, now: datetime) -> int:
    """Insert the catalog in the loader's transaction; how many procedures."""
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
    by_id = {u["id"]: u for u in demo.rows["org_units"]}
    ids = {t.name: await _next(conn, t) for t in TABLES}
    rows: dict[str, list[Row]] = {t.name: [] for t in TABLES}

    def add(table: Table, row: Row) -> Row:
        row["id"] = ids[table.name]
        ids[table.name] += 1
        rows[table.name].append(row)
        return row

    today = now.astimezone(ZONE).date()
    made = 0
    for template, unit, chain in placements(demo):
        code = f"{template.key}.{unit['code']}"
        versions = 2 if rng.random() < 0.25 else 1
        issued = today - timedelta(days=rng.randint(20, 900))
        first = issued - timedelta(days=rng.randint(200, 900)) if versions == 2 else issued
        procedure = add(
            ct.procedures,
            {
                "code": code,
                "name": template.name,
                "search_text": fold(f"{code} {template.name}"),
                "agency_unit_id": unit["id"],
                "field": template.field,
                "field_key": fold(template.field),
                "current_number": versions,
                "created_at": _at(first + timedelta(days=2), rng),
                "version": versions,
            },
        )
        for number in range(1, versions + 1):
            day = first if number == 1 else issued
            delay = rng.choice((1, 2, 3, 4, 5, 6, 7, 7, 9, 12))  # a few after the 7 days
            recorded = min(_at(day + timedelta(days=delay), rng), now)
            older = number < versions  # an earlier version: a longer time, fewer steps online
            days = template.days + (2 if older and template.days > 3 else 0)
            version = add(
                ct.procedure_versions,
                {
                    "procedure_id": procedure["id"],
                    "number": number,
                    "name": template.name,
                    "agency_unit_id": unit["id"],
                    "field": template.field,
                    "service_level": max(2, template.level - 1) if older else template.level,
                    "processing_days": days,
                    "steps": STEPS[unit["level_code"]]
                    if unit["level_code"] in STEPS
                    else STEPS["OFFICE"],
                    "methods": template.methods,
                    "target_subjects": template.subjects,
                    "result": template.result,
                    "legal_basis": LAWS[template.laws],
                    "place": _place(unit, by_id),
                    "hours": HOURS,
                    "issuing_document": "Quyết định của Chủ tịch UBND tỉnh công bố danh mục "
                    f"thủ tục hành chính lĩnh vực {template.field} (ngày {day:%d/%m/%Y})",
                    "issued_on": day,
                    "recorded_at": recorded,
                    "update_due_on": update_due(day),
                    "late": recorded.astimezone(ZONE).date() > update_due(day),
                    "fees": template.fees,
                    "fee_amount": template.fee,
                    "requirements": None,
                    "recorded_by": None,
                },
            )
            procedure["updated_at"] = recorded
            for position, (name, required, copies, form) in enumerate(template.components, 1):
                add(
                    ct.procedure_components,
                    {
                        "version_id": version["id"],
                        "position": position,
                        "name": name,
                        "required": required,
                        "copies": copies,
                        "form": form,
                        "form_url": None,
                    },
                )
            for position, agency in enumerate((unit, *chain), 1):
                add(
                    ct.procedure_agencies,
                    {
                        "version_id": version["id"],
                        "position": position,
                        "unit_id": agency["id"],
                        "task": "Đăng ký thường trú" if position > 1 else None,
                    },
                )
        made += 1
    await _insert(conn, rows)
    return made


async def _insert(conn: AsyncConnection, rows: dict[str, list[Row]]) -> None:
    for table in TABLES:
        for start in range(0, len(rows[table.name]), 2_000):
            await conn.execute(table.insert(), rows[table.name][start : start + 2_000])
        if conn.dialect.name == "postgresql":
            await conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                    f"GREATEST((SELECT max(id) FROM {table.name}), 1))"
                )
            )


async def _next(conn: AsyncConnection, table: Table) -> int:
    found = (await conn.execute(select(func.max(table.c.id)))).scalar_one()
    return int(found or 0) + 1
