"""Mutations of the org tree: thin calls to the domain's use cases in one transaction
(people, committees and articles: resolvers.directory.people_mutations)."""

from __future__ import annotations

from datetime import date

from domain.errors import DomainError
from domain.org import restructure
from domain.org import services as org_services
from domain.org.fields import UnitInfo
from domain.org.model import OrgUnit
from domain.ports import UnitOfWork
from resolvers.context import RequestContext, run_use_case


def effective_date(ctx: RequestContext, effective: date | None) -> date:
    """The day a change takes effect: the given one, else today in the province."""
    return effective or ctx.today()


async def create_unit(
    ctx: RequestContext, *, parent_id: int, new: org_services.NewUnit, effective: date | None
) -> OrgUnit | DomainError:
    """Create a unit under a parent."""

    async def use_case(uow: UnitOfWork) -> OrgUnit:
        return await org_services.create_unit(
            uow=uow,
            actor=ctx.principal,
            parent_id=parent_id,
            new=new,
            effective=effective_date(ctx, effective),
            at=ctx.now(),
        )

    return await run_use_case(ctx, use_case)


async def update_unit(
    ctx: RequestContext, *, unit_id: int, info: UnitInfo, version: int | None
) -> OrgUnit | DomainError:
    """Edit a unit's info."""
    return await run_use_case(
        ctx,
        lambda uow: org_services.update_unit(
            uow=uow,
            actor=ctx.principal,
            unit_id=unit_id,
            info=info,
            expected_version=version,
            at=ctx.now(),
        ),
    )


async def move_unit(
    ctx: RequestContext,
    *,
    unit_id: int,
    new_parent_id: int,
    version: int | None,
    effective: date | None,
) -> OrgUnit | DomainError:
    """Move a unit and its subtree."""
    return await run_use_case(
        ctx,
        lambda uow: org_services.move_unit(
            uow=uow,
            actor=ctx.principal,
            unit_id=unit_id,
            new_parent_id=new_parent_id,
            expected_version=version,
            effective=effective_date(ctx, effective),
            at=ctx.now(),
        ),
    )


async def split_unit(
    ctx: RequestContext,
    *,
    unit_id: int,
    into: list[org_services.NewUnit],
    version: int | None,
    effective: date | None,
) -> list[OrgUnit] | DomainError:
    """Split a unit into new ones."""
    return await run_use_case(
        ctx,
        lambda uow: restructure.split_unit(
            uow=uow,
            actor=ctx.principal,
            unit_id=unit_id,
            into=into,
            expected_version=version,
            effective=effective_date(ctx, effective),
            at=ctx.now(),
        ),
    )


async def merge_units(
    ctx: RequestContext,
    *,
    source_ids: list[int],
    into_id: int | None,
    new_unit: org_services.NewUnit | None,
    parent_id: int | None,
    effective: date | None,
) -> OrgUnit | DomainError:
    """Merge units into one."""
    return await run_use_case(
        ctx,
        lambda uow: restructure.merge_units(
            uow=uow,
            actor=ctx.principal,
            source_ids=source_ids,
            into_id=into_id,
            new_unit=new_unit,
            parent_id=parent_id,
            effective=effective_date(ctx, effective),
            at=ctx.now(),
        ),
    )


async def dissolve_unit(
    ctx: RequestContext,
    *,
    unit_id: int,
    successor_id: int | None,
    version: int | None,
    effective: date | None,
) -> OrgUnit | DomainError:
    """Dissolve a unit."""
    return await run_use_case(
        ctx,
        lambda uow: org_services.dissolve_unit(
            uow=uow,
            actor=ctx.principal,
            unit_id=unit_id,
            successor_id=successor_id,
            expected_version=version,
            effective=effective_date(ctx, effective),
            at=ctx.now(),
        ),
    )
