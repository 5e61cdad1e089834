"""Create the first admin from the command line."""

from __future__ import annotations

from typing import Any

import typer

from domain.accounts import services
from domain.accounts.commands import CreateAccount, GrantRole
from domain.accounts.model import AccountKind, Role
from domain.calendar import WorkingCalendar
from domain.commands import Caller
from domain.errors import DomainError
from domain.permissions import ANONYMOUS
from govgraph.container import Container
from govgraph.progress import Steps
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


async def rebuild_stats(settings: Settings, *, quiet: bool = False) -> None:
    """Recompute every task and field-report statistics cell, and the public feed's counts,
    in one transaction, showing each step's progress."""
    from sqlalchemy import func, select

    from persistence import reflection_feed, reflection_stats_rollup, stats_rollup
    from persistence.reflection_tables import reflections
    from persistence.task_tables import tasks as task_rows

    container = Container.from_settings(settings)
    zone = settings.time_zone
    try:
        async with container.engine.begin() as conn:

            async def count(query: Any) -> int:
                return int((await conn.execute(query)).scalar_one())

            n_tasks = await count(select(func.count()).select_from(task_rows))
            n_reports = await count(select(func.count()).select_from(reflections))
            published = select(func.count()).where(reflections.c.state == "PUBLISHED")
            n_published = await count(published)
            with Steps(quiet=quiet) as steps:
                with steps.step("Task statistics", n_tasks) as advance:
                    done = await conn.run_sync(stats_rollup.rebuild, zone, 1_000, advance)
                with steps.step("Field-report statistics", n_reports) as advance:
                    reports = await conn.run_sync(reflection_stats_rollup.rebuild, zone, advance)
                with steps.step("Public feed counts", n_published) as advance:
                    feed = await conn.run_sync(reflection_feed.rebuild, 1_000, advance)
        typer.echo(f"Task statistics rebuilt from {done:,} tasks.")
        typer.echo(f"Field-report statistics rebuilt from {reports:,} reports.")
        typer.echo(f"Public feed counts rebuilt from {feed:,} published reports.")
    finally:
        await container.dispose()


async def create_bi_role(
    settings: Settings,
    name: str,
    password: str,
    *,
    statement_timeout: str = "30s",
    connection_limit: int = 5,
) -> None:
    """The read-only role BI tools connect with (PostgreSQL only); warns about what PUBLIC
    still grants it that only the operator can take back."""
    from sqlalchemy import text

    from persistence.reporting_comments import COLUMNS, comment_statements
    from persistence.reporting_views import (
        ALL_VIEWS,
        WEAK_SPOTS,
        bi_role_statements,
        view_statements,
    )

    container = Container.from_settings(settings)
    try:
        if container.engine.dialect.name != "postgresql":
            raise typer.BadParameter("BI roles exist on PostgreSQL; SQLite has no roles")
        async with container.engine.begin() as conn:
            database = str((await conn.execute(text("SELECT current_database()"))).scalar_one())
            try:
                statements = bi_role_statements(
                    name,
                    password,
                    database,
                    statement_timeout=statement_timeout,
                    connection_limit=connection_limit,
                )
            except ValueError as error:
                raise typer.BadParameter(str(error)) from error
            for statement in view_statements(settings.time_zone, ALL_VIEWS):
                await conn.execute(text(statement))
            columns = [(r[0], r[1]) for r in await conn.execute(text(COLUMNS))]
            for statement in [*comment_statements(columns), *statements]:
                await conn.execute(text(statement))
            weak = [str(r[0]) for r in await conn.execute(text(WEAK_SPOTS), {"role": name})]
        typer.echo(f"Role {name} reads the reporting schema of {database} (read-only).")
        for spot in weak:
            typer.echo(f"Warning: {name} still has {spot} (granted to PUBLIC; see docs/bi.md)")
    finally:
        await container.dispose()
