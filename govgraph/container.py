"""Wiring: one place that builds engines, sessions, hashers and policies from settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.accounts import services as account_services
from domain.accounts.config import AuthConfig
from domain.accounts.passwords import PasswordPolicy
from domain.accounts.throttle import ThrottlePolicy
from domain.clock import Clock, SystemClock
from domain.notifications.channels import Channel, Notifier
from domain.permissions import ANONYMOUS, Principal
from domain.ports import UnitOfWork
from govgraph.draining import Streams
from govgraph.hashing import Argon2Hasher
from govgraph.notifiers import count_dead, notifiers_from_settings, retry_policy
from govgraph.principals import PrincipalCache
from govgraph.settings import Settings
from persistence.applicant_reading import SqlApplicantReader
from persistence.calendar import CalendarSource
from persistence.catalog_reading import SqlCatalogReader
from persistence.compiled.reader import SqlCompiledReader
from persistence.database import create_engine, read_session_factory, session_factory
from persistence.dossier_reading import SqlDossierReader
from persistence.dossier_stats_reading import SqlDossierStatsReader
from persistence.export_reading import SqlExportReader
from persistence.notification_feed import SqlFeedReader
from persistence.portal_reading import SqlPortalReader
from persistence.reading import SqlDirectoryReader
from persistence.reflection_reading import SqlReflectionReader
from persistence.reflection_stats_reading import SqlReflectionStatsReader
from persistence.repositories.notifications import SqlNotificationRepository
from persistence.repositories.programs import SqlProgramRepository
from persistence.repositories.reports import SqlReportRepository
from persistence.repositories.timed import SqlDispatchSource
from persistence.revisions import access_revisions
from persistence.stats_reading import SqlStatsReader
from persistence.task_reading import SqlTaskReader
from persistence.uow import SqlUnitOfWork
from resolvers.context import RequestContext
from schema.caching import ResultCache
from subscriptions.bus import EventBus, make_bus
from subscriptions.hub import Hub
from subscriptions.instant import InstantDispatcher


def auth_config(settings: Settings) -> AuthConfig:
    """Sign-in configuration from settings."""
    return AuthConfig(
        hasher=Argon2Hasher(
            memory_kib=settings.argon2_memory_kib, time_cost=settings.argon2_time_cost
        ),
        policy=PasswordPolicy(
            min_length=settings.password_min_length,
            max_length=settings.password_max_length,
            rotation_days=settings.password_rotation_days,
        ),
        throttle=ThrottlePolicy(
            max_per_login=settings.login_max_failures,
            max_per_address=settings.login_max_failures_per_address,
            window=timedelta(minutes=settings.login_lockout_minutes),
            lockout=timedelta(minutes=settings.login_lockout_minutes),
        ),
        token_ttl=timedelta(hours=settings.token_ttl_hours),
    )


def media_bases(settings: Settings, base_url: str | None) -> tuple[str, ...]:
    """The base URLs of this server's media store: MEDIA_PUBLIC_URL, the request's own."""
    return tuple(b.rstrip("/") for b in (settings.media_public_url, base_url) if b)


@dataclass
class Container:
    """Long-lived services of one process."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    auth: AuthConfig
    clock: Clock = field(default_factory=SystemClock)
    calendars: CalendarSource = field(init=False)
    result_cache: ResultCache = field(init=False)
    bus: EventBus = field(init=False)
    hub: Hub = field(init=False)
    connections: dict[int, int] = field(init=False, default_factory=dict)
    principals: PrincipalCache = field(init=False)
    read_sessions: async_sessionmaker[AsyncSession] = field(init=False)
    streams: Streams = field(init=False, default_factory=Streams)  # SSE and websockets
    channels: dict[Channel, Notifier] = field(init=False)
    instant: InstantDispatcher = field(init=False)

    def __post_init__(self) -> None:
        self.read_sessions = read_session_factory(self.engine, time_zone=self.settings.time_zone)
        self.calendars = CalendarSource(self.settings, self.sessions)
        self.result_cache = ResultCache(self.settings.directory_cache_entries)
        self.principals = PrincipalCache(self._access_revisions)
        self.bus = make_bus(self.settings.redis_url)
        self.hub = Hub(
            SqlFeedReader(self.sessions), self.bus, poll_seconds=self.settings.relay_poll_seconds
        )
        self.channels = notifiers_from_settings(self.settings)  # shared by every sender
        self.instant = InstantDispatcher(
            SqlDispatchSource(self.sessions),
            self.channels,
            self.clock,
            policy=retry_policy(self.settings),
            on_dead=count_dead("notification"),
        )

    @classmethod
    def from_settings(cls, settings: Settings, clock: Clock | None = None) -> Container:
        """Build every long-lived service."""
        engine = create_engine(
            settings.database_url, statement_timeout_ms=settings.statement_timeout_ms
        )
        return cls(
            settings=settings,
            engine=engine,
            sessions=session_factory(engine, time_zone=settings.time_zone),
            auth=auth_config(settings),
            clock=clock or SystemClock(),
        )

    def uow(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """A new unit of work."""
        return SqlUnitOfWork(self.sessions, on_notified=self.bus.publish, at_once=self.instant)

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[SqlDirectoryReader]:
        """A read session for one request."""
        async with self.sessions() as session:
            yield SqlDirectoryReader(session)

    def request_context(
        self,
        *,
        principal: Principal,
        session: AsyncSession,
        client_address: str,
        request_id: str,
        raw_token: str | None,
        base_url: str | None = None,
    ) -> RequestContext:
        """The context of one GraphQL operation, reading through `session`; `base_url`:
        the request's own, one of the bases of this server's media URLs."""
        return RequestContext(
            principal=principal,
            reader=SqlDirectoryReader(session),
            compiled=SqlCompiledReader(session) if self.settings.compiled_reads else None,
            tasks=SqlTaskReader(session),
            stats=SqlStatsReader(session),
            reflection_stats=SqlReflectionStatsReader(session),
            dossier_stats=SqlDossierStatsReader(session),
            reports=SqlReportRepository(session),
            programs=SqlProgramRepository(session),
            reflections=SqlReflectionReader(session),
            portal=SqlPortalReader(session),
            catalog=SqlCatalogReader(session),
            applicants=SqlApplicantReader(session),
            dossiers=SqlDossierReader(session),
            calendars=self.calendars,
            uow=self.uow,
            clock=self.clock,
            auth=self.auth,
            time_zone=self.settings.time_zone,
            client_address=client_address,
            request_id=request_id,
            raw_token=raw_token,
            result_cache=self.result_cache if self.result_cache.max_entries else None,
            exports=SqlExportReader(self.engine),
            notifications=SqlNotificationRepository(session),
            live=self.hub,
            media_bases=media_bases(self.settings, base_url),
        )

    async def principal(
        self,
        *,
        bearer: str | None,
        api_key: str | None,
        stream: bool = False,
        revisions: tuple[int, int] | None = None,
    ) -> Principal | None:
        """Who is calling; None when a credential was given but is not valid. `stream`: a
        re-check of a long-lived stream, which may use revisions a second old; `revisions`:
        (access, directory) as the request read them."""
        if bearer is None and api_key is None:
            return ANONYMOUS
        if api_key is not None:
            async with self.uow() as uow:
                return await account_services.principal_for_api_key(uow, api_key)
        assert bearer is not None
        token = bearer

        async def load() -> Principal | None:
            async with self.uow() as uow:
                return await account_services.principal_for_token(uow, token, self.clock.now())

        return await self.principals.resolve(
            token, self.clock.now(), load, stream=stream, revisions=revisions
        )

    async def _access_revisions(self) -> tuple[int, int]:
        async with self.sessions() as session:
            return await access_revisions(session)

    async def dispose(self) -> None:
        """Let urgent dispatches under way finish, stop the relay and close connections."""
        await self.instant.stop()
        await self.hub.stop()
        await self.engine.dispose()
