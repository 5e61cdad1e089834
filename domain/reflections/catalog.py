"""The configurable catalog of report categories and their default handling agencies."""

from __future__ import annotations

from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden
from domain.org.model import UnitStatus
from domain.permissions import can_manage_reflection_catalog
from domain.reflections import places
from domain.reflections.commands import SaveCategory, SetCommunePoint
from domain.reflections.model import Category, CategoryAgency, CommunePoint
from domain.reflections.ports import ReflectionUnitOfWork
from domain.text import clean_code, clean_text

MAX_DEFAULTS = 200


@handles(SaveCategory)
async def save_category(
    uow: ReflectionUnitOfWork, caller: Caller, command: SaveCategory
) -> Category:
    """Create or update the entry with this code, replacing its default agencies."""
    actor = caller.actor
    entry = command.entry
    if not can_manage_reflection_catalog(actor):
        raise Forbidden("Only the province's IOC operators and admins edit the catalog")
    code = clean_code(entry.code)
    name = clean_text(entry.name, field="name", max_length=255, required=True)
    if len(entry.defaults) > MAX_DEFAULTS:
        raise DomainError(ErrorCode.INVALID_INPUT, "Too many default agencies", "defaultAgencies")
    ids = sorted({u for pair in entry.defaults for u in pair if u is not None})
    found = {u.id: u for u in await uow.units.get_many(ids)}
    for unit_id in ids:
        unit = found.get(unit_id)
        if unit is None or unit.status is not UnitStatus.ACTIVE:
            raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "defaultAgencies")
    category = await uow.reflections.category_by_code(code)
    if category is None:
        category = await uow.reflections.add_category(Category(code, name))
    category.name, category.urgent, category.sensitive = name, entry.urgent, entry.sensitive
    category.active = entry.active
    await uow.reflections.set_category_agencies(
        category.id,
        [
            CategoryAgency(category.id, agency, area)
            for agency, area in dict.fromkeys(entry.defaults)
        ],
    )
    return category


@handles(SetCommunePoint)
async def set_commune_point(
    uow: ReflectionUnitOfWork, caller: Caller, command: SetCommunePoint
) -> CommunePoint:
    """Where a commune lies: reports given by coordinates resolve to the nearest commune."""
    actor = caller.actor
    commune_id, latitude, longitude, area = (
        command.commune_id,
        command.latitude,
        command.longitude,
        command.area,
    )
    if not can_manage_reflection_catalog(actor):
        raise Forbidden("Only the province's IOC operators and admins place communes")
    unit = await uow.units.get(commune_id)
    if unit is None or unit.status is not UnitStatus.ACTIVE:
        raise DomainError(ErrorCode.NOT_FOUND, "Commune not found", "communeId")
    if unit.level_code != "COMMUNE":
        raise DomainError(ErrorCode.INVALID_INPUT, "The unit is not a commune", "communeId")
    places.check_inside(area, latitude, longitude)
    point = CommunePoint(unit.id, latitude, longitude)
    await uow.reflections.save_commune_point(point)
    return point
