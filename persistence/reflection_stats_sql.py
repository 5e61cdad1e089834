"""The field-report statistics cells recomputed by INSERT ... SELECT ... GROUP BY on
PostgreSQL: the rules of domain.stats.reflection_rollup in SQL, for rebuilds and bulk loads
(report by report in Python would upsert a few cells per report: an hour for a million).
tests/api/test_reflection_stats.py checks both give the same cells."""

from __future__ import annotations

from sqlalchemy import Connection, text

_GRAINS = """CROSS JOIN LATERAL (VALUES ('DAY', x.d), ('WEEK', date_trunc('week', x.d)::date),
                                   ('MONTH', date_trunc('month', x.d)::date)) AS g(grain, bucket)"""
_REPORTS = """SELECT r.id, (r.submitted_at AT TIME ZONE :tz)::date AS d, r.commune_unit_id AS cu,
       coalesce(r.category_id, 0) AS cat, r.channel AS ch, r.state, r.secrecy_requested AS sec,
       r.rating, coalesce(r.cancel_reason, 'UNCLEAR_OR_TEST') AS reason
  FROM reflections r"""
_COUNTS = ", ".join(
    [
        f"count(*) FILTER (WHERE x.state = 'CANCELLED' AND x.reason = '{r}')"
        for r in ("DUPLICATE", "UNCLEAR_OR_TEST", "VERIFICATION_FAILED", "EDIT_NOT_MADE")
    ]
)
_RATED = "count(*) FILTER (WHERE {when} x.rating = '{r}')"
AREA = f"""
INSERT INTO reflection_stat_cells
SELECT g.grain, g.bucket, 'AREA', x.cu, x.cu, x.cat, x.ch, count(*),
  count(*) FILTER (WHERE x.state IN ('PUBLISHED', 'ANSWERED_PRIVATELY')),
  count(*) FILTER (WHERE x.state NOT IN ('PUBLISHED', 'ANSWERED_PRIVATELY', 'CANCELLED')),
  0, count(*) FILTER (WHERE x.sec), {_COUNTS},
  {", ".join(_RATED.format(when="", r=r) for r in ("SATISFIED", "ACCEPTABLE", "UNSATISFIED"))}
FROM ({_REPORTS}) x {_GRAINS}
GROUP BY g.grain, g.bucket, x.cu, x.cat, x.ch
ORDER BY g.grain, g.bucket
"""  # noqa: S608 - constant SQL, no input
AGENCY = f"""
INSERT INTO reflection_stat_cells
SELECT g.grain, g.bucket, 'AGENCY', x.agency, x.cu, x.cat, x.ch, count(*),
  count(*) FILTER (WHERE x.part = 'APPROVED'),
  count(*) FILTER (WHERE x.part IN ('ASSIGNED', 'ACCEPTED', 'RESULT_SUBMITTED')),
  count(*) FILTER (WHERE x.part = 'RETURNED'), count(*) FILTER (WHERE x.sec), 0, 0, 0, 0,
  {
    ", ".join(
        _RATED.format(when="x.part = 'APPROVED' AND", r=r)
        for r in ("SATISFIED", "ACCEPTABLE", "UNSATISFIED")
    )
}
FROM (SELECT rr.*, a.agency_unit_id AS agency, a.state AS part
        FROM ({_REPORTS}) rr JOIN reflection_assignments a ON a.reflection_id = rr.id
       WHERE a.state <> 'WITHDRAWN') x {_GRAINS}
GROUP BY g.grain, g.bucket, x.agency, x.cu, x.cat, x.ch
ORDER BY g.grain, g.bucket
"""  # noqa: S608 - constant SQL, no input
_AGENCY_STEPS = "('ACCEPT', 'HANDLE', 'RETURN', 'APPROVE')"
_CLOSED = f"""
SELECT e.reflection_id, e.step, e.breached, e.agency_unit_id
  FROM reflection_events e
 WHERE e.step IN {_AGENCY_STEPS} AND e.due_at IS NOT NULL
UNION ALL
SELECT e.reflection_id, e.step, e.breached, NULL::int
  FROM (SELECT DISTINCT ON (reflection_id, action, at, step, due_at) *
          FROM reflection_events
         WHERE step IS NOT NULL AND step NOT IN {_AGENCY_STEPS} AND due_at IS NOT NULL) e
"""  # noqa: S608 - constant SQL, no input
STEPS = f"""
INSERT INTO reflection_stat_steps
SELECT g.grain, g.bucket, s.side, CASE WHEN s.side = 'AREA' THEN x.cu ELSE x.agency END, x.cu,
  x.cat, x.ch, x.step, count(*) FILTER (WHERE NOT x.breached), count(*) FILTER (WHERE x.breached)
FROM (SELECT rr.*, c.step, c.breached, c.agency_unit_id AS agency
        FROM ({_REPORTS}) rr JOIN ({_CLOSED}) c ON c.reflection_id = rr.id) x
CROSS JOIN LATERAL (VALUES ('AREA'), ('AGENCY')) AS s(side)
{_GRAINS}
WHERE s.side = 'AREA' OR (x.agency IS NOT NULL AND x.step IN {_AGENCY_STEPS})
GROUP BY g.grain, g.bucket, s.side, 4, x.cu, x.cat, x.ch, x.step
ORDER BY g.grain, g.bucket
"""  # noqa: S608 - constant SQL, no input


def fill(conn: Connection, time_zone: str) -> int:
    """Empty the cells and fill them from every report (PostgreSQL); the reports counted.
    Rows go in by grain and bucket, so a period's cells sit together on disk (as cells kept
    on write do, a period's cells being made as it runs): a month of a province reads a few
    hundred pages, not one page per cell."""
    conn.execute(text("DELETE FROM reflection_stat_cells"))
    conn.execute(text("DELETE FROM reflection_stat_steps"))
    for statement in (AREA, AGENCY, STEPS):
        conn.execute(text(statement), {"tz": time_zone})
    conn.execute(text("ANALYZE reflection_stat_cells"))
    conn.execute(text("ANALYZE reflection_stat_steps"))
    return int(conn.execute(text("SELECT count(*) FROM reflections")).scalar_one())
