"""Likely duplicates for intake staff: same reporter, similar text, nearby place, recent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.errors import Forbidden, NotFound
from domain.permissions import Principal, is_reflection_ioc
from domain.reflections import places
from domain.reflections.model import Reflection
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.transitions import load, parties_of
from domain.text import fold

RECENT = timedelta(days=14)
NEARBY_METRES = 300.0
THRESHOLD = 0.5


class DuplicateReason(StrEnum):
    """Why two reports look like one."""

    SAME_REPORTER = "SAME_REPORTER"
    SIMILAR_TEXT = "SIMILAR_TEXT"
    NEARBY = "NEARBY"


@dataclass(frozen=True)
class LikelyDuplicate:
    """Another report, how alike it is (0..1) and why."""

    reflection: Reflection
    score: float
    reasons: tuple[DuplicateReason, ...]


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the folded words (3 letters or more) of two texts."""
    wa = {w for w in fold(a).split() if len(w) >= 3}
    wb = {w for w in fold(b).split() if len(w) >= 3}
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def score(report: Reflection, other: Reflection) -> LikelyDuplicate:
    """How likely `other` duplicates `report`."""
    reasons: list[DuplicateReason] = []
    total = 0.0
    same = (
        report.reporter_phone == other.reporter_phone
        or report.reporter_email == other.reporter_email
        or (
            report.reporter_account_id is not None
            and report.reporter_account_id == other.reporter_account_id
        )
    )
    if same:
        reasons.append(DuplicateReason.SAME_REPORTER)
        total += 0.4
    text = similarity(report.content, other.content)
    if text >= 0.3:
        reasons.append(DuplicateReason.SIMILAR_TEXT)
    total += 0.4 * text
    km = places.distance_km((report.latitude, report.longitude), (other.latitude, other.longitude))
    if km * 1000 <= NEARBY_METRES:
        reasons.append(DuplicateReason.NEARBY)
        total += 0.2
    return LikelyDuplicate(other, round(min(total, 1.0), 3), tuple(reasons))


async def likely_duplicates(
    *, uow: ReflectionUnitOfWork, actor: Principal, reflection_id: int, now: datetime
) -> list[LikelyDuplicate]:
    """Reports of the last 14 days that look like this one, most alike first (IOC only)."""
    report = await load(uow, reflection_id, None)
    parties = await parties_of(uow, report, await uow.reflections.assignments_of(report.id))
    if not is_reflection_ioc(actor, parties):
        if parties.published:
            raise Forbidden("Only the IOC checks duplicates")
        raise NotFound("Report", "id")
    candidates = await uow.reflections.duplicate_candidates(
        since=min(report.submitted_at, now) - RECENT,
        exclude_id=report.id,
        phone=report.reporter_phone,
        email=report.reporter_email,
        account_id=report.reporter_account_id,
        box=places.box_around(report.latitude, report.longitude, NEARBY_METRES),
        limit=200,
    )
    found = [score(report, other) for other in candidates]
    likely = [d for d in found if d.score >= THRESHOLD]
    return sorted(likely, key=lambda d: (-d.score, -d.reflection.id))[:20]
