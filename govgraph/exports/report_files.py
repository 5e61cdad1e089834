"""An aggregated report as a file: DOCX (python-docx), PDF (fpdf2, DejaVu for Vietnamese) and
XLSX (openpyxl). Every renderer takes the same plain view of the aggregate."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from docx import Document
from fpdf import FPDF
from openpyxl import Workbook

from domain.reports.services import Aggregate

FONTS = Path(__file__).resolve().parent.parent / "fonts"
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ReportView:
    """What every file shows: a title, facts, the sums per child unit, each submission."""

    title: str
    facts: list[tuple[str, str]]
    keys: list[str]
    rows: list[tuple[str, int, int, int, list[float]]]  # unit, expected, submitted, late, sums
    totals: list[float]
    submissions: list[tuple[str, str, bool, str]]  # unit, submitted at, late, text
    missing: list[str]


def view_of(aggregate: Aggregate, names: dict[int, str], tz: str) -> ReportView:
    """The plain view of an aggregate; `names` names the child units."""
    zone = ZoneInfo(tz)
    keys = sorted(set(aggregate.report_type.keys) | set(aggregate.totals))
    closed = (
        aggregate.closed_at.astimezone(zone).strftime("%d/%m/%Y %H:%M")
        if (aggregate.closed_at)
        else "chưa khóa sổ"
    )
    return ReportView(
        title=f"{aggregate.report_type.name} — kỳ {aggregate.period.name}",
        facts=[
            ("Đơn vị tổng hợp", aggregate.unit.name),
            ("Hạn nộp", aggregate.due_at.astimezone(zone).strftime("%d/%m/%Y %H:%M")),
            ("Khóa sổ", closed),
            ("Đã nộp", f"{len(aggregate.submissions)}/{len(aggregate.expected)}"),
            ("Nộp muộn", str(aggregate.late)),
        ],
        keys=keys,
        rows=[
            (
                names.get(c.unit_id, str(c.unit_id)),
                c.expected,
                c.submitted,
                c.late,
                [float(c.totals.get(k, 0)) for k in keys],
            )
            for c in aggregate.by_child()
        ],
        totals=[float(aggregate.totals.get(k, 0)) for k in keys],
        submissions=[
            (u.name, s.submitted_at.astimezone(zone).strftime("%d/%m/%Y %H:%M"), s.late, s.text)
            for u, s in aggregate.submissions
        ],
        missing=[u.name for u in aggregate.missing],
    )


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _header(view: ReportView) -> list[str]:
    return ["Đơn vị", "Phải nộp", "Đã nộp", "Muộn", *view.keys]


def _cells(row: tuple[str, int, int, int, list[float]]) -> list[str]:
    return [row[0], str(row[1]), str(row[2]), str(row[3]), *(_number(v) for v in row[4])]


def docx_bytes(view: ReportView) -> bytes:
    """The report as a Word document."""
    doc = Document()
    doc.add_heading(view.title, level=1)
    for label, value in view.facts:
        doc.add_paragraph(f"{label}: {value}")
    header = _header(view)
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in view.rows:
        for cell, text in zip(table.add_row().cells, _cells(row), strict=True):
            cell.text = text
    total = ["Tổng", "", "", "", *(_number(v) for v in view.totals)]
    for cell, text in zip(table.add_row().cells, total, strict=True):
        cell.text = text
    doc.add_heading("Báo cáo của các đơn vị", level=2)
    for unit, at, late, text in view.submissions:
        doc.add_paragraph(f"{unit} ({at}{', muộn' if late else ''})", style="Heading 3")
        doc.add_paragraph(text)
    if view.missing:
        doc.add_heading("Chưa nộp", level=2)
        for name in view.missing:
            doc.add_paragraph(name, style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf_bytes(view: ReportView) -> bytes:
    """The report as a PDF (DejaVu Sans carries every Vietnamese letter)."""
    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, view.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    for label, value in view.facts:
        pdf.multi_cell(0, 6, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    with pdf.table(text_align="LEFT") as table:
        table.row(_header(view))
        for row in view.rows:
            table.row(_cells(row))
        table.row(["Tổng", "", "", "", *(_number(v) for v in view.totals)])
    for unit, at, late, text in view.submissions:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(
            0, 6, f"{unit} ({at}{', muộn' if late else ''})", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    if view.missing:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, "Chưa nộp: " + "; ".join(view.missing), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def xlsx_bytes(view: ReportView) -> bytes:
    """The report as a workbook: the sums, then one row per submission."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tong hop"
    rows: list[list[object]] = [[view.title]]
    rows.extend([label, value] for label, value in view.facts)
    rows.append([])
    rows.append(list(_header(view)))
    rows.extend(
        [name, expected, submitted, late, *sums]
        for name, expected, submitted, late, sums in view.rows
    )
    rows.append(["Tổng", None, None, None, *view.totals])
    append_rows(sheet, rows)
    texts = book.create_sheet("Bao cao")
    append_rows(
        texts,
        [
            ["Đơn vị", "Thời điểm nộp", "Muộn", "Nội dung"],
            *([unit, at, "x" if late else "", text] for unit, at, late, text in view.submissions),
        ],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def append_rows(sheet: Any, rows: Iterable[Sequence[object]]) -> None:
    """Append rows; text stays text (a value starting with "=" never becomes a formula)."""
    for values in rows:
        sheet.append(list(values))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"


RENDERERS: dict[str, Callable[[ReportView], bytes]] = {
    "docx": docx_bytes,
    "pdf": pdf_bytes,
    "xlsx": xlsx_bytes,
}
