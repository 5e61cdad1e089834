"""The read port of the field reports: the public list, staff lists, work queues, batches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from domain.permissions import ReflectionScope
from domain.reflections.model import (
    Assignment,
    Category,
    Channel,
    Question,
    Rating,
    Reflection,
    ReflectionEvent,
    ReflectionPriority,
    ReflectionState,
)


class ReflectionSort(StrEnum):
    """Orders of staff lists."""

    NEWEST = "NEWEST"
    DUE = "DUE"


FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)
Key = tuple[str, int]


def sort_key(reflection: Reflection, sort: ReflectionSort) -> Key:
    """The keyset position of a report in a staff list (the `after` of the next page)."""
    if sort is ReflectionSort.NEWEST:
        return (reflection.submitted_at.isoformat(), reflection.id)
    return ((reflection.step_due or FAR_FUTURE).isoformat(), reflection.id)


def public_key(reflection: Reflection) -> Key:
    """The keyset position of a report in the public list (newest published first)."""
    return ((reflection.published_at or FAR_FUTURE).isoformat(), reflection.id)


@dataclass(frozen=True)
class PublicFilter:
    """What the public list shows (published reports only, whatever is asked)."""

    category_ids: tuple[int, ...] = ()
    area_path: str | None = None
    published_from: datetime | None = None
    published_to: datetime | None = None


@dataclass(frozen=True)
class ReflectionFilter:
    """What a staff list shows (always inside the caller's ReflectionScope)."""

    states: tuple[ReflectionState, ...] = ()
    category_ids: tuple[int, ...] = ()
    agency_path: str | None = None
    agency_subtree: bool = True
    area_path: str | None = None
    submitted_from: datetime | None = None
    submitted_to: datetime | None = None
    overdue_at: datetime | None = None
    awaiting_answer: bool = False  # a follow-up question not yet answered
    channels: tuple[Channel, ...] = ()
    ratings: tuple[Rating, ...] = ()
    priorities: tuple[ReflectionPriority, ...] = ()
    search: str | None = None
    reporter_phone: str | None = None


class ReflectionReader(Protocol):
    """Read-only queries; each method is one SQL statement."""

    async def public(
        self,
        where: PublicFilter,
        *,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[Reflection]:
        """Newest publication first; a page between two keys, either way (domain.paging)."""
        ...

    async def count_public(self, where: PublicFilter) -> int: ...
    async def reflections(
        self,
        where: ReflectionFilter,
        scope: ReflectionScope,
        *,
        sort: ReflectionSort,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[Reflection]:
        """In the sort's order; a page between two keys, either way."""
        ...

    async def count(self, where: ReflectionFilter, scope: ReflectionScope) -> int: ...
    async def queue(
        self,
        agency_ids: Sequence[int],
        *,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[Assignment]:
        """Soonest due first; a page between two keys, either way."""
        ...

    async def count_queue(self, agency_ids: Sequence[int]) -> int: ...
    async def by_ids(self, ids: Sequence[int]) -> list[Reflection]: ...
    async def assignments_of(self, ids: Sequence[int]) -> list[Assignment]: ...
    async def events_of(self, ids: Sequence[int]) -> list[ReflectionEvent]: ...
    async def questions_of(self, ids: Sequence[int]) -> list[Question]: ...
    async def categories(self) -> list[Category]: ...
    async def by_tracking_hash(self, tracking_hash: str) -> Reflection | None: ...
