"""Mutations of the field reports on the IOC's and the coordinating agency's side: one per
step, each with typed errors and a version check."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.reflections import model
from domain.reflections.commands import CountSubmission, Step, SubmitReflection
from domain.reflections.intake import within_rate
from domain.reflections.workflow import Action
from schema.common import ctx_of, decode_id, dispatch
from schema.mutations.reflection_agency import ReflectionAgencyMutations
from schema.mutations.reflection_inputs import (
    Note,
    Reason,
    ReflectionPayload,
    SubmitReflectionInput,
    SubmitReflectionPayload,
    Version,
    new_reflection,
    step,
    unit_id,
    unit_ids,
)


@strawberry.type
class ReflectionMutations(ReflectionAgencyMutations):
    @strawberry.mutation(
        description="Send a field report: anyone, signed in or not (rate-limited per address). "
        "Returns a tracking code, shown once."
    )
    async def submit_reflection(
        self, info: Info, input: SubmitReflectionInput
    ) -> SubmitReflectionPayload:
        ctx = ctx_of(info)
        counted = await dispatch(info, lambda: CountSubmission(ctx.client_address))
        if isinstance(counted, DomainError):
            return SubmitReflectionPayload.of(counted)

        def command() -> SubmitReflection:
            within_rate(counted)
            return SubmitReflection(new_reflection(ctx, input), ctx.media_bases)

        return SubmitReflectionPayload.of(await dispatch(info, command))

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
        return await step(
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
                coordinating_unit_id=unit_id(coordinating_unit_id, "coordinatingUnitId"),
            ),
        )

    @strawberry.mutation(
        description="The IOC sends an inaccurate report back to verification; the note is "
        "emailed to the reporter, so write it for them"
    )
    async def request_reflection_verification(
        self, info: Info, id: strawberry.ID, note: Reason, version: Version = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.REQUEST_VERIFICATION, note=note))

    @strawberry.mutation(description="The IOC verified the report: back to intake")
    async def verify_reflection(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.VERIFY, note=note))

    @strawberry.mutation(
        description="The IOC asks the reporter to complete the report; the note is emailed to "
        "the reporter, so write it for them"
    )
    async def request_reflection_edit(
        self, info: Info, id: strawberry.ID, note: Reason, version: Version = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.REQUEST_EDIT, note=note))

    @strawberry.mutation(description="The reporter completes the report (account or tracking code)")
    async def edit_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        content: str,
        tracking_code: str | None = None,
        version: Version = None,
    ) -> ReflectionPayload:
        return await step(
            info,
            id,
            version,
            lambda: Step(Action.EDIT, content=content, tracking_code=tracking_code),
        )

    @strawberry.mutation(description="The IOC sends a sensitive report to its coordinating agency")
    async def send_reflection_to_coordinator(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.SEND_TO_COORDINATOR, note=note))

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
        return await step(
            info,
            id,
            version,
            lambda: Step(Action.ADVISE, note=note, agency_ids=unit_ids(agency_ids, "agencyIds")),
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
        return await step(
            info,
            id,
            version,
            lambda: Step(
                Action.DISTRIBUTE, note=note, agency_ids=unit_ids(agency_ids, "agencyIds")
            ),
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
        return await step(
            info,
            id,
            version,
            lambda: Step(Action.SEND_BACK, note=note, agency_ids=unit_ids(agency_ids, "agencyIds")),
        )

    @strawberry.mutation(description="The IOC asks the coordinating agency to agree (sensitive)")
    async def request_reflection_agreement(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.REQUEST_AGREEMENT, note=note))

    @strawberry.mutation(description="The coordinating agency agrees with the result")
    async def agree_reflection_result(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.AGREE, note=note))

    @strawberry.mutation(
        description="The coordinating agency disagrees: back to distribution (001 Art. 11.4b)"
    )
    async def disagree_reflection_result(
        self, info: Info, id: strawberry.ID, note: Reason, version: Version = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.DISAGREE, note=note))

    @strawberry.mutation(
        description="The IOC checks the results against Annex 1 and publishes; with secrecy or "
        "a non-public report, the result goes to the reporter only (RESULT_NOT_IN_TEMPLATE "
        "when a result does not fill the template)"
    )
    async def publish_reflection(
        self, info: Info, id: strawberry.ID, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.PUBLISH, note=note))

    @strawberry.mutation(description="The IOC cancels a report, with a reason of 001 Art. 13")
    async def cancel_reflection(
        self,
        info: Info,
        id: strawberry.ID,
        reason: model.CancelReason,
        note: Reason,
        version: Version = None,
    ) -> ReflectionPayload:
        return await step(
            info, id, version, lambda: Step(Action.CANCEL, note=note, cancel_reason=reason)
        )
