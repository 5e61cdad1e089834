"""Domain events: what a use case says happened, recorded on its unit of work.

At commit the unit of work hands the recorded events to the projections (statistics cells,
counts kept on write, cache revisions, the outbox), which run in one fixed order inside the
same transaction. Events are plain frozen dataclasses named in the past tense.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class DomainEvent:
    """Base of every domain event."""

    __slots__ = ()


class Revision(StrEnum):
    """Counters that caches compare against: bumped in the transaction of a change."""

    DIRECTORY = "directory"
    """The org tree, people, leadership, committees."""
    ACCESS = "access"
    """Who a signed-in caller is or may do: accounts, grants, revoked tokens and keys."""


@dataclass(frozen=True, slots=True)
class RevisionTouched(DomainEvent):
    """Something a cache depends on changed."""

    revision: Revision


DIRECTORY_CHANGED = RevisionTouched(Revision.DIRECTORY)
ACCESS_CHANGED = RevisionTouched(Revision.ACCESS)


class EventRecorder(Protocol):
    """Where a use case records its events (the unit of work)."""

    def record(self, event: DomainEvent) -> None: ...
