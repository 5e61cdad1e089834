"""The demo's communes sit at their real centres: the README's and the client examples' Huế
coordinates resolve to a Huế ward, A Lưới's to an A Lưới commune, Phú Lộc's to Phú Lộc."""

from __future__ import annotations

from collections import defaultdict
from statistics import mean

import pytest

from domain.reflections.model import CommunePoint
from domain.reflections.places import HUE, distance_km, nearest_commune
from govgraph.demo.build import build_demo
from govgraph.demo.places import commune_point
from govgraph.demo.reflections import build_demo_reflections
from tests.conftest import NOW

# (latitude, longitude) of places people know, and the district code their commune has
PLACES = [
    ((16.4637, 107.5909), "HUE"),  # README, client-examples/mobile: the centre of Huế
    ((16.4674, 107.5905), "HUE"),  # Trường Tiền bridge
    ((16.4698, 107.5786), "HUE"),  # the Citadel
    ((16.5560, 107.6390), "HUE"),  # Thuận An beach
    ((16.2833, 107.2333), "ALUOI"),  # thị trấn A Lưới
    ((16.2167, 107.2667), "ALUOI"),  # Hồng Thái, A Lưới
    ((16.2750, 107.8800), "PLOC"),  # thị trấn Phú Lộc
    ((16.2400, 108.0650), "PLOC"),  # Lăng Cô
    ((16.1700, 107.7200), "NDONG"),  # Khe Tre, Nam Đông
    ((16.4000, 107.7000), "HTHUY"),  # Phú Bài airport
    ((16.5800, 107.5000), "QDIEN"),  # thị trấn Sịa
    ((16.5600, 107.3700), "PDIEN"),  # thị trấn Phong Điền
]


@pytest.fixture(scope="module")
def points() -> tuple[list[CommunePoint], dict[int, str]]:
    demo = build_demo(scale=1, bases={})
    reports = build_demo_reflections(demo, scale=1, now=NOW, bases={})
    codes = {u["id"]: u["code"] for u in demo.rows["org_units"]}
    names = {u["id"]: u["name"] for u in demo.rows["org_units"]}
    parents = {u["id"]: u["parent_id"] for u in demo.rows["org_units"]}
    found = [
        CommunePoint(row["unit_id"], row["latitude"], row["longitude"])
        for row in reports.rows["commune_points"]
    ]
    for point in found:  # the table gives each commune's centre, by district and name
        district = codes[parents[point.unit_id]]
        centre = commune_point(district, names[point.unit_id])
        assert centre == (point.latitude, point.longitude), names[point.unit_id]
    return found, codes


def test_every_open_commune_has_its_centre_inside_the_province(
    points: tuple[list[CommunePoint], dict[int, str]],
) -> None:
    found, codes = points
    assert len(found) == 139
    for point in found:
        assert HUE.contains(point.latitude, point.longitude), codes[point.unit_id]
    by_district: dict[str, list[CommunePoint]] = defaultdict(list)
    for point in found:
        by_district[codes[point.unit_id].split("-")[0]].append(point)
    assert len(by_district) == 9
    for district, members in by_district.items():  # no commune placed in another district
        middle = (mean(p.latitude for p in members), mean(p.longitude for p in members))
        for p in members:
            assert distance_km(middle, (p.latitude, p.longitude)) < 30, codes[p.unit_id]
        assert len({(p.latitude, p.longitude) for p in members}) == len(members), district


@pytest.mark.parametrize(("place", "district"), PLACES)
def test_known_places_resolve_to_their_district(
    points: tuple[list[CommunePoint], dict[int, str]],
    place: tuple[float, float],
    district: str,
) -> None:
    found, codes = points
    commune = codes[nearest_commune(found, *place)]
    assert commune.startswith(f"{district}-"), (place, commune)


def test_scale_copies_sit_on_their_original() -> None:
    phu_hoi = commune_point("UBND-HUE", "Ủy ban nhân dân phường Phú Hội")
    assert phu_hoi == (16.4650, 107.5970)
    assert commune_point("UBND-HUE-2", "Ủy ban nhân dân phường Phú Hội (mô phỏng 2)") == phu_hoi
    assert commune_point("UBND-NOWHERE", "Ủy ban nhân dân xã Không Có") is None
