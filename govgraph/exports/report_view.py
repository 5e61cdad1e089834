"""What every file of an aggregated periodic report shows, in the form of an administrative
document (Decree 30/2020/NĐ-CP, Annex I): the issuing body under its parent on the left, the
national motto on the right, number and symbol, place and date, the document kind and its
subject; then the figures by unit with Vietnamese names, each unit's report and the units
that sent nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.labels import figure_label, period_label, place_and_date
from domain.org.model import OrgUnit
from domain.reports.services import Aggregate

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
KIND = "BÁO CÁO"
KIND_SYMBOL = "BC"  # the symbol of a report (Decree 30/2020, Annex III)
_COMMITTEE = "Ủy ban nhân dân"
_TIME = "%d/%m/%Y %H:%M"


@dataclass(frozen=True)
class Letterhead:
    """The top of the first page."""

    parent: str | None  # the body the issuer belongs to ("UBND TỈNH THỪA THIÊN HUẾ")
    issuer: list[str]  # the issuing body, in capitals, one or two lines
    number: str  # "Số:      /BC-UBND": the number is given when the document is registered
    place_date: str


@dataclass(frozen=True)
class ReportView:
    """A plain view of an aggregate that every renderer takes."""

    letterhead: Letterhead
    subject: list[str]
    facts: list[tuple[str, str]]
    figures: list[str]  # the figures' names, in the order of the sums
    rows: list[tuple[str, int, int, int, list[float]]]  # unit, expected, submitted, late, sums
    totals: list[float]
    submissions: list[tuple[str, datetime, bool, str]]  # unit, submitted (local), late, text
    missing: list[str]

    @property
    def header(self) -> list[str]:
        """The table's header row."""
        return ["TT", "Đơn vị", "Phải nộp", "Đã nộp", "Nộp muộn", *self.figures]


def issuer_lines(name: str) -> list[str]:
    """The issuing body in capitals; a people's committee on two lines, as documents write it
    ("ỦY BAN NHÂN DÂN" / "TỈNH THỪA THIÊN HUẾ")."""
    if name.startswith(_COMMITTEE + " "):
        return [_COMMITTEE.upper(), name[len(_COMMITTEE) + 1 :].upper()]
    return [name.upper()]


def parent_line(name: str) -> str:
    """The parent body in capitals, a people's committee shortened to UBND."""
    if name.startswith(_COMMITTEE + " "):
        return "UBND " + name[len(_COMMITTEE) + 1 :].upper()
    return name.upper()


def symbol_of(unit: OrgUnit) -> str:
    """The issuer's part of the symbol: UBND for a people's committee, else its code."""
    if unit.name.startswith(_COMMITTEE):
        return "UBND"
    return unit.code.replace("-", "").upper()


def view_of(
    aggregate: Aggregate,
    names: dict[int, str],
    tz: str,
    *,
    parent: OrgUnit | None = None,
    place: str = "Huế",
    today: date | None = None,
) -> ReportView:
    """The view of an aggregate; `names` names the child units, `parent` is the unit the
    issuer belongs to (none for the province), `today` the document's date."""
    zone = ZoneInfo(tz)
    keys = sorted(set(aggregate.report_type.keys) | set(aggregate.totals))
    period = aggregate.period
    closed = aggregate.closed_at.astimezone(zone).strftime(_TIME) if aggregate.closed_at else None
    sent = len(aggregate.submissions)
    return ReportView(
        letterhead=Letterhead(
            parent=parent_line(parent.name) if parent else None,
            issuer=issuer_lines(aggregate.unit.name),
            number=f"Số:        /{KIND_SYMBOL}-{symbol_of(aggregate.unit)}",
            place_date=place_and_date(place, today or date.today()),
        ),
        subject=[
            f"Tổng hợp {_lower_first(aggregate.report_type.name)}",
            f"kỳ {period_label(period.grain.value, period.start, period.end)}",
        ],
        facts=[
            ("Đơn vị tổng hợp", aggregate.unit.name),
            ("Hạn nộp", aggregate.due_at.astimezone(zone).strftime(_TIME)),
            ("Khóa sổ", closed or "chưa khóa sổ"),
            ("Đã nộp", f"{sent}/{len(aggregate.expected)} đơn vị"),
            ("Nộp muộn", f"{aggregate.late} đơn vị"),
        ],
        figures=[figure_label(k) for k in keys],
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
            (u.name, s.submitted_at.astimezone(zone).replace(tzinfo=None), s.late, s.text)
            for u, s in aggregate.submissions
        ],
        missing=[u.name for u in aggregate.missing],
    )


def at(moment: datetime) -> str:
    """A local time as documents write it."""
    return moment.strftime(_TIME)


def number(value: float) -> str:
    """A figure the Vietnamese way: 1.234 and 12,5."""
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def table_rows(view: ReportView) -> list[list[str]]:
    """The table's body as text: one row per unit, then the total."""
    rows = [
        [str(n), name, str(expected), str(sent), str(late), *(number(v) for v in sums)]
        for n, (name, expected, sent, late, sums) in enumerate(view.rows, start=1)
    ]
    expected = sum(r[1] for r in view.rows)
    sent = sum(r[2] for r in view.rows)
    late = sum(r[3] for r in view.rows)
    total = ["", "Tổng cộng", str(expected), str(sent), str(late)]
    return [*rows, total + [number(v) for v in view.totals]]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
