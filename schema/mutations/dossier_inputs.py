"""Inputs and the payload of the dossiers' mutations, and their conversion to the domain's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.dossiers.commands import ActOnDossier, StepInput
from domain.dossiers.components import ComponentFile
from domain.dossiers.model import Dossier as DossierModel
from domain.dossiers.model import Signature
from domain.errors import DomainError, ErrorCode
from domain.reflections.uploads import stored_key
from resolvers.context import RequestContext
from resolvers.tasks.queries import aware
from schema.common import UserError, decode_id, dispatch, errors_of
from schema.dossier_parts import DeliveryMethodType, PaymentMethodType
from schema.dossiers import Dossier

Version = Annotated[
    int | None,
    strawberry.argument(description="The dossier's version as read; a stale one is refused"),
]
DossierId = Annotated[strawberry.ID, strawberry.argument(description="The Dossier id")]
Guidance = Annotated[
    str,
    strawberry.argument(
        description="The guidance, written once and in full (at least 20 characters): every "
        "missing or faulty component and what to do; emailed to the applicant"
    ),
]
Missing = Annotated[
    list[strawberry.ID] | None,
    strawberry.argument(description="The ProcedureComponent ids that are missing or faulty"),
]
Note = Annotated[str | None, strawberry.argument(description="An optional note")]
Reason = Annotated[str, strawberry.argument(description="Why (required)")]


@strawberry.input(description="A digital-signature record of a file, as the signing tool gave it")
class DossierSignatureInput:
    signer: str = strawberry.field(description="Who signed")
    certificate_serial: str = strawberry.field(description="The certificate's serial number")
    issuer: str = strawberry.field(description="The certification authority")
    signed_at: datetime = strawberry.field(description="When (no offset: the province's time)")
    document_sha256: str = strawberry.field(
        description="The signed file's SHA-256 (hex); must be the uploaded file's"
    )


@strawberry.input(
    description="A file for one component: upload it first (`POST /media`, a PDF, JPEG or PNG) "
    "and pass the URL the store answered"
)
class DossierFileInput:
    component_id: strawberry.ID = strawberry.field(
        description="The ProcedureComponent id of the procedure's current version"
    )
    url: str = strawberry.field(description="The URL `POST /media` answered")
    signature: DossierSignatureInput | None = strawberry.field(
        default=None, description="Its digital-signature record, when signed (encouraged)"
    )


@strawberry.input(description="A dossier for a procedure (002 Art. 11)")
class SubmitDossierInput:
    procedure_id: strawberry.ID = strawberry.field(description="The Procedure applied for")
    files: list[DossierFileInput] = strawberry.field(
        description="Its files: every required component of the current version"
    )
    payment: PaymentMethodType = strawberry.field(description="How fees are paid")
    delivery: DeliveryMethodType = strawberry.field(description="How the result is received")
    delivery_address: str | None = strawberry.field(
        default=None, description="The postal address (by post only, required then)"
    )


@strawberry.input(
    description="The 8-criteria survey (Art. 8): each 1 (very unsatisfied) to 5 (very "
    "satisfied); g) and h) may be left out when not used"
)
class DossierSurveyInput:
    guidance_clarity: int = strawberry.field(description="a) Clarity of the instructions")
    form_accuracy: int = strawberry.field(description="b) Accuracy of the forms")
    convenience: int = strawberry.field(description="c) Convenience of the online service")
    processing_ability: int = strawberry.field(description="d) Ability to process it")
    processing_time: int = strawberry.field(description="e) Processing time")
    staff_attitude: int = strawberry.field(description="f) Attitude of the civil servants")
    online_result: int | None = strawberry.field(
        default=None, description="g) Receiving the result online"
    )
    online_payment: int | None = strawberry.field(default=None, description="h) Paying online")
    comment: str | None = strawberry.field(default=None, description="A comment (optional)")


@strawberry.type(description="The dossier after a step, or why nothing was written")
class DossierPayload:
    dossier: Dossier | None = strawberry.field(description="The dossier, on success")
    errors: list[UserError] = strawberry.field(description="Empty on success")

    @classmethod
    def of(cls, result: DossierModel | DomainError) -> DossierPayload:
        """Shape a command's result."""
        if isinstance(result, DomainError):
            return cls(dossier=None, errors=errors_of(result))
        return cls(dossier=Dossier.from_domain(result), errors=[])


def upload_key(ctx: RequestContext, url: str, field: str) -> str:
    """The store key of a URL of this server's media store; MEDIA_REJECTED for anything else."""
    key = stored_key(url.strip(), ctx.media_bases)
    if key is None:
        raise DomainError(ErrorCode.MEDIA_REJECTED, "Upload the file to this server first", field)
    return key


def files_of(ctx: RequestContext, given: Sequence[DossierFileInput]) -> tuple[ComponentFile, ...]:
    """The domain's files of the inputs (ids decoded, URLs turned into store keys)."""
    found = []
    for item in given:
        signature = None
        if item.signature is not None:
            s = item.signature
            signed = aware(ctx, s.signed_at)
            assert signed is not None
            signature = Signature(
                s.signer, s.certificate_serial, s.issuer, signed, s.document_sha256
            )
        found.append(
            ComponentFile(
                decode_id(item.component_id, "ProcedureComponent", "componentId"),
                upload_key(ctx, item.url, "files"),
                signature,
            )
        )
    return tuple(found)


def component_ids(given: list[strawberry.ID] | None) -> tuple[int, ...]:
    """ProcedureComponent ids, decoded."""
    return tuple(decode_id(c, "ProcedureComponent", "missingComponentIds") for c in given or ())


async def step(
    info: Info, id: strawberry.ID, version: int | None, make: Callable[[], StepInput]
) -> DossierPayload:
    """Run one step of the flow and shape its payload."""
    return DossierPayload.of(
        await dispatch(info, lambda: ActOnDossier(decode_id(id, "Dossier"), version, make()))
    )
