"""The timed jobs of govgraph, wired to a container (`govgraph worker`, and `serve` on the
embedded default). Other features add theirs to JOB_FACTORIES."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from domain.applicants.messages import dispatch_applicant_messages
from domain.notifications.delivery import dispatch
from domain.notifications.dossier_messages import dispatch_dossier_messages
from domain.notifications.reporter_messages import dispatch_reporter_messages
from domain.notifications.timed import (
    TimedUnitOfWork,
    parse_thresholds,
    raise_birthdays,
    raise_deadline_warnings,
    raise_overdue,
)
from domain.tasks.periods import generate_next_occurrences
from domain.tasks.ports import TaskUnitOfWork
from govgraph.container import Container
from govgraph.metrics import job_ran
from govgraph.notifiers import count_dead, retry_policy
from govgraph.scheduler_jobs import (
    applicant_jobs,
    dossier_jobs,
    media_jobs,
    reflection_jobs,
    report_jobs,
)
from persistence.repositories.applicant_messages import SqlApplicantDispatchSource
from persistence.repositories.dossier_messages import SqlDossierDispatchSource
from persistence.repositories.reporter_messages import SqlReporterDispatchSource
from persistence.repositories.timed import SqlDispatchSource
from subscriptions.scheduler import Job, Scheduler

Rule = Callable[[TimedUnitOfWork, datetime], Awaitable[int]]
Drain = Callable[[datetime, int], Awaitable[int]]  # one claimed batch handed over; how many


@dataclass
class TransactionJob:
    """A timed rule run in one unit of work (its row locks last until the commit)."""

    name: str
    container: Container
    rule: Rule

    async def run(self, now: datetime) -> int:
        """Run the rule and commit; how much it did."""
        async with self.container.uow() as uow:
            done = await self.rule(cast(TimedUnitOfWork, uow), now)
            await uow.commit()
        return done


def deadline_jobs(container: Container) -> list[Job]:
    """Deadline warnings, overdue notices and birthdays, configured from settings."""
    settings = container.settings
    thresholds = parse_thresholds(
        settings.deadline_warnings, urgent=settings.urgent_deadline_warnings
    )
    catch_up = timedelta(days=settings.scheduler_catch_up_days)

    async def warnings(uow: TimedUnitOfWork, now: datetime) -> int:
        calendar = await container.calendars.get()
        return await raise_deadline_warnings(uow, calendar=calendar, thresholds=thresholds, now=now)

    async def overdue(uow: TimedUnitOfWork, now: datetime) -> int:
        return await raise_overdue(uow, now=now, catch_up=catch_up)

    async def birthdays(uow: TimedUnitOfWork, now: datetime) -> int:
        return await raise_birthdays(uow, time_zone=settings.time_zone, now=now)

    return [
        TransactionJob("deadline-warnings", container, warnings),
        TransactionJob("overdue", container, overdue),
        TransactionJob("birthdays", container, birthdays),
    ]


@dataclass
class OccurrenceJob:
    """Open the periods of running periodic tasks as they come due (domain.tasks.periods),
    one batch per unit of work."""

    container: Container
    name: str = "periodic-occurrences"

    async def run(self, now: datetime) -> int:
        """Walk every running periodic task; how many occurrences were opened."""
        calendar = await self.container.calendars.get()
        opened, after = 0, 0
        while True:
            async with self.container.uow() as uow:
                found = await generate_next_occurrences(
                    uow=cast(TaskUnitOfWork, uow), calendar=calendar, now=now, after_task_id=after
                )
                await uow.commit()
            opened += len(found.created)
            if found.done:
                return opened
            after = found.last_task_id


def channel_jobs(container: Container) -> list[Job]:
    """Deliver new inbox rows to email, SMS, push and calls, at least once (an urgent
    dispatch's rows too, when the serving process did not finish them before its lease ran
    out)."""
    source = SqlDispatchSource(container.sessions)
    policy, dead = retry_policy(container.settings), count_dead("notification")

    async def drain(now: datetime, batch: int) -> int:
        return await dispatch(
            source, container.channels, now=now, batch=batch, policy=policy, on_dead=dead
        )

    return [ChannelJob(drain)]


def reporter_channel_jobs(container: Container) -> list[Job]:
    """Deliver reporter messages to email and SMS, at least once."""
    source = SqlReporterDispatchSource(container.sessions)
    policy, dead = retry_policy(container.settings), count_dead("reporter_message")

    async def drain(now: datetime, batch: int) -> int:
        return await dispatch_reporter_messages(
            source, container.channels, now=now, batch=batch, policy=policy, on_dead=dead
        )

    return [ChannelJob(drain, name="reporter-messages")]


def applicant_channel_jobs(container: Container) -> list[Job]:
    """Deliver applicant messages (codes, the office's decisions) to email and SMS."""
    source = SqlApplicantDispatchSource(container.sessions)
    policy, dead = retry_policy(container.settings), count_dead("applicant_message")

    async def drain(now: datetime, batch: int) -> int:
        return await dispatch_applicant_messages(
            source, container.channels, now=now, batch=batch, policy=policy, on_dead=dead
        )

    return [ChannelJob(drain, name="applicant-messages")]


@dataclass
class ChannelJob:
    """Leases rows (committed) and then sends them: no transaction stays open while a
    gateway answers; failed rows come back after their back-off."""

    drain: Drain
    name: str = "channels"
    batch: int = 100
    max_batches: int = 50  # a backlog drains 5,000 rows a round, the other jobs still run

    async def run(self, now: datetime) -> int:
        """Hand batches over until the backlog is empty (or the round's cap); how many rows."""
        handed = 0
        for _ in range(self.max_batches):
            done = await self.drain(now, self.batch)
            handed += done
            if done < self.batch:
                break
        return handed


def dossier_channel_jobs(container: Container) -> list[Job]:
    """Deliver applicant messages of dossiers to email and SMS, at least once."""
    settings = container.settings
    source = SqlDossierDispatchSource(
        container.sessions, media_base=settings.media_public_url, time_zone=settings.time_zone
    )
    policy, dead = retry_policy(settings), count_dead("dossier_message")

    async def drain(now: datetime, batch: int) -> int:
        return await dispatch_dossier_messages(
            source, container.channels, now=now, batch=batch, policy=policy, on_dead=dead
        )

    return [ChannelJob(drain, name="dossier-messages")]


# Each factory gives the jobs of one feature; add yours here.
JOB_FACTORIES: list[Callable[[Container], list[Job]]] = [
    deadline_jobs,
    reflection_jobs,
    report_jobs,
    media_jobs,
    lambda container: [OccurrenceJob(container)],
    channel_jobs,
    reporter_channel_jobs,
    applicant_jobs,
    applicant_channel_jobs,
    dossier_jobs,
    dossier_channel_jobs,
]


def build_scheduler(container: Container) -> Scheduler:
    """A scheduler with every feature's jobs."""
    jobs = [job for factory in JOB_FACTORIES for job in factory(container)]
    return Scheduler(
        jobs,
        container.clock,
        interval=container.settings.scheduler_interval_seconds,
        on_run=job_ran,
    )
