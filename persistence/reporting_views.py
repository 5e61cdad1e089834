"""The `reporting` schema (PostgreSQL): documented read-only views for BI tools, without any
personal data (no person, no account, no task content, no reporter), and a read-only role."""

from __future__ import annotations

import re

from domain.calendar import DEFAULT_TIMEZONE
from persistence.reporting_dossier_views import DOSSIER_VIEWS
from persistence.reporting_reflection_views import REFLECTION_VIEWS

_STATUS = """CASE
      WHEN t.state IN ('CANCELLED', 'ESCALATED') THEN NULL
      WHEN t.deadline IS NULL THEN 'NO_DEADLINE'
      WHEN t.state = 'COMPLETED' AND t.completed_at IS NOT NULL THEN
        CASE WHEN t.completed_at <= t.deadline THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
      WHEN now() > t.deadline THEN 'OPEN_OVERDUE'
      ELSE 'OPEN_WITHIN_DEADLINE' END"""

_STATS = """SELECT c.bucket AS {grain}, c.unit_id, u.code AS unit_code, c.kind, c.total,
         c.done_on_time, c.done_late, c.done_no_deadline AS done_without_deadline,
         c.open_deadline AS open_with_deadline, c.open_no_deadline AS open_without_deadline
    FROM public.task_stat_cells c JOIN public.org_units u ON u.id = c.unit_id
   WHERE c.grain = '{upper}'"""

VIEWS: dict[str, tuple[str, str]] = {
    "units": (
        """SELECT id, code, name, short_name, level_code, kind, parent_id, path, depth, status,
                  valid_from, valid_to, member_count, subtree_member_count
             FROM public.org_units""",
        "Units of the province (public directory data). path is the materialized path "
        "(/1/5/23/): a unit's subtree is every row whose path starts with its path.",
    ),
    "tasks": (
        f"""SELECT t.id, t.kind, t.state, {_STATUS} AS status_class, t.priority,
                  t.lead_unit_id, t.office_unit_id, t.directive_id,
                  t.created_at, t.sent_at, t.deadline,
                  (t.deadline AT TIME ZONE '{{tz}}')::date AS deadline_date,
                  t.completed_at, t.handling_tenths / 10.0 AS handling_working_days,
                  t.entry_late, t.petition_level, t.hard_case, t.escalated_from_id
             FROM public.tasks t""",  # noqa: S608 - constant SQL, no input
        "One row per task, without its content or any person: kind, state, the status class "
        "national reports use (evaluated now; null for cancelled and escalated tasks), the "
        "lead unit and the office, dates (UTC; deadline_date in the province's time zone) "
        "and the handling time in working days (from sending to completion).",
    ),
    "task_stats_monthly": (
        _STATS.format(grain="month", upper="MONTH"),
        "Task counts per lead unit, kind and month of the deadline (of creation without "
        "one), kept on write. Open tasks are not split by time: compare deadlines in "
        "reporting.tasks, or use the API's taskStats, for overdue counts of the current month.",
    ),
    "task_stats_weekly": (
        _STATS.format(grain="week", upper="WEEK"),
        "The same counts per ISO week (week = its Monday).",
    ),
    "report_submissions": (
        """SELECT s.id, rt.code AS report_type, rt.name AS report_name, rt.period AS frequency,
                  r.period, r.due_at, r.closed_at, s.unit_id, s.submitted_at, s.late,
                  s.figures::jsonb AS figures
             FROM public.report_submissions s
             JOIN public.report_rounds r ON r.id = s.round_id
             JOIN public.report_types rt ON rt.id = r.report_type_id""",
        "Periodic report submissions: which unit sent which report for which period, when, "
        "late or not, and its figures (JSON object of numbers). The text is left out.",
    ),
    "work_program_items": (
        """SELECT i.id, p.id AS program_id, p.kind AS program_kind, p.state AS program_state,
                  p.period_name AS program_period, p.unit_id AS program_unit_id,
                  i.owner_unit_id, i.planned_period, i.task_id, i.source_item_id
             FROM public.work_program_items i JOIN public.work_programs p ON p.id = i.program_id""",
        "Items of work programs (registrations and the compiled programs of each level); "
        "task_id links an issued item to reporting.tasks.",
    ),
    "work_program_results": (
        """SELECT r.item_id, r.period, r.unit_id, r.status, r.reported_at
             FROM public.work_program_results r""",
        "Results the units reported on program items, per period (status only).",
    ),
}
ALL_VIEWS = {**VIEWS, **REFLECTION_VIEWS, **DOSSIER_VIEWS}
"""Every view; VIEWS alone are the ones of migration 0008 (its tables existed then)."""


