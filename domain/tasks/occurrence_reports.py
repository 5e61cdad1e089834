"""Reporting one period of a periodic task: progress, or the period's result."""

from __future__ import annotations

from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, NotFound, StaleVersion
from domain.permissions import Principal
from domain.tasks import policies
from domain.tasks.model import Task, TaskEvent
from domain.tasks.periods import ENDED, OccurrenceState, TaskOccurrence
from domain.tasks.portal_commands import ReopenOccurrence, ReportOccurrence
from domain.tasks.ports import TaskUnitOfWork
from domain.tasks.transitions import parties_of
from domain.tasks.workflow import Actor
from domain.text import clean_text

MAX_REPORT = 10_000


@handles(ReportOccurrence)
async def report_occurrence(
    uow: TaskUnitOfWork, caller: Caller, command: ReportOccurrence
) -> TaskOccurrence:
    """The lead unit reports a period. Its specialists report progress; the final result
    (the period done) is the unit leader's (or the unit account's) to give."""
    actor, now, report = caller.actor, caller.now, command.report
    occurrence, task, sides = await _load(uow, actor, command.occurrence_id, command.version)
    if not sides & {Actor.UNIT_LEADER, Actor.SPECIALIST}:
        raise DomainError(ErrorCode.FORBIDDEN, "Only the lead unit reports its periods")
    if report.final and Actor.UNIT_LEADER not in sides:
        raise DomainError(
            ErrorCode.FORBIDDEN, "Only the unit leader reports a period's result", "final"
        )
    if task.state in ENDED:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "The task is no longer open", "id")
    if occurrence.state is OccurrenceState.DONE:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION, "This period's result was already reported", "id"
        )
    percent = 100 if report.final else report.progress_percent
    if percent is None:
        percent = occurrence.progress_percent
    if not 0 <= percent <= 100:
        raise DomainError(
            ErrorCode.INVALID_INPUT, "Progress is a percentage (0 to 100)", "progressPercent"
        )
    occurrence.report = clean_text(
        report.content, field="content", max_length=MAX_REPORT, required=True
    )
    occurrence.progress_percent = percent
    occurrence.reported_at, occurrence.reported_by = now, actor.account_id
    occurrence.state = OccurrenceState.DONE if report.final else OccurrenceState.IN_PROGRESS
    occurrence.done_at = now if report.final else None
    action = "OCCURRENCE_DONE" if report.final else "OCCURRENCE_PROGRESS"
    await uow.tasks.add_event(
        TaskEvent(
            task.id,
            action,
            task.state,
            task.state,
            now,
            actor.account_id,
            actor.person_id,
            f"period {occurrence.label}",
        )
    )
    return occurrence


@handles(ReopenOccurrence)
async def reopen_occurrence(
    uow: TaskUnitOfWork, caller: Caller, command: ReopenOccurrence
) -> TaskOccurrence:
    """The office sends a period's result back to the unit, with the reason: the period is
    open again (and judged by when its result is reported anew)."""
    actor, now = caller.actor, caller.now
    occurrence, task, sides = await _load(uow, actor, command.occurrence_id, command.version)
    if Actor.OFFICE not in sides:
        raise DomainError(ErrorCode.FORBIDDEN, "Only the office reopens a period's result")
    note = clean_text(command.reason, field="reason", max_length=5000, required=True)
    if task.state in ENDED or occurrence.state is not OccurrenceState.DONE:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION, "Only a reported result of an open task is reopened", "id"
        )
    occurrence.state, occurrence.done_at = OccurrenceState.IN_PROGRESS, None
    await uow.tasks.add_event(
        TaskEvent(
            task.id,
            "OCCURRENCE_REOPENED",
            task.state,
            task.state,
            now,
            actor.account_id,
            actor.person_id,
            f"period {occurrence.label}: {note}",
        )
    )
    return occurrence


async def _load(
    uow: TaskUnitOfWork, actor: Principal, occurrence_id: int, expected_version: int | None
) -> tuple[TaskOccurrence, Task, set[Actor]]:
    """The occurrence, its task and the caller's sides; hidden ones are not found."""
    occurrence = await uow.tasks.get_occurrence(occurrence_id)
    task = await uow.tasks.get(occurrence.task_id) if occurrence else None
    parties = await parties_of(uow, task) if task else None
    if occurrence is None or task is None or parties is None:
        raise NotFound("Occurrence", "id")
    if not policies.can_view(actor, parties):
        raise NotFound("Occurrence", "id")
    if expected_version is not None and expected_version != occurrence.version:
        raise StaleVersion("Occurrence")
    return occurrence, task, policies.sides(actor, parties)
