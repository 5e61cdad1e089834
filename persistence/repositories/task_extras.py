"""The task repository's periodic occurrences, press digests and citizen questions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from domain.tasks.model import Task
from domain.tasks.periods import ENDED, TaskOccurrence
from domain.tasks.portal_model import CitizenQuestion, PressDigest, PressItem
from persistence import portal_tables as pt
from persistence import task_tables as t


class TaskExtrasRepository:
    """Occurrences and portal records, on the task repository's session."""

    session: AsyncSession

    async def _add(self, row: object) -> None:
        self.session.add(row)
        await self.session.flush()

    async def occurrences_of(self, task_id: int) -> list[TaskOccurrence]:
        c = pt.task_occurrences.c
        await self.session.flush()
        found = await self.session.scalars(
            select(TaskOccurrence).where(c.task_id == task_id).order_by(c.seq)
        )
        return list(found)

    async def add_occurrence(self, occurrence: TaskOccurrence) -> TaskOccurrence:
        await self._add(occurrence)
        return occurrence

    async def get_occurrence(self, occurrence_id: int) -> TaskOccurrence | None:
        return await self.session.get(TaskOccurrence, occurrence_id)

    async def running_periodic_tasks(self, after_id: int, limit: int) -> list[Task]:
        c = t.tasks.c
        found = await self.session.scalars(
            select(Task)
            .where(
                c.period.is_not(None),
                c.sent_at.is_not(None),
                c.state.not_in(sorted(ENDED)),
                c.id > after_id,
            )
            .order_by(c.id)
            .limit(limit)
        )
        return list(found)

    async def digest_on(self, office_unit_id: int, day: date) -> PressDigest | None:
        c = pt.press_digests.c
        found = await self.session.scalars(
            select(PressDigest).where(c.office_unit_id == office_unit_id, c.digest_date == day)
        )
        return found.first()

    async def get_digest(self, digest_id: int) -> PressDigest | None:
        return await self.session.get(PressDigest, digest_id)

    async def add_digest(self, digest: PressDigest) -> PressDigest:
        await self._add(digest)
        return digest

    async def touch_digest(self, digest: PressDigest) -> None:
        flag_modified(digest, "published_late")

    async def add_press_item(self, item: PressItem) -> PressItem:
        await self._add(item)
        return item

    async def get_press_item(self, item_id: int) -> PressItem | None:
        return await self.session.get(PressItem, item_id)

    async def add_question(self, question: CitizenQuestion) -> CitizenQuestion:
        await self._add(question)
        return question

    async def get_question(self, question_id: int) -> CitizenQuestion | None:
        return await self.session.get(CitizenQuestion, question_id)

    async def question_of_task(self, task_id: int) -> CitizenQuestion | None:
        found = await self.session.scalars(
            select(CitizenQuestion).where(pt.citizen_questions.c.task_id == task_id)
        )
        return found.first()
