"""The unit of work: one session, one transaction, all repositories."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from domain.applicants.ports import ApplicantRepository
from domain.catalog.ports import CatalogRepository
from domain.errors import DomainError, ErrorCode, RetryableConflict, StaleVersion
from domain.events import DomainEvent
from domain.notifications.ports import DeadlineSource, NotificationRepository
from domain.notifications.reporter_messages import ReporterMessageRepository
from domain.ports import AccountRepository, DirectoryRepository, PersonRepository, UnitRepository
from domain.programs.ports import ProgramRepository
from domain.reports.ports import ReportRepository
from persistence.projections import Changes, project
from persistence.repositories.accounts import SqlAccountRepository
from persistence.repositories.applicants import SqlApplicantRepository
from persistence.repositories.catalog import SqlCatalogRepository
from persistence.repositories.directory import SqlDirectoryRepository
from persistence.repositories.dossier_messages import SqlDossierMessageRepository
from persistence.repositories.dossiers import SqlDossierRepository
from persistence.repositories.media import SqlMediaUploadRepository
from persistence.repositories.notifications import SqlNotificationRepository, flush_outbox
from persistence.repositories.people import SqlPersonRepository
from persistence.repositories.programs import SqlProgramRepository
from persistence.repositories.reflections import SqlReflectionRepository
from persistence.repositories.reporter_messages import SqlReporterMessageRepository
from persistence.repositories.reports import SqlReportRepository
from persistence.repositories.tasks import SqlTaskRepository
from persistence.repositories.timed import SqlDeadlineSource
from persistence.repositories.units import SqlUnitRepository


class SqlUnitOfWork:
    """UnitOfWork on one AsyncSession; leaving the block without commit rolls back."""

    session: AsyncSession
    units: UnitRepository
    people: PersonRepository
    directory: DirectoryRepository
    accounts: AccountRepository
    tasks: SqlTaskRepository
    reports: ReportRepository
    programs: ProgramRepository
    notifications: NotificationRepository
    timed: DeadlineSource
    reflections: SqlReflectionRepository
    media: SqlMediaUploadRepository
    reporter_messages: ReporterMessageRepository
    catalog: CatalogRepository
    applicants: ApplicantRepository
    dossiers: SqlDossierRepository
    dossier_messages: SqlDossierMessageRepository

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        on_notified: Callable[[], None] | None = None,
        at_once: Callable[[Sequence[int]], Awaitable[None]] | None = None,
    ) -> None:
        self._sessions = sessions
        self._on_notified = on_notified
        self._at_once = at_once
        self.events: list[DomainEvent] = []

    def record(self, event: DomainEvent) -> None:
        """Note what happened; the projections apply it at commit."""
        self.events.append(event)

    async def __aenter__(self) -> SqlUnitOfWork:
        self.session = self._sessions()
        self.events = []
        self.units = SqlUnitRepository(self.session)
        self.people = SqlPersonRepository(self.session)
        self.directory = SqlDirectoryRepository(self.session)
        self.accounts = SqlAccountRepository(self.session)
        self.tasks = SqlTaskRepository(self.session)
        self.reports = SqlReportRepository(self.session)
        self.programs = SqlProgramRepository(self.session)
        self.notifications = SqlNotificationRepository(self.session)
        self.timed = SqlDeadlineSource(self.session)
        self.reflections = SqlReflectionRepository(self.session)
        self.media = SqlMediaUploadRepository(self.session)
        self.reporter_messages = SqlReporterMessageRepository(self.session)
        self.catalog = SqlCatalogRepository(self.session)
        self.applicants = SqlApplicantRepository(self.session)
        self.dossiers = SqlDossierRepository(self.session)
        self.dossier_messages = SqlDossierMessageRepository(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.session.rollback()
        await self.session.close()
        if isinstance(exc, StaleDataError):
            raise StaleVersion("The record") from exc
        if isinstance(exc, DBAPIError) and retryable(exc):
            raise RetryableConflict from exc
        if isinstance(exc, IntegrityError):
            raise _conflict() from exc

    async def commit(self) -> None:
        """Flush the aggregates, run the projections of the recorded events in their fixed
        order, write the outbox, commit. A concurrent change or a broken uniqueness rule
        becomes a typed error; a deadlock or serialization failure a RetryableConflict.
        Then the events to send at once (an urgent distribution) go to `at_once`, which
        returns when their pushes and calls are out (or its bound has passed)."""
        try:
            await self.session.flush()
            await project(
                Changes(
                    self.session,
                    self.events,
                    task_before=self.tasks.before,
                    reflection_before=self.reflections.before,
                    dossier_before=self.dossiers.before,
                )
            )
            flushed = await flush_outbox(self.session)  # its lock last: one global order
            await self.session.commit()
            self._start_over()
        except StaleDataError as exc:
            await self.session.rollback()
            raise StaleVersion("The record") from exc
        except DBAPIError as exc:
            await self.session.rollback()
            if retryable(exc):
                raise RetryableConflict from exc
            if isinstance(exc, IntegrityError):
                raise _conflict() from exc
            raise
        if flushed.written and self._on_notified is not None:
            self._on_notified()  # wake the relay: committed outbox rows wait
        if flushed.at_once and self._at_once is not None:
            await self._at_once(flushed.at_once)

    async def rollback(self) -> None:
        await self.session.rollback()
        self._start_over()

    def _start_over(self) -> None:
        """After a commit or rollback: no event pending, every aggregate loaded anew."""
        self.events = []
        self.tasks.before.clear()
        self.reflections.before.clear()
        self.dossiers.before.clear()


RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
"""Serialization failure and deadlock: the transaction may simply run again."""


def retryable(exc: DBAPIError) -> bool:
    """True when the database asks for the transaction to be run again."""
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    cause = getattr(orig, "__cause__", None)
    state = state or getattr(cause, "sqlstate", None)
    if state in RETRYABLE_SQLSTATES or exc.connection_invalidated:
        return True
    return "database is locked" in str(orig)


def _conflict() -> DomainError:
    return DomainError(ErrorCode.INVALID_STATE, "A concurrent change conflicts with this one")
