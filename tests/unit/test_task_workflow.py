"""The task chain's transition table: every (state, action) pair, who acts, who is waited on."""

from __future__ import annotations

import itertools

import pytest

from domain.errors import DomainError, ErrorCode
from domain.tasks.model import TaskKind, TaskState
from domain.tasks.workflow import (
    OPEN_STATES,
    TRANSITIONS,
    WAITING_ON,
    WHO,
    Action,
    Actor,
    check_actor,
    next_state,
)

S = TaskState

# The chain as DOMAIN.md section 2 and issue 3 tell it, written out independently of the table.
EXPECTED: dict[tuple[TaskState, Action], TaskState] = {
    (S.CREATED, Action.SEND): S.SENT,
    (S.RETURNED, Action.SEND): S.SENT,  # the office corrects or reassigns and sends again
    (S.SENT, Action.RECEIVE): S.RECEIVED,
    (S.SENT, Action.RETURN): S.RETURNED,
    (S.RECEIVED, Action.RETURN): S.RETURNED,
    (S.RECEIVED, Action.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, Action.ASSIGN): S.ASSIGNED,  # the leader changes the specialists
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
    **{
        (state, Action.CANCEL): S.CANCELLED
        for state in (
            S.CREATED,
            S.SENT,
            S.RETURNED,
            S.RECEIVED,
            S.ASSIGNED,
            S.IN_PROGRESS,
            S.DRAFTED,
            S.APPROVED,
        )
    },
    **{(state, Action.ESCALATE): S.ESCALATED for state in (S.SENT, S.RECEIVED, S.RETURNED)},
}

ALL_PAIRS = list(itertools.product(TaskState, Action))
ALLOWED = [pair for pair in ALL_PAIRS if pair in EXPECTED]
REFUSED = [pair for pair in ALL_PAIRS if pair not in EXPECTED]
TERMINAL = (S.CANCELLED, S.ESCALATED)


def _id(pair: tuple[TaskState, Action]) -> str:
    return f"{pair[0].value}-{pair[1].value}"


def test_the_table_is_the_chain_of_the_regulation() -> None:
    assert TRANSITIONS == EXPECTED


@pytest.mark.parametrize("pair", ALLOWED, ids=_id)
def test_an_allowed_pair_gives_the_tables_target(pair: tuple[TaskState, Action]) -> None:
    state, action = pair
    assert next_state(state, action, kind=TaskKind.VOTER_PETITION) is EXPECTED[pair]
    if action is not Action.ESCALATE:
        for kind in TaskKind:
            assert next_state(state, action, kind=kind) is EXPECTED[pair]


@pytest.mark.parametrize("pair", REFUSED, ids=_id)
def test_a_pair_outside_the_table_is_an_invalid_transition(pair: tuple[TaskState, Action]) -> None:
    state, action = pair
    for kind in TaskKind:
        with pytest.raises(DomainError) as refused:
            next_state(state, action, kind=kind)
        assert refused.value.code is ErrorCode.INVALID_TRANSITION
        assert refused.value.field is None  # the step itself, no argument


@pytest.mark.parametrize("state", [S.SENT, S.RECEIVED, S.RETURNED])
@pytest.mark.parametrize("kind", [k for k in TaskKind if k is not TaskKind.VOTER_PETITION])
def test_only_voter_petitions_are_escalated(state: TaskState, kind: TaskKind) -> None:
    with pytest.raises(DomainError) as refused:
        next_state(state, Action.ESCALATE, kind=kind)
    assert refused.value.code is ErrorCode.INVALID_TRANSITION
    assert next_state(state, Action.ESCALATE, kind=TaskKind.VOTER_PETITION) is S.ESCALATED


@pytest.mark.parametrize("state", [*TERMINAL, S.COMPLETED])
def test_nothing_but_reopening_leaves_an_ended_task(state: TaskState) -> None:
    for action in Action:
        if (state, action) == (S.COMPLETED, Action.REOPEN):
            continue
        with pytest.raises(DomainError):
            next_state(state, action, kind=TaskKind.VOTER_PETITION)


