"""The field-report flows as transition tables: the report's, and each agency's part.

Standard: submitted > (verify or ask the reporter to edit, back to submitted) > distributed to
agencies (in handling) > every agency approved (handled) > published, or answered privately
when secrecy was asked or the report is not public. Agencies returning it leave it RETURNED
for the IOC to redistribute. Sensitive: submitted > coordinating > advised > distributed >
handled > awaiting agreement > agreed (or back to advised) > published. The agencies the
coordinating agency names are kept on the report; the IOC distributes to them by default.
"""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError, ErrorCode
from domain.reflections.model import AssignmentState, ReflectionState

S = ReflectionState
A = AssignmentState


class Action(StrEnum):
    """Everything that moves a report or an agency's part of it."""

    SUBMIT = "SUBMIT"
    CLASSIFY = "CLASSIFY"
    REQUEST_VERIFICATION = "REQUEST_VERIFICATION"
    VERIFY = "VERIFY"
    REQUEST_EDIT = "REQUEST_EDIT"
    EDIT = "EDIT"
    SEND_TO_COORDINATOR = "SEND_TO_COORDINATOR"
    ADVISE = "ADVISE"
    DISTRIBUTE = "DISTRIBUTE"
    ACCEPT = "ACCEPT"
    RETURN = "RETURN"
    SUBMIT_RESULT = "SUBMIT_RESULT"
    APPROVE = "APPROVE"
    RETURN_RESULT = "RETURN_RESULT"
    SEND_BACK = "SEND_BACK"
    REQUEST_AGREEMENT = "REQUEST_AGREEMENT"
    AGREE = "AGREE"
    DISAGREE = "DISAGREE"
    PUBLISH = "PUBLISH"
    CANCEL = "CANCEL"


class Actor(StrEnum):
    """Sides of the flow; domain.reflections.policies decides who plays which."""

    IOC = "IOC"  # IOC_OPERATOR over the report's commune
    COORDINATOR = "COORDINATOR"  # the designated coordinating agency (sensitive flow)
    HANDLER = "HANDLER"  # staff of the handling agency (its focal handler first)
    LEADER = "LEADER"  # the handling agency's leader (its focal leader first)
    REPORTER = "REPORTER"  # the citizen who sent it (account or tracking code)


OPEN_STATES = frozenset(
    {
        S.SUBMITTED,
        S.VERIFYING,
        S.AWAITING_EDIT,
        S.COORDINATING,
        S.ADVISED,
        S.IN_HANDLING,
        S.RETURNED,
        S.HANDLED,
        S.AWAITING_AGREEMENT,
        S.AGREED,
    }
)
ANSWERED_STATES = frozenset({S.PUBLISHED, S.ANSWERED_PRIVATELY})

# The report's table. Agency steps keep the report IN_HANDLING here; after each of them the
# report settles from its agencies' parts (domain.reflections.transitions.settle).
TRANSITIONS: dict[tuple[ReflectionState, Action], ReflectionState] = {
    (S.SUBMITTED, Action.CLASSIFY): S.SUBMITTED,
    (S.SUBMITTED, Action.REQUEST_VERIFICATION): S.VERIFYING,
    (S.ADVISED, Action.REQUEST_VERIFICATION): S.VERIFYING,
    (S.RETURNED, Action.REQUEST_VERIFICATION): S.VERIFYING,
    (S.VERIFYING, Action.VERIFY): S.SUBMITTED,
    (S.SUBMITTED, Action.REQUEST_EDIT): S.AWAITING_EDIT,
    (S.AWAITING_EDIT, Action.EDIT): S.SUBMITTED,
    (S.SUBMITTED, Action.SEND_TO_COORDINATOR): S.COORDINATING,
    (S.COORDINATING, Action.ADVISE): S.ADVISED,
    (S.ADVISED, Action.ADVISE): S.ADVISED,  # advice given again (after a disagreement)
    (S.SUBMITTED, Action.DISTRIBUTE): S.IN_HANDLING,
    (S.ADVISED, Action.DISTRIBUTE): S.IN_HANDLING,
    (S.RETURNED, Action.DISTRIBUTE): S.IN_HANDLING,
    (S.IN_HANDLING, Action.DISTRIBUTE): S.IN_HANDLING,
    (S.IN_HANDLING, Action.ACCEPT): S.IN_HANDLING,
    (S.IN_HANDLING, Action.RETURN): S.IN_HANDLING,
    (S.IN_HANDLING, Action.SUBMIT_RESULT): S.IN_HANDLING,
    (S.IN_HANDLING, Action.APPROVE): S.IN_HANDLING,
    (S.IN_HANDLING, Action.RETURN_RESULT): S.IN_HANDLING,
    (S.HANDLED, Action.SEND_BACK): S.IN_HANDLING,
    (S.AGREED, Action.SEND_BACK): S.IN_HANDLING,
    (S.HANDLED, Action.REQUEST_AGREEMENT): S.AWAITING_AGREEMENT,
    (S.AWAITING_AGREEMENT, Action.AGREE): S.AGREED,
    (S.AWAITING_AGREEMENT, Action.DISAGREE): S.ADVISED,
    (S.HANDLED, Action.PUBLISH): S.PUBLISHED,
    (S.AGREED, Action.PUBLISH): S.PUBLISHED,
    **{(state, Action.CANCEL): S.CANCELLED for state in OPEN_STATES},
}

