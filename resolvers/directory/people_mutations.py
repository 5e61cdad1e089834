"""Mutations of people, leadership, committees and articles: thin calls to the domain's use
cases in one transaction."""

from __future__ import annotations

from datetime import date

from domain.directory import services as directory_services
from domain.directory.model import Article, ArticleKind, Committee, CommitteeRole
from domain.errors import DomainError
from domain.org.model import LeaderRank, Leadership, OrgUnit
from domain.people import services as people_services
from domain.people.fields import PersonInfo
from domain.people.model import Person, PersonStatus
from resolvers.context import RequestContext, run_use_case
from resolvers.directory.mutations import effective_date


async def create_person(
    ctx: RequestContext, *, unit_id: int, info: PersonInfo
) -> Person | DomainError:
    """Add a person to a unit."""
    return await run_use_case(
        ctx,
        lambda uow: people_services.create_person(
            uow=uow, actor=ctx.principal, unit_id=unit_id, info=info, today=ctx.today()
        ),
    )


async def update_person(
    ctx: RequestContext, *, person_id: int, info: PersonInfo, version: int | None
) -> Person | DomainError:
    """Edit a person."""
    return await run_use_case(
        ctx,
        lambda uow: people_services.update_person(
            uow=uow,
            actor=ctx.principal,
            person_id=person_id,
            info=info,
            expected_version=version,
            today=ctx.today(),
        ),
    )


async def transfer_person(
    ctx: RequestContext,
    *,
    person_id: int,
    to_unit_id: int,
    position: str | None,
    duties: str | None,
    version: int | None,
    effective: date | None,
) -> Person | DomainError:
    """Transfer a person to another unit."""
    return await run_use_case(
        ctx,
        lambda uow: people_services.transfer_person(
            uow=uow,
            actor=ctx.principal,
            person_id=person_id,
            to_unit_id=to_unit_id,
            position=position,
            duties=duties,
            expected_version=version,
            effective=effective_date(ctx, effective),
        ),
    )


async def end_employment(
    ctx: RequestContext,
    *,
    person_id: int,
    status: PersonStatus,
    version: int | None,
    effective: date | None,
) -> Person | DomainError:
    """Record a resignation or retirement."""
    return await run_use_case(
        ctx,
        lambda uow: people_services.end_employment(
            uow=uow,
            actor=ctx.principal,
            person_id=person_id,
            status=status,
            expected_version=version,
            effective=effective_date(ctx, effective),
        ),
    )


async def appoint_leader(
    ctx: RequestContext,
    *,
    unit_id: int,
    person_id: int,
    title: str,
    rank: LeaderRank,
    effective: date | None,
) -> OrgUnit | DomainError:
    """Name a head or deputy."""
    return await run_use_case(
        ctx,
        lambda uow: people_services.appoint_leader(
            uow=uow,
            actor=ctx.principal,
            unit_id=unit_id,
            person_id=person_id,
            title=title,
            rank=rank,
            effective=effective_date(ctx, effective),
            at=ctx.now(),
        ),
    )


async def end_leadership(
    ctx: RequestContext, *, leadership_id: int, effective: date | None
) -> Leadership | DomainError:
    """End a leadership position."""
    return await run_use_case(
        ctx,
        lambda uow: people_services.end_leadership(
            uow=uow,
            actor=ctx.principal,
            leadership_id=leadership_id,
            effective=effective_date(ctx, effective),
            at=ctx.now(),
        ),
    )


async def register_committee(
    ctx: RequestContext,
    *,
    name: str,
    functions: str | None,
    standing_unit_id: int,
    established_on: date | None,
) -> Committee | DomainError:
    """Register a steering committee."""
    return await run_use_case(
        ctx,
        lambda uow: directory_services.register_committee(
            uow=uow,
            actor=ctx.principal,
            name=name,
            functions=functions,
            standing_unit_id=standing_unit_id,
            established_on=effective_date(ctx, established_on),
        ),
    )


async def add_committee_member(
    ctx: RequestContext,
    *,
    committee_id: int,
    person_id: int,
    role: CommitteeRole,
    duties: str | None,
) -> Committee | DomainError:
    """Seat a member."""
    return await run_use_case(
        ctx,
        lambda uow: directory_services.add_committee_member(
            uow=uow,
            actor=ctx.principal,
            committee_id=committee_id,
            person_id=person_id,
            role=role,
            duties=duties,
        ),
    )


async def add_committee_document(
    ctx: RequestContext,
    *,
    committee_id: int,
    title: str,
    number: str | None,
    issued_on: date | None,
    url: str | None,
) -> Committee | DomainError:
    """Attach a document."""
    return await run_use_case(
        ctx,
        lambda uow: directory_services.add_committee_document(
            uow=uow,
            actor=ctx.principal,
            committee_id=committee_id,
            title=title,
            number=number,
            issued_on=issued_on,
            url=url,
        ),
    )


async def publish_article(
    ctx: RequestContext, *, kind: ArticleKind, title: str, body: str
) -> Article | DomainError:
    """Publish an article or speech."""
    return await run_use_case(
        ctx,
        lambda uow: directory_services.publish_article(
            uow=uow, actor=ctx.principal, kind=kind, title=title, body=body, at=ctx.now()
        ),
    )
