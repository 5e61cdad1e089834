"""Create the first admin from the command line."""

from __future__ import annotations

import typer

from domain.accounts import services
from domain.accounts.commands import CreateAccount, GrantRole
from domain.accounts.model import AccountKind, Role
from domain.calendar import WorkingCalendar
from domain.commands import Caller
from domain.errors import DomainError
from domain.permissions import ANONYMOUS
from govgraph.container import Container
from govgraph.settings import Settings


async def create_admin_account(
    settings: Settings, login: str, password: str, unit_code: str | None
) -> None:
    """A unit account with ADMIN over the unit's subtree (the root unit by default)."""
    container = Container.from_settings(settings)
    try:
        async with container.uow() as uow:
            unit = await uow.units.get_by_code(unit_code) if unit_code else None
            if unit is None:
                roots = [u for u in await uow.units.subtree("/") if u.parent_id is None]
                unit = roots[0] if roots else None
            if unit is None:
                raise typer.BadParameter("No unit found: load demo data or create a root unit")
            system = Caller(ANONYMOUS, container.clock.now(), WorkingCalendar())
            account = await services.create_account(
                uow,
                system,
                CreateAccount(
                    login, AccountKind.UNIT, password, unit.id, container.auth, system=True
                ),
            )
            account.must_change_password = False
            await services.grant_role(
                uow,
                system,
                GrantRole(account.id, Role.ADMIN, unit.id, include_subtree=True, system=True),
            )
            await uow.commit()
        typer.echo(f"Admin {login} created over {unit.code}.")
    except DomainError as error:
        raise typer.BadParameter(error.message) from error
    finally:
        await container.dispose()


async def rebuild_stats(settings: Settings) -> None:
    """Recompute every task and field-report statistics cell, and the public feed's counts,
    in one transaction."""
    from persistence import reflection_feed, reflection_stats_rollup, stats_rollup

    container = Container.from_settings(settings)
    try:
        async with container.engine.begin() as conn:
            tasks = await conn.run_sync(stats_rollup.rebuild, settings.time_zone)
            reports = await conn.run_sync(reflection_stats_rollup.rebuild, settings.time_zone)
            feed = await conn.run_sync(reflection_feed.rebuild)
        typer.echo(f"Task statistics rebuilt from {tasks:,} tasks.")
        typer.echo(f"Field-report statistics rebuilt from {reports:,} reports.")
        typer.echo(f"Public feed counts rebuilt from {feed:,} published reports.")
    finally:
        await container.dispose()


async def create_bi_role(settings: Settings, name: str, password: str) -> None:
    """The read-only role BI tools connect with (PostgreSQL only)."""
    from sqlalchemy import text

    from persistence.reporting_views import ALL_VIEWS, bi_role_statements, view_statements

    container = Container.from_settings(settings)
    try:
        if container.engine.dialect.name != "postgresql":
            raise typer.BadParameter("BI roles exist on PostgreSQL; SQLite has no roles")
        async with container.engine.begin() as conn:
            database = str((await conn.execute(text("SELECT current_database()"))).scalar_one())
            try:
                statements = bi_role_statements(name, password, database)
            except ValueError as error:
                raise typer.BadParameter(str(error)) from error
            for statement in [*view_statements(settings.time_zone, ALL_VIEWS), *statements]:
                await conn.execute(text(statement))
        typer.echo(f"Role {name} reads the reporting schema of {database} (read-only).")
    finally:
        await container.dispose()
