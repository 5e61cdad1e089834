"""`taskStats` on the compiled read path: the figures of one period summed in the database
from the cells kept on write (the cells persistence/stats_reading.py reads), with
domain.stats.figures' arithmetic in SQL. What depends on the day (which buckets are over,
the open tasks already past their deadline in the current one) takes the request's values
as parameters (persistence/compiled/request_params.py).

Numbers that are floats in the field path (the on-time rate, rounded to 4 places, and the
median handling time, in tenths of a day) are written as Python writes them. An on-time rate
exactly half-way between two 4-place values (done/judged = n + 0.5 ten-thousandths) is
rounded by Python from its binary value: the statement answers null for it, and the request
takes the field path.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    Text,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
    null,
    select,
    text,
)

from domain.permissions.read_rules import ReadRules
from domain.selection import NotCompiled, RootRead
from domain.stats.figures import stored_grain
from domain.stats.periods import Grain
from domain.stats.rollup import COUNTERS
from persistence import task_tables as tt
from persistence.compiled import request_params
from persistence.compiled.objects import Build, no_args
from persistence.compiled.rules import covered
from persistence.compiled.task_rules import unit_path
from persistence.stats_tables import task_stat_cells, task_stat_handling
from persistence.tables import org_units

FIELDS = {
    "total": "total",
    "doneOnTime": "done_on_time",
    "doneLate": "done_late",
    "doneWithoutDeadline": "done_no_deadline",
    "openWithoutDeadline": "open_no_deadline",
}


def task_stats(build: Build, read: RootRead) -> ColumnElement[Any]:
    """taskStats(unitId, period, kinds); null when the unit does not exist or lies outside
    the caller's scope (the field path then refuses), or for a rate exactly half-way."""
    rules = build.rules
    assert isinstance(rules, ReadRules)
    if not rules.stats:
        raise NotCompiled("the field path refuses statistics to this caller")
    unit_id, kinds = read.arg("unitId"), read.arg("kinds")
    grain = stored_grain(Grain(read.arg("grain")))
    path = unit_path(unit_id)

    def cut(table: Any) -> tuple[Any, list[Any]]:
        unit = org_units.alias()
        c = table.alias()
        where = [
            c.c.grain == grain.value,
            c.c.bucket >= read.arg("start"),
            c.c.bucket < read.arg("end"),
            unit.c.path.startswith(path),
        ]
        if kinds:
            where.append(c.c.kind.in_(kinds))
        return c.join(unit, unit.c.id == c.c.unit_id), where

    cells, where = cut(task_stat_cells)
    cell = cells.left
    buckets = (
        select(cell.c.bucket, *(func.sum(cell.c[n]).label(n) for n in COUNTERS))
        .select_from(cells)
        .where(*where)
        .group_by(cell.c.bucket)
        .subquery()
    )
    overdue = _overdue(build, buckets, grain, _overdue_now(build, path, kinds, grain))
    totals = select(  # integers (PostgreSQL sums bigints as numerics)
        *(_whole(func.sum(buckets.c[n])).label(n) for n in COUNTERS),
        _whole(func.sum(overdue)).label("overdue"),
    ).subquery()
    t = totals.c
    judged = t.done_on_time + t.done_late + t.overdue
    pairs: list[tuple[str, ColumnElement[Any]]] = []
    tie: ColumnElement[bool] | None = None
    for pick in read.picks:
        no_args(pick)
        if pick.name == "__typename":
            value: ColumnElement[Any] = literal("TaskStats", String)
        elif pick.name in ("period", "start", "end"):
            value = literal(str(read.arg(pick.name)), String)
        elif pick.name in FIELDS:
            value = t[FIELDS[pick.name]]
        elif pick.name == "openWithinDeadline":
            value = t.open_deadline - t.overdue
        elif pick.name == "openOverdue":
            value = t.overdue
        elif pick.name == "onTimeRate":
            value, tie = _rate(build, t.done_on_time, judged)
        elif pick.name == "medianHandlingDays":
            value = _median(build, cut(task_stat_handling))
        else:
            raise NotCompiled(f"TaskStats.{pick.name}")
        pairs.append((pick.key, value))
    made = build.json.obj(pairs)
    if tie is not None:
        made = build.json.nested(case((tie, null()), else_=made))
    scope = org_units.alias()
    allowed = exists(select(1).where(scope.c.id == unit_id, covered(rules.stats, scope.c.path)))
    return select(made).select_from(totals).where(allowed).scalar_subquery()


def _whole(total: ColumnElement[Any]) -> ColumnElement[Any]:
    """A sum as an integer, 0 for none."""
    return cast(func.coalesce(total, 0), Integer)


