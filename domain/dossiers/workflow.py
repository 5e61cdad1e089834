"""The dossier flow as a transition table: {(state, action): next state}, with who may act.

submitted > accepted by the desk (received) | refused as incomplete, with guidance written
once, in full > completed by the applicant > submitted again ... > a specialist assigned >
studied, supplements asked of the applicant (the clock stops) and given > drafted > signed by
the leader | returned to the specialist (a loop) > signed and registered by the clerk (the
result, with its number) | passed to the next agency of a joined procedure > returned at the
desk or by post. The applicant may withdraw it before the result.
"""

from __future__ import annotations

from enum import StrEnum

from domain.dossiers.model import DossierState, GuidanceStage
from domain.errors import DomainError, ErrorCode

S = DossierState


class Action(StrEnum):
    """Every step of a dossier."""

    SUBMIT = "SUBMIT"
    ACCEPT = "ACCEPT"
    REFUSE = "REFUSE"
    COMPLETE = "COMPLETE"
    ASSIGN = "ASSIGN"
    REQUEST_SUPPLEMENT = "REQUEST_SUPPLEMENT"
    SUPPLEMENT = "SUPPLEMENT"
    SUBMIT_DRAFT = "SUBMIT_DRAFT"
    SIGN = "SIGN"
    RETURN_DRAFT = "RETURN_DRAFT"
    REGISTER_RESULT = "REGISTER_RESULT"
    TRANSFER = "TRANSFER"
    DELIVER = "DELIVER"
    WITHDRAW = "WITHDRAW"
    APOLOGIZE = "APOLOGIZE"
    NOTIFY_OVERDUE = "NOTIFY_OVERDUE"


class Actor(StrEnum):
    """Sides of the flow; domain.dossiers.policies decides who plays which."""

    APPLICANT = "APPLICANT"  # the account that submitted it
    DESK = "DESK"  # RECEPTION_DESK of the receiving agency
    LEADER = "LEADER"  # a leader of the agency holding it
    SPECIALIST = "SPECIALIST"  # the specialist it is assigned to
    CLERK = "CLERK"  # a clerk of the agency holding it


PROCESSING_STATES = frozenset(
    {S.RECEIVED, S.IN_PROCESSING, S.AWAITING_SUPPLEMENT, S.DRAFTED, S.SIGNED}
)
"""Received and not yet done: the processing clock runs (or is stopped)."""
OPEN_STATES = frozenset({S.SUBMITTED, S.INCOMPLETE, *PROCESSING_STATES})
DONE_STATES = frozenset({S.RESULT_READY, S.DELIVERED})
_WITHDRAWABLE = (S.SUBMITTED, S.INCOMPLETE, S.RECEIVED, S.IN_PROCESSING, S.AWAITING_SUPPLEMENT)

TRANSITIONS: dict[tuple[DossierState, Action], DossierState] = {
    (S.SUBMITTED, Action.ACCEPT): S.RECEIVED,
    (S.SUBMITTED, Action.REFUSE): S.INCOMPLETE,
    (S.INCOMPLETE, Action.COMPLETE): S.SUBMITTED,
    (S.RECEIVED, Action.ASSIGN): S.IN_PROCESSING,
    (S.IN_PROCESSING, Action.ASSIGN): S.IN_PROCESSING,  # handed to another specialist
    (S.AWAITING_SUPPLEMENT, Action.ASSIGN): S.AWAITING_SUPPLEMENT,
    (S.IN_PROCESSING, Action.REQUEST_SUPPLEMENT): S.AWAITING_SUPPLEMENT,
    (S.AWAITING_SUPPLEMENT, Action.SUPPLEMENT): S.IN_PROCESSING,
    (S.IN_PROCESSING, Action.SUBMIT_DRAFT): S.DRAFTED,
    (S.DRAFTED, Action.SIGN): S.SIGNED,
    (S.DRAFTED, Action.RETURN_DRAFT): S.IN_PROCESSING,
    (S.SIGNED, Action.REGISTER_RESULT): S.RESULT_READY,
    (S.SIGNED, Action.TRANSFER): S.RECEIVED,  # the next agency of a joined procedure
    (S.RESULT_READY, Action.DELIVER): S.DELIVERED,
    **{(state, Action.WITHDRAW): S.WITHDRAWN for state in _WITHDRAWABLE},
    # the apology owed after repeated faulty guidance, recorded where the dossier stands
    **{
        (state, Action.APOLOGIZE): state
        for state in (S.SUBMITTED, S.INCOMPLETE, S.IN_PROCESSING, S.AWAITING_SUPPLEMENT)
    },
    # an overdue dossier explained to the applicant, with the new date
    **{(state, Action.NOTIFY_OVERDUE): state for state in PROCESSING_STATES},
}

