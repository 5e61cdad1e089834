"""Which steps of a field report tell whom (PERMISSIONS.md: only those who may read it).

| step                   | kind           | unit               | recipients                        |
|------------------------|----------------|--------------------|-----------------------------------|
| SUBMIT, EDIT           | NEW_ASSIGNMENT | none (the IOC)     | IOC operators over the commune    |
| ADVISE, AGREE          | NEW_ASSIGNMENT | none (the IOC)     | IOC operators over the commune    |
| REQUEST_VERIFICATION   | RETURNED       | none (the IOC)     | IOC operators over the commune    |
| DISAGREE               | RETURNED       | none (the IOC)     | IOC operators over the commune    |
| RETURN (an agency)     | RETURNED       | none (the IOC)     | IOC operators over the commune    |
| SEND_TO_COORDINATOR    | NEW_ASSIGNMENT | coordinating agency| its coordinators and leaders      |
| REQUEST_AGREEMENT      | NEW_ASSIGNMENT | coordinating agency| its coordinators and leaders      |
| DISTRIBUTE             | NEW_ASSIGNMENT | each agency given  | its focal persons, else leaders   |
| SUBMIT_RESULT          | NEW_ASSIGNMENT | the agency         | its focal leader, else leaders    |
| RETURN_RESULT          | RETURNED       | the agency         | its focal persons, else leaders   |
| APPROVE                | APPROVED       | the agency         | its focal persons, else leaders   |
| APPROVE (all approved) | NEW_ASSIGNMENT | none (the IOC)     | IOC operators (check and publish) |
| SEND_BACK              | RETURNED       | each agency        | its focal persons, else leaders   |
| PUBLISH                | PUBLISHED      | each agency        | its focal persons, else leaders;  |
|                        |                | (and coordinating) | the coordinating agency's people  |
| ASK (a follow-up)      | NEW_ASSIGNMENT | each agency        | its focal persons, else leaders   |

Silent: CLASSIFY, VERIFY, REQUEST_EDIT (the reporter's turn), ACCEPT, ANSWER, RATE, CANCEL.
No step escalates a report (an overdue step raises OVERDUE instead). Reporters have no inbox
(citizen accounts have no person), so nothing goes to them here: they get email and SMS
from domain.notifications.reporter_messages.

The one who acts is never told of their own step. Every recipient may read the report: IOC
operators cover its commune, focal persons are checked to be the agency's own staff (else its
leaders, who are), coordinators hold the role over the coordinating agency. Events of the IOC
carry no unit, so no unit dashboard shows them. The payload never holds reporter data nor the
report's text: its title is "Phản ánh #id · category · commune".
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from domain.accounts.model import Role
from domain.notifications.model import NotificationEvent, NotificationKind, SubjectType, Summary
from domain.notifications.task_rules import leaders_of
from domain.reflections.model import Assignment, AssignmentState, Reflection, ReflectionState
from domain.reflections.ports import ReflectionUnitOfWork

K = NotificationKind
Unit = tuple[int, str] | None

TO_IOC: dict[str, NotificationKind] = {
    "SUBMIT": K.NEW_ASSIGNMENT,
    "EDIT": K.NEW_ASSIGNMENT,
    "ADVISE": K.NEW_ASSIGNMENT,
    "AGREE": K.NEW_ASSIGNMENT,
    "REQUEST_VERIFICATION": K.RETURNED,
    "DISAGREE": K.RETURNED,
    "RETURN": K.RETURNED,
}
TO_COORDINATOR = frozenset({"SEND_TO_COORDINATOR", "REQUEST_AGREEMENT"})
TO_AGENCIES: dict[str, NotificationKind] = {
    "DISTRIBUTE": K.NEW_ASSIGNMENT,
    "SUBMIT_RESULT": K.NEW_ASSIGNMENT,
    "RETURN_RESULT": K.RETURNED,
    "APPROVE": K.APPROVED,
    "SEND_BACK": K.RETURNED,
}
TO_HANDLERS: dict[str, NotificationKind] = {"PUBLISH": K.PUBLISHED, "ASK": K.NEW_ASSIGNMENT}


@dataclass(frozen=True)
class Delivery:
    """One event of a step: its kind, unit, recipients and the due time it is about."""

    kind: NotificationKind
    unit: Unit
    recipients: frozenset[int]
    due_at: datetime | None


async def reflection_title(uow: ReflectionUnitOfWork, reflection: Reflection) -> str:
    """A neutral title: number, category and commune (never the text, never the reporter)."""
    category = None
    if reflection.category_id is not None:
        category = await uow.reflections.get_category(reflection.category_id)
    commune = await uow.units.get(reflection.commune_unit_id)
    parts = [f"Phản ánh #{reflection.id}", category.name if category else "Chưa phân loại"]
    if commune is not None:
        parts.append(commune.name)
    return " · ".join(parts)


async def ioc_people(uow: ReflectionUnitOfWork, reflection: Reflection) -> set[int]:
    """IOC operators whose grant covers the report's commune."""
    commune = await uow.units.get(reflection.commune_unit_id)
    if commune is None:
        return set()
    return await uow.notifications.persons_with_role(Role.IOC_OPERATOR, commune.path)


