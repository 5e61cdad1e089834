"""Each agency's part of a report: its steps and limits, and the report's running clock."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from domain.reflections.model import (
    ACTIVE_ASSIGNMENT,
    Assignment,
    AssignmentState,
    ReflectionState,
    SlaStep,
)
from domain.reflections.workflow import Action
from domain.text import clean_text

if TYPE_CHECKING:
    from domain.reflections.steps import Change

A = AssignmentState
S = ReflectionState


def settled(parts: list[Assignment]) -> ReflectionState:
    """The report's state from its agencies' parts: handled when every one approved."""
    live = [a for a in parts if a.state is not A.WITHDRAWN]
    if any(a.state in ACTIVE_ASSIGNMENT for a in live):
        return S.IN_HANDLING
    if live and all(a.state is A.APPROVED for a in live):
        return S.HANDLED
    return S.RETURNED


def agency_step(
    change: Change, part: Assignment, action: Action
) -> tuple[SlaStep | None, datetime | None]:
    """Apply an agency step to its part; the step it closed and that step's due."""
    now, before = change.now, (part.step, part.due_at)
    if action is Action.ACCEPT:
        part.accepted_at = now
        part.handle_due = change.due(SlaStep.HANDLE)
        part.return_due = change.due(SlaStep.RETURN)
        part.step, part.due_at = SlaStep.HANDLE, part.handle_due
    elif action is Action.RETURN:
        before = (SlaStep.RETURN, part.return_due or before[1])
        part.note = change.note
        part.suggested_unit_id = change.step.suggested_unit_id
        part.step = part.due_at = None
    elif action is Action.SUBMIT_RESULT:
        part.result = _result(change.step.result, required=True)
        part.result_at = now
        part.step, part.due_at = SlaStep.APPROVE, change.due(SlaStep.APPROVE)
    elif action is Action.APPROVE:
        edited = change.step.result
        if edited is not None:  # edit and approve (001 Art. 8.1a)
            part.result = _result(edited, required=True)
        part.approved_at, part.approved_by = now, change.actor.account_id
        part.step = part.due_at = None
    elif action is Action.RETURN_RESULT:
        part.note = change.note
        part.step, part.due_at = SlaStep.HANDLE, part.handle_due or change.due(SlaStep.HANDLE)
    return before


def _result(value: str | None, *, required: bool) -> str:
    return clean_text(value or "", field="result", max_length=10_000, required=required)


OWN_STEP: dict[ReflectionState, SlaStep] = {
    S.SUBMITTED: SlaStep.INTAKE,
    S.ADVISED: SlaStep.INTAKE,
    S.RETURNED: SlaStep.INTAKE,
    S.VERIFYING: SlaStep.VERIFICATION,
    S.AWAITING_EDIT: SlaStep.EDIT,
    S.COORDINATING: SlaStep.COORDINATION,
    S.HANDLED: SlaStep.PUBLISH,
    S.AWAITING_AGREEMENT: SlaStep.AGREEMENT,
    S.AGREED: SlaStep.PUBLISH,
}
"""The step a report runs on its own in each state (IN_HANDLING runs on its agencies')."""


def set_report_step(change: Change) -> None:
    """The report's running step and due: its own, or its agencies' earliest."""
    r, now, own = change.reflection, change.now, OWN_STEP
    if r.state is S.IN_HANDLING:
        running = [a for a in change.parts if a.state in ACTIVE_ASSIGNMENT and a.due_at]
        first = min(running, key=lambda a: a.due_at or now, default=None)
        r.step, r.step_due = (first.step, first.due_at) if first else (None, None)
    elif r.state in own:
        if r.step is not own[r.state]:
            r.step, r.step_due = own[r.state], change.due(own[r.state])
    else:
        r.step = r.step_due = None
