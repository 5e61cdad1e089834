"""Where a field report may be, through the API: inside the province's boundary whether or
not a commune is named, and a named commune must be a commune near the place."""

from __future__ import annotations

from typing import Any

import pytest

from govgraph.container import Container
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world, submit
from tests.factories import Api

DA_NANG = {"latitude": 16.05, "longitude": 108.2}  # inside the province's old bounding box


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


def refusals(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


@pytest.mark.parametrize("commune", [None, "HUE-PHUHOI"])
async def test_a_place_in_da_nang_is_outside_the_province(
    world: ReflectionWorld, commune: str | None
) -> None:
    changes = DA_NANG | ({"communeId": world.unit(commune)} if commune else {})
    payload = await submit(world, **changes)
    assert refusals(payload) == [("OUTSIDE_PROVINCE", "latitude")]
    assert payload["reflection"] is None


async def test_a_department_is_not_a_commune(world: ReflectionWorld) -> None:
    payload = await submit(world, communeId=world.unit("SNV"))
    assert refusals(payload) == [("INVALID_INPUT", "communeId")]


async def test_the_commune_named_must_be_near(world: ReflectionWorld) -> None:
    far = await submit(world, communeId=world.unit("PD-PHONGTHU"), latitude=16.27, longitude=107.87)
    assert refusals(far) == [("INVALID_INPUT", "communeId")]  # Phú Lộc is 60 km from Phong Thu
    near = await submit(world, communeId=world.unit("HUE-PHUHOI"))
    assert near["errors"] == []
    assert near["reflection"]["commune"] == {"code": "HUE-PHUHOI"}


async def test_places_across_the_province_are_inside(world: ReflectionWorld) -> None:
    # A Lưới, Lăng Cô: inside, though no commune of this small world is placed near them
    for latitude, longitude in ((16.27, 107.23), (16.24, 108.07)):
        payload = await submit(world, latitude=latitude, longitude=longitude)
        assert refusals(payload) == [("INVALID_INPUT", "communeId")]
    inside = await submit(world, latitude=16.62, longitude=107.33)  # Phong Thu
    assert inside["reflection"]["commune"] == {"code": "PD-PHONGTHU"}
