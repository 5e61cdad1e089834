"""Where a report happened: inside the province's boundary, resolved to (or checked against)
a commune of the org tree."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from domain.errors import DomainError, ErrorCode
from domain.reflections.model import CommunePoint

Point = tuple[float, float]
"""(latitude, longitude) in degrees."""

THUA_THIEN_HUE: tuple[Point, ...] = (
    # coast, from the Quảng Trị border (Phong Điền) south-east to the Hải Vân cape
    (16.75, 107.38),
    (16.70, 107.46),
    (16.65, 107.54),
    (16.59, 107.63),  # Thuận An
    (16.52, 107.74),
    (16.45, 107.84),
    (16.40, 107.95),
    (16.34, 108.05),  # Chân Mây
    (16.30, 108.07),
    (16.27, 108.11),  # Lăng Cô
    (16.23, 108.17),
    (16.21, 108.22),  # the Hải Vân cape, the easternmost point
    # the Hải Vân range and the hills: Đà Nẵng, then Quảng Nam, westwards
    (16.19, 108.13),  # Hải Vân pass
    (16.16, 108.05),
    (16.13, 107.95),
    (16.08, 107.86),
    (16.03, 107.76),
    (15.99, 107.64),  # Nam Đông, the southernmost
    (16.01, 107.50),
    (16.04, 107.38),
    # Laos, west of A Lưới, northwards
    (16.10, 107.27),
    (16.18, 107.16),
    (16.26, 107.08),
    (16.35, 107.02),  # the westernmost
    # Quảng Trị (Đakrông, Hải Lăng), north-east back to the coast
    (16.43, 107.06),
    (16.48, 107.14),
    (16.53, 107.19),
    (16.58, 107.22),
    (16.64, 107.24),
    (16.71, 107.28),  # the coast at Điền Hương, by the Quảng Trị border
)
"""A simplified boundary of Thừa Thiên Huế (Huế city since 2025), a few kilometres out to
sea along the coast, so that beaches and the lagoons' shores are inside."""


@dataclass(frozen=True)
class ProvinceArea:
    """The province's boundary: a polygon of (latitude, longitude) vertices."""

    boundary: tuple[Point, ...] = THUA_THIEN_HUE

    def contains(self, latitude: float, longitude: float) -> bool:
        """True inside the boundary (even-odd rule on a ray towards the east)."""
        inside = False
        vertices = self.boundary
        for (lat1, lon1), (lat2, lon2) in zip(vertices, vertices[1:] + vertices[:1], strict=True):
            if (lat1 > latitude) != (lat2 > latitude):
                crossing = lon1 + (latitude - lat1) * (lon2 - lon1) / (lat2 - lat1)
                if longitude < crossing:
                    inside = not inside
        return inside


HUE = ProvinceArea()
MAX_COMMUNE_KM = 25.0


def check_inside(area: ProvinceArea, latitude: float, longitude: float) -> None:
    """OUTSIDE_PROVINCE unless the point lies in the province."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)) or not area.contains(
        latitude, longitude
    ):
        raise DomainError(
            ErrorCode.OUTSIDE_PROVINCE,
            "The location is outside the province; reports are received for places in it",
            "latitude",
        )


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def check_near_commune(
    points: Sequence[CommunePoint], commune_id: int, latitude: float, longitude: float
) -> None:
    """INVALID_INPUT when the named commune is placed and the point lies farther from it than
    a commune spans (25 km); an unplaced commune is only held to the province's boundary."""
    for point in points:
        if point.unit_id != commune_id:
            continue
        if distance_km((latitude, longitude), (point.latitude, point.longitude)) > MAX_COMMUNE_KM:
            raise DomainError(
                ErrorCode.INVALID_INPUT,
                "The location is far from the commune named; check the commune or the map",
                "communeId",
            )


def nearest_commune(points: Sequence[CommunePoint], latitude: float, longitude: float) -> int:
    """The commune whose centre is nearest to the point (within 25 km), else INVALID_INPUT."""
    best: tuple[float, int] | None = None
    for point in points:
        km = distance_km((latitude, longitude), (point.latitude, point.longitude))
        if best is None or km < best[0]:
            best = (km, point.unit_id)
    if best is None or best[0] > MAX_COMMUNE_KM:
        raise DomainError(
            ErrorCode.INVALID_INPUT, "No commune is known near this place; name it", "communeId"
        )
    return best[1]


Box = tuple[float, float, float, float]


def box_around(latitude: float, longitude: float, metres: float) -> Box:
    """(min lat, max lat, min lon, max lon) of a square `metres` around the point."""
    dlat = metres / 111_320
    dlon = metres / (111_320 * max(math.cos(math.radians(latitude)), 0.01))
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon
