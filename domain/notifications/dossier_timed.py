"""Timed rules of dossiers: deadline warnings and overdue notices to whoever holds one, once.

| state (running limit)        | unit             | recipients                                 |
|------------------------------|------------------|--------------------------------------------|
| SUBMITTED (reception)        | receiving agency | its reception desk                         |
| RECEIVED, DRAFTED            | holder agency    | its leaders (assign, sign)                 |
| IN_PROCESSING                | holder agency    | the specialist (else the leaders)          |
| SIGNED                       | holder agency    | its clerks                                 |

OVERDUE also tells the holder agency's leaders of a processing dossier. A dossier whose clock
is stopped (the applicant supplements) is neither warned nor told overdue; when the clock
runs again its limit has moved, which arms the warnings anew (the once-key holds the due
time). Thresholds are the regular ones (default 1 working day, 2 working hours); the
applicant is told of an overdue dossier by the agency's own notice (notifyDossierOverdue).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.accounts.model import Role
from domain.calendar import WorkingCalendar
from domain.dossiers.model import DossierState
from domain.dossiers.ports import DossierUnitOfWork
from domain.notifications.model import NotificationEvent, NotificationKind, SubjectType, Summary
from domain.notifications.task_rules import leaders_of
from domain.notifications.timed import OVERDUE_THRESHOLD, Threshold, windows

K = NotificationKind
S = DossierState
WATCHED = (S.SUBMITTED, S.RECEIVED, S.IN_PROCESSING, S.DRAFTED, S.SIGNED)


@dataclass(frozen=True)
class DueDossier:
    """An open dossier whose running limit falls in a window."""

    dossier_id: int
    state: DossierState
    due_at: datetime
    unit_id: int  # the receiving agency before reception, the holder after
    unit_path: str
    holder_person_id: int | None
    title: str


class DossierDeadlineSource(Protocol):
    """Indexed range queries over open dossiers' running limits (row locks where available)."""

    async def dossiers_due(
        self,
        *,
        after: datetime,
        until: datetime,
        kind: NotificationKind,
        threshold: str,
        limit: int,
    ) -> list[DueDossier]:
        """Dossiers in WATCHED states, clock running, due in (after, until], not yet told
        under the threshold for that due time; locked, skipping rows others hold."""
        ...


async def holders(uow: DossierUnitOfWork, due: DueDossier, kind: NotificationKind) -> set[int]:
    """Who holds the dossier now (and its leaders too when it is overdue)."""
    repo, unit = uow.notifications, (due.unit_id, due.unit_path)
    if due.state is S.SUBMITTED:
        return await repo.persons_with_role(Role.RECEPTION_DESK, due.unit_path)
    leaders = await leaders_of(repo, *unit)
    if due.state is S.SIGNED:
        people = await repo.persons_with_role(Role.CLERK, due.unit_path)
    elif due.state is S.IN_PROCESSING and due.holder_person_id is not None:
        people = {due.holder_person_id}
    else:
        people = set(leaders)
    return people | leaders if kind is K.OVERDUE else people


async def _raise(
    uow: DossierUnitOfWork, due: DueDossier, kind: NotificationKind, threshold: str, now: datetime
) -> int:
    event = NotificationEvent(
        kind=kind,
        subject_type=SubjectType.DOSSIER,
        subject_id=due.dossier_id,
        unit_id=due.unit_id,
        unit_path=due.unit_path,
        summary=Summary(
            title=due.title, state=due.state.value, due_at=due.due_at, threshold=threshold
        ),
        occurred_at=now,
        threshold=threshold,
        due_at=due.due_at,
    )
    await uow.notifications.record(event, sorted(await holders(uow, due, kind)))
    return 1


async def raise_dossier_warnings(
    uow: DossierUnitOfWork,
    source: DossierDeadlineSource,
    *,
    calendar: WorkingCalendar,
    thresholds: tuple[Threshold, ...],
    now: datetime,
    batch: int = 200,
) -> int:
    """DEADLINE_WARNING for dossiers whose running limit enters a threshold; how many."""
    raised = 0
    for threshold, after, until in windows(calendar, thresholds, now):
        if threshold.urgent_only:
            continue  # dossiers run on working time: no urgent flow
        found = await source.dossiers_due(
            after=after, until=until, kind=K.DEADLINE_WARNING, threshold=threshold.name, limit=batch
        )
        for due in found:
            raised += await _raise(uow, due, K.DEADLINE_WARNING, threshold.name, now)
    return raised


async def raise_dossier_overdue(
    uow: DossierUnitOfWork,
    source: DossierDeadlineSource,
    *,
    now: datetime,
    catch_up: timedelta,
    batch: int = 200,
) -> int:
    """OVERDUE for dossiers whose running limit passed (within the catch-up window)."""
    found = await source.dossiers_due(
        after=now - catch_up, until=now, kind=K.OVERDUE, threshold=OVERDUE_THRESHOLD, limit=batch
    )
    return sum([await _raise(uow, due, K.OVERDUE, OVERDUE_THRESHOLD, now) for due in found])