def test_the_refusal_names_the_action_and_the_state() -> None:
    with pytest.raises(DomainError) as refused:
        next_state(S.CREATED, Action.APPROVE, kind=TaskKind.DIRECTIVE)
    assert "approve" in refused.value.message
    assert "created" in refused.value.message


# --- WHO ---------------------------------------------------------------------------------

EXPECTED_WHO: dict[Action, set[Actor]] = {
    Action.SEND: {Actor.OFFICE},
    Action.RECEIVE: {Actor.UNIT_LEADER},
    Action.RETURN: {Actor.UNIT_LEADER},
    Action.ASSIGN: {Actor.UNIT_LEADER},
    Action.START: {Actor.SPECIALIST, Actor.UNIT_LEADER},
    Action.SUBMIT_DRAFT: {Actor.SPECIALIST, Actor.UNIT_LEADER},
    Action.APPROVE: {Actor.UNIT_LEADER},
    Action.RETURN_DRAFT: {Actor.UNIT_LEADER},
    Action.REPORT: {Actor.UNIT_LEADER},
    Action.CONFIRM: {Actor.OFFICE},
    Action.REOPEN: {Actor.OFFICE},
    Action.CANCEL: {Actor.OFFICE},
    Action.ESCALATE: {Actor.OFFICE, Actor.UNIT_LEADER},
}

ACTION_SIDE = list(itertools.product(Action, Actor))


def test_every_action_says_who_takes_it() -> None:
    assert {a: set(s) for a, s in WHO.items()} == EXPECTED_WHO


@pytest.mark.parametrize(
    ("action", "side"),
    [p for p in ACTION_SIDE if p[1] in EXPECTED_WHO[p[0]]],
    ids=lambda v: v.value,
)
def test_an_allowed_side_may_act(action: Action, side: Actor) -> None:
    check_actor(action, {side})
    check_actor(action, set(Actor))


@pytest.mark.parametrize(
    ("action", "side"),
    [p for p in ACTION_SIDE if p[1] not in EXPECTED_WHO[p[0]]],
    ids=lambda v: v.value,
)
def test_a_side_not_allowed_is_forbidden(action: Action, side: Actor) -> None:
    with pytest.raises(DomainError) as refused:
        check_actor(action, {side})
    assert refused.value.code is ErrorCode.FORBIDDEN
    others = set(Actor) - EXPECTED_WHO[action]
    with pytest.raises(DomainError):
        check_actor(action, others)


@pytest.mark.parametrize("action", Action)
def test_nobody_on_no_side_may_act(action: Action) -> None:
    with pytest.raises(DomainError) as refused:
        check_actor(action, set())
    assert refused.value.code is ErrorCode.FORBIDDEN


def test_specialists_never_approve_their_own_drafts() -> None:
    for action in (Action.APPROVE, Action.REPORT, Action.RETURN_DRAFT, Action.CONFIRM):
        assert Actor.SPECIALIST not in WHO[action]


# --- WAITING_ON --------------------------------------------------------------------------


@pytest.mark.parametrize("state", sorted(OPEN_STATES | {S.REPORTED}))
def test_every_open_state_waits_on_some_side(state: TaskState) -> None:
    assert any(state in states for states in WAITING_ON.values())


def test_ended_states_wait_on_nobody() -> None:
    for states in WAITING_ON.values():
        assert not states & {S.COMPLETED, S.CANCELLED, S.ESCALATED}


def test_the_side_waited_on_can_move_the_task() -> None:
    for side, states in WAITING_ON.items():
        for state in states:
            moves = [a for (s, a) in TRANSITIONS if s is state and a is not Action.CANCEL]
            assert any(side in WHO[a] for a in moves), (side, state)


def test_open_states_are_those_that_can_still_be_cancelled() -> None:
    assert {s for (s, a) in TRANSITIONS if a is Action.CANCEL} == set(OPEN_STATES)
