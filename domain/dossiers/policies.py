"""Which side of the flow a caller plays on a dossier (the row and field rules themselves live
in domain.permissions), and which log notes the applicant reads."""

from __future__ import annotations

from domain.accounts.model import Role
from domain.dossiers.workflow import Action, Actor
from domain.permissions import DossierParties, Principal, PrincipalKind, is_applicant

_STAFF = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT)

APPLICANT_NOTES = frozenset(
    {
        Action.SUBMIT,
        Action.REFUSE,
        Action.COMPLETE,
        Action.REQUEST_SUPPLEMENT,
        Action.SUPPLEMENT,
        Action.DELIVER,
        Action.WITHDRAW,
        Action.APOLOGIZE,
        Action.NOTIFY_OVERDUE,
    }
)
"""Steps whose note is written for the applicant (guidance, reasons, the new date); the
others' notes (a returned draft's reason...) stay inside the agencies."""


def sides(principal: Principal, parties: DossierParties) -> set[Actor]:
    """The sides the caller plays on the dossier: the applicant; the receiving agency's desk;
    the holder agency's leaders and clerks; the specialist it is assigned to."""
    found: set[Actor] = set()
    if is_applicant(principal, parties):
        found.add(Actor.APPLICANT)
    if principal.kind not in _STAFF:
        return found
    if principal.has(Role.RECEPTION_DESK, parties.agency_path):
        found.add(Actor.DESK)
    holder = parties.holder_path
    if holder and principal.has(Role.LEADER, holder):
        found.add(Actor.LEADER)
    if holder and principal.has(Role.CLERK, holder):
        found.add(Actor.CLERK)
    if principal.person_id is not None and principal.person_id == parties.holder_person_id:
        found.add(Actor.SPECIALIST)
    return found


def note_visible(action: str, *, staff: bool) -> bool:
    """Whether a log note is shown: staff read every note, the applicant the ones written
    for them, the public none."""
    return staff or action in APPLICANT_NOTES