def view_statements(
    tz: str = DEFAULT_TIMEZONE, views: dict[str, tuple[str, str]] | None = None
) -> list[str]:
    """CREATE SCHEMA, the views (default: those of migration 0008) and their comments
    (idempotent)."""
    found = ["CREATE SCHEMA IF NOT EXISTS reporting"]
    for name, (body, comment) in (VIEWS if views is None else views).items():
        found.append(f"CREATE OR REPLACE VIEW reporting.{name} AS {body.replace('{tz}', tz)}")
        found.append(f"COMMENT ON VIEW reporting.{name} IS '{_literal(comment)}'")
    return found


def drop_statement() -> str:
    """Remove the schema."""
    return "DROP SCHEMA IF EXISTS reporting CASCADE"


_ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_DURATION = re.compile(r"[1-9][0-9]{0,6}(ms|s|min)")
# any role may create large objects (PostgreSQL grants it to PUBLIC): not this one's readers
_LARGE_OBJECTS = ("lo_create(oid)", "lo_creat(integer)", "lo_from_bytea(oid, bytea)")


def bi_role_statements(
    name: str,
    password: str,
    database: str,
    *,
    statement_timeout: str = "30s",
    connection_limit: int = 5,
) -> list[str]:
    """Create (or update) a login role that reads the reporting views only.

    What it may do is what it is granted, so its own settings matter little: SELECT on the
    views (owned by the migrating role, which it cannot become), CONNECT on this database,
    no TEMPORARY (taken from PUBLIC here, given back to the role running this), no write
    grant anywhere, no large objects; `default_transaction_read_only` and the statement
    timeout are its defaults (a session may change them: turning read-only off gains it
    nothing to write to), the connection limit is the role's own (it cannot change it)."""
    if not _ROLE.fullmatch(name):
        raise ValueError("a role name is lowercase letters, digits and _ (at most 63)")
    if len(password) < 12:
        raise ValueError("give the BI role a password of at least 12 characters")
    if not _DURATION.fullmatch(statement_timeout):
        raise ValueError("a statement timeout is a number with ms, s or min (e.g. 30s)")
    if not 1 <= connection_limit <= 1000:
        raise ValueError("a connection limit is between 1 and 1000")
    secret = _literal(password)
    db = database.replace('"', '""')
    return [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN "
        f"CREATE ROLE {name} LOGIN; END IF; END $$",
        f"ALTER ROLE {name} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
        f"NOBYPASSRLS NOINHERIT CONNECTION LIMIT {connection_limit} PASSWORD '{secret}'",
        f"ALTER ROLE {name} SET default_transaction_read_only = on",
        f"ALTER ROLE {name} SET statement_timeout = '{statement_timeout}'",
        f"ALTER ROLE {name} SET idle_in_transaction_session_timeout = '60s'",
        f'REVOKE TEMPORARY ON DATABASE "{db}" FROM PUBLIC',
        f'GRANT TEMPORARY ON DATABASE "{db}" TO CURRENT_USER',
        f'REVOKE ALL ON DATABASE "{db}" FROM {name}',
        f'GRANT CONNECT ON DATABASE "{db}" TO {name}',
        *(f"REVOKE EXECUTE ON FUNCTION {f} FROM PUBLIC" for f in _LARGE_OBJECTS),
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {name}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {name}",
        f"REVOKE CREATE ON SCHEMA public FROM {name}",
        f"REVOKE ALL ON SCHEMA reporting FROM {name}",
        f"GRANT USAGE ON SCHEMA reporting TO {name}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA reporting FROM {name}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO {name}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO {name}",
    ]


WEAK_SPOTS = """
SELECT 'CREATE on schema ' || n.nspname FROM pg_namespace n
 WHERE has_schema_privilege(:role, n.oid, 'CREATE')
UNION ALL
SELECT 'TEMPORARY on database ' || current_database()
 WHERE has_database_privilege(:role, current_database(), 'TEMP')
UNION ALL
SELECT 'CONNECT on database ' || d.datname FROM pg_database d
 WHERE d.datallowconn AND d.datname <> current_database()
   AND has_database_privilege(:role, d.datname, 'CONNECT')
"""
"""What the role may still do that a BI reader should not (privileges PUBLIC holds, which
only the operator can take back: see docs/bi.md)."""


def _literal(text: str) -> str:
    return text.replace("'", "''")
