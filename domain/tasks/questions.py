"""Citizen questions (000 Annex V): taken in from the public portal in batches at 10:00 and
16:00 on working days, forwarded by the office at 07:30 and 14:00 as CITIZEN_QUESTION tasks
(5, at most 10 working days); the answer, once the office confirms it, is published
without the asker's personal data."""

from __future__ import annotations

from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, NotFound, StaleVersion
from domain.tasks import deadlines, policies
from domain.tasks.forwarding import forward_as_task
from domain.tasks.model import TaskKind
from domain.tasks.portal_commands import Forwarded, ForwardQuestion, TakeInQuestion
from domain.tasks.portal_model import CitizenQuestion
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.services import office_path
from domain.text import clean_email, clean_optional, clean_phone, clean_text, fold


@handles(TakeInQuestion)
async def take_in(uow: TaskUnitOfWork, caller: Caller, command: TakeInQuestion) -> CitizenQuestion:
    """Record a question from the portal: its intake batch and forwarding slot follow."""
    actor, now, calendar, new = caller.actor, caller.now, caller.calendar, command.new
    await office_path(uow, actor, new.office_unit_id)
    submitted = new.submitted_at or now
    if submitted > now:
        raise DomainError(
            ErrorCode.INVALID_INPUT, "The question was submitted in the future", "submittedAt"
        )
    title = clean_text(new.title, field="title", max_length=500, required=True)
    text = clean_text(new.question, field="question", max_length=10_000, required=True)
    intake = deadlines.question_intake(calendar, submitted)
    question = CitizenQuestion(
        office_unit_id=new.office_unit_id,
        title=title,
        question=text,
        asker_name=clean_text(new.asker_name, field="askerName", max_length=255, required=True),
        submitted_at=submitted,
        intake_at=intake,
        forward_due=deadlines.question_forwarding(calendar, intake),
        created_at=now,
        created_by=actor.account_id,
        asker_email=clean_email(new.asker_email, field="askerEmail"),
        asker_phone=clean_phone(new.asker_phone, field="askerPhone"),
        asker_address=clean_optional(new.asker_address, field="askerAddress", max_length=500),
        search_text=fold(f"{title} {text}"),
    )
    return await uow.tasks.add_question(question)


@handles(ForwardQuestion)
async def forward(
    uow: TaskUnitOfWork, caller: Caller, command: ForwardQuestion
) -> Forwarded[CitizenQuestion]:
    """Forward a question to the units that answer it; after its slot it is flagged late.
    The task carries the question, never the asker's personal data."""
    actor, now = caller.actor, caller.now
    question = await uow.tasks.get_question(command.question_id)
    office = await uow.units.get(question.office_unit_id) if question else None
    if question is None or office is None or not policies.can_read_questions(actor, office.path):
        raise NotFound("Citizen question", "id")  # its existence is the office's business
    await office_path(uow, actor, question.office_unit_id)
    if command.version is not None and command.version != question.version:
        raise StaleVersion("Citizen question")
    if question.task_id is not None:
        raise DomainError(ErrorCode.INVALID_STATE, "The question was already forwarded", "id")
    task = await forward_as_task(
        uow,
        caller,
        kind=TaskKind.CITIZEN_QUESTION,
        content=f"{question.title}: {question.question}"[:10_000],
        office_unit_id=question.office_unit_id,
        forward=command.forward,
    )
    question.task_id, question.forwarded_at = task.id, now
    question.forwarded_late = now > question.forward_due
    return Forwarded(question, task)
