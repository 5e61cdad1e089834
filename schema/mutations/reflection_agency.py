"""Mutations of the field reports on the handling agencies' and the reporter's side."""

from __future__ import annotations

from typing import Annotated

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
from schema.descriptions import Version
from schema.mutations.reflection_inputs import (
    Agency,
    CommunePointPayload,
    Note,
    Reason,
    ReflectionCategoryInput,
    ReflectionCategoryPayload,
    ReflectionFocalsPayload,
    ReflectionId,
    ReflectionPayload,
    ReflectionQuestionPayload,
    TrackingCode,
    step,
    unit_id,
)


@strawberry.type
class ReflectionAgencyMutations:
    @strawberry.mutation(description="A handling agency acknowledges the report (30 minutes)")
    async def accept_reflection(
        self,
        info: Info,
        id: ReflectionId,
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
        id: ReflectionId,
        note: Reason,
        version: Version = None,
        agency_id: Agency = None,
        suggested_unit_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The unit the agency thinks competent; null: none"),
        ] = None,
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
        id: ReflectionId,
        result: Annotated[
            str,
            strawberry.argument(
                description="The agency's result, the body of the Annex 1 notice the reporter "
                "and the public read, at most 10,000 characters"
            ),
        ],
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
        id: ReflectionId,
        version: Version = None,
        agency_id: Agency = None,
        result: Annotated[
            str | None,
            strawberry.argument(description="The leader's edited result; null: approve as is"),
        ] = None,
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
        id: ReflectionId,
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
        self,
        info: Info,
        id: ReflectionId,
        question: Annotated[
            str, strawberry.argument(description="The question, at most 2,000 characters")
        ],
        tracking_code: TrackingCode = None,
    ) -> ReflectionQuestionPayload:
        return ReflectionQuestionPayload.of(
            await dispatch(
                info,
                lambda: AskAboutReflection(decode_id(id, "Reflection"), question, tracking_code),
            )
        )

    @strawberry.mutation(description="A handling agency answers a follow-up question")
    async def answer_reflection_question(
        self,
        info: Info,
        question_id: Annotated[
            strawberry.ID, strawberry.argument(description="The question (ReflectionQuestion.id)")
        ],
        answer: Annotated[
            str, strawberry.argument(description="The answer, at most 5,000 characters")
        ],
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
        id: ReflectionId,
        rating: Annotated[
            model.Rating, strawberry.argument(description="The reporter's judgement")
        ],
        tracking_code: TrackingCode = None,
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
        agency_id: Annotated[strawberry.ID, strawberry.argument(description="The agency")],
        leader_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="A leader of the agency, first to approve and to be called; null: none"
            ),
        ] = None,
        handler_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="A member of the agency, first to handle and to be called; null: none"
            ),
        ] = None,
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
        self,
        info: Info,
        commune_id: Annotated[strawberry.ID, strawberry.argument(description="The commune")],
        latitude: Annotated[
            float, strawberry.argument(description="Its centre: WGS 84 latitude, in degrees")
        ],
        longitude: Annotated[
            float, strawberry.argument(description="Its centre: WGS 84 longitude, in degrees")
        ],
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
        self,
        info: Info,
        input: Annotated[
            ReflectionCategoryInput, strawberry.argument(description="The catalog entry")
        ],
    ) -> ReflectionCategoryPayload:
        return ReflectionCategoryPayload.of(
            await dispatch(info, lambda: SaveCategory(input.to_domain()))
        )
