"""Timed rules of field reports: deadline warnings and overdue notices per open step, once.

| step (whose)                 | unit                | recipients                            |
|------------------------------|---------------------|---------------------------------------|
| INTAKE, PUBLISH, VERIFICATION| none (the IOC)      | IOC operators over the commune        |
| COORDINATION, AGREEMENT      | coordinating agency | its coordinators and leaders          |
| ACCEPT, HANDLE (an agency's) | the agency          | its focal persons, else its leaders   |
| APPROVE (an agency's)        | the agency          | its focal leader, else its leaders    |
| ANSWER (a follow-up question)| each handling agency| its focal persons, else its leaders   |

OVERDUE also tells the IOC operators of an agency's late part (they watch every report's
SLA). Each agency's part has its own once-key (`threshold/agency id`), so two agencies due at
the same moment are each warned; an unanswered follow-up question warns each agency that
handled the report, once per question (`threshold/agency id/q question id`). URGENT reports
(wall-clock limits of 30 minutes) get the urgent thresholds only (default 10 minutes); the
others get the regular ones (default 1 working day, 2 working hours). The reporter's EDIT step
warns nobody: reporters have no inbox.
The automatic cancellations after 2 days are domain.reflections.interaction.cancel_overdue.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.calendar import WorkingCalendar
from domain.notifications.model import NotificationEvent, NotificationKind, SubjectType, Summary
from domain.notifications.ports import DueStep, ReflectionDeadlineSource
from domain.notifications.reflection_rules import (
    agency_people,
    coordinating_recipients,
    coordinating_unit,
    ioc_people,
    reflection_title,
)
from domain.notifications.timed import OVERDUE_THRESHOLD, Threshold, windows
from domain.reflections.model import SlaStep
from domain.reflections.ports import ReflectionUnitOfWork

K = NotificationKind
COORDINATED = frozenset({SlaStep.COORDINATION.value, SlaStep.AGREEMENT.value})


def once_key(threshold: str, agency_id: int | None, question_id: int | None = None) -> str:
    """The once-key of a step: the threshold, with the agency for an agency's part, and the
    question for a follow-up question's answer."""
    if agency_id is None:
        return threshold
    key = f"{threshold}/{agency_id}"
    return key if question_id is None else f"{key}/q{question_id}"


async def _raise(
    uow: ReflectionUnitOfWork, due: DueStep, kind: NotificationKind, threshold: str, now: datetime
) -> int:
    reflection = await uow.reflections.get(due.reflection_id)
    if reflection is None:
        return 0
    unit: tuple[int, str] | None = None
    if due.agency_id is not None:
        agency = await uow.units.get(due.agency_id)
        if agency is None:
            return 0
        unit = (agency.id, agency.path)
        leader_only = due.step == SlaStep.APPROVE.value
        people = await agency_people(uow, agency.id, agency.path, leader_only=leader_only)
        if kind is K.OVERDUE:
            people |= await ioc_people(uow, reflection)
    elif due.step in COORDINATED:
        unit = await coordinating_unit(uow, reflection)
        people = await coordinating_recipients(uow, unit) if unit else set()
    else:
        people = await ioc_people(uow, reflection)
    event = NotificationEvent(
        kind=kind,
        subject_type=SubjectType.REFLECTION,
        subject_id=reflection.id,
        unit_id=unit[0] if unit else None,
        unit_path=unit[1] if unit else None,
        summary=Summary(
            title=await reflection_title(uow, reflection),
            state=reflection.state.value,
            due_at=due.due_at,
            priority=reflection.priority.value,
            threshold=threshold,
        ),
        occurred_at=now,
        threshold=once_key(threshold, due.agency_id, due.question_id),
        due_at=due.due_at,
    )
    await uow.notifications.record(event, sorted(people))
    return 1


async def raise_reflection_warnings(
    uow: ReflectionUnitOfWork,
    source: ReflectionDeadlineSource,
    *,
    calendar: WorkingCalendar,
    thresholds: tuple[Threshold, ...],
    now: datetime,
    batch: int = 200,
) -> int:
    """DEADLINE_WARNING for open steps entering a threshold; how many were raised."""
    raised = 0
    for threshold, after, until in windows(calendar, thresholds, now):
        found = await source.steps_due(
            after=after,
            until=until,
            kind=K.DEADLINE_WARNING,
            threshold=threshold.name,
            urgent=threshold.urgent_only,
            limit=batch,
        )
        for due in found:
            raised += await _raise(uow, due, K.DEADLINE_WARNING, threshold.name, now)
    return raised


async def raise_reflection_overdue(
    uow: ReflectionUnitOfWork,
    source: ReflectionDeadlineSource,
    *,
    now: datetime,
    catch_up: timedelta,
    batch: int = 200,
) -> int:
    """OVERDUE for open steps whose due time passed (within the catch-up window)."""
    found = await source.steps_due(
        after=now - catch_up,
        until=now,
        kind=K.OVERDUE,
        threshold=OVERDUE_THRESHOLD,
        urgent=None,
        limit=batch,
    )
    return sum([await _raise(uow, due, K.OVERDUE, OVERDUE_THRESHOLD, now) for due in found])
