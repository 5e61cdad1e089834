"""Where a report happened: inside the province, resolved to a commune of the org tree."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from domain.errors import DomainError, ErrorCode
from domain.reflections.model import CommunePoint


@dataclass(frozen=True)
class ProvinceArea:
    """The province's bounding box (default: Thừa Thiên Huế / Huế city)."""

    min_latitude: float = 15.95
    max_latitude: float = 16.80
    min_longitude: float = 107.00
    max_longitude: float = 108.25

    def contains(self, latitude: float, longitude: float) -> bool:
        """True inside the box."""
        return (
            self.min_latitude <= latitude <= self.max_latitude
            and self.min_longitude <= longitude <= self.max_longitude
        )


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
