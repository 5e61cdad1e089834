"""After the result: follow-up questions and answers, rating (001 Art. 12); focal persons
(Art. 18.1); automatic cancellation after 2 days (Art. 13.3-4), for a scheduler to call."""

from __future__ import annotations

from datetime import datetime

from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound
from domain.notifications.reflection_rules import notify_reflection_step
from domain.notifications.reporter_messages import tell_reporter
from domain.permissions import (
    Principal,
    can_manage_reflection_focals,
    can_view_reflection,
    is_reflection_reporter,
)
from domain.reflections import deadlines, policies
from domain.reflections.commands import (
    AnswerQuestion,
    AskAboutReflection,
    RateReflection,
    SetAgencyFocals,
)
from domain.reflections.events import ReflectionChanged
from domain.reflections.model import (
    AgencyFocal,
    AssignmentState,
    CancelReason,
    Question,
    Reflection,
    ReflectionEvent,
    ReflectionState,
    SlaStep,
)
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.transitions import load, parties_of
from domain.reflections.workflow import ANSWERED_STATES, Action, Actor
from domain.text import clean_text

MAX_QUESTIONS = 10
AUTO_CANCEL = {
    ReflectionState.VERIFYING: CancelReason.VERIFICATION_FAILED,
    ReflectionState.AWAITING_EDIT: CancelReason.EDIT_NOT_MADE,
}


async def _as_reporter(
    uow: ReflectionUnitOfWork, actor: Principal, reflection_id: int, tracking_code: str | None
) -> Reflection:
    reflection = await load(uow, reflection_id, None)
    parts = await uow.reflections.assignments_of(reflection.id)
    parties = await parties_of(uow, reflection, parts, tracking_code)
    if not is_reflection_reporter(actor, parties):
        if can_view_reflection(actor, parties):
            raise Forbidden("Only the reporter may do this")
        raise NotFound("Report", "id")
    if reflection.state not in ANSWERED_STATES:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "The report has no result yet", "id")
    return reflection


@handles(AskAboutReflection)
async def ask(uow: ReflectionUnitOfWork, caller: Caller, command: AskAboutReflection) -> Question:
    """The reporter asks about the result; the agencies answer within 1 day."""
    actor, now, calendar = caller.actor, caller.now, caller.calendar
    reflection_id, question, tracking_code = (
        command.reflection_id,
        command.question,
        command.tracking_code,
    )
    reflection = await _as_reporter(uow, actor, reflection_id, tracking_code)
    text = clean_text(question, field="question", max_length=2000, required=True)
    if await uow.reflections.count_questions(reflection.id) >= MAX_QUESTIONS:
        raise DomainError(ErrorCode.INVALID_INPUT, "Too many questions on one report", "question")
    due = deadlines.due(calendar, SlaStep.ANSWER, reflection.priority, now)
    asked = await uow.reflections.add_question(Question(reflection.id, text, now, due))
    await _log(uow, reflection, "ASK", actor, now, step=None, due=None)
    await notify_reflection_step(
        uow,
        actor_person_id=actor.person_id,
        reflection=reflection,
        parts=await uow.reflections.assignments_of(reflection.id),
        action="ASK",
        due_at=due,
        now=now,
    )
    return asked


@handles(AnswerQuestion)
async def answer(uow: ReflectionUnitOfWork, caller: Caller, command: AnswerQuestion) -> Question:
    """A handling agency answers a follow-up question."""
    actor, now = caller.actor, caller.now
    question_id, text = command.question_id, command.text
    question = await uow.reflections.get_question(question_id)
    if question is None:
        raise NotFound("Question", "id")
    reflection = await load(uow, question.reflection_id, None)
    parts = await uow.reflections.assignments_of(reflection.id)
    parties = await parties_of(uow, reflection, parts)
    handlers = [
        a.agency_unit_id
        for a in parts
        if a.state is AssignmentState.APPROVED
        and Actor.HANDLER
        in policies.agency_sides(
            actor, a.agency_unit_id, parties.agencies.get(a.agency_unit_id, ""), policies.Focal()
        )
    ]
    if not handlers:
        if can_view_reflection(actor, parties):
            raise Forbidden("Only a handling agency answers")
        raise NotFound("Question", "id")
    if question.answered_at is not None:
        raise DomainError(ErrorCode.INVALID_STATE, "The question is already answered", "id")
    question.answer = clean_text(text, field="answer", max_length=5000, required=True)
    question.answered_at, question.answered_by_unit_id = now, handlers[0]
    await uow.reflections.touch(reflection)
    await _log(uow, reflection, "ANSWER", actor, now, step=SlaStep.ANSWER, due=question.answer_due)
    await tell_reporter(
        uow.reporter_messages,
        reflection_id=reflection.id,
        action="ANSWER",
        now=now,
        question_id=question.id,
    )
    return question


