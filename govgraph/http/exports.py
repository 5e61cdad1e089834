"""GET /export/tasks.csv and /export/tasks.xlsx?unit=CODE&from=YYYY-MM-DD&to=YYYY-MM-DD with an
API key (or a token): task rows of the subtree, streamed (CSV row by row from a server-side
cursor; XLSX written in write-only mode to a spooled file, then streamed). The same for
/export/reflections.csv and .xlsx: the field reports located in the subtree, received in the
range (no reporter data, no content)."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import AsyncIterator
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from domain.errors import DomainError
from domain.stats.exports import COLUMNS, REFLECTION_COLUMNS
from govgraph.container import Container
from govgraph.exports.report_files import MEDIA_TYPES
from govgraph.http.downloads import Refused, attachment, refusal, request_context
from govgraph.http.errors import JSON, error_body
from resolvers.stats.exports import export_reflections, export_tasks

MAX_XLSX_ROWS = 1_000_000
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object, zone: ZoneInfo) -> object:
    """A value for a spreadsheet: local times, text that never reads as a formula."""
    if isinstance(value, datetime):
        return value.astimezone(zone).replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        text = str(getattr(value, "value", value))
        return "'" + text if text.startswith(_FORMULA) else text
    return value


async def export_file(request: Request) -> Response:
    """The export in the format the path names."""
    container: Container = request.app.state.container
    fmt, what = request.path_params["fmt"], request.url.path.rsplit("/", 1)[-1].split(".")[0]
    if fmt not in ("csv", "xlsx") or what not in _EXPORTS:
        return Response(
            error_body(f"Use {what}.csv or {what}.xlsx", "NOT_FOUND"),
            status_code=404,
            media_type=JSON,
        )
    columns, export = _EXPORTS[what]
    params = request.query_params
    zone = ZoneInfo(container.settings.time_zone)
    try:
        async with request_context(container, request) as ctx:
            unit, rows = await export(
                ctx, params.get("unit", ""), params.get("from", ""), params.get("to", "")
            )
    except Refused as refused:
        return refused.response
    except DomainError as error:
        return refusal(error)
    name = f"{what}-{unit.code}-{params['from']}-{params['to']}.{fmt}"
    headers = {"Content-Disposition": attachment(name)}
    if fmt == "csv":
        return StreamingResponse(
            _csv(rows, zone, columns), media_type="text/csv; charset=utf-8", headers=headers
        )
    return StreamingResponse(
        _xlsx(rows, zone, columns, what), media_type=MEDIA_TYPES["xlsx"], headers=headers
    )


_EXPORTS = {
    "tasks": (COLUMNS, export_tasks),
    "reflections": (REFLECTION_COLUMNS, export_reflections),
}


async def _csv(
    rows: AsyncIterator[tuple[object, ...]], zone: ZoneInfo, columns: tuple[str, ...]
) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # spreadsheets read UTF-8 with a byte-order mark
    writer.writerow(columns)
    count = 0
    async for row in rows:
        writer.writerow([cell(v, zone) for v in row])
        count += 1
        if count % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


async def _xlsx(
    rows: AsyncIterator[tuple[object, ...]], zone: ZoneInfo, columns: tuple[str, ...], title: str
) -> AsyncIterator[bytes]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(list(columns))
    count = 0
    async for row in rows:
        if count >= MAX_XLSX_ROWS:
            break
        sheet.append([cell(v, zone) for v in row])
        count += 1
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
        book.save(spool)
        spool.seek(0)
        while chunk := spool.read(64 * 1024):
            yield chunk
