"""The field-report views of the `reporting` schema: counts, states, steps and dates only.
No reporter (name, phone, email, account), no tracking code, no content, address, media or
result text, no exact location (the commune only), no notes and no staff account."""

from __future__ import annotations

_OPEN_STATES = (
    "'SUBMITTED', 'VERIFYING', 'AWAITING_EDIT', 'COORDINATING', 'ADVISED', 'IN_HANDLING', "
    "'RETURNED', 'HANDLED', 'AWAITING_AGREEMENT', 'AGREED'"
)
_OPEN_PARTS = "'ASSIGNED', 'ACCEPTED', 'RESULT_SUBMITTED'"

_CELLS = """SELECT c.bucket AS {grain}, c.side, c.unit_id, u.code AS unit_code,
         c.commune_unit_id, c.category_id, k.code AS category_code, c.channel, c.received,
         c.handled, c.open, c.returned, c.secret, c.cancelled_duplicate,
         c.cancelled_unclear_or_test, c.cancelled_verification_failed,
         c.cancelled_edit_not_made, c.rated_satisfied, c.rated_acceptable, c.rated_unsatisfied
    FROM public.reflection_stat_cells c JOIN public.org_units u ON u.id = c.unit_id
    LEFT JOIN public.reflection_categories k ON k.id = c.category_id
   WHERE c.grain = '{upper}'"""

_CELLS_NOTE = (
    "Field-report counts per {grain} of receipt (local date), kept on write. side AREA: "
    "each report once, under its commune (unit_id = commune_unit_id); side AGENCY: under "
    "each agency given a part (received = parts, handled = results approved, returned = "
    "returned as not competent, ratings of the reports the agency answered). category_id 0: "
    "not classified. secret counts reports whose reporter asked for secrecy (nothing else of "
    "them is shown). Overdue steps depend on the clock: see reflections.overdue_now and "
    "reflection_parts.overdue_now, or the API's reflectionStats."
)

REFLECTION_VIEWS: dict[str, tuple[str, str]] = {
    "reflections": (
        f"""SELECT r.id, r.channel, r.category_id, k.code AS category_code,
                  r.commune_unit_id, r.priority, r.sensitive, r.is_public,
                  r.secrecy_requested AS secret, r.state,
                  r.state IN ('PUBLISHED', 'ANSWERED_PRIVATELY') AS handled,
                  r.submitted_at, (r.submitted_at AT TIME ZONE '{{tz}}')::date AS submitted_date,
                  r.published_at, r.step, r.step_due,
                  (r.state IN ({_OPEN_STATES}) AND r.step_due < now()) AS overdue_now,
                  r.rating, r.rated_at, r.cancel_reason
             FROM public.reflections r
             LEFT JOIN public.reflection_categories k ON k.id = r.category_id""",  # noqa: S608
        "One row per field report, without its reporter, content, address, media, result or "
        "tracking code: channel, category, commune, flags, state (handled = published or "
        "answered privately), dates (UTC; submitted_date in the province's time zone), the "
        "running step and its limit (overdue_now evaluated now), rating and cancel reason.",
    ),
    "reflection_parts": (
        f"""SELECT a.id, a.reflection_id, a.agency_unit_id, u.code AS agency_code, a.state,
                  a.assigned_at, a.accepted_at, a.result_at, a.approved_at, a.step, a.due_at,
                  (a.state IN ({_OPEN_PARTS}) AND a.due_at < now()) AS overdue_now
             FROM public.reflection_assignments a
             JOIN public.org_units u ON u.id = a.agency_unit_id""",  # noqa: S608
        "Each handling agency's part of a report: its state, dates, running step and limit "
        "(overdue_now evaluated now). No result text, notes or persons.",
    ),
    "reflection_steps": (
        """SELECT e.id, e.reflection_id, e.agency_unit_id, e.action, e.step, e.at, e.due_at,
                  e.breached AS late
             FROM public.reflection_events e
            WHERE e.step IS NOT NULL AND e.due_at IS NOT NULL""",
        "Every closed step with a limit (001 Art. 15): when it closed, its limit and whether "
        "it closed late. The agency is set for an agency's own steps and distributions.",
    ),
    "reflection_stats_daily": (
        _CELLS.format(grain="day", upper="DAY"),
        _CELLS_NOTE.format(grain="day"),
    ),
    "reflection_stats_monthly": (
        _CELLS.format(grain="month", upper="MONTH"),
        _CELLS_NOTE.format(grain="month"),
    ),
    "reflection_step_stats_monthly": (
        """SELECT s.bucket AS month, s.side, s.unit_id, u.code AS unit_code,
                  s.commune_unit_id, s.category_id, s.channel, s.step, s.on_time, s.late
             FROM public.reflection_stat_steps s JOIN public.org_units u ON u.id = s.unit_id
            WHERE s.grain = 'MONTH'""",
        "Steps closed on time and late per month of receipt of their report, kept on write "
        "(sides as in reflection_stats_monthly: the area side counts each step of a report "
        "once, the agency side the agency's accept, handle, return and approve steps).",
    ),
    "reflection_categories": (
        "SELECT id, code, name, urgent, sensitive, active FROM public.reflection_categories",
        "The catalog of field-report categories.",
    ),
}
