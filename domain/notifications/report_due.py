"""REPORT_DUE: remind the units that submit a periodic report, before it is due and once late.

For every active report type, the rounds of the current and the previous period that end and
fall due after the type was defined (rounds are made on first use, so a reminder needs none):
when the due time enters a threshold window (the same windows as deadline warnings; default 1
working day, REPORT_DUE_REMINDERS) and, once it passed (within the catch-up window), while the
round is not closed, each submitting unit that sent nothing is reminded once per round and
threshold: its own leaders (those who submit for it, domain.reports.services.can_submit_for,
and may read its round). The once-key holds the unit (`threshold/unit id`) and the round's
due time; the subject is the report type.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.calendar import WorkingCalendar
from domain.notifications.model import NotificationEvent, NotificationKind, SubjectType, Summary
from domain.notifications.ports import NotificationRepository, ReportDeadlineSource
from domain.notifications.task_rules import leaders_of
from domain.notifications.timed import OVERDUE_THRESHOLD, Threshold, windows
from domain.reports.model import GRAIN_OF, ReportType
from domain.reports.ports import ReportUnitOfWork
from domain.stats.periods import ReportPeriod, period_of


class ReminderUnitOfWork(ReportUnitOfWork, Protocol):
    """A unit of work that reaches the reports and the outbox."""

    notifications: NotificationRepository


def rounds_to_watch(report_type: ReportType, zone: ZoneInfo, now: datetime) -> list[ReportPeriod]:
    """The current period and the one before (a period not begun takes no report yet), of
    those that end and fall due after the type was defined: nobody owes a report for a
    period that was over, or a due time that had passed, before the report existed."""
    current = period_of(GRAIN_OF[report_type.period], now.astimezone(zone).date())
    previous = period_of(current.grain, current.start - timedelta(days=1))
    defined = report_type.created_at
    return [
        period
        for period in (previous, current)
        if period.end > defined.astimezone(zone).date()
        and report_type.rule.due(period, zone) > defined
    ]


def threshold_for(
    due: datetime, spans: list[tuple[Threshold, datetime, datetime]], now: datetime, back: datetime
) -> str | None:
    """The reminder a due time calls for now: a threshold's, OVERDUE, or none."""
    if back < due <= now:
        return OVERDUE_THRESHOLD
    return next((t.name for t, after, until in spans if after < due <= until), None)


async def raise_report_reminders(
    uow: ReminderUnitOfWork,
    source: ReportDeadlineSource,
    *,
    calendar: WorkingCalendar,
    thresholds: tuple[Threshold, ...],
    time_zone: str,
    catch_up: timedelta,
    now: datetime,
    batch: int = 200,
) -> int:
    """REPORT_DUE to the leaders of units that have not submitted; how many units were told."""
    zone = ZoneInfo(time_zone)
    spans = windows(calendar, thresholds, now)
    raised = 0
    for report_type in await uow.reports.list_types():
        if not report_type.active:
            continue
        for period in rounds_to_watch(report_type, zone, now):
            due = report_type.rule.due(period, zone)
            threshold = threshold_for(due, spans, now, now - catch_up)
            if threshold is None or raised >= batch:
                continue
            if not await source.lock_report_type(report_type.id):
                break  # another worker reminds of this type now
            raised += await _remind_round(
                uow,
                source,
                report_type,
                period,
                due=due,
                threshold=threshold,
                now=now,
                limit=batch - raised,
            )
    return raised


async def _remind_round(
    uow: ReminderUnitOfWork,
    source: ReportDeadlineSource,
    report_type: ReportType,
    period: ReportPeriod,
    *,
    due: datetime,
    threshold: str,
    now: datetime,
    limit: int,
) -> int:
    root = await uow.units.get(report_type.submitter_root_id)
    if root is None:
        return 0
    found = await uow.reports.get_round(report_type.id, period.name)
    if found is not None and found.closed_at is not None:
        return 0
    sent = await uow.reports.submissions_under(found.id, root.path) if found else []
    done = {s.unit_id for s in sent} | await source.reminded_units(report_type.id, threshold, due)
    expected = await uow.reports.submitters_under(report_type, root.path)
    missing = [u for u in expected if u.id not in done][:limit]
    repo = uow.notifications
    for unit in missing:
        event = NotificationEvent(
            kind=NotificationKind.REPORT_DUE,
            subject_type=SubjectType.REPORT,
            subject_id=report_type.id,
            unit_id=unit.id,
            unit_path=unit.path,
            summary=Summary(
                title=f"{report_type.name} · {period.name}",
                state="OVERDUE" if threshold == OVERDUE_THRESHOLD else "DUE",
                due_at=due,
                threshold=threshold,
            ),
            occurred_at=now,
            threshold=f"{threshold}/{unit.id}",
            due_at=due,
        )
        await repo.record(event, sorted(await leaders_of(repo, unit.id, unit.path)))
    return len(missing)
