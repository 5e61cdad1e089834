"""The timed jobs of field reports, periodic reports, applicant accounts and dossiers
(registered in govgraph.scheduler)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import cast

from domain.applicants.cleanup import delete_unverified
from domain.applicants.ports import ApplicantUnitOfWork
from domain.dossiers.ports import DossierUnitOfWork
from domain.errors import StaleVersion
from domain.notifications.dossier_timed import raise_dossier_overdue, raise_dossier_warnings
from domain.notifications.reflection_timed import (
    raise_reflection_overdue,
    raise_reflection_warnings,
)
from domain.notifications.report_due import ReminderUnitOfWork, raise_report_reminders
from domain.notifications.timed import parse_thresholds
from domain.reflections.interaction import cancel_overdue
from domain.reflections.ports import ReflectionUnitOfWork
from govgraph.container import Container
from govgraph.media_files import remove, sweep_partials
from persistence.repositories.dossier_timed import SqlDossierDeadlines
from persistence.repositories.reflection_timed import SqlReflectionDeadlines
from persistence.repositories.report_timed import SqlReportDeadlines
from persistence.uow import SqlUnitOfWork
from subscriptions.scheduler import Job

Rule = Callable[[SqlUnitOfWork, datetime], Awaitable[int]]


class SqlJob:
    """A timed rule run in one unit of work (its row locks last until the commit)."""

    def __init__(self, name: str, container: Container, rule: Rule) -> None:
        self.name, self.container, self.rule = name, container, rule

    async def run(self, now: datetime) -> int:
        """Run the rule and commit; how much it did. Where rows are not locked (SQLite), a
        concurrent worker may change a row first: nothing is written, the next run looks
        again."""
        async with self.container.uow() as uow:
            done = await self.rule(cast(SqlUnitOfWork, uow), now)
            try:
                await uow.commit()
            except StaleVersion:
                return 0
        return done


def reflection_jobs(container: Container) -> list[Job]:
    """Automatic cancellations after 2 days, then deadline warnings and overdue notices of
    field reports' steps (cancelled reports first, so they are not also told overdue)."""
    settings = container.settings
    thresholds = parse_thresholds(
        settings.deadline_warnings, urgent=settings.urgent_deadline_warnings
    )
    catch_up = timedelta(days=settings.scheduler_catch_up_days)

    async def cancel(uow: SqlUnitOfWork, now: datetime) -> int:
        return len(await cancel_overdue(uow=cast(ReflectionUnitOfWork, uow), now=now))

    async def warnings(uow: SqlUnitOfWork, now: datetime) -> int:
        calendar = await container.calendars.get()
        source = SqlReflectionDeadlines(uow.session)
        return await raise_reflection_warnings(
            cast(ReflectionUnitOfWork, uow),
            source,
            calendar=calendar,
            thresholds=thresholds,
            now=now,
        )

    async def overdue(uow: SqlUnitOfWork, now: datetime) -> int:
        source = SqlReflectionDeadlines(uow.session)
        return await raise_reflection_overdue(
            cast(ReflectionUnitOfWork, uow), source, now=now, catch_up=catch_up
        )

    return [
        SqlJob("reflection-auto-cancel", container, cancel),
        SqlJob("reflection-deadline-warnings", container, warnings),
        SqlJob("reflection-overdue", container, overdue),
    ]


def media_jobs(container: Container) -> list[Job]:
    """The media store's clean-up: uploads no report took, and cut-off partial files."""
    return [MediaCleanupJob(container)]


class MediaCleanupJob:
    """Deletes the records of uploads no report took within MEDIA_UNATTACHED_HOURS (committed
    first), then their files; and partial files as old."""

    name = "media-cleanup"

    def __init__(self, container: Container, batch: int = 500) -> None:
        self.container, self.batch = container, batch

    async def run(self, now: datetime) -> int:
        """One batch; how many uploads were deleted."""
        settings = self.container.settings
        before = now - timedelta(hours=settings.media_unattached_hours)
        async with self.container.uow() as uow:
            keys = await cast(ReflectionUnitOfWork, uow).media.expire_unattached(before, self.batch)
            await uow.commit()
        remove(settings.media_dir, keys)
        sweep_partials(settings.media_dir, before)
        return len(keys)


def report_jobs(container: Container) -> list[Job]:
    """REPORT_DUE reminders of periodic reports: before the due time and once late."""
    settings = container.settings
    thresholds = parse_thresholds(settings.report_due_reminders)
    catch_up = timedelta(days=settings.scheduler_catch_up_days)

    async def remind(uow: SqlUnitOfWork, now: datetime) -> int:
        calendar = await container.calendars.get()
        return await raise_report_reminders(
            cast(ReminderUnitOfWork, uow),
            SqlReportDeadlines(uow.session),
            calendar=calendar,
            thresholds=thresholds,
            time_zone=settings.time_zone,
            catch_up=catch_up,
            now=now,
        )

    return [SqlJob("report-due", container, remind)]


def applicant_jobs(container: Container) -> list[Job]:
    """Registrations not verified within 7 days are deleted (002 Art. 10.3b)."""

    async def sweep(uow: SqlUnitOfWork, now: datetime) -> int:
        return await delete_unverified(cast(ApplicantUnitOfWork, uow), now=now)

    return [SqlJob("applicant-unverified-cleanup", container, sweep)]


def dossier_jobs(container: Container) -> list[Job]:
    """Deadline warnings and overdue notices of dossiers, to whoever holds each (002 Art. 12)."""
    settings = container.settings
    thresholds = parse_thresholds(settings.deadline_warnings)
    catch_up = timedelta(days=settings.scheduler_catch_up_days)

    async def warnings(uow: SqlUnitOfWork, now: datetime) -> int:
        calendar = await container.calendars.get()
        return await raise_dossier_warnings(
            cast(DossierUnitOfWork, uow),
            SqlDossierDeadlines(uow.session),
            calendar=calendar,
            thresholds=thresholds,
            now=now,
        )

    async def overdue(uow: SqlUnitOfWork, now: datetime) -> int:
        return await raise_dossier_overdue(
            cast(DossierUnitOfWork, uow),
            SqlDossierDeadlines(uow.session),
            now=now,
            catch_up=catch_up,
        )

    return [
        SqlJob("dossier-deadline-warnings", container, warnings),
        SqlJob("dossier-overdue", container, overdue),
    ]
