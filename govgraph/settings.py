"""Settings from the environment and `.env` (prefix-free names, as operators expect)."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_KEY = "dev-only-change-me"  # noqa: S105 - the development default, refused in production


class Mode(StrEnum):
    """Development shows GraphiQL and error details; production hides both."""

    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Every knob of govgraph, with safe defaults for the embedded mode."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    mode: Mode = Field(default=Mode.DEVELOPMENT, alias="GOVGRAPH_MODE")
    database_url: str = Field(default="sqlite+aiosqlite:///./govgraph.db", alias="DATABASE_URL")
    redis_url: str | None = Field(default=None, alias="REDIS_URL")
    secret_key: SecretStr = Field(default=SecretStr(DEV_SECRET_KEY), alias="SECRET_KEY")
    host: str = Field(default="127.0.0.1", alias="HOST")
    port: int = Field(default=8000, alias="PORT")
    time_zone: str = Field(default="Asia/Ho_Chi_Minh", alias="TIME_ZONE")
    compiled_reads: bool = Field(
        default=True,
        alias="COMPILED_READS",
        description="Answer the hot root fields with one SQL statement (off: field by field)",
    )
    document_place: str = Field(
        default="Huế",
        alias="DOCUMENT_PLACE",
        description='The place in "<place>, ngày ... tháng ... năm ..." of generated documents',
    )
    working_sessions: str = Field(
        default="07:30-11:30,13:30-17:00",
        alias="WORKING_SESSIONS",
        description="Comma-separated HH:MM-HH:MM working sessions",
    )
    token_ttl_hours: int = Field(default=12, alias="TOKEN_TTL_HOURS", ge=1, le=24 * 30)
    password_min_length: int = Field(default=8, alias="PASSWORD_MIN_LENGTH", ge=8)
    password_max_length: int = Field(default=128, alias="PASSWORD_MAX_LENGTH", le=1024)
    password_rotation_days: int = Field(default=30, alias="PASSWORD_ROTATION_DAYS", ge=0)
    login_max_failures: int = Field(default=5, alias="LOGIN_MAX_FAILURES", ge=1)
    login_max_failures_per_address: int = Field(default=20, alias="LOGIN_MAX_FAILURES_PER_ADDRESS")
    login_lockout_minutes: int = Field(default=15, alias="LOGIN_LOCKOUT_MINUTES", ge=1)
    argon2_memory_kib: int = Field(default=19456, alias="ARGON2_MEMORY_KIB", ge=8)
    argon2_time_cost: int = Field(default=2, alias="ARGON2_TIME_COST", ge=1)
    max_query_depth: int = Field(default=12, alias="MAX_QUERY_DEPTH")
    max_aliases: int = Field(default=30, alias="MAX_ALIASES")
    max_tokens: int = Field(default=5000, alias="MAX_TOKENS")
    max_directives: int = Field(default=50, alias="MAX_DIRECTIVES")
    max_query_cost: int = Field(default=50_000, alias="MAX_QUERY_COST")
    max_body_bytes: int = Field(default=1_000_000, alias="MAX_BODY_BYTES")
    statement_timeout_ms: int = Field(default=15_000, alias="STATEMENT_TIMEOUT_MS")
    directory_cache_entries: int = Field(
        default=256,
        alias="DIRECTORY_CACHE_ENTRIES",
        ge=0,
        description="Directory answers kept per process (schema/caching.py); 0 switches it off",
    )
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    # real time
    relay_poll_seconds: float = Field(default=1.0, alias="RELAY_POLL_SECONDS", gt=0)
    ws_init_timeout_seconds: float = Field(default=5.0, alias="WS_INIT_TIMEOUT_SECONDS", gt=0)
    ws_max_subscriptions: int = Field(default=10, alias="WS_MAX_SUBSCRIPTIONS", ge=1)
    ws_max_connections_per_person: int = Field(
        default=5, alias="WS_MAX_CONNECTIONS_PER_PERSON", ge=1
    )
    ws_auth_recheck_seconds: float = Field(default=30.0, alias="WS_AUTH_RECHECK_SECONDS", gt=0)
    # the deadline scheduler
    deadline_warnings: str = Field(default="1WD,2WH", alias="DEADLINE_WARNINGS")
    urgent_deadline_warnings: str = Field(default="10M", alias="URGENT_DEADLINE_WARNINGS")
    report_due_reminders: str = Field(
        default="1WD",
        alias="REPORT_DUE_REMINDERS",
        description="How long before a periodic report is due its submitters are reminded",
    )
    scheduler_interval_seconds: float = Field(
        default=30.0, alias="SCHEDULER_INTERVAL_SECONDS", gt=0
    )
    scheduler_catch_up_days: int = Field(default=7, alias="SCHEDULER_CATCH_UP_DAYS", ge=0)
    scheduler_in_serve: bool | None = Field(
        default=None,
        alias="SCHEDULER_IN_SERVE",
        description="Run the scheduler inside `serve`; unset: only on the embedded SQLite",
    )
    # the media store (photos and videos of field reports)
    media_dir: Path = Field(default=Path("./media"), alias="MEDIA_DIR")
    media_public_url: str | None = Field(
        default=None,
        alias="MEDIA_PUBLIC_URL",
        description="Base of the URLs of uploaded files; unset: the request's own base URL",
    )
    media_uploads_per_hour: int = Field(default=30, alias="MEDIA_UPLOADS_PER_HOUR", ge=1)
    media_unattached_hours: float = Field(
        default=24.0,
        alias="MEDIA_UNATTACHED_HOURS",
        gt=0,
        description="Uploads no report took are deleted after this many hours",
    )
    # other channels
    smtp_host: str | None = Field(default=None, alias="SMTP_HOST")
    smtp_port: int = Field(default=587, alias="SMTP_PORT")
    smtp_user: str | None = Field(default=None, alias="SMTP_USER")
    smtp_password: SecretStr | None = Field(default=None, alias="SMTP_PASSWORD")
    smtp_from: str = Field(default="govgraph@localhost", alias="SMTP_FROM")
    smtp_starttls: bool = Field(default=True, alias="SMTP_STARTTLS")
    # operations: metrics, tracing, shutdown, proxies, channel retries
    metrics_token: SecretStr | None = Field(
        default=None,
        alias="METRICS_TOKEN",
        description="Bearer token /metrics asks for; unset: loopback callers only",
    )
    worker_metrics_port: int | None = Field(default=None, alias="WORKER_METRICS_PORT")
    otel_endpoint: str | None = Field(default=None, alias="OTEL_EXPORTER_OTLP_ENDPOINT")
    shutdown_grace_seconds: float = Field(default=10.0, alias="SHUTDOWN_GRACE_SECONDS", gt=0)
    channel_max_attempts: int = Field(default=8, alias="CHANNEL_MAX_ATTEMPTS", ge=1)
    channel_retry_base_seconds: float = Field(
        default=30.0, alias="CHANNEL_RETRY_BASE_SECONDS", gt=0
    )
    channel_retry_max_seconds: float = Field(
        default=3600.0, alias="CHANNEL_RETRY_MAX_SECONDS", gt=0
    )
    channel_lease_seconds: float = Field(default=300.0, alias="CHANNEL_LEASE_SECONDS", gt=0)
    # the HTTP edge (govgraph/http/edge.py)
    allowed_origins: str = Field(
        default="",
        alias="ALLOWED_ORIGINS",
        description="Origins whose pages may call the API (CORS and websockets), comma-separated",
    )
    max_batch_size: int = Field(default=10, alias="MAX_BATCH_SIZE", ge=1)
    enable_defer: bool = Field(
        default=False,
        alias="ENABLE_DEFER",
        description="@defer and @stream over HTTP (multipart/mixed); Strawberry's experimental",
    )
    compression_min_bytes: int = Field(default=1024, alias="COMPRESSION_MIN_BYTES", ge=0)
    persisted_query_cache_size: int = Field(default=2000, alias="PERSISTED_QUERY_CACHE_SIZE", ge=1)
    trusted_documents: Path | None = Field(
        default=None,
        alias="TRUSTED_DOCUMENTS",
        description="Production: a persisted query manifest; other documents are refused",
    )
    router_token: SecretStr | None = Field(
        default=None,
        alias="ROUTER_TOKEN",
        description="In production, `_service { sdl }` only for requests with this X-Router-Token",
    )
    forwarded_allow_ips: str = Field(
        default="",
        alias="FORWARDED_ALLOW_IPS",
        description="Trusted reverse proxies (addresses or CIDR, comma-separated)",
    )

    @property
    def production(self) -> bool:
        """True in production mode."""
        return self.mode is Mode.PRODUCTION

    @property
    def scheduler_runs_in_serve(self) -> bool:
        """The scheduler runs inside `serve` (default: on the embedded SQLite only)."""
        if self.scheduler_in_serve is not None:
            return self.scheduler_in_serve
        return self.database_url.startswith("sqlite")


def startup_problems(settings: Settings) -> list[str]:
    """Why `serve` or `worker` must not start with these settings (production only)."""
    if settings.production and settings.secret_key.get_secret_value() == DEV_SECRET_KEY:
        return ["SECRET_KEY is the development default: set a long random value"]
    return []


@cache
def get_settings() -> Settings:
    """The process-wide settings."""
    return Settings()