async def agency_people(
    uow: ReflectionUnitOfWork, agency_id: int, path: str, *, leader_only: bool = False
) -> set[int]:
    """The agency's focal leader and handler (the leader alone with `leader_only`) when they
    are still its own staff; otherwise its leaders."""
    focal = await uow.reflections.focal(agency_id)
    wanted: set[int] = set()
    if focal is not None:
        named = [focal.leader_person_id] + ([] if leader_only else [focal.handler_person_id])
        wanted = {p for p in named if p is not None}
    found = await uow.notifications.members_of(agency_id, wanted) if wanted else set()
    return found or await leaders_of(uow.notifications, agency_id, path)


async def coordinating_unit(uow: ReflectionUnitOfWork, reflection: Reflection) -> Unit:
    """The coordinating agency as a unit (None when the report has none)."""
    if reflection.coordinating_unit_id is None:
        return None
    unit = await uow.units.get(reflection.coordinating_unit_id)
    return (unit.id, unit.path) if unit is not None else None


async def coordinating_recipients(uow: ReflectionUnitOfWork, unit: tuple[int, str]) -> set[int]:
    """Holders of COORDINATOR over the coordinating agency, and its leaders."""
    people = await uow.notifications.persons_with_role(Role.COORDINATOR, unit[1])
    return people | await leaders_of(uow.notifications, *unit)


async def _agencies(
    uow: ReflectionUnitOfWork, ids: Collection[int], parts: list[Assignment], kind: K, step: str
) -> list[Delivery]:
    units = {u.id: u.path for u in await uow.units.get_many(sorted(set(ids)))}
    due = {a.agency_unit_id: a.due_at for a in parts}
    found = []
    for agency_id, path in units.items():
        people = await agency_people(uow, agency_id, path, leader_only=step == "SUBMIT_RESULT")
        found.append(Delivery(kind, (agency_id, path), frozenset(people), due.get(agency_id)))
    return found


async def step_deliveries(
    uow: ReflectionUnitOfWork,
    *,
    reflection: Reflection,
    parts: list[Assignment],
    action: str,
    agencies: Collection[int],
) -> list[Delivery]:
    """The events one step raises (empty for silent steps)."""
    found: list[Delivery] = []
    due = reflection.step_due
    if action in TO_IOC:
        found.append(
            Delivery(TO_IOC[action], None, frozenset(await ioc_people(uow, reflection)), due)
        )
    if action in TO_COORDINATOR:
        unit = await coordinating_unit(uow, reflection)
        if unit is not None:
            people = await coordinating_recipients(uow, unit)
            found.append(Delivery(K.NEW_ASSIGNMENT, unit, frozenset(people), due))
    if action in TO_AGENCIES:
        found += await _agencies(uow, agencies, parts, TO_AGENCIES[action], action)
    if action == "APPROVE" and reflection.state is ReflectionState.HANDLED:
        found.append(
            Delivery(K.NEW_ASSIGNMENT, None, frozenset(await ioc_people(uow, reflection)), due)
        )
    if action in TO_HANDLERS:
        approved = [a.agency_unit_id for a in parts if a.state is AssignmentState.APPROVED]
        found += await _agencies(uow, approved, parts, TO_HANDLERS[action], action)
        unit = await coordinating_unit(uow, reflection)
        if action == "PUBLISH" and unit is not None:
            people = await coordinating_recipients(uow, unit)
            found.append(Delivery(K.PUBLISHED, unit, frozenset(people), None))
    return found


async def notify_reflection_step(
    uow: ReflectionUnitOfWork,
    *,
    actor_person_id: int | None,
    reflection: Reflection,
    parts: list[Assignment],
    action: str,
    agencies: Collection[int] = (),
    due_at: datetime | None = None,
    now: datetime,
) -> int:
    """Queue the step's notifications in the outbox; how many inbox rows they make
    (`due_at`: the due time to show when the step's own has none, e.g. a question's)."""
    deliveries = await step_deliveries(
        uow, reflection=reflection, parts=parts, action=action, agencies=agencies
    )
    if not deliveries:
        return 0
    title = await reflection_title(uow, reflection)
    written = 0
    for delivery in deliveries:
        people = sorted(delivery.recipients - {actor_person_id})
        event = NotificationEvent(
            kind=delivery.kind,
            subject_type=SubjectType.REFLECTION,
            subject_id=reflection.id,
            unit_id=delivery.unit[0] if delivery.unit else None,
            unit_path=delivery.unit[1] if delivery.unit else None,
            summary=Summary(
                title=title,
                action=action,
                state=reflection.state.value,
                due_at=delivery.due_at or due_at,
                priority=reflection.priority.value,
            ),
            occurred_at=now,
        )
        await uow.notifications.record(event, people)
        written += len(people)
    return written
