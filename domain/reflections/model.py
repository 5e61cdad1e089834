"""The field report, its per-agency handling, its events, questions and catalog (001 Art. 4-14)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Channel(StrEnum):
    """Where a report came in (001 Art. 4)."""

    APP = "APP"
    PORTAL = "PORTAL"
    HOTLINE = "HOTLINE"
    FACEBOOK = "FACEBOOK"
    ZALO = "ZALO"
    EMAIL = "EMAIL"


class ReporterKind(StrEnum):
    """An individual or an organization (Annex 1 addresses them differently)."""

    INDIVIDUAL = "INDIVIDUAL"
    ORGANIZATION = "ORGANIZATION"


class ReflectionPriority(StrEnum):
    """URGENT reports (fire, accident, robbery, public order) run on the wall clock (Art. 10)."""

    NORMAL = "NORMAL"
    URGENT = "URGENT"


class ReflectionState(StrEnum):
    """Where a report stands."""

    SUBMITTED = "SUBMITTED"  # waiting for the IOC's intake (step 1)
    VERIFYING = "VERIFYING"  # sent back to intake to verify its accuracy
    AWAITING_EDIT = "AWAITING_EDIT"  # the reporter was asked to complete it
    COORDINATING = "COORDINATING"  # sensitive: the coordinating agency names content and agency
    ADVISED = "ADVISED"  # sensitive: advice received, the IOC distributes
    IN_HANDLING = "IN_HANDLING"  # at least one agency is accepting, handling or approving
    RETURNED = "RETURNED"  # agencies returned it (not their competence); the IOC redistributes
    HANDLED = "HANDLED"  # every agency's result is approved; the IOC checks it
    AWAITING_AGREEMENT = "AWAITING_AGREEMENT"  # sensitive: the coordinating agency agrees
    AGREED = "AGREED"  # sensitive: agreed; the IOC publishes
    PUBLISHED = "PUBLISHED"  # the result is public on every channel
    ANSWERED_PRIVATELY = "ANSWERED_PRIVATELY"  # secrecy or non-public: the reporter only
    CANCELLED = "CANCELLED"


class AssignmentState(StrEnum):
    """One handling agency's part (each agency is tracked on its own)."""

    ASSIGNED = "ASSIGNED"  # distributed, to accept within 30 minutes
    ACCEPTED = "ACCEPTED"  # handling (6 working days) or returning (1 working day)
    RESULT_SUBMITTED = "RESULT_SUBMITTED"  # the leader approves within 1 working day
    APPROVED = "APPROVED"
    RETURNED = "RETURNED"  # not this agency's competence
    WITHDRAWN = "WITHDRAWN"  # the IOC redistributed elsewhere


ACTIVE_ASSIGNMENT = frozenset(
    {AssignmentState.ASSIGNED, AssignmentState.ACCEPTED, AssignmentState.RESULT_SUBMITTED}
)


class CancelReason(StrEnum):
    """Why the IOC cancels a report (001 Art. 13)."""

    DUPLICATE = "DUPLICATE"  # a duplicate from the same reporter
    UNCLEAR_OR_TEST = "UNCLEAR_OR_TEST"  # unclear, sent by mistake or a test
    VERIFICATION_FAILED = "VERIFICATION_FAILED"  # not verified after 2 days
    EDIT_NOT_MADE = "EDIT_NOT_MADE"  # a requested edit not made after 2 days


class Rating(StrEnum):
    """The reporter's judgement of the result (001 Art. 12.3)."""

    SATISFIED = "SATISFIED"
    ACCEPTABLE = "ACCEPTABLE"
    UNSATISFIED = "UNSATISFIED"


class MediaKind(StrEnum):
    """What the media store holds: photos and videos (a report's), documents (a dossier's)."""

    PHOTO = "PHOTO"
    VIDEO = "VIDEO"
    DOCUMENT = "DOCUMENT"  # a PDF component or result of a dossier; never a report's


class SlaStep(StrEnum):
    """The steps that carry a limit (DOMAIN.md section 4)."""

    INTAKE = "INTAKE"
    COORDINATION = "COORDINATION"
    ACCEPT = "ACCEPT"
    HANDLE = "HANDLE"
    RETURN = "RETURN"
    APPROVE = "APPROVE"
    PUBLISH = "PUBLISH"
    AGREEMENT = "AGREEMENT"
    ANSWER = "ANSWER"
    VERIFICATION = "VERIFICATION"  # cancelled when not verified within 2 days
    EDIT = "EDIT"  # cancelled when the reporter does not edit within 2 days


