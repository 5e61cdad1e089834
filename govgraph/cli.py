"""The `govgraph` command: serve, worker, migrate, demo-data, export-schema, create-admin,
stats-rebuild, bi-role."""

from __future__ import annotations

import asyncio
import getpass
from pathlib import Path
from typing import Annotated

import typer

from govgraph.settings import Settings, get_settings, startup_problems

app = typer.Typer(help="govgraph: the province's operations GraphQL API", no_args_is_help=True)


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema (Alembic)."""
    from persistence.migrate import upgrade

    url = get_settings().database_url
    typer.echo(f"Migrating {_safe(url)} ...")
    upgrade(url)
    typer.echo("Database is up to date.")


db = typer.Typer(help="The database schema's migrations (Alembic)", no_args_is_help=True)
app.add_typer(db, name="db")


@db.command("current")
def db_current() -> None:
    """The revision the database is at."""
    from persistence.migrate import current

    typer.echo(current(get_settings().database_url) or "(not migrated)")


@db.command("history")
def db_history() -> None:
    """Every revision, newest first."""
    from persistence.migrate import history

    for revision, follows, title in history(get_settings().database_url):
        typer.echo(f"{follows or 'base'} -> {revision}  {title}")


@db.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision")] = "head",
) -> None:
    """Upgrade the schema to a revision (default: the latest)."""
    from persistence.migrate import upgrade

    url = get_settings().database_url
    typer.echo(f"Upgrading {_safe(url)} to {revision} ...")
    upgrade(url, revision)
    typer.echo("Done.")


@db.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision, or base")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask")] = False,
) -> None:
    """Take the schema down to a revision: what later revisions added is dropped, data too."""
    from persistence.migrate import downgrade

    url = get_settings().database_url
    if not yes:
        typer.confirm(f"Downgrade {_safe(url)} to {revision}, dropping later data?", abort=True)
    downgrade(url, revision)
    typer.echo(f"Downgraded to {revision}.")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address")] = None,
    port: Annotated[int | None, typer.Option(help="Port")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    migrate_first: Annotated[bool, typer.Option("--migrate/--no-migrate")] = True,
) -> None:
    """Serve the API (GraphiQL at /graphql in development mode)."""
    import uvicorn

    from govgraph.logs import configure_logging
    from govgraph.server import run

    settings = get_settings()
    configure_logging(settings.log_level)
    _refuse_unsafe(settings)
    if migrate_first:
        migrate()
    config = uvicorn.Config(
        "govgraph.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_config=None,
        access_log=False,
        proxy_headers=False,  # the app applies FORWARDED_ALLOW_IPS itself (http/edge.py)
        timeout_graceful_shutdown=int(settings.shutdown_grace_seconds),
    )
    if not run(config):
        raise typer.Exit(3)


def _refuse_unsafe(settings: Settings) -> None:
    """Stop before serving when production settings are unsafe (SECRET_KEY)."""
    problems = startup_problems(settings)
    if problems:
        for problem in problems:
            typer.echo(f"Refusing to start: {problem}", err=True)
        raise typer.Exit(2)


@app.command()
def worker(
    once: Annotated[bool, typer.Option(help="Run every job once, then exit")] = False,
) -> None:
    """Run the scheduler: deadline warnings, overdue notices, birthdays and other timed jobs.

    Run as many as you like: work is taken under row locks and raised once."""
    from govgraph.logs import configure_logging

    settings = get_settings()
    configure_logging(settings.log_level)
    _refuse_unsafe(settings)
    asyncio.run(_work(once=once))


async def _work(*, once: bool) -> None:
    from govgraph.container import Container
    from govgraph.scheduler import build_scheduler
    from govgraph.worker_metrics import serve_metrics

    settings = get_settings()
    container = Container.from_settings(settings)
    scheduler = build_scheduler(container)
    exposing = None if once else serve_metrics(container)
    try:
        if once:
            typer.echo(await scheduler.run_once())
        else:
            await scheduler.run_forever()
    finally:
        if exposing is not None:
            exposing.cancel()
        await container.dispose()


@app.command("demo-data")
def demo_data(
    scale: Annotated[int, typer.Option(help="Multiply the province (benchmarks)", min=1)] = 1,
    if_empty: Annotated[bool, typer.Option(help="Skip when the database has units")] = False,
) -> None:
    """Load the deterministic demo province (see README for the demo accounts)."""
    from govgraph.demo.load import load_demo

    migrate()
    asyncio.run(load_demo(get_settings(), scale=scale, if_empty=if_empty))


@app.command("export-schema")
def export_schema(
    path: Annotated[Path, typer.Argument(help="Output file")] = Path("schema.graphql"),
) -> None:
    """Write the GraphQL SDL (checked in; a test fails when stale)."""
    from schema.root import build_schema

    path.write_text(build_schema().as_str() + "\n", encoding="utf-8")
    typer.echo(f"Wrote {path}")


@app.command("create-admin")
def create_admin(
    login: Annotated[str, typer.Option(prompt=True, help="Login (email or username)")],
    unit_code: Annotated[str, typer.Option(help="Unit the admin role covers (subtree)")] = "",
    password: Annotated[str | None, typer.Option(help="Omit to be prompted")] = None,
) -> None:
    """Create an ADMIN account over a unit's subtree (default: the root unit)."""
    from govgraph.admin import create_admin_account

    secret = password or getpass.getpass("Password: ")
    migrate()
    asyncio.run(create_admin_account(get_settings(), login, secret, unit_code or None))


@app.command("stats-rebuild")
def stats_rebuild() -> None:
    """Recompute the task statistics cells from the tasks (after bulk loads)."""
    from govgraph.admin import rebuild_stats

    migrate()
    asyncio.run(rebuild_stats(get_settings()))


@app.command("bi-role")
def bi_role(
    name: Annotated[str, typer.Option(help="Role name")] = "bi_reader",
    password: Annotated[str | None, typer.Option(help="Omit to be prompted")] = None,
    statement_timeout: Annotated[str, typer.Option(help="Per statement, e.g. 30s")] = "30s",
    connection_limit: Annotated[int, typer.Option(help="Connections at once")] = 5,
) -> None:
    """Create (or update) a read-only PostgreSQL role that reads the reporting views only."""
    from govgraph.admin import create_bi_role

    secret = password or getpass.getpass("Password for the BI role: ")
    migrate()
    asyncio.run(
        create_bi_role(
            get_settings(),
            name,
            secret,
            statement_timeout=statement_timeout,
            connection_limit=connection_limit,
        )
    )


def _safe(url: str) -> str:
    """The URL without its password, for logs."""
    if "@" not in url:
        return url
    scheme, rest = url.split("://", 1)
    return f"{scheme}://***@{rest.split('@', 1)[1]}"


if __name__ == "__main__":
    app()
