"""Export rows as files people open: XLSX with typed cells, labels, a frozen header, a filter,
widths, a print layout and a totals row; CSV with a byte-order mark. The machine format
(`codes`) keeps snake_case headers, codes, ISO local times and 1/0, for programs."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from domain.labels import Lang, label, yes_no
from domain.stats.export_columns import Column, ColumnKind, ExportKind, Total

MAX_XLSX_ROWS = 1_000_000
_CSV_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_DATETIME_FORMAT = {Lang.VI: "dd/mm/yyyy hh:mm", Lang.EN: "yyyy-mm-dd hh:mm"}
_TOTAL_FORMAT = {
    Total.COUNT: {Lang.VI: '"Tổng: "#,##0', Lang.EN: '"Total: "#,##0'},
    Total.AVERAGE: {Lang.VI: '"TB: "0.0', Lang.EN: '"Avg: "0.0'},
}
_SUBTOTAL = {Total.COUNT: 103, Total.AVERAGE: 101}  # 1xx: rows hidden by the filter left out
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
Row = tuple[object, ...]
_A4 = "9"  # the paperSize code of A4


@dataclass(frozen=True)
class SheetFormat:
    """Who reads the file: people in a language, or programs (`codes`)."""

    lang: Lang
    codes: bool
    zone: ZoneInfo

    def columns(self, kind: ExportKind) -> tuple[tuple[int, Column], ...]:
        """The (row index, column) pairs this format writes, in order."""
        return kind.pick(kind.machine if self.codes else kind.people)

    def header(self, kind: ExportKind) -> list[str]:
        """The header row."""
        return [c.key if self.codes else c.header(self.lang) for _, c in self.columns(kind)]


def local(value: datetime, zone: ZoneInfo) -> datetime:
    """A stored instant as the province's wall-clock time (naive: spreadsheets have no zone)."""
    return value.astimezone(zone).replace(tzinfo=None, microsecond=0)


def machine_value(value: object, zone: ZoneInfo) -> object:
    """The machine format's value: ISO local minutes, 1/0, codes, text never a formula."""
    if isinstance(value, datetime):
        return local(value, zone).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        text = str(getattr(value, "value", value))
        return "'" + text if text.startswith(_CSV_FORMULA) else text
    return value


def people_value(column: Column, value: object, fmt: SheetFormat) -> object:
    """The value people read: labels, Có/Không, local times, numbers as numbers."""
    if value is None:
        return None
    if column.kind is ColumnKind.CODE and column.codes is not None:
        return label(column.codes, value, fmt.lang)
    if column.kind is ColumnKind.BOOL:
        return yes_no(bool(value), fmt.lang)
    if column.kind is ColumnKind.DATETIME and isinstance(value, datetime):
        return local(value, fmt.zone)
    if column.kind is ColumnKind.NUMBER:
        return round(float(str(value)), 1)
    return value


async def csv_chunks(
    rows: AsyncIterator[Row], kind: ExportKind, fmt: SheetFormat
) -> AsyncIterator[bytes]:
    """The export as CSV, UTF-8 with a byte-order mark, streamed in chunks of 500 rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # Excel reads UTF-8 (Vietnamese) only with a byte-order mark
    writer.writerow(fmt.header(kind))
    picked = fmt.columns(kind)
    count = 0
    async for row in rows:
        writer.writerow([_csv_value(c, row[i], fmt) for i, c in picked])
        count += 1
        if count % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _csv_value(column: Column, value: object, fmt: SheetFormat) -> object:
    if fmt.codes:
        return machine_value(value, fmt.zone)
    shown = people_value(column, value, fmt)
    if isinstance(shown, datetime):
        return shown.isoformat(sep=" ", timespec="minutes")
    return machine_value(shown, fmt.zone)


async def xlsx_chunks(
    rows: AsyncIterator[Row], kind: ExportKind, fmt: SheetFormat, subtitle: str
) -> AsyncIterator[bytes]:
    """The export as a workbook (written in write-only mode to a spooled file, then
    streamed)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(kind.name if fmt.codes else kind.title_in(fmt.lang))
    picked = fmt.columns(kind)
    if not fmt.codes:
        _layout(sheet, kind, fmt, subtitle)
    sheet.append(_header_cells(sheet, fmt.header(kind), styled=not fmt.codes))
    count = 0
    async for row in rows:
        if count >= MAX_XLSX_ROWS:
            break
        if fmt.codes:
            sheet.append([_text_cell(sheet, machine_value(row[i], fmt.zone)) for i, _ in picked])
        else:
            sheet.append([_people_cell(sheet, c, row[i], fmt) for i, c in picked])
        count += 1
    if not fmt.codes:
        last = get_column_letter(len(picked))
        sheet.auto_filter.ref = f"A1:{last}{count + 1}"
        if count:
            sheet.append(_totals(sheet, picked, count, fmt.lang))
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
        book.save(spool)
        spool.seek(0)
        while chunk := spool.read(64 * 1024):
            yield chunk


def _layout(sheet: Any, kind: ExportKind, fmt: SheetFormat, subtitle: str) -> None:
    """Frozen header, widths, and a landscape A4 print fitted to the page width with the
    header repeated, the title on top and page numbers below."""
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32  # two lines of header
    for n, (_, column) in enumerate(fmt.columns(kind), start=1):
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", _A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddHeader.center.text = f"{kind.title_in(fmt.lang)} — {subtitle}"
    page = "Trang &P / &N" if fmt.lang is Lang.VI else "Page &P of &N"
    sheet.oddFooter.center.text = page


def _header_cells(sheet: Any, names: list[str], *, styled: bool) -> list[WriteOnlyCell]:
    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.data_type = "s"
        if styled:
            cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        cells.append(cell)
    return cells


def _text_cell(sheet: Any, value: object) -> WriteOnlyCell | object:
    """Text stays text: a value starting with "=" is never a formula."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _people_cell(sheet: Any, column: Column, value: object, fmt: SheetFormat) -> object:
    shown = people_value(column, value, fmt)
    if isinstance(shown, datetime):
        cell = WriteOnlyCell(sheet, value=shown)
        cell.number_format = _DATETIME_FORMAT[fmt.lang]
        return cell
    if column.kind is ColumnKind.NUMBER and shown is not None:
        cell = WriteOnlyCell(sheet, value=shown)
        cell.number_format = "0.0"
        return cell
    return _text_cell(sheet, shown)


def _totals(
    sheet: Any, picked: tuple[tuple[int, Column], ...], count: int, lang: Lang
) -> list[object]:
    """SUBTOTAL formulas over the data rows: they follow the filter people set."""
    cells: list[object] = []
    for n, (_, column) in enumerate(picked, start=1):
        if column.total is None:
            cells.append(None)
            continue
        letter = get_column_letter(n)
        formula = f"SUBTOTAL({_SUBTOTAL[column.total]},{letter}2:{letter}{count + 1})"
        cell = WriteOnlyCell(sheet, value=f'=IFERROR({formula},"")')
        cell.number_format = _TOTAL_FORMAT[column.total][lang]
        cell.font = _HEADER_FONT
        cells.append(cell)
    return cells
