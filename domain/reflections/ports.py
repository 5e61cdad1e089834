"""Storage ports of the field reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from domain.notifications.ports import NotificationRepository
from domain.notifications.reporter_messages import ReporterMessageRepository
from domain.ports import UnitOfWork
from domain.reflections.model import (
    AgencyFocal,
    Assignment,
    Category,
    CategoryAgency,
    CommunePoint,
    Question,
    Reflection,
    ReflectionEvent,
    ReflectionState,
)
from domain.reflections.uploads import MediaUploadRepository


class ReflectionRepository(Protocol):
    """Reports, agencies' parts, events, questions, the catalog and the focal persons."""

    async def get(self, reflection_id: int) -> Reflection | None: ...
    async def by_tracking_hash(self, tracking_hash: str) -> Reflection | None: ...
    async def add(self, reflection: Reflection) -> Reflection: ...
    async def touch(self, reflection: Reflection) -> None:
        """Mark the report changed, so its version moves on even when no column did."""
        ...

    async def current_version(self, reflection_id: int) -> int | None:
        """The committed version, read afresh (not from this unit of work's cache)."""
        ...

    async def assignments_of(self, reflection_id: int) -> list[Assignment]: ...
    async def add_assignment(self, assignment: Assignment) -> Assignment: ...
    async def add_event(self, event: ReflectionEvent) -> None: ...
    async def get_category(self, category_id: int) -> Category | None: ...
    async def add_category(self, category: Category) -> Category: ...
    async def category_by_code(self, code: str) -> Category | None: ...
    async def set_category_agencies(
        self, category_id: int, entries: list[CategoryAgency]
    ) -> None: ...
    async def add_category_agency(self, entry: CategoryAgency) -> None: ...
    async def category_agencies(self, category_id: int) -> list[CategoryAgency]: ...
    async def commune_points(self) -> list[CommunePoint]: ...
    async def add_commune_point(self, point: CommunePoint) -> None: ...
    async def save_commune_point(self, point: CommunePoint) -> None:
        """Place the commune, replacing a point it had."""

    async def focal(self, agency_unit_id: int) -> AgencyFocal | None: ...
    async def save_focal(self, focal: AgencyFocal) -> None: ...
    async def add_question(self, question: Question) -> Question: ...
    async def get_question(self, question_id: int) -> Question | None: ...
    async def count_questions(self, reflection_id: int) -> int: ...
    async def duplicate_candidates(
        self,
        *,
        since: datetime,
        exclude_id: int,
        phone: str,
        email: str,
        account_id: int | None,
        box: tuple[float, float, float, float],
        limit: int,
    ) -> list[Reflection]:
        """Reports since `since` from the same reporter or inside the (lat, lat, lon, lon) box."""
        ...

    async def due_in_states(
        self, states: Sequence[ReflectionState], now: datetime, limit: int
    ) -> list[int]:
        """Ids of reports in `states` whose step was due at or before `now`, oldest due first,
        locked for this unit of work (skipping reports another worker holds)."""
        ...


class ReflectionUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that also reaches the field reports."""

    reflections: ReflectionRepository
    notifications: NotificationRepository
    media: MediaUploadRepository
    reporter_messages: ReporterMessageRepository
