"""Enums and the parts of a dossier as GraphQL shows them (every value described)."""

from __future__ import annotations

from datetime import datetime
from typing import TypeAlias

import strawberry
from strawberry.types import Info

from domain.dossiers import model
from domain.dossiers.model import SurveyCriterion
from domain.dossiers.policies import note_visible
from domain.dossiers.reading import DossierSort
from domain.dossiers.workflow import Action
from domain.reflections.uploads import url_of
from schema.common import ctx_of, encode_id, from_loader
from schema.descriptions import describe_enum
from schema.org import OrgUnit, unit_or_none
from schema.people import Person

S = model.DossierState
describe_enum(
    S,
    name="DossierState",
    description="Where a dossier stands (002 Annex, steps 1-5)",
    values={
        S.SUBMITTED: "Submitted; the desk receives it within 60 working minutes (Art. 12.1a)",
        S.INCOMPLETE: "Refused as incomplete, with guidance; the applicant completes it",
        S.RECEIVED: "Received by the desk: the processing clock runs; a specialist is assigned",
        S.IN_PROCESSING: "A specialist studies it and drafts the result",
        S.AWAITING_SUPPLEMENT: "The applicant was asked to supplement it; the clock is stopped",
        S.DRAFTED: "The draft result waits for the leader's signature",
        S.SIGNED: "Signed by the leader; the clerk signs and registers it",
        S.RESULT_READY: "The result is registered with its number (done); the desk returns it",
        S.DELIVERED: "The result was handed over at the desk or sent by post",
        S.WITHDRAWN: "The applicant withdrew it",
    },
)
DossierStateType: TypeAlias = model.DossierState
describe_enum(
    model.SubmissionChannel,
    name="DossierChannel",
    description="How a dossier came in",
    values={
        model.SubmissionChannel.ONLINE: "Online, on the public-service portal",
        model.SubmissionChannel.DESK: "On paper at the desk, digitised there (Art. 12.1b)",
    },
)
DossierChannelType: TypeAlias = model.SubmissionChannel
describe_enum(
    model.PaymentMethod,
    name="PaymentMethod",
    description="How fees are paid (Art. 11.2)",
    values={
        model.PaymentMethod.DESK: "At the reception and result desk",
        model.PaymentMethod.ONLINE: "Online, following the portal's instructions",
    },
)
PaymentMethodType: TypeAlias = model.PaymentMethod
describe_enum(
    model.DeliveryMethod,
    name="DeliveryMethod",
    description="How the result is received (Art. 11.3, 13)",
    values={
        model.DeliveryMethod.DESK: "At the reception and result desk",
        model.DeliveryMethod.POST: "By post to the address given; the signed electronic result "
        "is emailed first (Art. 13.2)",
    },
)
DeliveryMethodType: TypeAlias = model.DeliveryMethod
describe_enum(
    model.ResultKind,
    name="DossierResultKind",
    description="What the result says (Art. 12.2)",
    values={
        model.ResultKind.GRANTED: "The application is granted (phê duyệt)",
        model.ResultKind.DENIED: "The application is denied, with reasons (không phê duyệt)",
    },
)
ResultKindType: TypeAlias = model.ResultKind
describe_enum(
    model.StatusClass,
    name="DossierStatusClass",
    description="The classes national reporting counts a received dossier in",
    values={
        model.StatusClass.DONE_EARLY: "Done on a day before the due date",
        model.StatusClass.DONE_ON_TIME: "Done on the due date, by the due time",
        model.StatusClass.DONE_LATE: "Done after the due time",
        model.StatusClass.OPEN_WITHIN_DEADLINE: "Not done yet, within its deadline (a stopped "
        "clock counts as it stood)",
        model.StatusClass.OPEN_OVERDUE: "Not done yet, past its deadline",
    },
)
StatusClassType: TypeAlias = model.StatusClass
describe_enum(
    model.GuidanceStage,
    name="GuidanceStage",
    description="Who guided the applicant to complete the dossier (002 Annex, steps 1-2)",
    values={
        model.GuidanceStage.RECEPTION: "The desk, refusing it as incomplete",
        model.GuidanceStage.PROCESSING: "The specialist, asking for a supplement",
    },
)
GuidanceStageType: TypeAlias = model.GuidanceStage
describe_enum(
    Action,
    name="DossierAction",
    description="A step of the dossier flow",
    values={
        Action.SUBMIT: "Submitted by the applicant",
        Action.ACCEPT: "Received by the desk",
        Action.REFUSE: "Refused as incomplete by the desk, with guidance",
        Action.COMPLETE: "Completed by the applicant after a refusal",
        Action.ASSIGN: "Given to a specialist by the agency's leader",
        Action.REQUEST_SUPPLEMENT: "A supplement asked of the applicant (the clock stops)",
        Action.SUPPLEMENT: "Supplemented by the applicant (the clock runs again)",
        Action.SUBMIT_DRAFT: "The draft result submitted by the specialist",
        Action.SIGN: "Signed by the leader",
        Action.RETURN_DRAFT: "The draft returned to the specialist by the leader",
        Action.REGISTER_RESULT: "Signed and registered by the clerk, with its number",
        Action.TRANSFER: "Passed to the next agency of a joined procedure",
        Action.DELIVER: "The result handed over or posted by the desk",
        Action.WITHDRAW: "Withdrawn by the applicant",
        Action.APOLOGIZE: "An apology letter sent to the applicant",
        Action.NOTIFY_OVERDUE: "The applicant told why it is late, with a new date",
    },
)
ActionType: TypeAlias = Action
describe_enum(
    DossierSort,
    name="DossierSort",
    description="Orders of dossier lists",
    values={
        DossierSort.DUE: "The running limit first (the queues' order); done dossiers last",
        DossierSort.NEWEST: "Submitted last first",
    },
)
DossierSortType: TypeAlias = DossierSort
describe_enum(
    SurveyCriterion,
    name="SurveyCriterion",
    description="The 8 criteria of the satisfaction survey (002 Art. 8.1)",
    values={
        SurveyCriterion.GUIDANCE_CLARITY: "a) Clarity of the procedure's instructions",
        SurveyCriterion.FORM_ACCURACY: "b) Accuracy of the forms",
        SurveyCriterion.CONVENIENCE: "c) Convenience of the online service",
        SurveyCriterion.PROCESSING_ABILITY: "d) Ability to provide and process the service",
        SurveyCriterion.PROCESSING_TIME: "e) Processing time",
        SurveyCriterion.STAFF_ATTITUDE: "f) Attitude of the civil servants handling it",
        SurveyCriterion.ONLINE_RESULT: "g) Receiving the result online",
        SurveyCriterion.ONLINE_PAYMENT: "h) Paying online",
    },
)


