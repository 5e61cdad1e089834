"""Queries of the field reports: the public list, staff lists, work queues, field rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from domain import permissions
from domain.accounts.tokens import digest
from domain.errors import DomainError, ErrorCode, Forbidden, Unauthenticated
from domain.paging import Seek
from domain.reflections import duplicates
from domain.reflections.duplicates import LikelyDuplicate
from domain.reflections.model import (
    Assignment,
    Category,
    Channel,
    Rating,
    Reflection,
    ReflectionPriority,
    ReflectionState,
)
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.reading import (
    FAR_FUTURE,
    Key,
    PublicFilter,
    ReflectionFilter,
    ReflectionSort,
    public_key,
    sort_key,
)
from domain.text import clean_phone
from resolvers.context import RequestContext
from resolvers.pagination import Page, paginate
from resolvers.tasks.queries import aware

MAX_SEARCH = 100


@dataclass(frozen=True)
class ReflectionListArgs:
    """What a staff list asks for (ids decoded)."""

    states: tuple[ReflectionState, ...] = ()
    category_ids: tuple[int, ...] = ()
    agency_id: int | None = None
    agency_subtree: bool = True
    area_id: int | None = None
    submitted_from: datetime | None = None
    submitted_to: datetime | None = None
    overdue: bool = False
    awaiting_answer: bool = False
    channels: tuple[Channel, ...] = ()
    ratings: tuple[Rating, ...] = ()
    priorities: tuple[ReflectionPriority, ...] = ()
    search: str | None = None
    reporter_phone: str | None = None


def cursor_key(key: Any, field: str = "after") -> Key | None:
    """The keyset position inside a cursor (None without one)."""
    return None if key is None else _cursor(key, field)


def _cursor(key: Any, field: str) -> Key:
    """The keyset position inside a cursor: [iso instant, id]."""
    malformed = DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field)
    if not (isinstance(key, list) and len(key) == 2):
        raise malformed
    at, pk = key
    if not isinstance(at, str) or isinstance(pk, bool) or not isinstance(pk, int):
        raise malformed
    try:
        if datetime.fromisoformat(at).tzinfo is None:
            raise malformed
    except ValueError:
        raise malformed from None
    return (at, pk)


async def _path(ctx: RequestContext, unit_id: int | None, field: str) -> str | None:
    if unit_id is None:
        return None
    unit = await ctx.loaders.unit_by_id.load(unit_id)
    if unit is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", field)
    path: str = unit.path
    return path


async def public_reflections(
    ctx: RequestContext,
    *,
    category_ids: tuple[int, ...],
    area_id: int | None,
    published_from: datetime | None,
    published_to: datetime | None,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Reflection]:
    """Published reports, newest first: anyone, signed in or not."""
    where = PublicFilter(
        category_ids=category_ids,
        area_path=await _path(ctx, area_id, "areaId"),
        published_from=aware(ctx, published_from),
        published_to=aware(ctx, published_to),
    )

    async def fetch(seek: Seek[Any], limit: int) -> list[Reflection]:
        keys = seek.map(_cursor)
        found = await ctx.reflections.public(
            where, after=keys.after, before=keys.before, backward=keys.backward, limit=limit
        )
        ctx.reflection_loaders.prime(found)
        return found

    return await paginate(
        fetch,
        lambda r: list(public_key(r)),
        first=first,
        after=after,
        last=last,
        before=before,
        count=lambda: ctx.reflections.count_public(where),
    )


async def reflections(
    ctx: RequestContext,
    args: ReflectionListArgs,
    *,
    sort: ReflectionSort,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Reflection]:
    """Reports the caller may see (published ones too), filtered, in one indexed query."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    scope = ctx.reflection_loaders.scope
    where = await _filter(ctx, args)

    async def fetch(seek: Seek[Any], limit: int) -> list[Reflection]:
        keys = seek.map(_cursor)
        found = await ctx.reflections.reflections(
            where,
            scope,
            sort=sort,
            after=keys.after,
            before=keys.before,
            backward=keys.backward,
            limit=limit,
        )
        ctx.reflection_loaders.prime(found)
        return found

    return await paginate(
        fetch,
        lambda r: list(sort_key(r, sort)),
        first=first,
        after=after,
        last=last,
        before=before,
        count=lambda: ctx.reflections.count(where, scope),
    )


