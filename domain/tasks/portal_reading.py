"""The read port of periodic occurrences, press digests and citizen questions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from domain.tasks.periods import TaskOccurrence
from domain.tasks.portal_model import CitizenQuestion, PressDigest, PressItem

Key = tuple[str, int]
"""A keyset position: (sort value as text, id)."""


class PortalReader(Protocol):
    """Read-only queries; each method is one SQL statement."""

    async def occurrences_of(self, task_ids: Sequence[int]) -> list[TaskOccurrence]: ...
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
        """Newest first; a page between two keys, either way (domain.paging.Seek)."""
        ...

    async def count_digests(self, start: date | None, end: date | None) -> int: ...
    async def items_of(self, digest_ids: Sequence[int]) -> list[PressItem]: ...
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
        """Latest intake first; a page between two keys, either way."""
        ...

    async def count_questions(self, office_unit_id: int, forwarded: bool | None) -> int: ...
    async def published_answers(
        self,
        search: str | None,
        *,
        after: Key | None,
        limit: int,
        before: Key | None = None,
        backward: bool = False,
    ) -> list[CitizenQuestion]:
        """Newest publication first; a page between two keys, either way."""
        ...

    async def count_published(self, search: str | None) -> int: ...
    async def published_answer(self, question_id: int) -> CitizenQuestion | None: ...