@handles(RateReflection)
async def rate(uow: ReflectionUnitOfWork, caller: Caller, command: RateReflection) -> Reflection:
    """The reporter rates the result: satisfied, acceptable or unsatisfied (once)."""
    actor, now = caller.actor, caller.now
    reflection_id, rating, tracking_code = (
        command.reflection_id,
        command.rating,
        command.tracking_code,
    )
    reflection = await _as_reporter(uow, actor, reflection_id, tracking_code)
    if reflection.rating is not None:
        raise DomainError(ErrorCode.INVALID_STATE, "The result is already rated", "rating")
    reflection.rating, reflection.rated_at = rating, now
    await _log(uow, reflection, "RATE", actor, now, step=None, due=None, note=rating.value)
    return reflection


@handles(SetAgencyFocals)
async def set_focals(
    uow: ReflectionUnitOfWork, caller: Caller, command: SetAgencyFocals
) -> AgencyFocal:
    """Name the agency's one focal leader and one focal handler (members of the agency)."""
    actor, now = caller.actor, caller.now
    agency_id, leader_person_id, handler_person_id = (
        command.agency_id,
        command.leader_person_id,
        command.handler_person_id,
    )
    agency = await uow.units.get(agency_id)
    if agency is None:
        raise NotFound("Unit", "agencyId")
    if not can_manage_reflection_focals(actor, agency.path):
        raise Forbidden("Only the agency's leaders or the IOC name its focal persons")
    for field, person_id in (("leaderId", leader_person_id), ("handlerId", handler_person_id)):
        if person_id is None:
            continue
        person = await uow.people.get(person_id)
        if person is None or person.unit_id != agency_id:
            raise DomainError(
                ErrorCode.NOT_IN_COMPETENCE, "Focal persons must belong to the agency", field
            )
    focal = AgencyFocal(agency_id, leader_person_id, handler_person_id, now)
    await uow.reflections.save_focal(focal)
    return focal


async def cancel_overdue(
    *, uow: ReflectionUnitOfWork, now: datetime, limit: int = 100
) -> list[int]:
    """Cancel reports left unverified or unedited for 2 days; the ids cancelled.

    A scheduler calls this periodically (each call one transaction, `limit` reports).
    """
    ids = await uow.reflections.due_in_states(list(AUTO_CANCEL), now, limit)
    done: list[int] = []
    for reflection_id in ids:
        reflection = await uow.reflections.get(reflection_id)
        if reflection is None or reflection.state not in AUTO_CANCEL:
            continue
        if reflection.step_due is None or reflection.step_due > now:
            continue
        before, step, due = reflection.state, reflection.step, reflection.step_due
        reflection.cancel_reason = AUTO_CANCEL[before]
        reflection.state = ReflectionState.CANCELLED
        reflection.step = reflection.step_due = None
        await uow.reflections.touch(reflection)
        uow.record(ReflectionChanged(reflection.id))
        await uow.reflections.add_event(
            ReflectionEvent(
                reflection.id,
                Action.CANCEL.value,
                before,
                ReflectionState.CANCELLED,
                now,
                None,
                step=step,
                due_at=due,
                note=f"Cancelled automatically: {AUTO_CANCEL[before].value} after 2 days",
            )
        )
        await tell_reporter(
            uow.reporter_messages, reflection_id=reflection.id, action="CANCEL", now=now
        )
        done.append(reflection.id)
    return done


async def _log(
    uow: ReflectionUnitOfWork,
    reflection: Reflection,
    action: str,
    actor: Principal,
    now: datetime,
    *,
    step: SlaStep | None,
    due: datetime | None,
    note: str = "",
) -> None:
    uow.record(ReflectionChanged(reflection.id))
    await uow.reflections.add_event(
        ReflectionEvent(
            reflection.id,
            action,
            reflection.state,
            reflection.state,
            now,
            actor.account_id,
            step=step,
            due_at=due,
            breached=due is not None and now > due,
            note=note,
        )
    )
