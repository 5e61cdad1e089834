"""An aggregated periodic report as a file: DOCX (python-docx), PDF (fpdf2, DejaVu for
Vietnamese) and XLSX (openpyxl), each laid out as an administrative document
(govgraph.exports.report_view). Every renderer takes the same plain view of the aggregate."""

from __future__ import annotations

from collections.abc import Callable

from govgraph.exports.report_docx import docx_bytes
from govgraph.exports.report_pdf import pdf_bytes
from govgraph.exports.report_view import ReportView, view_of
from govgraph.exports.report_xlsx import xlsx_bytes

__all__ = ["MEDIA_TYPES", "RENDERERS", "ReportView", "view_of"]

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

RENDERERS: dict[str, Callable[[ReportView], bytes]] = {
    "docx": docx_bytes,
    "pdf": pdf_bytes,
    "xlsx": xlsx_bytes,
}
