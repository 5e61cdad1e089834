"""Mutations of the field reports on the handling agencies' and the reporter's side."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.reflections import model
from domain.reflections.commands import (
    AnswerQuestion,
    AskAboutReflection,
    RateReflection,
    SaveCategory,
    SetAgencyFocals,
    SetCommunePoint,
    Step,
)
from domain.reflections.workflow import Action
from schema.common import decode_id, dispatch
from schema.mutations.reflection_inputs import (
    Agency,
    CommunePointPayload,
    Note,
    Reason,
    ReflectionCategoryInput,
    ReflectionCategoryPayload,
    ReflectionFocalsPayload,
    ReflectionPayload,
    ReflectionQuestionPayload,
    Version,
    step,
    unit_id,
)


@strawberry.type
class ReflectionAgencyMutations:
    @strawberry.mutation(description="A handling agency acknowledges the report (30 minutes)")
    async def accept_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        version: Version = None,
        agency_id: Agency = None,
        note: Note = None,
    ) -> ReflectionPayload:
        return await step(
            info,
            id,
            version,
            lambda: Step(Action.ACCEPT, note=note, agency_id=unit_id(agency_id, "agencyId")),
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
        return await step(
            info,
            id,
            version,
            lambda: Step(
                Action.RETURN,
                note=note,
                agency_id=unit_id(agency_id, "agencyId"),
                suggested_unit_id=unit_id(suggested_unit_id, "suggestedUnitId"),
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
        return await step(
            info,
            id,
            version,
            lambda: Step(
                Action.SUBMIT_RESULT, result=result, agency_id=unit_id(agency_id, "agencyId")
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
        return await step(
            info,
            id,
            version,
            lambda: Step(
                Action.APPROVE, result=result, note=note, agency_id=unit_id(agency_id, "agencyId")
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
        return await step(
            info,
            id,
            version,
            lambda: Step(Action.RETURN_RESULT, note=note, agency_id=unit_id(agency_id, "agencyId")),
        )

    @strawberry.mutation(description="The reporter asks about the result (answered within 1 day)")
    async def ask_reflection_question(
        self, info: Info, id: strawberry.ID, question: str, tracking_code: str | None = None
    ) -> ReflectionQuestionPayload:
        return ReflectionQuestionPayload.of(
            await dispatch(
                info,
                lambda: AskAboutReflection(decode_id(id, "Reflection"), question, tracking_code),
            )
        )

    @strawberry.mutation(description="A handling agency answers a follow-up question")
    async def answer_reflection_question(
        self, info: Info, question_id: strawberry.ID, answer: str
    ) -> ReflectionQuestionPayload:
        return ReflectionQuestionPayload.of(
            await dispatch(
                info,
                lambda: AnswerQuestion(
                    decode_id(question_id, "ReflectionQuestion", "questionId"), answer
                ),
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
        return ReflectionPayload.of(
            await dispatch(
                info, lambda: RateReflection(decode_id(id, "Reflection"), rating, tracking_code)
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
        return ReflectionFocalsPayload.of(
            await dispatch(
                info,
                lambda: SetAgencyFocals(
                    decode_id(agency_id, "OrgUnit", "agencyId"),
                    decode_id(leader_id, "Person", "leaderId") if leader_id else None,
                    decode_id(handler_id, "Person", "handlerId") if handler_id else None,
                ),
            )
        )

    @strawberry.mutation(
        description="Place a commune (its centre): a report given by coordinates resolves to "
        "the nearest placed commune. The province's IOC operators and admins"
    )
    async def set_commune_point(
        self, info: Info, commune_id: strawberry.ID, latitude: float, longitude: float
    ) -> CommunePointPayload:
        return CommunePointPayload.of(
            await dispatch(
                info,
                lambda: SetCommunePoint(
                    decode_id(commune_id, "OrgUnit", "communeId"), latitude, longitude
                ),
            )
        )

    @strawberry.mutation(
        description="Create or update a category of the catalog (by code) with its default "
        "handling agencies per area: the province's IOC operators and admins"
    )
    async def save_reflection_category(
        self, info: Info, input: ReflectionCategoryInput
    ) -> ReflectionCategoryPayload:
        return ReflectionCategoryPayload.of(
            await dispatch(info, lambda: SaveCategory(input.to_domain()))
        )
