"""What a projection is given: the session, the recorded events and the aggregates' state
as they were loaded (the repositories note it when they hand an aggregate out)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from domain.events import DomainEvent
from domain.stats.dossier_rollup import DossierRecord
from domain.stats.reflection_rollup import ReportRecord
from domain.stats.rollup import TaskFacts
from persistence.reflection_feed import Cell

E = TypeVar("E", bound=DomainEvent)


@dataclass(frozen=True, slots=True)
class ReflectionBefore:
    """A report as stored when it was loaded (None: created in this transaction)."""

    record: ReportRecord | None
    feed_cell: Cell | None


@dataclass
class Changes:
    """One transaction's events and the loaded state they are diffed against."""

    session: AsyncSession
    events: Sequence[DomainEvent]
    task_before: Mapping[int, TaskFacts | None] = field(default_factory=dict)
    reflection_before: Mapping[int, ReflectionBefore] = field(default_factory=dict)
    dossier_before: Mapping[int, DossierRecord | None] = field(default_factory=dict)

    def of(self, kind: type[E]) -> Iterator[E]:
        """The recorded events of one kind, in order."""
        return (event for event in self.events if isinstance(event, kind))