def unit_field(info: Info, unit_id: int | None) -> OrgUnit | None:
    """An org unit by id, batched, at once when loaded (units are public)."""
    if unit_id is None:
        return None
    return from_loader(ctx_of(info).loaders.unit_by_id, unit_id, unit_or_none)


def media_url(info: Info, key: str | None) -> str | None:
    """The store URL of an uploaded file (a capability: shown only to who may read it)."""
    bases = ctx_of(info).media_bases
    return url_of(bases[0], key) if key and bases else None


@strawberry.type(description="A digital-signature record of a file, as the signing tool gave it")
class DossierSignature:
    signer: str = strawberry.field(description="Who signed")
    certificate_serial: str = strawberry.field(description="The certificate's serial number")
    issuer: str = strawberry.field(description="The certification authority")
    signed_at: datetime = strawberry.field(description="When it was signed")
    document_sha256: str = strawberry.field(description="The signed file's SHA-256 (hex)")


@strawberry.type(description="A file of the dossier: one component of its procedure version")
class DossierFile:
    domain: strawberry.Private[model.DossierComponent]

    @strawberry.field(description="The ProcedureComponent id of the procedure version")
    def component_id(self) -> strawberry.ID:
        return encode_id("ProcedureComponent", self.domain.component_id)

    @strawberry.field(description="The file's name as uploaded")
    def file_name(self) -> str | None:
        return self.domain.file_name

    @strawberry.field(description="Its media type (application/pdf, image/jpeg, image/png)")
    def mime_type(self) -> str:
        return self.domain.mime_type

    @strawberry.field(description="Its size in bytes")
    def size_bytes(self) -> int:
        return self.domain.size_bytes

    @strawberry.field(description="Its SHA-256 (hex)")
    def sha256(self) -> str:
        return self.domain.sha256

    @strawberry.field(description="The store URL of the file")
    def url(self, info: Info) -> str | None:
        return media_url(info, self.domain.upload_key)

    @strawberry.field(
        description="0: submitted with the dossier; n: brought with the n-th completion or "
        "supplement"
    )
    def round(self) -> int:
        return self.domain.round

    @strawberry.field(description="When it was added")
    def added_at(self) -> datetime:
        return self.domain.added_at

    @strawberry.field(description="Its digital-signature record, if the applicant signed it")
    def signature(self) -> DossierSignature | None:
        s = self.domain.signature
        if s is None:
            return None
        return DossierSignature(
            signer=s.signer,
            certificate_serial=s.certificate_serial,
            issuer=s.issuer,
            signed_at=s.signed_at,
            document_sha256=s.document_sha256,
        )


@strawberry.type(description="A request to complete (desk) or supplement (specialist) the dossier")
class DossierSupplement:
    stage: GuidanceStageType = strawberry.field(description="Who asked")
    round: int = strawberry.field(description="The how-many-th request of that stage")
    guidance: str = strawberry.field(description="The guidance, written once, in full")
    requested_at: datetime = strawberry.field(description="When it was asked")
    missing_component_ids: list[strawberry.ID] = strawberry.field(
        description="The ProcedureComponent ids named as missing or faulty"
    )
    staff_at_fault: bool = strawberry.field(
        description="The repeat was the staff's fault (their guidance was incomplete)"
    )
    answered_at: datetime | None = strawberry.field(description="When the applicant answered it")