def _bucket_end(build: Build, bucket: Any, grain: Grain) -> ColumnElement[Any]:
    """The day after a bucket's last day."""
    if build.json.postgres:
        step = "interval '7 days'" if grain is Grain.WEEK else "interval '1 month'"
        return cast(bucket.op("+")(literal_column(step)), type_=bucket.type)
    return func.date(bucket, "+7 days" if grain is Grain.WEEK else "+1 month")


def _overdue(
    build: Build, buckets: Any, grain: Grain, live: ColumnElement[Any]
) -> ColumnElement[Any]:
    """A bucket's overdue tasks (domain.stats.figures.figures): all of its open tasks with a
    deadline once it is over; in the bucket holding today, those counted live."""
    today = build.param(request_params.TODAY)
    opened = buckets.c.open_deadline
    least = func.least if build.json.postgres else func.min
    return case(
        (_bucket_end(build, buckets.c.bucket, grain) <= today, opened),
        (buckets.c.bucket <= today, least(live, opened)),
        else_=literal(0, Integer),
    )


def _overdue_now(build: Build, path: Any, kinds: Any, grain: Grain) -> ColumnElement[Any]:
    """Open tasks led in the subtree whose deadline lies between the start of the current
    bucket and now (SqlStatsReader.overdue_now)."""
    t = tt.tasks.c
    since = request_params.WEEK_START if grain is Grain.WEEK else request_params.MONTH_START
    query = (
        select(func.count())
        .select_from(tt.tasks.join(org_units, org_units.c.id == t.lead_unit_id))
        .where(
            text(f"tasks.{tt.OPEN_PREDICATE}"),  # literal: the partial index matches it
            t.deadline >= build.param(since),
            t.deadline < build.now,
            org_units.c.path.startswith(path),
        )
    )
    if kinds:
        query = query.where(t.kind.in_(kinds))
    return query.correlate(None).scalar_subquery()


def _fixed(build: Build, units: ColumnElement[Any], places: int) -> ColumnElement[Any]:
    """`units` / 10^places written as Python writes the float of it: no trailing zeros but
    one ("1.0", "0.5", "0.6667")."""
    scale = 10**places
    whole = cast(units // scale, Text)
    part = cast(units % scale, Text)
    if build.json.postgres:
        padded = func.lpad(part, places, "0")
    else:
        padded = func.substr(literal("0" * places, Text) + part, -places)
    fraction = func.coalesce(func.nullif(func.rtrim(padded, "0"), ""), "0")
    return whole + literal(".", Text) + fraction


def _rate(
    build: Build, done: ColumnElement[Any], judged: ColumnElement[Any]
) -> tuple[ColumnElement[Any], ColumnElement[bool]]:
    """round(done / judged, 4) as text, null when nothing was judged; and whether it lies
    exactly half-way (Python rounds those from the binary value: left to the field path)."""
    twice = done * 20000
    tie = and_(judged > 0, twice % judged == 0, (twice // judged) % 2 == 1)
    nearest = (twice + judged) // (judged * 2)  # floor(done/judged * 10^4 + 1/2)
    text_ = case((judged == 0, null()), else_=_fixed(build, nearest, 4))
    return build.json.parse(text_), tie


def _median(build: Build, cut: tuple[Any, list[Any]]) -> ColumnElement[Any]:
    """domain.stats.figures.median_tenths: the middle of the handling-time histogram (the
    mean of the two middle values), in working days."""
    handling, where = cut
    h = handling.left
    hist = (
        select(h.c.tenths, _whole(func.sum(h.c.tasks)).label("n"))
        .select_from(handling)
        .where(*where)
        .group_by(h.c.tenths)
        .subquery()
    )
    running = _whole(func.sum(hist.c.n).over(order_by=hist.c.tenths))
    cum = select(
        hist.c.tenths,
        hist.c.n,
        (running - hist.c.n).label("before"),
        _whole(func.sum(hist.c.n).over()).label("size"),
    ).subquery()

    def at(index: ColumnElement[Any]) -> ColumnElement[Any]:
        inside = and_(cum.c.before <= index, index < cum.c.before + cum.c.n)
        return func.max(case((inside, cum.c.tenths), else_=null()))

    # one pass over the histogram: its size and its two middle values (in tenths)
    middle = select(
        func.max(cum.c.size).label("size"),
        at((cum.c.size - 1) // 2).label("low"),
        at(cum.c.size // 2).label("high"),
    ).subquery()
    m = middle.c
    shown = case(
        (func.coalesce(m.size, 0) <= 0, null()),
        else_=_fixed(build, (m.low + m.high) * 5, 2),
    )
    text_ = select(shown).select_from(middle).scalar_subquery()
    return build.json.parse(text_)
