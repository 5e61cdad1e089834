"""The task chain as a transition table: {(state, action): next state}, with who may act.

created > sent > received (or returned to the office, which corrects or reassigns and sends
again) > assigned > in progress > drafted > approved (or returned to the specialist) >
reported > completed (or reopened). The office may cancel open work; a voter petition beyond
its level's competence is escalated one level up.
"""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError, ErrorCode
from domain.tasks.model import TaskKind, TaskState

S = TaskState


class Action(StrEnum):
    """Everything that moves a task."""

    SEND = "SEND"
    RECEIVE = "RECEIVE"
    RETURN = "RETURN"
    ASSIGN = "ASSIGN"
    START = "START"
    SUBMIT_DRAFT = "SUBMIT_DRAFT"
    APPROVE = "APPROVE"
    RETURN_DRAFT = "RETURN_DRAFT"
    REPORT = "REPORT"
    CONFIRM = "CONFIRM"
    REOPEN = "REOPEN"
    CANCEL = "CANCEL"
    ESCALATE = "ESCALATE"


class Actor(StrEnum):
    """Sides of the chain; domain.tasks.policies decides who plays which on a task."""

    OFFICE = "OFFICE"  # task creators of the creating office
    UNIT_LEADER = "UNIT_LEADER"  # the lead unit's leader or its unit account
    SPECIALIST = "SPECIALIST"  # a specialist the unit leader assigned


_OPEN = (
    S.CREATED,
    S.SENT,
    S.RETURNED,
    S.RECEIVED,
    S.ASSIGNED,
    S.IN_PROGRESS,
    S.DRAFTED,
    S.APPROVED,
)

TRANSITIONS: dict[tuple[TaskState, Action], TaskState] = {
    (S.CREATED, Action.SEND): S.SENT,
    (S.RETURNED, Action.SEND): S.SENT,
    (S.SENT, Action.RECEIVE): S.RECEIVED,
    (S.SENT, Action.RETURN): S.RETURNED,
    (S.RECEIVED, Action.RETURN): S.RETURNED,
    (S.RECEIVED, Action.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, Action.ASSIGN): S.ASSIGNED,
    (S.IN_PROGRESS, Action.ASSIGN): S.IN_PROGRESS,
    (S.ASSIGNED, Action.START): S.IN_PROGRESS,
    (S.ASSIGNED, Action.SUBMIT_DRAFT): S.DRAFTED,
    (S.IN_PROGRESS, Action.SUBMIT_DRAFT): S.DRAFTED,
    (S.DRAFTED, Action.APPROVE): S.APPROVED,
    (S.DRAFTED, Action.RETURN_DRAFT): S.IN_PROGRESS,
    (S.APPROVED, Action.REPORT): S.REPORTED,
    (S.REPORTED, Action.CONFIRM): S.COMPLETED,
    (S.REPORTED, Action.REOPEN): S.IN_PROGRESS,
    (S.COMPLETED, Action.REOPEN): S.IN_PROGRESS,
    **{(state, Action.CANCEL): S.CANCELLED for state in _OPEN},
    **{(state, Action.ESCALATE): S.ESCALATED for state in (S.SENT, S.RECEIVED, S.RETURNED)},
}

WHO: dict[Action, frozenset[Actor]] = {
    Action.SEND: frozenset({Actor.OFFICE}),
    Action.RECEIVE: frozenset({Actor.UNIT_LEADER}),
    Action.RETURN: frozenset({Actor.UNIT_LEADER}),
    Action.ASSIGN: frozenset({Actor.UNIT_LEADER}),
    Action.START: frozenset({Actor.SPECIALIST, Actor.UNIT_LEADER}),
    Action.SUBMIT_DRAFT: frozenset({Actor.SPECIALIST, Actor.UNIT_LEADER}),
    Action.APPROVE: frozenset({Actor.UNIT_LEADER}),
    Action.RETURN_DRAFT: frozenset({Actor.UNIT_LEADER}),
    Action.REPORT: frozenset({Actor.UNIT_LEADER}),
    Action.CONFIRM: frozenset({Actor.OFFICE}),
    Action.REOPEN: frozenset({Actor.OFFICE}),
    Action.CANCEL: frozenset({Actor.OFFICE}),
    Action.ESCALATE: frozenset({Actor.OFFICE, Actor.UNIT_LEADER}),
}

# States in which each side has something to do: the `myWork` inbox.
WAITING_ON: dict[Actor, frozenset[TaskState]] = {
    Actor.OFFICE: frozenset({S.CREATED, S.RETURNED, S.REPORTED}),
    Actor.UNIT_LEADER: frozenset({S.SENT, S.RECEIVED, S.DRAFTED, S.APPROVED}),
    Actor.SPECIALIST: frozenset({S.ASSIGNED, S.IN_PROGRESS}),
}

OPEN_STATES = frozenset(_OPEN)


def next_state(state: TaskState, action: Action, *, kind: TaskKind) -> TaskState:
    """The state after `action`, or INVALID_TRANSITION."""
    if action is Action.ESCALATE and kind is not TaskKind.VOTER_PETITION:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "Only voter petitions are escalated", None)
    target = TRANSITIONS.get((state, action))
    if target is None:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            f"Cannot {action.value.lower().replace('_', ' ')} a task that is "
            f"{state.value.lower().replace('_', ' ')}",
            None,  # the step itself, not an argument
        )
    return target


def check_actor(action: Action, sides: set[Actor]) -> None:
    """Refuse when none of the caller's sides may take `action`."""
    if not WHO[action] & sides:
        allowed = " or ".join(sorted(a.value.lower().replace("_", " ") for a in WHO[action]))
        raise DomainError(
            ErrorCode.FORBIDDEN,
            f"Only the {allowed} may {action.value.lower().replace('_', ' ')} this task",
        )
