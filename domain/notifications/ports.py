"""Storage ports of notifications."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.accounts.model import Role
from domain.notifications.model import Notification, NotificationEvent, NotificationKind


@dataclass(frozen=True)
class DueSubject:
    """A subject whose deadline a timed rule looks at."""

    subject_id: int
    unit_id: int
    unit_path: str
    title: str
    due_at: datetime
    priority: str
    state: str


class NotificationRepository(Protocol):
    """The outbox: written in the transaction of the change that causes it."""

    async def record(self, event: NotificationEvent, recipients: Collection[int]) -> None:
        """Write the event and one inbox row per recipient with the unit of work's commit
        (ids increase in commit order). A timed event with the same subject, kind, threshold
        and due time as one raised before is skipped."""
        ...

    async def persons_with_role(
        self, role: Role, unit_path: str, *, own_unit_id: int | None = None
    ) -> set[int]:
        """Persons whose accounts hold `role` on the unit at `unit_path` (optionally only
        those whose own unit is `own_unit_id`)."""
        ...

    async def person_of_account(self, account_id: int | None) -> int | None: ...

    async def members_of(self, unit_id: int, person_ids: Collection[int]) -> set[int]:
        """Those of `person_ids` whose enabled account belongs to the unit (its own staff,
        who read what the unit reads)."""
        ...

    async def inbox(
        self,
        person_id: int,
        *,
        before_id: int | None,
        limit: int,
        unread_only: bool,
        after_id: int | None = None,
        oldest_first: bool = False,
    ) -> list[Notification]:
        """The person's notifications with ids between `after_id` and `before_id` (both
        excluded, None: no bound), newest first, or oldest first when `oldest_first`."""
        ...

    async def count(self, person_id: int, *, unread_only: bool) -> int: ...
    async def mark_read(self, person_id: int, ids: Sequence[int], at: datetime) -> int: ...
    async def mark_all_read(self, person_id: int, up_to_id: int | None, at: datetime) -> int: ...


class NotificationUnitOfWork(Protocol):
    """A unit of work that reaches the outbox."""

    notifications: NotificationRepository

    async def commit(self) -> None: ...


class DeadlineSource(Protocol):
    """Indexed range queries the timed rules run (row locks where the database has them)."""

    async def open_tasks_due(
        self,
        *,
        after: datetime,
        until: datetime,
        kind: NotificationKind,
        threshold: str,
        urgent_only: bool,
        states: Collection[str],
        limit: int,
    ) -> list[DueSubject]:
        """Tasks in `states` with a deadline in (after, until] not yet told for this
        threshold, locked (skipping rows another worker holds)."""
        ...

    async def birthdays(
        self, month_day: str, day_start: datetime, limit: int
    ) -> list[tuple[int, int, str]]:
        """(person id, unit id, full name) of active persons born on MM-DD whose birthday
        starting at `day_start` was not celebrated yet."""
        ...

    async def colleagues(self, person_id: int, unit_id: int) -> set[int]:
        """Active persons with accounts in the unit, the person excluded."""
        ...


@dataclass(frozen=True)
class DueStep:
    """An open step of a field report: the report's own (agency_id None), an agency's part,
    or a follow-up question a handling agency has to answer (question_id set)."""

    reflection_id: int
    agency_id: int | None
    step: str
    due_at: datetime
    question_id: int | None = None


class ReflectionDeadlineSource(Protocol):
    """Indexed range queries over field reports' open steps (row locks where available)."""

    async def steps_due(
        self,
        *,
        after: datetime,
        until: datetime,
        kind: NotificationKind,
        threshold: str,
        urgent: bool | None,
        limit: int,
    ) -> list[DueStep]:
        """Open steps due in (after, until] of URGENT (True), NORMAL (False) or all (None)
        reports, not yet told under the once-key (`threshold` for a report's own step,
        `threshold/agency id` for an agency's part, `threshold/agency id/q question id` for
        each handling agency of an unanswered question), locked, skipping rows others hold.
        The reporter's own step (EDIT) is left out."""
        ...


class ReportDeadlineSource(Protocol):
    """What the periodic reports' reminders look up (row locks where available)."""

    async def lock_report_type(self, type_id: int) -> bool:
        """Hold the report type for this unit of work; False when another worker holds it."""
        ...

    async def reminded_units(self, type_id: int, threshold: str, due_at: datetime) -> set[int]:
        """Units already reminded of the round due at `due_at` under `threshold`."""
        ...


class FeedReader(Protocol):
    """What the real-time side reads: rows committed after a cursor, in id order."""

    async def inbox_after(
        self, person_id: int, after_id: int, limit: int
    ) -> list[Notification]: ...
    async def notifications_after(self, after_id: int, limit: int) -> list[Notification]: ...
    async def events_after(
        self, after_id: int, limit: int, kinds: Collection[NotificationKind]
    ) -> list[NotificationEvent]: ...
    async def last_ids(self) -> tuple[int, int]:
        """(last notification id, last event id)."""
        ...


class LiveFeed(Protocol):
    """Committed notifications as they come (the real-time side implements it)."""

    def inbox(self, person_id: int, after_id: int | None) -> AsyncIterator[Notification]:
        """The person's notifications after `after_id`: replayed, then live (None: live
        from now on)."""
        ...

    def events(
        self, kinds: Collection[NotificationKind], after_id: int | None = None
    ) -> AsyncIterator[list[NotificationEvent]]:
        """Batches of events of `kinds` as they are committed."""
        ...