# Each agency's part: (state, action) -> next state.
AGENCY_TRANSITIONS: dict[tuple[AssignmentState, Action], AssignmentState] = {
    (A.ASSIGNED, Action.ACCEPT): A.ACCEPTED,
    (A.ASSIGNED, Action.RETURN): A.RETURNED,
    (A.ACCEPTED, Action.RETURN): A.RETURNED,
    (A.ACCEPTED, Action.SUBMIT_RESULT): A.RESULT_SUBMITTED,
    (A.RESULT_SUBMITTED, Action.APPROVE): A.APPROVED,
    (A.RESULT_SUBMITTED, Action.RETURN_RESULT): A.ACCEPTED,
    (A.APPROVED, Action.SEND_BACK): A.ACCEPTED,
}

AGENCY_ACTIONS = frozenset(a for _, a in AGENCY_TRANSITIONS) - {Action.SEND_BACK}

WHO: dict[Action, frozenset[Actor]] = {
    Action.SUBMIT: frozenset({Actor.REPORTER, Actor.IOC}),
    Action.CLASSIFY: frozenset({Actor.IOC}),
    Action.REQUEST_VERIFICATION: frozenset({Actor.IOC}),
    Action.VERIFY: frozenset({Actor.IOC}),
    Action.REQUEST_EDIT: frozenset({Actor.IOC}),
    Action.EDIT: frozenset({Actor.REPORTER}),
    Action.SEND_TO_COORDINATOR: frozenset({Actor.IOC}),
    Action.ADVISE: frozenset({Actor.COORDINATOR}),
    Action.DISTRIBUTE: frozenset({Actor.IOC}),
    Action.ACCEPT: frozenset({Actor.HANDLER, Actor.LEADER}),
    Action.RETURN: frozenset({Actor.HANDLER, Actor.LEADER}),
    Action.SUBMIT_RESULT: frozenset({Actor.HANDLER, Actor.LEADER}),
    Action.APPROVE: frozenset({Actor.LEADER}),
    Action.RETURN_RESULT: frozenset({Actor.LEADER}),
    Action.SEND_BACK: frozenset({Actor.IOC}),
    Action.REQUEST_AGREEMENT: frozenset({Actor.IOC}),
    Action.AGREE: frozenset({Actor.COORDINATOR}),
    Action.DISAGREE: frozenset({Actor.COORDINATOR}),
    Action.PUBLISH: frozenset({Actor.IOC}),
    Action.CANCEL: frozenset({Actor.IOC}),
}

# Steps the public timeline shows (001 Art. 14.2: received, distributed, handled, approved).
PUBLIC_ACTIONS = frozenset(
    {Action.SUBMIT, Action.DISTRIBUTE, Action.ACCEPT, Action.APPROVE, Action.PUBLISH}
)

# Actions that need a reason in the note.
NEEDS_NOTE = frozenset(
    {
        Action.REQUEST_VERIFICATION,
        Action.REQUEST_EDIT,
        Action.RETURN,
        Action.RETURN_RESULT,
        Action.SEND_BACK,
        Action.DISAGREE,
        Action.CANCEL,
    }
)


def _words(value: str) -> str:
    return value.lower().replace("_", " ")


def next_state(state: ReflectionState, action: Action) -> ReflectionState:
    """The report's state after `action`, or INVALID_TRANSITION."""
    target = TRANSITIONS.get((state, action))
    if target is None:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"Cannot {_words(action)} a report that is {_words(state)}",
            None,  # the step itself, not an argument
        )
    return target


def next_agency_state(state: AssignmentState, action: Action) -> AssignmentState:
    """An agency's part after `action`, or INVALID_TRANSITION."""
    target = AGENCY_TRANSITIONS.get((state, action))
    if target is None:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"Cannot {_words(action)} an agency's part that is {_words(state)}",
            None,  # the step itself, not an argument
        )
    return target


def check_actor(action: Action, sides: set[Actor]) -> None:
    """Refuse when none of the caller's sides may take `action`."""
    if not WHO[action] & sides:
        allowed = " or ".join(sorted(_words(a) for a in WHO[action]))
        raise DomainError(ErrorCode.FORBIDDEN, f"Only the {allowed} may {_words(action)} it")
