"""Mutations of the dossier flow: one per step, each permission-checked by its use case, with
optimistic concurrency (`version`) and typed errors; nothing is half-written."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.dossiers.commands import RateDossier, StepInput, SubmitDossier
from domain.dossiers.model import SurveyCriterion
from domain.dossiers.workflow import Action
from resolvers.tasks.queries import aware
from schema.common import ctx_of, decode_id, dispatch
from schema.dossier_parts import ResultKindType
from schema.mutations.dossier_inputs import (
    DossierFileInput,
    DossierId,
    DossierPayload,
    DossierSurveyInput,
    Guidance,
    Missing,
    Note,
    Reason,
    SubmitDossierInput,
    Version,
    component_ids,
    files_of,
    step,
    upload_key,
)

A = Action
Files = Annotated[
    list[DossierFileInput], strawberry.argument(description="The files brought (at least one)")
]


@strawberry.type
class DossierMutations:
    @strawberry.mutation(
        description="Submit a dossier (a signed-in applicant whose account is verified and "
        "approved): the procedure's current version, every required component uploaded, "
        "payment and delivery chosen. Returns it with its public tracking code; the desk "
        "receives it within 60 working minutes"
    )
    async def submit_dossier(
        self,
        info: Info,
        input: Annotated[SubmitDossierInput, strawberry.argument(description="The dossier")],
    ) -> DossierPayload:
        ctx = ctx_of(info)

        def command() -> SubmitDossier:
            return SubmitDossier(
                decode_id(input.procedure_id, "Procedure", "procedureId"),
                files_of(ctx, input.files),
                input.payment,
                input.delivery,
                input.delivery_address,
            )

        return DossierPayload.of(await dispatch(info, command))

    @strawberry.mutation(description="The receiving desk accepts a complete dossier")
    async def accept_dossier(
        self,
        info: Info,
        id: DossierId,
        version: Version = None,
    ) -> DossierPayload:
        return await step(info, id, version, lambda: StepInput(A.ACCEPT))

    @strawberry.mutation(
        description="The receiving desk refuses an incomplete dossier with its guidance, once "
        "and in full. A third refusal through the desk's own fault (`deskAtFault`) owes the "
        "applicant an apology letter before the dossier goes on (002 Annex, step 1)"
    )
    async def refuse_dossier(
        self,
        info: Info,
        id: DossierId,
        guidance: Guidance,
        missing_component_ids: Missing = None,
        desk_at_fault: Annotated[
            bool,
            strawberry.argument(description="A repeat caused by the desk's earlier guidance"),
        ] = False,
        version: Version = None,
    ) -> DossierPayload:
        return await step(
            info,
            id,
            version,
            lambda: StepInput(
                A.REFUSE,
                note=guidance,
                missing_components=component_ids(missing_component_ids),
                staff_at_fault=desk_at_fault,
            ),
        )

    @strawberry.mutation(
        description="The applicant completes a refused dossier with the files asked for: back "
        "to the desk, with a new reception limit"
    )
    async def complete_dossier(
        self,
        info: Info,
        id: DossierId,
        files: Files,
        version: Version = None,
    ) -> DossierPayload:
        ctx = ctx_of(info)
        return await step(
            info, id, version, lambda: StepInput(A.COMPLETE, files=files_of(ctx, files))
        )

    @strawberry.mutation(
        description="A leader of the agency holding it gives it to one of its specialists "
        "(again, to hand it to another)"
    )
    async def assign_dossier(
        self,
        info: Info,
        id: DossierId,
        specialist_id: Annotated[
            strawberry.ID, strawberry.argument(description="The Person: staff of the agency")
        ],
        version: Version = None,
    ) -> DossierPayload:
        return await step(
            info,
            id,
            version,
            lambda: StepInput(
                A.ASSIGN, assignee_person_id=decode_id(specialist_id, "Person", "specialistId")
            ),
        )

    @strawberry.mutation(
        description="The assigned specialist asks the applicant to supplement the dossier "
        "online: the processing clock stops until it arrives. A second request through the "
        "specialist's own fault owes an apology letter (002 Annex, step 2)"
    )
    async def request_dossier_supplement(
        self,
        info: Info,
        id: DossierId,
        guidance: Guidance,
        missing_component_ids: Missing = None,
        specialist_at_fault: Annotated[
            bool,
            strawberry.argument(description="A repeat caused by the specialist's earlier guidance"),
        ] = False,
        version: Version = None,
    ) -> DossierPayload:
        return await step(
            info,
            id,
            version,
            lambda: StepInput(
                A.REQUEST_SUPPLEMENT,
                note=guidance,
                missing_components=component_ids(missing_component_ids),
                staff_at_fault=specialist_at_fault,
            ),
        )

    @strawberry.mutation(
        description="The applicant supplements the dossier online: the clock runs again with "
        "the working time that was left"
    )
    async def supplement_dossier(
        self,
        info: Info,
        id: DossierId,
        files: Files,
        version: Version = None,
    ) -> DossierPayload:
        ctx = ctx_of(info)
        return await step(
            info, id, version, lambda: StepInput(A.SUPPLEMENT, files=files_of(ctx, files))
        )

    @strawberry.mutation(description="The assigned specialist submits the draft result")
    async def submit_dossier_draft(
        self,
        info: Info,
        id: DossierId,
        result_kind: Annotated[
            ResultKindType, strawberry.argument(description="Granted, or denied with reasons")
        ],
        note: Note = None,
        version: Version = None,
    ) -> DossierPayload:
        return await step(
            info, id, version, lambda: StepInput(A.SUBMIT_DRAFT, note=note, result_kind=result_kind)
        )

    @strawberry.mutation(description="A leader of the agency holding it signs the draft")
    async def sign_dossier(
        self,
        info: Info,
        id: DossierId,
        note: Note = None,
        version: Version = None,
    ) -> DossierPayload:
        return await step(info, id, version, lambda: StepInput(A.SIGN, note=note))

    @strawberry.mutation(
        description="A leader returns the draft to the specialist (a loop until it is right)"
    )
    async def return_dossier_draft(
        self,
        info: Info,
        id: DossierId,
        reason: Reason,
        version: Version = None,
    ) -> DossierPayload:
        return await step(info, id, version, lambda: StepInput(A.RETURN_DRAFT, note=reason))

    @strawberry.mutation(
        description="A clerk of the agency holding it signs and registers the result with the "
        "next number of its register. By post, attach the signed electronic result (a PDF "
        "uploaded to /media): it is emailed to the applicant first (Art. 13.2). For a joined "
        "procedure, registering an agency's part passes the dossier to the next agency"
    )
    async def register_dossier_result(
        self,
        info: Info,
        id: DossierId,
        symbol: Annotated[
            str | None,
            strawberry.argument(description='The register\'s symbol after the number ("GPXD")'),
        ] = None,
        result_file_url: Annotated[
            str | None,
            strawberry.argument(description="The signed electronic result, as /media answered"),
        ] = None,
        version: Version = None,
    ) -> DossierPayload:
        ctx = ctx_of(info)
        return await step(
            info,
            id,
            version,
            lambda: StepInput(
                A.REGISTER_RESULT,
                register_symbol=symbol,
                result_upload_key=(
                    upload_key(ctx, result_file_url, "resultFileUrl") if result_file_url else None
                ),
            ),
        )

    @strawberry.mutation(
        description="The receiving desk hands the result over, or posts it (note the postal "
        "tracking number)"
    )
    async def deliver_dossier_result(
        self,
        info: Info,
        id: DossierId,
        note: Note = None,
        version: Version = None,
    ) -> DossierPayload:
        return await step(info, id, version, lambda: StepInput(A.DELIVER, note=note))

    @strawberry.mutation(description="The applicant withdraws the dossier before the result")
    async def withdraw_dossier(
        self,
        info: Info,
        id: DossierId,
        note: Note = None,
        version: Version = None,
    ) -> DossierPayload:
        return await step(info, id, version, lambda: StepInput(A.WITHDRAW, note=note))

    @strawberry.mutation(
        description="Send the apology letter owed after repeated faulty guidance (the desk's, "
        "or the specialist's and leaders'): generated with the full guidance, recorded on the "
        "dossier and emailed; until then the staff's steps are refused with APOLOGY_REQUIRED"
    )
    async def apologize_for_dossier(
        self,
        info: Info,
        id: DossierId,
        note: Note = None,
        version: Version = None,
    ) -> DossierPayload:
        return await step(info, id, version, lambda: StepInput(A.APOLOGIZE, note=note))

    @strawberry.mutation(
        description="Explain an overdue dossier to the applicant with a new date (the "
        "specialist, the holder's leaders or the desk); the lateness itself stays counted"
    )
    async def notify_dossier_overdue(
        self,
        info: Info,
        id: DossierId,
        reason: Reason,
        new_due: Annotated[
            datetime,
            strawberry.argument(description="The new date (no offset: the province's time)"),
        ],
        version: Version = None,
    ) -> DossierPayload:
        ctx = ctx_of(info)
        return await step(
            info,
            id,
            version,
            lambda: StepInput(A.NOTIFY_OVERDUE, note=reason, new_due=aware(ctx, new_due)),
        )

    @strawberry.mutation(description="The applicant answers the 8-criteria survey, once, when done")
    async def rate_dossier(
        self,
        info: Info,
        id: DossierId,
        survey: Annotated[DossierSurveyInput, strawberry.argument(description="The scores")],
    ) -> DossierPayload:
        def command() -> RateDossier:
            scores = tuple((c, getattr(survey, c.value.lower())) for c in SurveyCriterion)
            return RateDossier(decode_id(id, "Dossier"), scores, survey.comment)

        return DossierPayload.of(await dispatch(info, command))
