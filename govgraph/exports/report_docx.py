"""An aggregated report as a Word document laid out as Decree 30/2020 asks: A4, Times New
Roman, margins 2/2/3/1.5 cm, the letterhead in a borderless two-column table, page numbers
centred at the top from the second page."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from govgraph.exports.report_view import KIND, MOTTO, NATION, ReportView, at, table_rows

FONT = "Times New Roman"
_CENTER, _RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
_NUMBER_COLUMNS = 3  # expected, submitted, late


def docx_bytes(view: ReportView) -> bytes:
    """The report as a Word document."""
    doc = Document()
    _page(doc)
    _letterhead(doc, view)
    _centered(doc, KIND, bold=True, size=14, space_before=12)
    for line in view.subject:
        _centered(doc, line, bold=True, size=14)
    _rule(doc.add_paragraph(), indent_cm=6.5)
    doc.add_paragraph("I. TÌNH HÌNH NỘP BÁO CÁO").runs[0].bold = True
    for label, value in view.facts:
        doc.add_paragraph(f"- {label}: {value}.")
    doc.add_paragraph("II. SỐ LIỆU TỔNG HỢP").runs[0].bold = True
    _figures(doc, view)
    if view.submissions:
        doc.add_paragraph("III. BÁO CÁO CỦA CÁC ĐƠN VỊ").runs[0].bold = True
        for unit, moment, late, text in view.submissions:
            heading = doc.add_paragraph()
            heading.add_run(unit).bold = True
            heading.add_run(f" (nộp lúc {at(moment)}{', muộn' if late else ''})").italic = True
            doc.add_paragraph(text)
    if view.missing:
        doc.add_paragraph("IV. ĐƠN VỊ CHƯA NỘP BÁO CÁO").runs[0].bold = True
        for name in view.missing:
            doc.add_paragraph(f"- {name}.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(3)
    section.different_first_page_header_footer = True  # no number on the first page
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = _CENTER
    _field(paragraph, "PAGE")


def _letterhead(doc: Any, view: ReportView) -> None:
    head = view.letterhead
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6), Cm(10.5)
    table.columns[0].width, table.columns[1].width = Cm(6), Cm(10.5)  # the grid LibreOffice reads
    first = True
    if head.parent:
        _cell_line(left, head.parent, size=12, first=first)
        first = False
    for line in head.issuer:
        _cell_line(left, line, size=12, bold=True, first=first)
        first = False
    _rule(left.add_paragraph(), indent_cm=2.0)
    _cell_line(left, head.number, size=13)
    _cell_line(right, NATION, size=12, bold=True, first=True)
    _cell_line(right, MOTTO, size=13, bold=True)
    _rule(right.add_paragraph(), indent_cm=2.8)
    _cell_line(right, head.place_date, size=13, italic=True)


def _figures(doc: Any, view: ReportView) -> None:
    header = view.header
    widths = _widths(len(header))
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads
    for cell, text, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.width = width
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(10)
        cell.paragraphs[0].alignment = _CENTER
    body = table_rows(view)
    for n, values in enumerate(body):
        for column, (cell, text, width) in enumerate(
            zip(table.add_row().cells, values, widths, strict=True)
        ):
            cell.width = width
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(11)
            run.bold = n == len(body) - 1
            cell.paragraphs[0].alignment = (
                _CENTER if column == 0 else None if column == 1 else _RIGHT
            )


def _widths(columns: int) -> list[Any]:
    """TT, the unit's name, three counts, then the figures share what is left of 16.5 cm."""
    figures = columns - 2 - _NUMBER_COLUMNS
    name = 5.4 if figures <= 3 else 4.2
    each = (16.5 - 1.0 - name - 1.5 * _NUMBER_COLUMNS) / max(figures, 1)
    return [Cm(1.0), Cm(name), *[Cm(1.5)] * _NUMBER_COLUMNS, *[Cm(each)] * figures]


def _centered(
    doc: Any, text: str, *, bold: bool = False, size: int = 13, space_before: int = 0
) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = _CENTER
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)


def _cell_line(
    cell: Any,
    text: str,
    *,
    size: int,
    bold: bool = False,
    italic: bool = False,
    first: bool = False,
) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = _CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _rule(paragraph: Any, *, indent_cm: float) -> None:
    """A short horizontal line under the lines above (a bottom border, indented)."""
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _field(paragraph: Any, instruction: str) -> None:
    """A field Word computes when it lays the page out (PAGE: the page number)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
