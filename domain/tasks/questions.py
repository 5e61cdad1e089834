"""Citizen questions (000 Annex V): taken in from the public portal in batches at 10:00 and
16:00 on working days, forwarded by the office at 07:30 and 14:00 as CITIZEN_QUESTION tasks
(5, at most 10 working days); the answer, once the office confirms it, is published
without the asker's personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.calendar import WorkingCalendar
from domain.errors import DomainError, ErrorCode, NotFound, StaleVersion
from domain.permissions import Principal
from domain.tasks import deadlines, policies
from domain.tasks.forwarding import Forward, forward_as_task
from domain.tasks.model import Task, TaskKind
from domain.tasks.portal_model import CitizenQuestion
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.services import office_path
from domain.text import clean_email, clean_optional, clean_phone, clean_text, fold


@dataclass(frozen=True)
class NewQuestion:
    """A question as the portal received it."""

    office_unit_id: int
    title: str
    question: str
    asker_name: str
    submitted_at: datetime | None = None
    asker_email: str | None = None
    asker_phone: str | None = None
    asker_address: str | None = None


async def take_in(
    *,
    uow: TaskUnitOfWork,
    actor: Principal,
    calendar: WorkingCalendar,
    new: NewQuestion,
    now: datetime,
) -> CitizenQuestion:
    """Record a question from the portal: its intake batch and forwarding slot follow."""
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


async def forward(
    *,
    uow: TaskUnitOfWork,
    actor: Principal,
    calendar: WorkingCalendar,
    question_id: int,
    expected_version: int | None,
    to: Forward,
    now: datetime,
) -> tuple[CitizenQuestion, Task]:
    """Forward a question to the units that answer it; after its slot it is flagged late.
    The task carries the question, never the asker's personal data."""
    question = await uow.tasks.get_question(question_id)
    office = await uow.units.get(question.office_unit_id) if question else None
    if question is None or office is None or not policies.can_read_questions(actor, office.path):
        raise NotFound("Citizen question", "id")  # its existence is the office's business
    await office_path(uow, actor, question.office_unit_id)
    if expected_version is not None and expected_version != question.version:
        raise StaleVersion("Citizen question")
    if question.task_id is not None:
        raise DomainError(ErrorCode.INVALID_STATE, "The question was already forwarded", "id")
    task = await forward_as_task(
        uow=uow,
        actor=actor,
        calendar=calendar,
        kind=TaskKind.CITIZEN_QUESTION,
        content=f"{question.title}: {question.question}"[:10_000],
        office_unit_id=question.office_unit_id,
        forward=to,
        now=now,
    )
    question.task_id, question.forwarded_at = task.id, now
    question.forwarded_late = now > question.forward_due
    return question, task
