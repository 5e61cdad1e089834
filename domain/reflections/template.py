"""The result notice of Annex 1 ("Mẫu thông tin kết quả xử lý"), rendered in Vietnamese, and
the IOC's check of each agency's result against it before publication (001 Art. 9.1a)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from domain.reflections.model import ReporterKind

MIN_RESULT = 30
_PLACEHOLDER = re.compile(r"\[[^\]]*\]")
_ADDRESSEE = {ReporterKind.INDIVIDUAL: "cá nhân", ReporterKind.ORGANIZATION: "tổ chức"}


@dataclass(frozen=True)
class AgencyResult:
    """One agency's approved result."""

    agency_name: str
    text: str


def problems(results: Sequence[AgencyResult]) -> list[str]:
    """What keeps the results from filling the template (empty: ready to publish)."""
    found: list[str] = []
    if not results:
        found.append("No agency result to publish")
    for result in results:
        text = result.text.strip()
        if len(text) < MIN_RESULT:
            found.append(
                f"{result.agency_name}: the result must say what was done or by when it will "
                f"be done (at least {MIN_RESULT} characters)"
            )
        if _PLACEHOLDER.search(text):
            found.append(f"{result.agency_name}: the result still holds a [placeholder]")
    return found


def render(kind: ReporterKind, results: Sequence[AgencyResult]) -> str:
    """The Annex 1 notice: one paragraph per handling agency."""
    who = _ADDRESSEE[kind]
    agencies = ", ".join(r.agency_name for r in results)
    body = "\n\n".join(
        r.text.strip() if len(results) == 1 else f"{r.agency_name}: {r.text.strip()}"
        for r in results
    )
    return (
        f"Kính gửi: Quý {who}\n"
        f"Vấn đề quý {who} phản ánh, {agencies} xin thông báo kết quả xử lý như sau:\n\n"
        f"{body}\n\n"
        f"Chân thành cảm ơn phản ánh của quý {who} và mong tiếp tục nhận được phản ánh "
        "trong thời gian tới.\n"
        "Trân trọng./."
    )