@dataclass(frozen=True)
class Media:
    """Metadata of a photo or video (the file itself lives in the media store, by URL)."""

    kind: MediaKind
    url: str
    mime_type: str
    size_bytes: int
    name: str | None = None


@dataclass
class Category:
    """An entry of the configurable catalog (traffic, environment, fire...)."""

    code: str
    name: str
    urgent: bool = False
    sensitive: bool = False
    active: bool = True
    id: int = field(init=False)


@dataclass
class CategoryAgency:
    """A default handling agency of a category, for an area (a commune or district; None: all)."""

    category_id: int
    agency_unit_id: int
    area_unit_id: int | None = None
    id: int = field(init=False)


@dataclass
class CommunePoint:
    """Where a commune lies, to resolve a report's coordinates to the commune in the tree."""

    unit_id: int
    latitude: float
    longitude: float


@dataclass
class AgencyFocal:
    """The focal leader and focal handler an agency names (001 Art. 18.1)."""

    agency_unit_id: int
    leader_person_id: int | None
    handler_person_id: int | None
    updated_at: datetime


@dataclass
class Reflection:
    """A citizen's field report. Reporter data is confidential (Art. 5.5)."""

    channel: Channel
    content: str
    occurred_at: datetime
    submitted_at: datetime
    latitude: float
    longitude: float
    address: str
    commune_unit_id: int
    reporter_name: str
    reporter_phone: str
    reporter_email: str
    reporter_kind: ReporterKind = ReporterKind.INDIVIDUAL
    reporter_account_id: int | None = None
    consent_contact: bool = False
    secrecy_requested: bool = False
    is_public: bool = True
    priority: ReflectionPriority = ReflectionPriority.NORMAL
    sensitive: bool = False
    coordinating_unit_id: int | None = None
    advised_agency_ids: tuple[int, ...] = ()  # named by the coordinating agency (Art. 11.2)
    category_id: int | None = None
    media: str = "[]"
    state: ReflectionState = ReflectionState.SUBMITTED
    step: SlaStep | None = SlaStep.INTAKE
    step_due: datetime | None = None
    published_at: datetime | None = None
    result: str | None = None
    rating: Rating | None = None
    rated_at: datetime | None = None
    cancel_reason: CancelReason | None = None
    tracking_hash: str | None = None
    search_text: str = ""
    version: int = 1
    id: int = field(init=False)

    @property
    def urgent(self) -> bool:
        """On the wall clock (Art. 10)."""
        return self.priority is ReflectionPriority.URGENT

    @property
    def publishable(self) -> bool:
        """False when the result goes to the reporter only (secrecy, non-public report)."""
        return self.is_public and not self.secrecy_requested


def in_public_feed(state: ReflectionState, is_public: bool, secrecy_requested: bool) -> bool:
    """Listed for everyone: published, public and not secret."""
    return state == ReflectionState.PUBLISHED and is_public and not secrecy_requested


@dataclass
class Assignment:
    """One handling agency's part in a report, on its own clock."""

    reflection_id: int
    agency_unit_id: int
    state: AssignmentState
    assigned_at: datetime
    due_at: datetime | None = None
    step: SlaStep | None = SlaStep.ACCEPT
    accepted_at: datetime | None = None
    handle_due: datetime | None = None
    return_due: datetime | None = None
    result: str | None = None
    result_at: datetime | None = None
    approved_at: datetime | None = None
    approved_by: int | None = None
    suggested_unit_id: int | None = None
    note: str = ""
    id: int = field(init=False)


@dataclass
class ReflectionEvent:
    """One step: the audit trail, the SLA history (due, done, breached) and the timeline."""

    reflection_id: int
    action: str
    from_state: ReflectionState | None
    to_state: ReflectionState
    at: datetime
    actor_account_id: int | None
    agency_unit_id: int | None = None
    step: SlaStep | None = None
    due_at: datetime | None = None
    breached: bool = False
    public: bool = False
    note: str = ""
    id: int = field(init=False)


@dataclass
class Question:
    """A reporter's follow-up question on a result and the agency's answer (Art. 12)."""

    reflection_id: int
    question: str
    asked_at: datetime
    answer_due: datetime
    answer: str | None = None
    answered_at: datetime | None = None
    answered_by_unit_id: int | None = None
    id: int = field(init=False)
