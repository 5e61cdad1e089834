"""In-memory fake of the field-report repository, and a unit of work that reaches it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from domain.notifications.model import ReporterMessage
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
from domain.reflections.uploads import MediaUpload
from tests.unit.fakes import FakeUnitOfWork, _store


@dataclass
class FakeReflections:
    """domain.reflections.ports.ReflectionRepository in memory."""

    reflections: dict[int, Reflection] = field(default_factory=dict)
    assignments: list[Assignment] = field(default_factory=list)
    events: list[ReflectionEvent] = field(default_factory=list)
    categories: dict[int, Category] = field(default_factory=dict)
    category_entries: list[CategoryAgency] = field(default_factory=list)
    points: list[CommunePoint] = field(default_factory=list)
    focals: dict[int, AgencyFocal] = field(default_factory=dict)
    questions: dict[int, Question] = field(default_factory=dict)

    async def get(self, reflection_id: int) -> Reflection | None:
        return self.reflections.get(reflection_id)

    async def by_tracking_hash(self, tracking_hash: str) -> Reflection | None:
        return next(
            (r for r in self.reflections.values() if r.tracking_hash == tracking_hash), None
        )

    async def add(self, reflection: Reflection) -> Reflection:
        self.reflections[_store(reflection).id] = reflection
        return reflection

    async def touch(self, reflection: Reflection) -> None:
        reflection.version += 1

    async def current_version(self, reflection_id: int) -> int | None:
        found = self.reflections.get(reflection_id)
        return found.version if found else None

    async def assignments_of(self, reflection_id: int) -> list[Assignment]:
        return [a for a in self.assignments if a.reflection_id == reflection_id]

    async def add_assignment(self, assignment: Assignment) -> Assignment:
        self.assignments.append(_store(assignment))
        return assignment

    async def add_event(self, event: ReflectionEvent) -> None:
        self.events.append(_store(event))

    async def get_category(self, category_id: int) -> Category | None:
        return self.categories.get(category_id)

    async def add_category(self, category: Category) -> Category:
        self.categories[_store(category).id] = category
        return category

    async def category_by_code(self, code: str) -> Category | None:
        return next((c for c in self.categories.values() if c.code == code), None)

    async def set_category_agencies(self, category_id: int, entries: list[CategoryAgency]) -> None:
        kept = [e for e in self.category_entries if e.category_id != category_id]
        self.category_entries = kept + [_store(e) for e in entries]

    async def add_category_agency(self, entry: CategoryAgency) -> None:
        self.category_entries.append(_store(entry))

    async def category_agencies(self, category_id: int) -> list[CategoryAgency]:
        return [e for e in self.category_entries if e.category_id == category_id]

    async def commune_points(self) -> list[CommunePoint]:
        return list(self.points)

    async def add_commune_point(self, point: CommunePoint) -> None:
        self.points.append(point)

    async def save_commune_point(self, point: CommunePoint) -> None:
        self.points = [p for p in self.points if p.unit_id != point.unit_id] + [point]

    async def focal(self, agency_unit_id: int) -> AgencyFocal | None:
        return self.focals.get(agency_unit_id)

    async def save_focal(self, focal: AgencyFocal) -> None:
        self.focals[focal.agency_unit_id] = focal

    async def add_question(self, question: Question) -> Question:
        self.questions[_store(question).id] = question
        return question

    async def get_question(self, question_id: int) -> Question | None:
        return self.questions.get(question_id)

    async def count_questions(self, reflection_id: int) -> int:
        return sum(1 for q in self.questions.values() if q.reflection_id == reflection_id)

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
        found = []
        for r in self.reflections.values():
            if r.id == exclude_id or r.submitted_at < since:
                continue
            same = (
                r.reporter_phone == phone
                or r.reporter_email == email
                or (account_id is not None and r.reporter_account_id == account_id)
            )
            inside = box[0] <= r.latitude <= box[1] and box[2] <= r.longitude <= box[3]
            if same or inside:
                found.append(r)
        return found[:limit]

    async def due_in_states(
        self, states: Sequence[ReflectionState], now: datetime, limit: int
    ) -> list[int]:
        due = [
            r
            for r in self.reflections.values()
            if r.state in states and r.step_due is not None and r.step_due <= now
        ]
        return [r.id for r in sorted(due, key=lambda r: (r.step_due, r.id))][:limit]

    def events_of(self, reflection_id: int) -> list[ReflectionEvent]:
        """The timeline of one report, in order (a test helper, not part of the port)."""
        return [e for e in self.events if e.reflection_id == reflection_id]


@dataclass
class FakeMediaUploads:
    """domain.reflections.uploads.MediaUploadRepository in memory."""

    uploads: dict[str, MediaUpload] = field(default_factory=dict)

    async def add(self, upload: MediaUpload) -> None:
        self.uploads[upload.key] = upload

    async def get(self, key: str) -> MediaUpload | None:
        return self.uploads.get(key)

    async def get_many(self, keys: Sequence[str]) -> dict[str, MediaUpload]:
        return {k: self.uploads[k] for k in keys if k in self.uploads}

    async def count_from(self, client_address: str, since: datetime) -> int:
        return sum(
            1
            for u in self.uploads.values()
            if u.client_address == client_address and u.uploaded_at > since
        )

    async def nth_from(self, client_address: str, since: datetime, n: int) -> datetime | None:
        times = sorted(
            u.uploaded_at
            for u in self.uploads.values()
            if u.client_address == client_address and u.uploaded_at > since
        )
        return times[n - 1] if len(times) >= n else None

    async def hold_address(self, client_address: str) -> None:
        return None

    async def attach(self, keys: Sequence[str], reflection_id: int) -> int:
        free = [k for k in keys if k in self.uploads and self.uploads[k].reflection_id is None]
        for key in free:
            self.uploads[key] = replace(self.uploads[key], reflection_id=reflection_id)
        return len(free)

    async def expire_unattached(self, before: datetime, limit: int) -> list[str]:
        stale = sorted(
            k for k, u in self.uploads.items() if u.reflection_id is None and u.uploaded_at < before
        )[:limit]
        for key in stale:
            del self.uploads[key]
        return stale


@dataclass
class FakeReporterMessages:
    """domain.notifications.reporter_messages.ReporterMessageRepository in memory."""

    messages: list[ReporterMessage] = field(default_factory=list)

    async def add(self, message: ReporterMessage) -> None:
        message.id = len(self.messages) + 1
        self.messages.append(message)


@dataclass
class FakeReflectionUnitOfWork(FakeUnitOfWork):
    reflections: FakeReflections = field(default_factory=FakeReflections)
    media: FakeMediaUploads = field(default_factory=FakeMediaUploads)
    reporter_messages: FakeReporterMessages = field(default_factory=FakeReporterMessages)
