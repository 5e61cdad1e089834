"""An aggregated report as a PDF (fpdf2) in the layout of Decree 30/2020: A4, margins
2/2/3/1.5 cm, the letterhead in two columns, page numbers centred at the top from the second
page; DejaVu Sans carries every Vietnamese letter. More than four figures turn the page."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from govgraph.exports.report_view import (
    KIND,
    MOTTO,
    NATION,
    Letterhead,
    ReportView,
    at,
    table_rows,
)

FONTS = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "DejaVu"
_LEFT_COLUMN = 0.4  # share of the line the issuer's column takes
_COUNT_WIDTH = 13.0  # mm: expected, submitted, late
_HEADINGS = FontFace(emphasis="BOLD", fill_color=(225, 230, 238))


class _Document(FPDF):
    """A4 with page numbers at the top, none on the first page."""

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font(FAMILY, "", 11)
            self.set_y(10)
            self.cell(0, 5, str(self.page_no()), align="C")
            self.set_y(self.t_margin)


def pdf_bytes(view: ReportView) -> bytes:
    """The report as a PDF."""
    landscape = len(view.figures) > 4
    pdf = _Document(orientation="L" if landscape else "P", format="A4")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(left=30, top=20, right=15)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    _letterhead(pdf, view)
    pdf.ln(6)
    pdf.set_font(FAMILY, "B", 13)
    for line in (KIND, *view.subject):
        pdf.cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    _rule(pdf, pdf.l_margin + pdf.epw / 2, pdf.get_y() + 1, 30)
    pdf.ln(6)
    _heading(pdf, "I. TÌNH HÌNH NỘP BÁO CÁO")
    pdf.set_font(FAMILY, "", 11)
    for label, value in view.facts:
        pdf.multi_cell(0, 6, f"- {label}: {value}.", new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "II. SỐ LIỆU TỔNG HỢP")
    _figures(pdf, view)
    if view.submissions:
        _heading(pdf, "III. BÁO CÁO CỦA CÁC ĐƠN VỊ")
        for unit, moment, late, text in view.submissions:
            pdf.set_font(FAMILY, "B", 11)
            heading = f"{unit} (nộp lúc {at(moment)}{', muộn' if late else ''})"
            pdf.multi_cell(0, 6, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FAMILY, "", 11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    if view.missing:
        _heading(pdf, "IV. ĐƠN VỊ CHƯA NỘP BÁO CÁO")
        pdf.set_font(FAMILY, "", 11)
        for name in view.missing:
            pdf.multi_cell(0, 6, f"- {name}.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _letterhead(pdf: FPDF, view: ReportView) -> None:
    draw_letterhead(pdf, view.letterhead)


def draw_letterhead(pdf: FPDF, head: Letterhead) -> None:
    """The issuing body (under its parent) left, the national motto right, the number under
    the body and the place and date under the motto (Decree 30/2020, Annex I)."""
    top, left = pdf.get_y(), pdf.l_margin
    width = pdf.epw * _LEFT_COLUMN
    right, right_width = left + width, pdf.epw - width
    lines = ([(head.parent, "")] if head.parent else []) + [(n, "B") for n in head.issuer]
    for text, style in lines:
        pdf.set_font(FAMILY, style, 10)
        pdf.set_x(left)
        pdf.multi_cell(width, 5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    _rule(pdf, left + width / 2, pdf.get_y() + 1, 12)
    pdf.set_xy(left, pdf.get_y() + 3)
    pdf.set_font(FAMILY, "", 11)
    pdf.cell(width, 6, head.number, align="C")
    issuer_bottom = pdf.get_y() + 6
    pdf.set_xy(right, top)
    pdf.set_font(FAMILY, "B", 10)
    pdf.cell(right_width, 5, NATION, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 11)
    pdf.cell(right_width, 6, MOTTO, align="C", new_x="LEFT", new_y="NEXT")
    _rule(pdf, right + right_width / 2, pdf.get_y() + 0.5, pdf.get_string_width(MOTTO) / 2)
    pdf.set_xy(right, pdf.get_y() + 4)
    pdf.set_font(FAMILY, "", 11)
    pdf.cell(right_width, 6, head.place_date, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(issuer_bottom, pdf.get_y()))


def _figures(pdf: FPDF, view: ReportView) -> None:
    """The table, widths fitted to the names: the unit column is as wide as it may be, the
    numbers as narrow as their headers allow."""
    count = len(view.figures)
    unit = min(62.0, pdf.epw * 0.38)
    figure = (pdf.epw - 9 - unit - 3 * _COUNT_WIDTH) / max(count, 1)
    widths = (9, unit, *[_COUNT_WIDTH] * 3, *[figure] * count)
    align = ("CENTER", "LEFT", *["RIGHT"] * (3 + count))
    pdf.set_font(FAMILY, "", 9)
    body = table_rows(view)
    with pdf.table(
        col_widths=widths,
        align="LEFT",
        text_align=align,
        line_height=4.6,
        headings_style=_HEADINGS,
        padding=1,
    ) as table:
        heading = table.row()
        for text in view.header:
            heading.cell(text, align="CENTER")
        for n, values in enumerate(body):
            row = table.row()
            for text in values:
                row.cell(text, style=FontFace(emphasis="BOLD") if n == len(body) - 1 else None)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FAMILY, "B", 11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def _rule(pdf: FPDF, middle: float, y: float, half: float) -> None:
    """A short horizontal line centred on `middle`."""
    pdf.set_line_width(0.3)
    pdf.line(middle - half, y, middle + half, y)
