"""The periodic report downloads are administrative documents (Decree 30/2020): the issuing
body and the national motto, number and symbol, place and date, figures named in
Vietnamese, widths that fit the unit names, page numbers; the PDF with Vietnamese glyphs,
read back with pypdf and rendered with pdftoppm."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from domain.clock import FixedClock
from govgraph.container import Container
from tests.api.task_factories import TaskWorld, build_task_world
from tests.api.test_reports import SUBMIT, _monthly, _submission
from tests.factories import Api

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PLACE_DATE = "Huế, ngày 20 tháng 11 năm 2026"  # the test clock's day in Huế
FIGURES = ("Nhiệm vụ đã hoàn thành", "Cuộc họp đã tổ chức")
RAW_KEYS = ("tasks_done", "meetings")
LONG_NAME = "Ủy ban nhân dân huyện Phong Điền"


@pytest.fixture
async def files(container: Container, api: Api, clock: FixedClock) -> dict[str, bytes]:
    """The three files of November's monthly report over the province, SNV having sent."""
    world: TaskWorld = await build_task_world(container, api.client, clock)
    type_id = await _monthly(world)
    await world.mutate("an", SUBMIT, _submission(world, type_id), "submitReport")
    token = (await world.as_("long")).token
    found = {}
    for fmt in ("docx", "pdf", "xlsx"):
        response = await world.client.get(
            f"/reports/MONTHLY-WORK/2026-11.{fmt}",
            params={"unit": "PROV"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.text
        found[fmt] = response.content
    return found


def _docx_texts(document: Any) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def test_docx_is_laid_out_as_an_administrative_document(files: dict[str, bytes]) -> None:
    document = Document(io.BytesIO(files["docx"]))
    letterhead, figures = document.tables
    issuer, nation = (cell.text.splitlines() for cell in letterhead.rows[0].cells)
    assert issuer[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH THỪA THIÊN HUẾ"]  # the province: no parent
    assert issuer[-1].startswith("Số:")
    assert issuer[-1].endswith("/BC-UBND")
    assert [nation[0], nation[1], nation[-1]] == [NATION, MOTTO, PLACE_DATE]
    texts = _docx_texts(document)
    assert "BÁO CÁO" in texts
    assert "Tổng hợp báo cáo công tác tháng" in texts
    assert "kỳ tháng 11 năm 2026" in texts
    header = [c.text for c in figures.rows[0].cells]
    assert header == ["TT", "Đơn vị", "Phải nộp", "Đã nộp", "Nộp muộn", *sorted(FIGURES)]
    assert not any(key in text for text in texts for key in RAW_KEYS)
    assert [c.text for c in figures.rows[-1].cells][1:3] == ["Tổng cộng", "4"]
    widths = [column.width for column in figures.columns]
    assert widths[1] == max(widths)  # the unit names get the widest column
    section = document.sections[0]
    assert section.different_first_page_header_footer  # no number on the first page
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert round(section.left_margin.cm, 1) == 3.0
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_xlsx_has_the_letterhead_names_and_widths(files: dict[str, bytes]) -> None:
    book = load_workbook(io.BytesIO(files["xlsx"]))
    sheet = book["Tổng hợp"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "ỦY BAN NHÂN DÂN\nTỈNH THỪA THIÊN HUẾ"
    assert [values[0][2], values[1][2], values[2][2]] == [NATION, MOTTO, PLACE_DATE]
    assert str(values[1][0]).endswith("/BC-UBND")
    header = next(r for r in values if r[0] == "TT")
    assert header[5:] == sorted(FIGURES)
    names = [r[1] for r in values[values.index(header) + 1 :]]
    assert LONG_NAME in names
    assert names[-1] == "Tổng cộng"
    assert sheet.column_dimensions["B"].width >= len(LONG_NAME)  # no "Ủy ban nhâ…" cut
    assert not any(key in repr(values) for key in RAW_KEYS)
    assert sheet.page_setup.fitToWidth == 1
    assert "&P" in sheet.oddFooter.center.text
    texts = book["Báo cáo các đơn vị"]
    row = list(texts.iter_rows())[1]
    assert [row[0].value, row[2].value] == ["Sở Nội vụ", "Không"]
    assert row[1].is_date  # a real time, not text
    assert row[3].data_type == "s"  # submitted text never becomes a formula
    assert texts.freeze_panes == "A2"


def test_pdf_text_and_first_page(files: dict[str, bytes], tmp_path: Path) -> None:
    reader = PdfReader(io.BytesIO(files["pdf"]))
    first = reader.pages[0].extract_text()
    for expected in (NATION, MOTTO, PLACE_DATE, "BÁO CÁO", "TỈNH THỪA THIÊN HUẾ", "/BC-UBND"):
        assert expected in first, expected
    assert "TT Đơn vị Phải nộp Đã nộp Nộp muộn " + " ".join(sorted(FIGURES)) in first
    assert "Ủy ban nhân dân huyện Phong Điền 1 0 0 0 0" in first  # one line, not five
    whole = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert "Tháng 11: hoàn thành 12 nhiệm vụ" in whole  # Vietnamese glyphs, not boxes
    assert not any(key in whole for key in RAW_KEYS)
    assert any("DejaVu" in str(font) for font in _fonts(reader))
    png = _first_page_png(files["pdf"], tmp_path)
    width, height = struct.unpack(">II", png[16:24])
    assert png.startswith(b"\x89PNG")
    assert round(height / width, 2) == 1.41  # A4 portrait
    assert len(png) > 5_000  # something is drawn on it


def _fonts(reader: PdfReader) -> list[object]:
    resources = reader.pages[0]["/Resources"]
    return [font["/BaseFont"] for font in resources["/Font"].get_object().values()]


def _first_page_png(pdf: bytes, folder: Path) -> bytes:
    """Page 1 at 50 dpi (poppler-utils' pdftoppm; CI installs it, elsewhere the check skips)."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm (poppler-utils) is required under CI")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    source = folder / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", source, folder / "p"],
        check=True,
    )
    return (folder / "p.png").read_bytes()