WHO: dict[Action, frozenset[Actor]] = {
    Action.SUBMIT: frozenset({Actor.APPLICANT}),
    Action.ACCEPT: frozenset({Actor.DESK}),
    Action.REFUSE: frozenset({Actor.DESK}),
    Action.COMPLETE: frozenset({Actor.APPLICANT}),
    Action.ASSIGN: frozenset({Actor.LEADER}),
    Action.REQUEST_SUPPLEMENT: frozenset({Actor.SPECIALIST}),
    Action.SUPPLEMENT: frozenset({Actor.APPLICANT}),
    Action.SUBMIT_DRAFT: frozenset({Actor.SPECIALIST}),
    Action.SIGN: frozenset({Actor.LEADER}),
    Action.RETURN_DRAFT: frozenset({Actor.LEADER}),
    Action.REGISTER_RESULT: frozenset({Actor.CLERK}),
    Action.TRANSFER: frozenset({Actor.CLERK}),
    Action.DELIVER: frozenset({Actor.DESK}),
    Action.WITHDRAW: frozenset({Actor.APPLICANT}),
    Action.APOLOGIZE: frozenset({Actor.DESK, Actor.SPECIALIST, Actor.LEADER}),
    Action.NOTIFY_OVERDUE: frozenset({Actor.SPECIALIST, Actor.LEADER, Actor.DESK}),
}

APOLOGY_BY: dict[GuidanceStage, frozenset[Actor]] = {
    GuidanceStage.RECEPTION: frozenset({Actor.DESK}),
    GuidanceStage.PROCESSING: frozenset({Actor.SPECIALIST, Actor.LEADER}),
}
"""Who writes the apology: the side whose guidance was at fault (or its leader)."""

STAFF_ACTIONS = frozenset(a for a, who in WHO.items() if Actor.APPLICANT not in who)

WAITING_ON: dict[Actor, frozenset[DossierState]] = {
    Actor.DESK: frozenset({S.SUBMITTED, S.RESULT_READY}),
    Actor.LEADER: frozenset({S.RECEIVED, S.DRAFTED}),
    Actor.SPECIALIST: frozenset({S.IN_PROCESSING}),
    Actor.CLERK: frozenset({S.SIGNED}),
    Actor.APPLICANT: frozenset({S.INCOMPLETE, S.AWAITING_SUPPLEMENT}),
}
"""Whose move it is in each state (the staff queues and the notifications)."""

NEEDS_NOTE = frozenset(
    {Action.REFUSE, Action.REQUEST_SUPPLEMENT, Action.RETURN_DRAFT, Action.NOTIFY_OVERDUE}
)
"""Steps that must say why: the guidance, the reason."""


def words(value: str) -> str:
    """An enum value as words: "RETURN_DRAFT" -> "return draft"."""
    return value.lower().replace("_", " ")


def next_state(state: DossierState, action: Action) -> DossierState:
    """The state after `action`, or INVALID_TRANSITION."""
    target = TRANSITIONS.get((state, action))
    if target is None:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"Cannot {words(action)} a dossier that is {words(state)}",
            None,  # the step itself, not an argument
        )
    return target


def check_actor(action: Action, sides: set[Actor]) -> None:
    """Refuse when none of the caller's sides may take `action`."""
    if not WHO[action] & sides:
        allowed = " or ".join(sorted(words(a) for a in WHO[action]))
        raise DomainError(ErrorCode.FORBIDDEN, f"Only the {allowed} may {words(action)} it")


def check_apology(action: Action, pending: GuidanceStage | None, sides: set[Actor]) -> None:
    """While an apology is owed, staff go on only by writing it (the Annex: "phải có thư xin
    lỗi"); an apology is written only when owed, by the side that owes it."""
    if action is Action.APOLOGIZE:
        if pending is None:
            raise DomainError(ErrorCode.INVALID_STATE, "No apology is owed on this dossier")
        if not APOLOGY_BY[pending] & sides:
            raise DomainError(
                ErrorCode.FORBIDDEN,
                f"The apology is owed by the {words(pending)} side of the agency",
            )
    elif pending is not None and action in STAFF_ACTIONS and action is not Action.NOTIFY_OVERDUE:
        raise DomainError(
            ErrorCode.APOLOGY_REQUIRED,
            "The applicant is owed an apology letter first (apologizeForDossier)",
        )
