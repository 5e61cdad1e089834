"""The field-report repository."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

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
from persistence import reflection_tables as rt
from persistence.projections.changes import ReflectionBefore
from persistence.reflection_feed import cell_of_report
from persistence.reflection_stats_rollup import records

R, RA = rt.reflections.c, rt.reflection_assignments.c


class SqlReflectionRepository:
    """ReflectionRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.before: dict[int, ReflectionBefore] = {}
        """Every report handed out, as stored when loaded (the projections diff against it)."""

    async def get(self, reflection_id: int) -> Reflection | None:
        return await self._noted(await self.session.get(Reflection, reflection_id))

    async def by_tracking_hash(self, tracking_hash: str) -> Reflection | None:
        found = await self.session.scalars(
            select(Reflection).where(R.tracking_hash == tracking_hash)
        )
        return await self._noted(found.first())

    async def add(self, reflection: Reflection) -> Reflection:
        self.session.add(reflection)
        await self.session.flush()
        self.before.setdefault(reflection.id, ReflectionBefore(None, None))
        return reflection

    async def _noted(self, reflection: Reflection | None) -> Reflection | None:
        """Remember a report as stored the first time it is handed out."""
        if reflection is None or reflection.id in self.before:
            return reflection
        rid = reflection.id
        stored = await self.session.run_sync(lambda s: records(s.connection(), [rid]))
        self.before[rid] = ReflectionBefore(stored.get(rid), cell_of_report(reflection))
        return reflection

    async def touch(self, reflection: Reflection) -> None:
        flag_modified(reflection, "state")

    async def current_version(self, reflection_id: int) -> int | None:
        query = select(R.version).where(R.id == reflection_id)
        found = (await self.session.execute(query)).scalar_one_or_none()
        return None if found is None else int(found)

    async def assignments_of(self, reflection_id: int) -> list[Assignment]:
        found = await self.session.scalars(
            select(Assignment).where(RA.reflection_id == reflection_id).order_by(RA.id)
        )
        return list(found)

    async def add_assignment(self, assignment: Assignment) -> Assignment:
        self.session.add(assignment)
        await self.session.flush()
        return assignment

    async def add_event(self, event: ReflectionEvent) -> None:
        self.session.add(event)

    async def get_category(self, category_id: int) -> Category | None:
        return await self.session.get(Category, category_id)

    async def add_category(self, category: Category) -> Category:
        self.session.add(category)
        await self.session.flush()
        return category

    async def category_by_code(self, code: str) -> Category | None:
        c = rt.reflection_categories.c
        return (await self.session.scalars(select(Category).where(c.code == code))).first()

    async def set_category_agencies(self, category_id: int, entries: list[CategoryAgency]) -> None:
        table = rt.reflection_category_agencies
        await self.session.execute(
            delete(CategoryAgency)
            .where(table.c.category_id == category_id)
            .execution_options(synchronize_session="fetch")
        )
        self.session.add_all(entries)
        await self.session.flush()

    async def add_category_agency(self, entry: CategoryAgency) -> None:
        self.session.add(entry)

    async def category_agencies(self, category_id: int) -> list[CategoryAgency]:
        entries = rt.reflection_category_agencies.c
        found = await self.session.scalars(
            select(CategoryAgency).where(entries.category_id == category_id).order_by(entries.id)
        )
        return list(found)

    async def commune_points(self) -> list[CommunePoint]:
        return list(await self.session.scalars(select(CommunePoint)))

    async def add_commune_point(self, point: CommunePoint) -> None:
        self.session.add(point)

    async def save_commune_point(self, point: CommunePoint) -> None:
        stored = await self.session.get(CommunePoint, point.unit_id)
        if stored is None:
            self.session.add(point)
        else:
            stored.latitude, stored.longitude = point.latitude, point.longitude

    async def focal(self, agency_unit_id: int) -> AgencyFocal | None:
        return await self.session.get(AgencyFocal, agency_unit_id)

    async def save_focal(self, focal: AgencyFocal) -> None:
        stored = await self.session.get(AgencyFocal, focal.agency_unit_id)
        if stored is None:
            self.session.add(focal)
            await self.session.flush()
            return
        stored.leader_person_id = focal.leader_person_id
        stored.handler_person_id = focal.handler_person_id
        stored.updated_at = focal.updated_at

    async def add_question(self, question: Question) -> Question:
        self.session.add(question)
        await self.session.flush()
        return question

    async def get_question(self, question_id: int) -> Question | None:
        return await self.session.get(Question, question_id)

    async def count_questions(self, reflection_id: int) -> int:
        q = rt.reflection_questions.c
        query = select(func.count()).where(q.reflection_id == reflection_id)
        return int((await self.session.execute(query)).scalar_one())

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
        same = [R.reporter_phone == phone, R.reporter_email == email]
        if account_id is not None:
            same.append(R.reporter_account_id == account_id)
        near = (R.latitude.between(box[0], box[1])) & (R.longitude.between(box[2], box[3]))
        query = (
            select(Reflection)
            .where(R.submitted_at >= since, R.id != exclude_id, or_(*same, near))
            .order_by(R.submitted_at.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(query))

    async def due_in_states(
        self, states: Sequence[ReflectionState], now: datetime, limit: int
    ) -> list[int]:
        query = (
            select(R.id)
            .where(R.state.in_(states), R.step_due <= now)
            .order_by(R.step_due, R.id)
            .limit(limit)
            .with_for_update(of=rt.reflections, skip_locked=True)  # one worker per report
        )
        return list((await self.session.scalars(query)).all())
