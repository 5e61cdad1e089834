"""The dossier of an online public service, its step log and what hangs off it (002 Art.
8, 11-13 and the Annex)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class DossierState(StrEnum):
    """Where a dossier stands (the Annex's steps 1-5)."""

    SUBMITTED = "SUBMITTED"  # waiting for the desk: reception within 60 working minutes
    INCOMPLETE = "INCOMPLETE"  # refused as incomplete with guidance; the applicant completes
    RECEIVED = "RECEIVED"  # accepted by the desk (the processing clock runs); to assign
    IN_PROCESSING = "IN_PROCESSING"  # a specialist studies it and drafts the result
    AWAITING_SUPPLEMENT = "AWAITING_SUPPLEMENT"  # the applicant supplements; the clock stops
    DRAFTED = "DRAFTED"  # the draft waits for the leader's signature
    SIGNED = "SIGNED"  # the leader signed; the clerk signs and registers it
    RESULT_READY = "RESULT_READY"  # registered with a number: done; the desk returns it
    DELIVERED = "DELIVERED"  # handed over at the desk or sent by post
    WITHDRAWN = "WITHDRAWN"  # the applicant withdrew it


class SubmissionChannel(StrEnum):
    """How the dossier came in: online through the portal, or on paper at the desk (Art.
    12.1b: the desk digitises it)."""

    ONLINE = "ONLINE"
    DESK = "DESK"


class PaymentMethod(StrEnum):
    """How fees are paid (Art. 11.2)."""

    DESK = "DESK"
    ONLINE = "ONLINE"


class DeliveryMethod(StrEnum):
    """How the result is received (Art. 11.3)."""

    DESK = "DESK"
    POST = "POST"


class ResultKind(StrEnum):
    """What the result says (Art. 12.2: approval or non-approval of the dossier)."""

    GRANTED = "GRANTED"
    DENIED = "DENIED"


class StatusClass(StrEnum):
    """The classes national reporting counts a received dossier in."""

    DONE_EARLY = "DONE_EARLY"  # done on a day before the due date
    DONE_ON_TIME = "DONE_ON_TIME"  # done on the due date, by the due time
    DONE_LATE = "DONE_LATE"
    OPEN_WITHIN_DEADLINE = "OPEN_WITHIN_DEADLINE"
    OPEN_OVERDUE = "OPEN_OVERDUE"


class GuidanceStage(StrEnum):
    """Who guided the applicant to complete the dossier (the Annex, steps 1 and 2)."""

    RECEPTION = "RECEPTION"  # the desk, refusing it as incomplete
    PROCESSING = "PROCESSING"  # the specialist, asking for a supplement


class SurveyCriterion(StrEnum):
    """The eight criteria of Art. 8.1, a) to h)."""

    GUIDANCE_CLARITY = "GUIDANCE_CLARITY"  # a) clarity of the procedure's instructions
    FORM_ACCURACY = "FORM_ACCURACY"  # b) accuracy of the forms
    CONVENIENCE = "CONVENIENCE"  # c) convenience of the online service
    PROCESSING_ABILITY = "PROCESSING_ABILITY"  # d) ability to provide and process it
    PROCESSING_TIME = "PROCESSING_TIME"  # e) processing time
    STAFF_ATTITUDE = "STAFF_ATTITUDE"  # f) attitude of the handling civil servants
    ONLINE_RESULT = "ONLINE_RESULT"  # g) receiving the result online
    ONLINE_PAYMENT = "ONLINE_PAYMENT"  # h) paying online


@dataclass(frozen=True)
class Signature:
    """A digital-signature record of one component, as the applicant's signing tool reports
    it; `document_sha256` must be the stored file's hash."""

    signer: str
    certificate_serial: str
    issuer: str
    signed_at: datetime
    document_sha256: str


@dataclass
class Dossier:
    """An application for a procedure, submitted under one version of it."""

    procedure_id: int
    procedure_version_id: int
    applicant_account_id: int
    agency_unit_id: int  # the receiving agency: its desk receives and returns
    holder_unit_id: int  # the agency holding it now (joined procedures pass it on)
    tracking_code: str
    submitted_at: datetime
    reception_due: datetime
    processing_days: int
    payment: PaymentMethod
    delivery: DeliveryMethod
    channel: SubmissionChannel = SubmissionChannel.ONLINE
    delivery_address: str | None = None
    chain_index: int = 0  # the holder's place in the procedure's chain of agencies
    state: DossierState = DossierState.SUBMITTED
    holder_person_id: int | None = None
    received_at: datetime | None = None
    processing_due: datetime | None = None
    paused_at: datetime | None = None
    paused_minutes: int = 0
    refusals: int = 0
    supplement_requests: int = 0
    apology_pending: GuidanceStage | None = None
    promised_at: datetime | None = None  # the new date of an overdue notice
    due_at: datetime | None = None  # the running limit: reception, then processing; None: done
    result_kind: ResultKind | None = None
    result_number: str | None = None
    result_upload_key: str | None = None
    finished_at: datetime | None = None
    finish_class: StatusClass | None = None  # early, on time or late, fixed at the finish
    delivered_at: datetime | None = None
    rated: bool = False
    version: int = 1
    id: int = field(init=False)


@dataclass
class DossierComponent:
    """A file of the dossier: a catalog component, uploaded to the media store."""

    dossier_id: int
    component_id: int  # the procedure version's component
    upload_key: str
    file_name: str | None
    mime_type: str
    size_bytes: int
    sha256: str
    added_at: datetime
    round: int = 0  # 0: submitted; n: the n-th completion or supplement
    signature: Signature | None = None
    id: int = field(init=False)


@dataclass
class DossierStep:
    """One step of the log: who, when, from, to, note (Art. 12.4). The public sees the
    action, the states, the time and the agency; never the actor or the note."""

    dossier_id: int
    action: str
    from_state: DossierState | None
    to_state: DossierState
    at: datetime
    actor_account_id: int | None
    unit_id: int | None = None
    note: str = ""
    due_at: datetime | None = None
    breached: bool = False
    id: int = field(init=False)


@dataclass
class Supplement:
    """A request to complete or supplement the dossier and the applicant's answer."""

    dossier_id: int
    stage: GuidanceStage  # RECEPTION: refused as incomplete; PROCESSING: a supplement request
    round: int
    guidance: str
    requested_at: datetime
    requested_by: int | None
    missing_components: tuple[int, ...] = ()
    staff_at_fault: bool = False
    answered_at: datetime | None = None
    id: int = field(init=False)


@dataclass
class ApologyLetter:
    """The apology owed when repeated guidance was the staff's fault, as a generated
    document recorded on the dossier."""

    dossier_id: int
    stage: GuidanceStage
    issued_at: datetime
    issued_by: int | None
    unit_id: int
    text: str
    document_key: str | None = None
    id: int = field(init=False)


@dataclass
class OverdueNotice:
    """The explanation an applicant gets for an overdue dossier, with the new date."""

    dossier_id: int
    issued_at: datetime
    issued_by: int | None
    unit_id: int
    reason: str
    new_due: datetime
    id: int = field(init=False)


@dataclass
class Survey:
    """The applicant's answer to the 8-criteria survey (Art. 8), once per dossier; scores 1
    (very unsatisfied) to 5 (very satisfied), None when a criterion does not apply."""

    dossier_id: int
    submitted_at: datetime
    guidance_clarity: int | None = None
    form_accuracy: int | None = None
    convenience: int | None = None
    processing_ability: int | None = None
    processing_time: int | None = None
    staff_attitude: int | None = None
    online_result: int | None = None
    online_payment: int | None = None
    comment: str = ""
    id: int = field(init=False)

    def scores(self) -> dict[SurveyCriterion, int | None]:
        """Each criterion's score (None: not applicable)."""
        return {c: getattr(self, c.value.lower()) for c in SurveyCriterion}


class DossierMessageKind(StrEnum):
    """What the applicant is told by email and SMS (Art. 12.2: approval or not, requests to
    complete; Art. 13.2: the electronic result first, when it goes by post)."""

    SUBMITTED = "SUBMITTED"  # the receipt, with the tracking code and the reception limit
    RECEIVED = "RECEIVED"  # accepted, with the date the result is due
    INCOMPLETE = "INCOMPLETE"  # refused as incomplete: the desk's guidance
    SUPPLEMENT = "SUPPLEMENT"  # a supplement asked: the specialist's guidance
    RESULT_READY = "RESULT_READY"  # the result and its number (by post: its electronic copy)
    DELIVERED = "DELIVERED"  # handed over at the desk, or posted
    OVERDUE = "OVERDUE"  # the explanation of an overdue dossier, with the new date
    APOLOGY = "APOLOGY"  # the apology letter


@dataclass
class DossierMessage:
    """A message owed to the applicant. It holds no address and no text: both are read when
    it is sent (the applicant's current contact, the dossier and the step it names)."""

    dossier_id: int
    kind: DossierMessageKind
    created_at: datetime
    step_id: int | None = None
    dispatched_at: datetime | None = None
    id: int = field(init=False)