@strawberry.type(description="The apology letter owed after repeated faulty guidance (002 Annex)")
class DossierApology:
    document_path: str = strawberry.field(
        description="The letter as a PDF document: GET this path with your token"
    )
    stage: GuidanceStageType = strawberry.field(description="Whose guidance was at fault")
    issued_at: datetime = strawberry.field(description="When it was sent")
    text: str = strawberry.field(description="The letter, with the full guidance")


@strawberry.type(description="The explanation of an overdue dossier, with the new date")
class DossierOverdueNotice:
    issued_at: datetime = strawberry.field(description="When the applicant was told")
    reason: str = strawberry.field(description="Why it is late")
    new_due: datetime = strawberry.field(description="The new date of the result")


@strawberry.type(
    description="The applicant's 8-criteria survey (Art. 8): 1 to 5, null when not applicable"
)
class DossierSurvey:
    submitted_at: datetime = strawberry.field(description="When it was answered")
    guidance_clarity: int | None = strawberry.field(description="a) Clarity of the instructions")
    form_accuracy: int | None = strawberry.field(description="b) Accuracy of the forms")
    convenience: int | None = strawberry.field(description="c) Convenience of the online service")
    processing_ability: int | None = strawberry.field(description="d) Ability to process it")
    processing_time: int | None = strawberry.field(description="e) Processing time")
    staff_attitude: int | None = strawberry.field(description="f) Attitude of the civil servants")
    online_result: int | None = strawberry.field(description="g) Receiving the result online")
    online_payment: int | None = strawberry.field(description="h) Paying online")
    comment: str = strawberry.field(description="The applicant's comment")


@strawberry.type(
    description="The applicant of a dossier (confidential: the applicant and the agencies "
    "handling it)"
)
class DossierApplicant:
    full_name: str = strawberry.field(description="Name of the citizen, organisation or business")
    kind: str = strawberry.field(description="CITIZEN, ORGANISATION or BUSINESS")
    address: str = strawberry.field(description="The address on the account")
    email: str | None = strawberry.field(description="The account's email")
    phone: str | None = strawberry.field(description="The account's phone")


@strawberry.type(description="One step of the log (Art. 12.4): who, when, from, to, note")
class DossierStep:
    domain: strawberry.Private[model.DossierStep]
    staff: strawberry.Private[bool]

    @strawberry.field(description="What was done")
    def action(self) -> ActionType:
        return Action(self.domain.action)

    @strawberry.field(description="The state before (null for the submission)")
    def from_state(self) -> DossierStateType | None:
        return self.domain.from_state

    @strawberry.field(description="The state after")
    def to_state(self) -> DossierStateType:
        return self.domain.to_state

    @strawberry.field(description="When")
    def at(self) -> datetime:
        return self.domain.at

    @strawberry.field(description="The agency where the step was taken")
    def agency(self, info: Info) -> OrgUnit | None:
        return unit_field(info, self.domain.unit_id)

    @strawberry.field(description="The limit the step ran against, if any")
    def due_at(self) -> datetime | None:
        return self.domain.due_at

    @strawberry.field(description="Taken after its limit")
    def breached(self) -> bool:
        return self.domain.breached

    @strawberry.field(
        description="The note: guidance, reasons. The applicant reads the notes written for "
        "them; staff of the agencies read every note"
    )
    def note(self) -> str | None:
        visible = note_visible(self.domain.action, staff=self.staff)
        return (self.domain.note or None) if visible else None

    @strawberry.field(description="True when the applicant took the step")
    def by_applicant(self) -> bool:
        return Action(self.domain.action) in (
            Action.SUBMIT,
            Action.COMPLETE,
            Action.SUPPLEMENT,
            Action.WITHDRAW,
        )

    @strawberry.field(description="The civil servant who took it (staff of the agencies only)")
    async def actor(self, info: Info) -> Person | None:
        account = self.domain.actor_account_id
        if not self.staff or account is None:
            return None
        ctx = ctx_of(info)
        person = await ctx.dossier_loaders.person_by_account_id.load(account)
        if person is None:
            return None
        found = await ctx.loaders.person_by_id.load(person)
        return Person.from_domain(found) if found else None


@strawberry.type(
    description="One step of the public timeline: what, when, where; never who nor the note"
)
class PublicDossierStep:
    domain: strawberry.Private[model.DossierStep]

    @strawberry.field(description="What was done")
    def action(self) -> ActionType:
        return Action(self.domain.action)

    @strawberry.field(description="The state before (null for the submission)")
    def from_state(self) -> DossierStateType | None:
        return self.domain.from_state

    @strawberry.field(description="The state after")
    def to_state(self) -> DossierStateType:
        return self.domain.to_state

    @strawberry.field(description="When")
    def at(self) -> datetime:
        return self.domain.at

    @strawberry.field(description="The agency where it was taken")
    def agency(self, info: Info) -> OrgUnit | None:
        return unit_field(info, self.domain.unit_id)
