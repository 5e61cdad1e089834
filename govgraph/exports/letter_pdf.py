"""An apology letter of a dossier (002 Annex: "thư xin lỗi ... kèm theo hướng dẫn") as a PDF in
the layout of an administrative document (Decree 30/2020): the agency's letterhead, the
number left for the clerk, the place and date, the title, the letter."""

from __future__ import annotations

from datetime import date

from fpdf import FPDF

from domain.labels import place_and_date
from domain.org.model import OrgUnit
from govgraph.exports.report_pdf import FAMILY, FONTS, draw_letterhead
from govgraph.exports.report_view import Letterhead, issuer_lines

SYMBOL = "TXL"
"""The symbol after the number of a letter (thư)."""


def letter_pdf(
    text: str, *, agency: OrgUnit, parent: OrgUnit | None, place: str, day: date
) -> bytes:
    """The letter (its first line is its title) as a PDF."""
    title, _, body = text.partition("\n")
    pdf = FPDF(format="A4")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(left=30, top=20, right=15)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    head = Letterhead(
        parent=parent.name.upper() if parent else None,
        issuer=issuer_lines(agency.name),
        number=f"Số:      /{SYMBOL}",
        place_date=place_and_date(place, day),
    )
    draw_letterhead(pdf, head)
    pdf.ln(8)
    pdf.set_font(FAMILY, "B", 14)
    pdf.cell(0, 8, title.strip(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 12)
    for paragraph in body.strip().split("\n\n"):
        pdf.multi_cell(0, 6.5, paragraph.strip(), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