async def _filter(ctx: RequestContext, args: ReflectionListArgs) -> ReflectionFilter:
    if args.search is not None and len(args.search) > MAX_SEARCH:
        raise DomainError(ErrorCode.TOO_LONG, "search is too long", "search")
    phone = None
    if args.reporter_phone is not None:
        # refused outright to anyone but the IOC, whatever matches: no probing by phone
        if not ctx.reflection_loaders.scope.sees_reporters:
            raise Forbidden("Only the IOC filters by reporter")
        phone = clean_phone(args.reporter_phone, field="reporterPhone")
    return ReflectionFilter(
        states=args.states,
        category_ids=args.category_ids,
        agency_path=await _path(ctx, args.agency_id, "agencyId"),
        agency_subtree=args.agency_subtree,
        area_path=await _path(ctx, args.area_id, "areaId"),
        submitted_from=aware(ctx, args.submitted_from),
        submitted_to=aware(ctx, args.submitted_to),
        overdue_at=ctx.now() if args.overdue else None,
        awaiting_answer=args.awaiting_answer,
        channels=args.channels,
        ratings=args.ratings,
        priorities=args.priorities,
        search=args.search,
        reporter_phone=phone,
    )


async def work_queue(
    ctx: RequestContext,
    *,
    agency_id: int,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Assignment]:
    """An agency's open parts (to accept, handle, approve), soonest due first."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    agency = await ctx.loaders.unit_by_id.load(agency_id)
    if agency is None or not permissions.works_in_or_over(ctx.principal, agency.id, agency.path):
        raise Forbidden("Only the agency's staff see its work queue")

    async def fetch(seek: Seek[Any], limit: int) -> list[Assignment]:
        keys = seek.map(_cursor)
        return await ctx.reflections.queue(
            [agency_id], after=keys.after, before=keys.before, backward=keys.backward, limit=limit
        )

    def key(part: Assignment) -> list[Any]:
        return [(part.due_at or FAR_FUTURE).isoformat(), part.id]

    return await paginate(
        fetch,
        key,
        first=first,
        after=after,
        last=last,
        before=before,
        count=lambda: ctx.reflections.count_queue([agency_id]),
    )


async def reports_of(ctx: RequestContext, parts: list[Assignment]) -> dict[int, Reflection]:
    """The reports of agency parts, in one batched load."""
    ids = sorted({part.reflection_id for part in parts})
    found = await ctx.reflection_loaders.reflection_by_id.load_many(ids)
    return {r.id: r for r in found if r is not None}


async def prime_parties(ctx: RequestContext, reports: Iterable[Reflection]) -> None:
    """Work out the parties of several reports in one batch (the field rules reuse them)."""
    await ctx.reflection_loaders.many_parties(list(reports))


async def visible(ctx: RequestContext, ids: list[int]) -> list[Reflection | None]:
    """Reports by id, None where missing or hidden from the caller."""
    loaders = ctx.reflection_loaders
    found = await loaders.reflection_by_id.load_many(ids)
    out: list[Reflection | None] = []
    for reflection in found:
        if reflection is None:
            out.append(None)
            continue
        parties = await loaders.parties(reflection)
        out.append(reflection if permissions.can_view_reflection(ctx.principal, parties) else None)
    return out


async def by_tracking_code(ctx: RequestContext, code: str) -> Reflection | None:
    """The reporter's own report, by the tracking code given at submission."""
    if not code or len(code) > 200:
        return None
    found = await ctx.reflections.by_tracking_hash(digest(code))
    if found is None:
        return None
    ctx.reflection_loaders.tracked.add(found.id)
    ctx.reflection_loaders.prime([found])
    return found


async def categories(ctx: RequestContext) -> list[Category]:
    """The catalog (active entries)."""
    return [c for c in await ctx.reflections.categories() if c.active]


async def likely_duplicates(ctx: RequestContext, reflection_id: int) -> list[LikelyDuplicate]:
    """Reports that look like this one (IOC intake staff).

    The scoring reads the candidates in a unit of work; only their ids and scores leave it
    (its records expire when it closes), and the reports are read again on the request's
    read path, as every other report of the answer is."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    async with ctx.uow() as uow:
        found = await duplicates.likely_duplicates(
            uow=_reflections_uow(uow),
            actor=ctx.principal,
            reflection_id=reflection_id,
            now=ctx.now(),
        )
        ranked = [(d.reflection.id, d.score, d.reasons) for d in found]
    reports = await visible(ctx, [pk for pk, _, _ in ranked])
    return [
        LikelyDuplicate(report, score, reasons)
        for (_, score, reasons), report in zip(ranked, reports, strict=True)
        if report is not None
    ]


def _reflections_uow(uow: object) -> ReflectionUnitOfWork:

    return cast(ReflectionUnitOfWork, uow)
