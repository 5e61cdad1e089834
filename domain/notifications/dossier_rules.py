"""Which steps of a dossier tell whom among the staff (PERMISSIONS.md: only those who may
read it).

| step                     | kind           | unit              | recipients                 |
|--------------------------|----------------|-------------------|----------------------------|
| SUBMIT, COMPLETE         | NEW_ASSIGNMENT | receiving agency  | its reception desk         |
| ACCEPT, TRANSFER         | NEW_ASSIGNMENT | holder agency     | its leaders (to assign)    |
| ASSIGN, SUPPLEMENT       | NEW_ASSIGNMENT | holder agency     | the specialist assigned    |
| SUBMIT_DRAFT             | NEW_ASSIGNMENT | holder agency     | its leaders (to sign)      |
| RETURN_DRAFT             | RETURNED       | holder agency     | the specialist             |
| SIGN                     | NEW_ASSIGNMENT | holder agency     | its clerks (to register)   |
| REGISTER_RESULT          | NEW_ASSIGNMENT | receiving agency  | its reception desk         |
| WITHDRAW                 | RETURNED       | holder agency     | the specialist, else leaders|

Silent: REFUSE and REQUEST_SUPPLEMENT (the applicant's turn), DELIVER, APOLOGIZE,
NOTIFY_OVERDUE. The one who acts is never told. The payload holds no personal data: its
title is "Hồ sơ #<id> · <procedure>", with the step, the state and the due time. Applicants
have no inbox: they get email and SMS (domain.notifications.dossier_messages).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from domain.accounts.model import Role
from domain.dossiers.model import Dossier
from domain.notifications.model import NotificationEvent, NotificationKind, SubjectType, Summary
from domain.notifications.ports import NotificationRepository
from domain.notifications.task_rules import leaders_of

K = NotificationKind
Unit = tuple[int, str]

TO_DESK = frozenset({"SUBMIT", "COMPLETE", "REGISTER_RESULT"})
TO_LEADERS = frozenset({"ACCEPT", "TRANSFER", "SUBMIT_DRAFT"})
TO_SPECIALIST: dict[str, NotificationKind] = {
    "ASSIGN": K.NEW_ASSIGNMENT,
    "SUPPLEMENT": K.NEW_ASSIGNMENT,
    "RETURN_DRAFT": K.RETURNED,
}
TO_CLERKS = frozenset({"SIGN"})


def dossier_title(dossier_id: int, procedure_name: str) -> str:
    """The title every recipient may read: the dossier's number and procedure."""
    return f"Hồ sơ #{dossier_id} · {procedure_name}"[:140]


async def dossier_recipients(
    repo: NotificationRepository,
    action: str,
    dossier: Dossier,
    *,
    agency: Unit,
    holder: Unit,
) -> tuple[NotificationKind, Unit, set[int]] | None:
    """(kind, unit of the event, persons) for a step; None for a silent one."""
    if action in TO_DESK:
        desk = await repo.persons_with_role(Role.RECEPTION_DESK, agency[1])
        return K.NEW_ASSIGNMENT, agency, desk
    if action in TO_LEADERS:
        return K.NEW_ASSIGNMENT, holder, await leaders_of(repo, *holder)
    if action in TO_CLERKS:
        return K.NEW_ASSIGNMENT, holder, await repo.persons_with_role(Role.CLERK, holder[1])
    if action in TO_SPECIALIST:
        person = dossier.holder_person_id
        return TO_SPECIALIST[action], holder, {person} if person is not None else set()
    if action == "WITHDRAW":
        person = dossier.holder_person_id
        people = {person} if person is not None else await leaders_of(repo, *holder)
        return K.RETURNED, holder, people
    return None


async def notify_dossier_step(
    repo: NotificationRepository,
    *,
    actor_person_id: int | None,
    dossier: Dossier,
    procedure_name: str,
    action: str,
    agency: Unit,
    holder: Unit,
    now: datetime,
    extra: Collection[int] = (),
) -> None:
    """Write the step's notification in the step's transaction (none for a silent step)."""
    found = await dossier_recipients(repo, action, dossier, agency=agency, holder=holder)
    if found is None:
        return
    kind, unit, people = found
    recipients = (people | set(extra)) - {actor_person_id}
    if not recipients:
        return
    event = NotificationEvent(
        kind=kind,
        subject_type=SubjectType.DOSSIER,
        subject_id=dossier.id,
        unit_id=unit[0],
        unit_path=unit[1],
        summary=Summary(
            title=dossier_title(dossier.id, procedure_name),
            action=action,
            state=dossier.state.value,
            due_at=dossier.due_at,
        ),
        occurred_at=now,
    )
    await repo.record(event, sorted(recipients))
