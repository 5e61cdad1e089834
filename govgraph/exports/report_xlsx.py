"""An aggregated report as a workbook: the letterhead and the figures by unit on the first
sheet (columns as wide as the unit names), each unit's report on the second (typed times,
Có/Không, a filter); both print on A4 fitted to the page width, with page numbers."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from domain.labels import yes_no
from govgraph.exports.report_view import KIND, MOTTO, NATION, ReportView

_BOLD, _ITALIC = Font(bold=True), Font(italic=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_TOP, _TOP_CENTER = Alignment(vertical="top"), Alignment(horizontal="center", vertical="top")
_FILL = PatternFill("solid", fgColor="DDE4EE")
_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SUMMARY, _TEXTS = "Tổng hợp", "Báo cáo các đơn vị"
_A4 = "9"


def xlsx_bytes(view: ReportView) -> bytes:
    """The report as a workbook."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _SUMMARY
    _summary(sheet, view)
    _texts(book.create_sheet(_TEXTS), view)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _summary(sheet: Any, view: ReportView) -> None:
    columns = len(view.header)
    last = get_column_letter(columns)
    longest = max((len(r[0]) for r in view.rows), default=20)
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = min(max(longest + 2, 30), 70)
    for n in range(3, columns + 1):
        wide = 18 if n > 5 else 10
        sheet.column_dimensions[get_column_letter(n)].width = wide
    head = view.letterhead
    issuer = "\n".join(head.issuer)
    left = [head.parent, issuer, head.number] if head.parent else [issuer, head.number, ""]
    right = [NATION, MOTTO, head.place_date]
    for row, (mine, nation) in enumerate(zip(left, right, strict=True), start=1):
        _merged(sheet, f"A{row}:B{row}", mine, _BOLD if mine == issuer else None)
        _merged(sheet, f"C{row}:{last}{row}", nation, _ITALIC if row == 3 else _BOLD)
    sheet.row_dimensions[left.index(issuer) + 1].height = 16 * len(head.issuer)
    row = 5
    for line in (KIND, *view.subject):
        _merged(sheet, f"A{row}:{last}{row}", line, _BOLD)
        row += 1
    row += 1
    for label, value in view.facts:
        _text(sheet.cell(row=row, column=2), f"- {label}: {value}.")
        row += 1
    row += 1
    header_row = row
    for column, text in enumerate(view.header, start=1):
        cell = sheet.cell(row=row, column=column)
        _text(cell, text)
        cell.font, cell.fill, cell.alignment, cell.border = _BOLD, _FILL, _CENTER, _GRID
    sheet.row_dimensions[row].height = 32
    for n, (name, expected, sent, late, sums) in enumerate(view.rows, start=1):
        _table_row(sheet, row + n, [n, name, expected, sent, late, *sums])
    total = row + len(view.rows) + 1
    counts = [sum(r[1] for r in view.rows), sum(r[2] for r in view.rows)]
    counts.append(sum(r[3] for r in view.rows))
    _table_row(sheet, total, [None, "Tổng cộng", *counts, *view.totals], bold=True)
    _print(sheet, landscape=columns > 9, title_rows=f"{header_row}:{header_row}")


def _texts(sheet: Any, view: ReportView) -> None:
    header = ["Đơn vị", "Thời điểm nộp", "Nộp muộn", "Nội dung"]
    longest = max((len(s[0]) for s in view.submissions), default=20)
    for letter, width in zip("ABCD", (min(max(longest + 2, 24), 60), 18, 11, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    _append(sheet, [header])
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = _BOLD, _FILL, _CENTER
    for unit, moment, late, text in view.submissions:
        _append(sheet, [[unit, moment, yes_no(late), text]])
        row = sheet.max_row
        sheet.cell(row=row, column=2).number_format = "dd/mm/yyyy hh:mm"
        for column in (1, 4):
            sheet.cell(row=row, column=column).alignment = _WRAP
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:D{max(sheet.max_row, 1)}"
    _print(sheet, landscape=True, title_rows="1:1")


def _table_row(sheet: Any, row: int, values: Sequence[object], *, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            _text(cell, value)
            cell.alignment = _WRAP
        else:
            cell.value = value
            cell.number_format = "#,##0.##" if column > 5 else "0"
            cell.alignment = _TOP_CENTER if column == 1 else _TOP
        cell.border = _GRID
        if bold:
            cell.font = _BOLD


def _merged(sheet: Any, cells: str, text: str, font: Font | None) -> None:
    sheet.merge_cells(cells)
    first = sheet[cells.split(":", maxsplit=1)[0]]
    _text(first, text)
    first.alignment = _CENTER
    if font is not None:
        first.font = font


def _print(sheet: Any, *, landscape: bool, title_rows: str) -> None:
    setup = sheet.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.paperSize = _A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = "Trang &P / &N"


def _text(cell: Any, value: str) -> None:
    """Text stays text: a value starting with "=" never becomes a formula."""
    cell.value = value
    cell.data_type = "s"


def _append(sheet: Any, rows: Iterable[Sequence[object]]) -> None:
    for values in rows:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
