"""Where a report may be: inside Thừa Thiên Huế's boundary (not its bounding box), in the
commune named when one is named, and that commune a commune."""

from __future__ import annotations

import pytest

from domain.errors import DomainError, ErrorCode
from domain.reflections import places
from tests.unit.reflection_world import World, build_world


@pytest.fixture
async def world() -> World:
    return await build_world()


@pytest.mark.parametrize(
    ("place", "latitude", "longitude", "inside"),
    [
        ("Huế city", 16.46, 107.59, True),
        ("A Lưới", 16.27, 107.23, True),
        ("Phú Lộc", 16.27, 107.87, True),
        ("Lăng Cô", 16.24, 108.07, True),
        ("Thuận An beach", 16.56, 107.64, True),
        ("Phong Điền", 16.58, 107.35, True),
        ("Nam Đông", 16.15, 107.70, True),
        ("Đà Nẵng city, inside the old box", 16.05, 108.20, False),
        ("Đà Nẵng, Liên Chiểu", 16.08, 108.15, False),
        ("Quảng Trị town", 16.75, 107.19, False),
        ("Laos, Salavan", 16.30, 106.90, False),
        ("Quảng Nam, Tây Giang", 15.90, 107.50, False),
        ("the sea off Phú Vang", 16.60, 107.80, False),
        ("Hà Nội", 21.03, 105.85, False),
    ],
)
def test_the_province_is_its_boundary(
    place: str, latitude: float, longitude: float, inside: bool
) -> None:
    assert places.HUE.contains(latitude, longitude) is inside, place


@pytest.mark.parametrize("commune", [None, "PH"])
async def test_a_place_in_da_nang_is_outside_with_or_without_a_commune(
    world: World, commune: str | None
) -> None:
    commune_id = world.units[commune] if commune else None
    with pytest.raises(DomainError) as refused:
        await world.submit(latitude=16.05, longitude=108.2, commune_id=commune_id)
    assert (refused.value.code, refused.value.field) == (ErrorCode.OUTSIDE_PROVINCE, "latitude")
    assert world.uow.reflections.reflections == {}


async def test_a_department_is_no_commune(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        await world.submit(commune_id=world.units["SXD"])
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID_INPUT, "communeId")
    assert world.uow.reflections.reflections == {}


async def test_the_commune_named_must_be_near_the_place(world: World) -> None:
    with pytest.raises(DomainError) as refused:  # A Lưới is 40 km from Phú Hội
        await world.submit(latitude=16.27, longitude=107.23, commune_id=world.units["PH"])
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID_INPUT, "communeId")
    report, _ = await world.submit(commune_id=world.units["VN"])  # Vĩnh Ninh, next door
    assert report.commune_unit_id == world.units["VN"]
