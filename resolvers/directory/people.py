"""Queries on persons, with the row and field rules of PERMISSIONS.md."""

from __future__ import annotations

from dataclasses import replace

from domain import permissions
from domain.errors import DomainError, ErrorCode, Unauthenticated
from domain.paging import Seek
from domain.people.model import Person
from domain.reading import PeopleFilter
from resolvers.context import RequestContext
from resolvers.pagination import Page, paginate

MAX_PEOPLE_SEARCH = 100


def require_staff(ctx: RequestContext) -> None:
    """The directory of persons is for signed-in staff."""
    if not permissions.can_view_work_contact(ctx.principal):
        raise Unauthenticated


async def person(ctx: RequestContext, person_id: int) -> Person | None:
    """A person, for signed-in staff (integrators: inside their scope)."""
    require_staff(ctx)
    return await visible(ctx, await ctx.loaders.person_by_id.load(person_id))


async def visible(ctx: RequestContext, subject: Person | None) -> Person | None:
    """The person when the caller may read them, else None."""
    if subject is None or not await sees_work_contact(ctx, subject):
        return None
    return subject


async def people(
    ctx: RequestContext,
    *,
    search: str | None,
    unit_id: int | None,
    include_subtree: bool,
    include_inactive: bool,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Person]:
    """Persons by name (diacritics ignored), in a unit or its whole subtree."""
    require_staff(ctx)
    if search is not None and len(search) > MAX_PEOPLE_SEARCH:
        raise DomainError(
            ErrorCode.TOO_LONG, f"search is longer than {MAX_PEOPLE_SEARCH} characters", "search"
        )
    scope = permissions.person_scope(ctx.principal)
    within = None if scope is None else tuple((g.unit_path, g.include_subtree) for g in scope)
    where = PeopleFilter(search=search, include_inactive=include_inactive, within=within)
    if unit_id is not None:
        unit = await ctx.loaders.unit_by_id.load(unit_id)
        if unit is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "unitId")
        where = (
            replace(where, unit_path=unit.path)
            if include_subtree
            else replace(where, unit_id=unit.id)
        )

    async def fetch(seek: Seek[list[object]], limit: int) -> list[Person]:
        keys = seek.map(lambda key, _field: (str(key[0]), int(str(key[1]))))
        return await ctx.reader.people(
            where, after=keys.after, before=keys.before, backward=keys.backward, limit=limit
        )

    async def count() -> int:
        return await ctx.reader.count_people(where)

    return await paginate(
        fetch,
        lambda p: [p.search_name, p.id],
        first=first,
        after=after,
        last=last,
        before=before,
        count=count,
        shape=(str, int),
    )


async def _unit_path(ctx: RequestContext, subject: Person) -> str | None:
    unit = await ctx.loaders.unit_by_id.load(subject.unit_id) if subject.unit_id else None
    return unit.path if unit else None


async def sees_private_fields(ctx: RequestContext, subject: Person) -> bool:
    """Full birth date, home address, personal phone, civil-servant code, ID photo."""
    return permissions.can_view_private_person_fields(
        ctx.principal, person_id=subject.id, person_unit_path=await _unit_path(ctx, subject)
    )


async def sees_people(ctx: RequestContext, _subject: object = None) -> bool:
    """Whether the caller may read persons at all (before knowing which one)."""
    return permissions.can_view_work_contact(ctx.principal)


async def sees_work_contact(ctx: RequestContext, subject: Person) -> bool:
    """Name, position, work phone and email, unit of this person."""
    if permissions.person_scope(ctx.principal) is None:  # no need to look up the unit
        return permissions.can_view_work_contact(ctx.principal)
    return permissions.can_view_person(
        ctx.principal, person_unit_path=await _unit_path(ctx, subject)
    )


async def sees_birthday(ctx: RequestContext, _subject: Person) -> bool:
    """Colleagues see day and month."""
    return permissions.can_view_birthday(ctx.principal)
