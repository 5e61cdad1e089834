"""GET /export/tasks.csv and /export/tasks.xlsx?unit=CODE&from=YYYY-MM-DD&to=YYYY-MM-DD with an
API key (or a token): task rows of the subtree, streamed (CSV row by row from a server-side
cursor; XLSX written in write-only mode to a spooled file, then streamed). The same for
/export/reflections.csv and .xlsx: the field reports located in the subtree, received in the
range (no reporter data, no content); /export/dossiers.csv and .xlsx: the dossiers the
subtree's agencies received, submitted in the range (no applicant data). For people by
default (`lang=vi|en`: headers, labels, typed cells; govgraph.exports.sheets); `codes=1`
gives the machine format."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from domain.errors import DomainError, ErrorCode
from domain.labels import Lang
from domain.stats.dossier_export import DOSSIERS
from domain.stats.export_columns import REFLECTIONS, TASKS
from govgraph.container import Container
from govgraph.exports.report_files import MEDIA_TYPES
from govgraph.exports.sheets import SheetFormat, csv_chunks, xlsx_chunks
from govgraph.http.downloads import Refused, attachment, refusal, request_context
from govgraph.http.errors import JSON, error_body
from resolvers.stats.exports import export_dossiers, export_reflections, export_tasks

_EXPORTS = {
    "tasks": (TASKS, export_tasks),
    "reflections": (REFLECTIONS, export_reflections),
    "dossiers": (DOSSIERS, export_dossiers),
}
_TRUE, _FALSE = ("1", "true", "yes"), ("", "0", "false", "no")


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
    kind, export = _EXPORTS[what]
    params = request.query_params
    try:
        async with request_context(container, request) as ctx:
            unit, rows = await export(
                ctx, params.get("unit", ""), params.get("from", ""), params.get("to", "")
            )
        sheet = _sheet_format(params.get("lang"), params.get("codes"), container)
    except Refused as refused:
        return refused.response
    except DomainError as error:
        return refusal(error)
    name = f"{what}-{unit.code}-{params['from']}-{params['to']}.{fmt}"
    headers = {"Content-Disposition": attachment(name)}
    if fmt == "csv":
        return StreamingResponse(
            csv_chunks(rows, kind, sheet), media_type="text/csv; charset=utf-8", headers=headers
        )
    subtitle = f"{unit.name}, {params['from']} - {params['to']}"
    return StreamingResponse(
        xlsx_chunks(rows, kind, sheet, subtitle), media_type=MEDIA_TYPES["xlsx"], headers=headers
    )


def _sheet_format(lang: str | None, codes: str | None, container: Container) -> SheetFormat:
    """`lang=vi|en` for people (default vi); `codes=1` for the machine format."""
    flag = (codes or "").strip().lower()
    if flag not in _TRUE + _FALSE:
        raise DomainError(ErrorCode.INVALID_INPUT, "codes is 1 or 0", "codes")
    return SheetFormat(_lang(lang), flag in _TRUE, ZoneInfo(container.settings.time_zone))


def _lang(value: str | None) -> Lang:
    """`vi` (the default) or `en`; anything else is INVALID_INPUT on the `lang` parameter."""
    try:
        return Lang((value or "vi").strip().lower())
    except ValueError:
        raise DomainError(ErrorCode.INVALID_INPUT, "lang is vi or en", "lang") from None
