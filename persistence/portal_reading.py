"""PortalReader on SQLAlchemy: keyset pages, newest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.paging import Seek
from domain.tasks.periods import TaskOccurrence
from domain.tasks.portal_model import CitizenQuestion, PressDigest, PressItem
from domain.tasks.portal_reading import Key
from domain.text import fold
from persistence import portal_tables as pt
from persistence.database import run_locked
from persistence.keyset import keyset

D, Q = pt.press_digests.c, pt.citizen_questions.c


def _newest(
    columns: tuple[Any, Any], parse: Callable[[str], Any], seek: Seek[Key]
) -> tuple[list[Any], list[Any]]:
    """(conditions, order) of a page of a (value desc, id desc) list between two cursors."""
    keys = seek.map(lambda key, _field: (parse(key[0]), key[1]))
    return keyset(
        columns, after=keys.after, before=keys.before, backward=keys.backward, descending=True
    )


def _words(search: str | None) -> list[Any]:
    words = fold(search or "").split()
    return [Q.search_text.contains(w, autoescape=True) for w in words]


class SqlPortalReader:
    """Read queries for one request's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, query: Any) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.scalars(query))

    async def _count(self, query: Any) -> int:
        rows = await run_locked(self.session, lambda: self.session.execute(query))
        return int(rows[0][0])

    async def occurrences_of(self, task_ids: Sequence[int]) -> list[TaskOccurrence]:
        c = pt.task_occurrences.c
        query = select(TaskOccurrence).where(c.task_id.in_(set(task_ids)))
        return await self._all(query.order_by(c.task_id, c.seq))

    def _digest_range(self, start: date | None, end: date | None) -> list[Any]:
        return [
            cond
            for cond in (
                D.digest_date >= start if start else None,
                D.digest_date <= end if end else None,
            )
            if cond is not None
        ]

    async def digests(
        self,
        start: date | None,
        end: date | None,
        *,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[PressDigest]:
        keys, order = _newest(
            (D.digest_date, D.id), date.fromisoformat, Seek(after, before, backward)
        )
        query = (
            select(PressDigest)
            .where(*self._digest_range(start, end), *keys)
            .order_by(*order)
            .limit(limit)
        )
        return await self._all(query)

    async def count_digests(self, start: date | None, end: date | None) -> int:
        query = select(func.count()).select_from(pt.press_digests)
        return await self._count(query.where(*self._digest_range(start, end)))

    async def items_of(self, digest_ids: Sequence[int]) -> list[PressItem]:
        c = pt.press_items.c
        query = select(PressItem).where(c.digest_id.in_(set(digest_ids))).order_by(c.id)
        return await self._all(query)

    def _office(self, office_unit_id: int, forwarded: bool | None) -> list[Any]:
        conditions = [Q.office_unit_id == office_unit_id]
        if forwarded is not None:
            conditions.append(Q.task_id.is_not(None) if forwarded else Q.task_id.is_(None))
        return conditions

    async def questions(
        self,
        office_unit_id: int,
        forwarded: bool | None,
        *,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[CitizenQuestion]:
        keys, order = _newest(
            (Q.intake_at, Q.id), datetime.fromisoformat, Seek(after, before, backward)
        )
        query = (
            select(CitizenQuestion)
            .where(*self._office(office_unit_id, forwarded), *keys)
            .order_by(*order)
            .limit(limit)
        )
        return await self._all(query)

    async def count_questions(self, office_unit_id: int, forwarded: bool | None) -> int:
        query = select(func.count()).select_from(pt.citizen_questions)
        return await self._count(query.where(*self._office(office_unit_id, forwarded)))

    async def published_answers(
        self,
        search: str | None,
        *,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[CitizenQuestion]:
        keys, order = _newest(
            (Q.published_at, Q.id), datetime.fromisoformat, Seek(after, before, backward)
        )
        query = (
            select(CitizenQuestion)
            .where(Q.published_at.is_not(None), *_words(search), *keys)
            .order_by(*order)
            .limit(limit)
        )
        return await self._all(query)

    async def count_published(self, search: str | None) -> int:
        query = select(func.count()).select_from(pt.citizen_questions)
        return await self._count(query.where(Q.published_at.is_not(None), *_words(search)))

    async def published_answer(self, question_id: int) -> CitizenQuestion | None:
        query = select(CitizenQuestion).where(Q.id == question_id, Q.published_at.is_not(None))
        found = await self._all(query)
        return found[0] if found else None
