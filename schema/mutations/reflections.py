"""Mutations of the field reports: one per step, each with typed errors and a version check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.reflections import model
from domain.reflections.transitions import Step
from domain.reflections.workflow import Action
from resolvers.reflections import mutations as run
from schema.common import attempt, ctx_of, decode_id, errors_of
from schema.mutations.reflection_inputs import (
    ReflectionFocalsPayload,
    ReflectionPayload,
    ReflectionQuestionPayload,
    SubmitReflectionInput,
    SubmitReflectionPayload,
    new_reflection,
    question_payload,
    reflection_payload,
)
from schema.reflections import Reflection

Version = Annotated[
    int | None,
    strawberry.argument(description="The version read; a stale one is refused (STALE_VERSION)"),
]
Note = Annotated[str | None, strawberry.argument(description="A remark for the timeline")]
Reason = Annotated[str, strawberry.argument(description="Required, not blank")]
Agency = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="The agency acted for (default: the caller's only one)"),
]


def _unit(value: strawberry.ID | None, field: str) -> int | None:
    return decode_id(value, "OrgUnit", field) if value else None


def _units(values: list[strawberry.ID] | None, field: str) -> tuple[int, ...]:
    return tuple(decode_id(v, "OrgUnit", field) for v in values or ())


async def _step(
    info: Info, id: strawberry.ID, version: int | None, step: Callable[[], Step]
) -> ReflectionPayload:
    ctx = ctx_of(info)

    async def make() -> model.Reflection | DomainError:
        return await run.act(
            ctx, reflection_id=decode_id(id, "Reflection"), version=version, step=step()
        )

    return reflection_payload(await attempt(make))


@strawberry.type
class ReflectionMutations:
    @strawberry.mutation(
        description="Send a field report: anyone, signed in or not (rate-limited per address). "
        "Returns a tracking code, shown once."
    )
    async def submit_reflection(
        self, info: Info, input: SubmitReflectionInput
    ) -> SubmitReflectionPayload:
        ctx = ctx_of(info)
        result = await attempt(lambda: run.submit(ctx, new_reflection(ctx, input)))
        if isinstance(result, DomainError):
            return SubmitReflectionPayload(
                reflection=None, tracking_code=None, errors=errors_of(result)
            )
        return SubmitReflectionPayload(
            reflection=Reflection.from_domain(result[0]), tracking_code=result[1], errors=[]
        )

    @strawberry.mutation(
        description="The IOC classifies a received report: category, priority, public or not, "
        "sensitive with its coordinating agency"
    )
    async def classify_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        version: Version = None,
        category_id: strawberry.ID | None = None,
        priority: model.ReflectionPriority | None = None,
        is_public: bool | None = None,
        sensitive: bool | None = None,
        coordinating_unit_id: strawberry.ID | None = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(
                Action.CLASSIFY,
                category_id=(
                    decode_id(category_id, "ReflectionCategory", "categoryId")
                    if category_id
                    else None
                ),
                priority=priority,
                is_public=is_public,
                sensitive=sensitive,
                coordinating_unit_id=_unit(coordinating_unit_id, "coordinatingUnitId"),
            ),
        )

    @strawberry.mutation(description="The IOC sends an inaccurate report back to verification")
    async def request_reflection_verification(
        self, info: Info, id: strawberry.ID, note: Reason, version: Version = None
    ) -> ReflectionPayload:
        return await _step(info, id, version, lambda: Step(Action.REQUEST_VERIFICATION, note=note))

    @strawberry.mutation(description="The IOC verified the report: back to intake")
    async def verify_reflection(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await _step(info, id, version, lambda: Step(Action.VERIFY, note=note))

    @strawberry.mutation(description="The IOC asks the reporter to complete the report")
    async def request_reflection_edit(
        self, info: Info, id: strawberry.ID, note: Reason, version: Version = None
    ) -> ReflectionPayload:
        return await _step(info, id, version, lambda: Step(Action.REQUEST_EDIT, note=note))

    @strawberry.mutation(description="The reporter completes the report (account or tracking code)")
    async def edit_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        content: str,
        tracking_code: str | None = None,
        version: Version = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(Action.EDIT, content=content, tracking_code=tracking_code),
        )

    @strawberry.mutation(description="The IOC sends a sensitive report to its coordinating agency")
    async def send_reflection_to_coordinator(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await _step(info, id, version, lambda: Step(Action.SEND_TO_COORDINATOR, note=note))

    @strawberry.mutation(
        description="The coordinating agency names the content and competent agencies"
    )
    async def advise_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        note: Reason,
        version: Version = None,
        agency_ids: list[strawberry.ID] | None = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(Action.ADVISE, note=note, agency_ids=_units(agency_ids, "agencyIds")),
        )

    @strawberry.mutation(
        description="The IOC distributes to handling agencies (default: the category's agencies "
        "for the commune); returned parts not named again are withdrawn"
    )
    async def distribute_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        version: Version = None,
        agency_ids: list[strawberry.ID] | None = None,
        note: Note = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(Action.DISTRIBUTE, note=note, agency_ids=_units(agency_ids, "agencyIds")),
        )

    @strawberry.mutation(description="A handling agency acknowledges the report (30 minutes)")
    async def accept_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        version: Version = None,
        agency_id: Agency = None,
        note: Note = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(Action.ACCEPT, note=note, agency_id=_unit(agency_id, "agencyId")),
        )

    @strawberry.mutation(
        description="Not our competence: back to the IOC within 1 working day, naming the right "
        "unit if known"
    )
    async def return_reflection_to_ioc(
        self,
        info: Info,
        id: strawberry.ID,
        note: Reason,
        version: Version = None,
        agency_id: Agency = None,
        suggested_unit_id: strawberry.ID | None = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(
                Action.RETURN,
                note=note,
                agency_id=_unit(agency_id, "agencyId"),
                suggested_unit_id=_unit(suggested_unit_id, "suggestedUnitId"),
            ),
        )

    @strawberry.mutation(description="The handler writes the result (Annex 1 body)")
    async def submit_reflection_result(
        self,
        info: Info,
        id: strawberry.ID,
        result: str,
        version: Version = None,
        agency_id: Agency = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(
                Action.SUBMIT_RESULT, result=result, agency_id=_unit(agency_id, "agencyId")
            ),
        )

    @strawberry.mutation(
        description="The agency's leader approves the result, or edits and approves it by "
        "giving `result`"
    )
    async def approve_reflection_result(
        self,
        info: Info,
        id: strawberry.ID,
        version: Version = None,
        agency_id: Agency = None,
        result: str | None = None,
        note: Note = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(
                Action.APPROVE, result=result, note=note, agency_id=_unit(agency_id, "agencyId")
            ),
        )

    @strawberry.mutation(description="The agency's leader returns the result to the handler")
    async def return_reflection_result(
        self,
        info: Info,
        id: strawberry.ID,
        note: Reason,
        version: Version = None,
        agency_id: Agency = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(Action.RETURN_RESULT, note=note, agency_id=_unit(agency_id, "agencyId")),
        )

    @strawberry.mutation(
        description="The IOC sends results back to fix them (all, or the agencies named)"
    )
    async def send_back_reflection_result(
        self,
        info: Info,
        id: strawberry.ID,
        note: Reason,
        version: Version = None,
        agency_ids: list[strawberry.ID] | None = None,
    ) -> ReflectionPayload:
        return await _step(
            info,
            id,
            version,
            lambda: Step(Action.SEND_BACK, note=note, agency_ids=_units(agency_ids, "agencyIds")),
        )

    @strawberry.mutation(description="The IOC asks the coordinating agency to agree (sensitive)")
    async def request_reflection_agreement(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await _step(info, id, version, lambda: Step(Action.REQUEST_AGREEMENT, note=note))

    @strawberry.mutation(description="The coordinating agency agrees with the result")
    async def agree_reflection_result(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await _step(info, id, version, lambda: Step(Action.AGREE, note=note))

    @strawberry.mutation(
        description="The coordinating agency disagrees: back to distribution (001 Art. 11.4b)"
    )
    async def disagree_reflection_result(
        self, info: Info, id: strawberry.ID, note: Reason, version: Version = None
    ) -> ReflectionPayload:
        return await _step(info, id, version, lambda: Step(Action.DISAGREE, note=note))

    @strawberry.mutation(
        description="The IOC checks the results against Annex 1 and publishes; with secrecy or "
        "a non-public report, the result goes to the reporter only (RESULT_NOT_IN_TEMPLATE "
        "when a result does not fill the template)"
    )
    async def publish_reflection(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await _step(info, id, version, lambda: Step(Action.PUBLISH, note=note))

    @strawberry.mutation(description="The IOC cancels a report, with a reason of 001 Art. 13")
    async def cancel_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        reason: model.CancelReason,
        note: Reason,
        version: Version = None,
    ) -> ReflectionPayload:
        return await _step(
            info, id, version, lambda: Step(Action.CANCEL, note=note, cancel_reason=reason)
        )

    @strawberry.mutation(description="The reporter asks about the result (answered within 1 day)")
    async def ask_reflection_question(
        self, info: Info, id: strawberry.ID, question: str, tracking_code: str | None = None
    ) -> ReflectionQuestionPayload:
        ctx = ctx_of(info)
        return question_payload(
            await attempt(
                lambda: run.ask(
                    ctx,
                    reflection_id=decode_id(id, "Reflection"),
                    question=question,
                    tracking_code=tracking_code,
                )
            )
        )

    @strawberry.mutation(description="A handling agency answers a follow-up question")
    async def answer_reflection_question(
        self, info: Info, question_id: strawberry.ID, answer: str
    ) -> ReflectionQuestionPayload:
        ctx = ctx_of(info)
        return question_payload(
            await attempt(
                lambda: run.answer(
                    ctx,
                    question_id=decode_id(question_id, "ReflectionQuestion", "questionId"),
                    text=answer,
                )
            )
        )

    @strawberry.mutation(description="The reporter rates the result (once)")
    async def rate_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        rating: model.Rating,
        tracking_code: str | None = None,
    ) -> ReflectionPayload:
        ctx = ctx_of(info)
        return reflection_payload(
            await attempt(
                lambda: run.rate(
                    ctx,
                    reflection_id=decode_id(id, "Reflection"),
                    rating=rating,
                    tracking_code=tracking_code,
                )
            )
        )

    @strawberry.mutation(
        description="Name an agency's focal leader and focal handler (001 Art. 18.1)"
    )
    async def set_reflection_focals(
        self,
        info: Info,
        agency_id: strawberry.ID,
        leader_id: strawberry.ID | None = None,
        handler_id: strawberry.ID | None = None,
    ) -> ReflectionFocalsPayload:
        ctx = ctx_of(info)
        result = await attempt(
            lambda: run.set_focals(
                ctx,
                agency_id=decode_id(agency_id, "OrgUnit", "agencyId"),
                leader_id=decode_id(leader_id, "Person", "leaderId") if leader_id else None,
                handler_id=decode_id(handler_id, "Person", "handlerId") if handler_id else None,
            )
        )
        return ReflectionFocalsPayload(
            ok=not isinstance(result, DomainError), errors=errors_of(result)
        )
