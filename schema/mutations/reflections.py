"""Mutations of the field reports on the IOC's and the coordinating agency's side: one per
step, each with typed errors and a version check."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.reflections import model
from domain.reflections.commands import CountSubmission, Step, SubmitReflection
from domain.reflections.intake import within_rate
from domain.reflections.workflow import Action
from schema.common import ctx_of, decode_id, dispatch
from schema.descriptions import Version
from schema.mutations.reflection_agency import ReflectionAgencyMutations
from schema.mutations.reflection_inputs import (
    Note,
    Reason,
    ReflectionId,
    ReflectionPayload,
    SubmitReflectionInput,
    SubmitReflectionPayload,
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
        self,
        info: Info,
        input: Annotated[
            SubmitReflectionInput, strawberry.argument(description="The report and its reporter")
        ],
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
        id: ReflectionId,
        version: Version = None,
        category_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Its category; null: keep the one it has"),
        ] = None,
        priority: Annotated[
            model.ReflectionPriority | None,
            strawberry.argument(description="Normal or urgent; null: keep (or the category's)"),
        ] = None,
        is_public: Annotated[
            bool | None,
            strawberry.argument(
                description="False: received non-publicly, never published; null: keep"
            ),
        ] = None,
        sensitive: Annotated[
            bool | None,
            strawberry.argument(
                description="True: the sensitive flow, with `coordinatingUnitId`; null: keep"
            ),
        ] = None,
        coordinating_unit_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The coordinating agency of a sensitive report"),
        ] = None,
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
        self, info: Info, id: ReflectionId, note: Reason, version: Version = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.REQUEST_VERIFICATION, note=note))

    @strawberry.mutation(description="The IOC verified the report: back to intake")
    async def verify_reflection(
        self, info: Info, id: ReflectionId, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.VERIFY, note=note))

    @strawberry.mutation(
        description="The IOC asks the reporter to complete the report; the note is emailed to "
        "the reporter, so write it for them"
    )
    async def request_reflection_edit(
        self, info: Info, id: ReflectionId, note: Reason, version: Version = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.REQUEST_EDIT, note=note))

    @strawberry.mutation(description="The reporter completes the report (account or tracking code)")
    async def edit_reflection(
        self,
        info: Info,
        id: ReflectionId,
        content: Annotated[
            str,
            strawberry.argument(description="The completed text, 10 to 5,000 characters"),
        ],
        tracking_code: Annotated[
            str | None,
            strawberry.argument(
                description="The report's tracking code, for a reporter without an account"
            ),
        ] = None,
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
        self, info: Info, id: ReflectionId, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.SEND_TO_COORDINATOR, note=note))

    @strawberry.mutation(
        description="The coordinating agency names the content and competent agencies (001 "
        "Art. 11.2): the agencies named are kept on the report (advisedAgencies) and are where "
        "distributeReflection gives it by default; advice may be given again while the report "
        "waits for distribution (after a disagreement too), naming agencies anew or keeping them"
    )
    async def advise_reflection(
        self,
        info: Info,
        id: ReflectionId,
        note: Reason,
        version: Version = None,
        agency_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(
                description="The competent agencies; null: keep those named before"
            ),
        ] = None,
    ) -> ReflectionPayload:
        return await step(
            info,
            id,
            version,
            lambda: Step(Action.ADVISE, note=note, agency_ids=unit_ids(agency_ids, "agencyIds")),
        )

    @strawberry.mutation(
        description="The IOC distributes to handling agencies (default: the agencies the "
        "coordinating agency named, else the category's agencies for the commune; naming others "
        "than the coordinating agency's is noted in the timeline); returned parts not named "
        "again are withdrawn, and after a disagreement so are approved ones. An URGENT report "
        "is pushed and phoned to each agency's focal persons at once (001 Art. 10.2)"
    )
    async def distribute_reflection(
        self,
        info: Info,
        id: ReflectionId,
        version: Version = None,
        agency_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(
                description="The handling agencies; null: the advised ones, else the "
                "category's defaults for the commune"
            ),
        ] = None,
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
        id: ReflectionId,
        note: Reason,
        version: Version = None,
        agency_ids: Annotated[
            list[strawberry.ID] | None,
            strawberry.argument(description="Only these agencies' results; null: all of them"),
        ] = None,
    ) -> ReflectionPayload:
        return await step(
            info,
            id,
            version,
            lambda: Step(Action.SEND_BACK, note=note, agency_ids=unit_ids(agency_ids, "agencyIds")),
        )

    @strawberry.mutation(description="The IOC asks the coordinating agency to agree (sensitive)")
    async def request_reflection_agreement(
        self, info: Info, id: ReflectionId, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.REQUEST_AGREEMENT, note=note))

    @strawberry.mutation(description="The coordinating agency agrees with the result")
    async def agree_reflection_result(
        self, info: Info, id: ReflectionId, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.AGREE, note=note))

    @strawberry.mutation(
        description="The coordinating agency disagrees: back to distribution (001 Art. 11.4b)"
    )
    async def disagree_reflection_result(
        self, info: Info, id: ReflectionId, note: Reason, version: Version = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.DISAGREE, note=note))

    @strawberry.mutation(
        description="The IOC checks the results against Annex 1 and publishes; with secrecy or "
        "a non-public report, the result goes to the reporter only (RESULT_NOT_IN_TEMPLATE "
        "when a result does not fill the template)"
    )
    async def publish_reflection(
        self, info: Info, id: ReflectionId, version: Version = None, note: Note = None
    ) -> ReflectionPayload:
        return await step(info, id, version, lambda: Step(Action.PUBLISH, note=note))

    @strawberry.mutation(description="The IOC cancels a report, with a reason of 001 Art. 13")
    async def cancel_reflection(
        self,
        info: Info,
        id: ReflectionId,
        reason: Annotated[
            model.CancelReason, strawberry.argument(description="The reason of 001 Art. 13")
        ],
        note: Reason,
        version: Version = None,
    ) -> ReflectionPayload:
        return await step(
            info, id, version, lambda: Step(Action.CANCEL, note=note, cancel_reason=reason)
        )
