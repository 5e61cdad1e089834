"""What every resolver gets: the caller, the read port, loaders, a unit-of-work factory."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any, Protocol

from domain.accounts.config import AuthConfig
from domain.applicants.reading import ApplicantReader
from domain.calendar import DeclaredDay, WorkingCalendar
from domain.catalog.commands import CatalogEntry
from domain.catalog.reading import CatalogReader
from domain.clock import Clock, local_date
from domain.dossiers.model import Dossier
from domain.dossiers.reading import DossierReader
from domain.notifications.ports import LiveFeed, NotificationRepository
from domain.permissions import Principal
from domain.ports import UnitOfWork
from domain.programs.ports import ProgramRepository
from domain.reading import CompiledReader, DirectoryReader
from domain.reflections.commands import ByTrackingCode, Submitted
from domain.reflections.model import Reflection
from domain.reflections.reading import ReflectionReader
from domain.reports.ports import ReportRepository
from domain.selection import RootRead
from domain.stats.dossier_figures import DossierStatsReader
from domain.stats.exports import ExportReader
from domain.stats.reflection_services import ReflectionStatsReader
from domain.stats.services import StatsReader
from domain.tasks.commands import ReportedProgress
from domain.tasks.model import Task
from domain.tasks.portal_commands import Forwarded
from domain.tasks.portal_reading import PortalReader
from domain.tasks.reading import TaskReader
from resolvers.catalog.loaders import ApplicantLoaders, CatalogLoaders
from resolvers.dossiers.loaders import DossierLoaders
from resolvers.loaders import Loaders
from resolvers.reflections.loaders import ReflectionLoaders
from resolvers.tasks.loaders import TaskLoaders
from resolvers.tasks.portal_loaders import PortalLoaders


class CalendarProvider(Protocol):
    """Gives the province's current working calendar."""

    async def get(self) -> WorkingCalendar: ...

    def invalidate(self) -> None: ...


@dataclass
class RequestContext:
    """The context object of one GraphQL operation."""

    principal: Principal
    reader: DirectoryReader
    tasks: TaskReader
    stats: StatsReader
    reports: ReportRepository
    programs: ProgramRepository
    reflections: ReflectionReader
    portal: PortalReader
    catalog: CatalogReader
    applicants: ApplicantReader
    dossiers: DossierReader
    calendars: CalendarProvider
    uow: Callable[[], AbstractAsyncContextManager[UnitOfWork]]
    clock: Clock
    auth: AuthConfig
    time_zone: str
    client_address: str
    request_id: str
    raw_token: str | None = None
    result_cache: Any = None
    notifications: NotificationRepository | None = None
    live: LiveFeed | None = None
    authenticate: Callable[[], Awaitable[Principal | None]] | None = None
    connection_params: dict[str, Any] | None = None
    exports: ExportReader | None = None
    reflection_stats: ReflectionStatsReader | None = None
    dossier_stats: DossierStatsReader | None = None
    known_revisions: tuple[int, int] | None = None
    """(access, directory) revisions as this request read them (once)."""
    compiled: CompiledReader | None = None
    compiled_answer: tuple[tuple[str, RootRead], ...] | None = None
    """The root reads (by response key) the compiled path answered in this request."""
    """Answers covered root fields with one statement (the compiled read path)."""
    media_bases: tuple[str, ...] = ()
    """Base URLs under which `/media/<key>` names this server's media store."""

    @cached_property
    def loaders(self) -> Loaders:
        """The directory's loaders, made on first use (a subscription needs none)."""
        return Loaders(self.reader)

    @cached_property
    def task_loaders(self) -> TaskLoaders:
        """The task chain's loaders, made on first use."""
        return TaskLoaders(self.tasks, self.reader, self.loaders, self.principal)

    async def current_principal(self) -> Principal | None:
        """The caller as of now (grants changed, token revoked or expired: None), for
        long-lived streams that check permissions on every event."""
        if self.authenticate is None:
            return self.principal
        principal = await self.authenticate()
        if principal is not None:
            self.principal = principal
        return principal

    @cached_property
    def reflection_loaders(self) -> ReflectionLoaders:
        """The field reports' loaders, made on first use."""
        return ReflectionLoaders(self.reflections, self.loaders, self.principal)

    @cached_property
    def portal_loaders(self) -> PortalLoaders:
        """Loaders of occurrences and press items, made on first use."""
        return PortalLoaders(self.portal)

    @cached_property
    def catalog_loaders(self) -> CatalogLoaders:
        """The procedure catalog's loaders, made on first use."""
        return CatalogLoaders(self.catalog)

    @cached_property
    def dossier_loaders(self) -> DossierLoaders:
        """The dossiers' loaders, made on first use."""
        return DossierLoaders(self.dossiers, self.principal)

    @cached_property
    def applicant_loaders(self) -> ApplicantLoaders:
        """Loaders of applicant accounts, made on first use."""
        return ApplicantLoaders(self.applicants)

    async def directory_revision(self) -> int:
        """The directory revision, read once per request."""
        if self.known_revisions is None:
            self.known_revisions = await self.reader.access_revisions()
        return self.known_revisions[1]

    def remember(self, command: object, result: object) -> None:
        """Make what a command returned known to this request's loaders (a declared day: to
        its calendar); a tracking code the command presented (its use case checked it) lets
        the payload show the report."""
        if isinstance(result, DeclaredDay):
            self.calendars.invalidate()
        if isinstance(result, Forwarded | ReportedProgress):
            self.task_loaders.prime([result.task])
        if isinstance(result, Task):
            self.task_loaders.prime([result])
        if isinstance(result, Submitted):
            self.reflection_loaders.tracked.add(result.reflection.id)
            result = result.reflection
        if isinstance(result, Dossier):  # its use case checked the caller acts on it
            self.dossier_loaders.listed([result])
        if isinstance(result, CatalogEntry):
            self.catalog_loaders.prime(result)
        if isinstance(result, Reflection):
            self.reflection_loaders.prime([result])
            if isinstance(command, ByTrackingCode) and command.tracking_code:
                self.reflection_loaders.tracked.add(result.id)

    def now(self) -> datetime:
        """The current instant."""
        return self.clock.now()

    def today(self) -> date:
        """Today's date in the province."""
        return local_date(self.clock.now(), self.time_zone)
