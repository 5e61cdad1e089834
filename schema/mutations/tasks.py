"""Mutations of the task chain: one per step, each with typed errors and a version check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from domain.tasks.commands import ActOnTask, CorrectTask, CreateDirective, CreateTask, Step
from domain.tasks.workflow import Action
from resolvers.tasks.queries import aware
from schema.common import ctx_of, decode_id, dispatch
from schema.descriptions import Version
from schema.mutations.task_inputs import (
    CreateDirectiveInput,
    CreateTaskInput,
    DirectivePayload,
    TaskPayload,
    ids,
    new_directive,
    new_task,
)

TaskId = Annotated[strawberry.ID, strawberry.argument(description="The task's global id")]
Reason = Annotated[
    str,
    strawberry.argument(
        description="Why, for the timeline and the notified parties; required, not blank"
    ),
]
Note = Annotated[
    str | None,
    strawberry.argument(
        description="A remark kept in the task's timeline (a unit's internal notes reach only "
        "its staff on the task, its leader and the trackers); null: none"
    ),
]


async def _step(
    info: Info,
    id: strawberry.ID,
    version: int | None,
    step: Callable[[], Step],
) -> TaskPayload:
    """Move the task one step and shape the payload."""
    return TaskPayload.of(
        await dispatch(info, lambda: ActOnTask(decode_id(id, "Task"), version, step()))
    )


def _noted(action: Action, description: str) -> Any:
    """A mutation taking the step with an optional remark for the timeline."""

    async def take(
        self: Any, info: Info, id: TaskId, version: Version = None, note: Note = None
    ) -> TaskPayload:
        return await _step(info, id, version, lambda: Step(action, note=note))

    return strawberry.mutation(take, description=description)


def _reasoned(action: Action, description: str) -> Any:
    """A mutation taking the step with its required reason."""

    async def take(
        self: Any, info: Info, id: TaskId, reason: Reason, version: Version = None
    ) -> TaskPayload:
        return await _step(info, id, version, lambda: Step(action, note=reason))

    return strawberry.mutation(take, description=description)


@strawberry.type
class TaskMutations:
    @strawberry.mutation(
        description="Enter a directive document (task creators of the office); a secret one is "
        "refused with SECRET_DOCUMENT_REFUSED"
    )
    async def create_directive(
        self,
        info: Info,
        input: Annotated[
            CreateDirectiveInput, strawberry.argument(description="The document's details")
        ],
    ) -> DirectivePayload:
        return DirectivePayload.of(
            await dispatch(info, lambda: CreateDirective(new_directive(ctx_of(info), input)))
        )

    @strawberry.mutation(description="Enter a task for a lead unit (task creators of the office)")
    async def create_task(
        self,
        info: Info,
        input: Annotated[CreateTaskInput, strawberry.argument(description="The task")],
    ) -> TaskPayload:
        return TaskPayload.of(
            await dispatch(info, lambda: CreateTask(new_task(ctx_of(info), input)))
        )

    @strawberry.mutation(
        description="The office corrects or reassigns a task it holds (created or returned); "
        "omitted fields stay as they are"
    )
    async def correct_task(
        self,
        info: Info,
        *,
        id: TaskId,
        version: Version = None,
        content: Annotated[
            str | None,
            strawberry.argument(description="New content, at most 10,000 characters"),
        ] = None,
        deadline: Annotated[
            datetime | None,
            strawberry.argument(description="New deadline, in the future (DEADLINE_IN_PAST)"),
        ] = None,
        lead_unit_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="A new lead unit")
        ] = None,
        coordinating_unit_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(
                description="The coordinating units, all of them (an empty list: none)"
            ),
        ] = None,
    ) -> TaskPayload:
        return TaskPayload.of(
            await dispatch(
                info,
                lambda: CorrectTask(
                    decode_id(id, "Task"),
                    version,
                    content=content,
                    deadline=aware(ctx_of(info), deadline),
                    lead_unit_id=(
                        decode_id(lead_unit_id, "OrgUnit", "leadUnitId") if lead_unit_id else None
                    ),
                    coordinating_unit_ids=(
                        ids(coordinating_unit_ids, "OrgUnit", "coordinatingUnitIds")
                        if coordinating_unit_ids is not None
                        else None
                    ),
                ),
            )
        )

    send_task = _noted(Action.SEND, "The office sends the task to its units")
    receive_task = _noted(Action.RECEIVE, "The lead unit checked the task and takes it")
    return_task = _reasoned(
        Action.RETURN, "The lead unit returns the task to the office: wrong, or not its competence"
    )

    @strawberry.mutation(
        description="The unit leader names the lead specialist and coordinating specialists "
        "(members of the lead unit; NOT_IN_COMPETENCE otherwise)"
    )
    async def assign_task(
        self,
        info: Info,
        *,
        id: TaskId,
        lead_specialist_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The person responsible for the work and the draft"),
        ],
        coordinating_specialist_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="Persons who help; null: nobody"),
        ] = None,
        version: Version = None,
        note: Note = None,
    ) -> TaskPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(
                Action.ASSIGN,
                note=note,
                lead_specialist_id=decode_id(lead_specialist_id, "Person", "leadSpecialistId"),
                coordinating_specialist_ids=ids(
                    coordinating_specialist_ids, "Person", "coordinatingSpecialistIds"
                ),
            ),
        )

    start_task = _noted(Action.START, "The assigned specialist starts the work")

    @strawberry.mutation(description="The specialist submits the draft result")
    async def submit_task_draft(
        self,
        info: Info,
        id: TaskId,
        content: Annotated[
            str,
            strawberry.argument(
                description="The draft result, at most 20,000 characters; until approved only "
                "the unit's staff on the task, its leader and the trackers read it"
            ),
        ],
        version: Version = None,
        note: Note = None,
    ) -> TaskPayload:
        return await _step(
            info, id, version, lambda: Step(Action.SUBMIT_DRAFT, note=note, content=content)
        )

    @strawberry.mutation(
        description="The unit leader approves the draft; with content, edits it and approves"
    )
    async def approve_task(
        self,
        info: Info,
        id: TaskId,
        content: Annotated[
            str | None,
            strawberry.argument(
                description="The leader's edited text, replacing the draft, at most 20,000 "
                "characters; null: approve the draft as it is"
            ),
        ] = None,
        version: Version = None,
        note: Note = None,
    ) -> TaskPayload:
        return await _step(
            info, id, version, lambda: Step(Action.APPROVE, note=note, content=content)
        )

    return_task_draft = _reasoned(
        Action.RETURN_DRAFT, "The unit leader returns the draft to the specialist"
    )

    @strawberry.mutation(
        description="The unit reports its approved result with the official reply's number and "
        "date (flagged recordedLate after 1 working day); content replaces the approved text"
    )
    async def report_task(
        self,
        info: Info,
        *,
        id: TaskId,
        reply_number: Annotated[
            str,
            strawberry.argument(
                description="Number and symbol of the official reply (123/SNV-VP), at most 60"
            ),
        ],
        reply_date: Annotated[
            date, strawberry.argument(description="Local date of the official reply")
        ],
        content: Annotated[
            str | None,
            strawberry.argument(
                description="A final text replacing the approved one, at most 20,000 "
                "characters; null: keep it"
            ),
        ] = None,
        version: Version = None,
        note: Note = None,
    ) -> TaskPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(
                Action.REPORT,
                note=note,
                content=content,
                reply_number=reply_number,
                reply_date=reply_date,
            ),
        )

    confirm_task = _noted(Action.CONFIRM, "The office confirms the task complete")
    reopen_task = _reasoned(Action.REOPEN, "The office reopens a reported or completed task")
    cancel_task = _reasoned(Action.CANCEL, "The office cancels open work")

    @strawberry.mutation(
        description="A voter petition beyond this level's competence goes one level up "
        "(commune > district > province) as a new task that keeps its history; toUnitId "
        "names the upper level's office (default: the level itself)"
    )
    async def escalate_task(
        self,
        info: Info,
        id: TaskId,
        to_unit_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Who takes the petition at the level above: its people's "
                "committee or one of that committee's own offices; null: the committee"
            ),
        ] = None,
        reason: Annotated[
            str | None,
            strawberry.argument(description="Why it is beyond this level; null: none given"),
        ] = None,
        version: Version = None,
    ) -> TaskPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(
                Action.ESCALATE,
                note=reason,
                escalate_to_unit_id=(
                    decode_id(to_unit_id, "OrgUnit", "toUnitId") if to_unit_id else None
                ),
            ),
        )
