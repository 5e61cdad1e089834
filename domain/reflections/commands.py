"""The commands of the field-report flow; each is handled by one use case of this package."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Protocol, runtime_checkable

from domain.commands import Command
from domain.reflections import places
from domain.reflections.model import (
    AgencyFocal,
    CancelReason,
    Category,
    Channel,
    CommunePoint,
    Media,
    Question,
    Rating,
    ReflectionPriority,
    ReporterKind,
)
from domain.reflections.model import Reflection as Report
from domain.reflections.uploads import MediaUpload
from domain.reflections.workflow import Action


@dataclass(frozen=True)
class NewReflection:
    """A report as a citizen (or the IOC, for hotline, social and email) sends it."""

    channel: Channel
    content: str
    occurred_at: datetime
    latitude: float
    longitude: float
    address: str
    reporter_name: str
    reporter_phone: str
    reporter_email: str
    reporter_kind: ReporterKind = ReporterKind.INDIVIDUAL
    consent_contact: bool = False
    secrecy_requested: bool = False
    category_id: int | None = None
    commune_id: int | None = None
    media: tuple[Media, ...] = ()


@dataclass(frozen=True)
class CategoryInput:
    """A catalog entry: (agency, area) pairs; area None means every commune."""

    code: str
    name: str
    urgent: bool = False
    sensitive: bool = False
    active: bool = True
    defaults: tuple[tuple[int, int | None], ...] = ()


@dataclass(frozen=True)
class Step:
    """What the caller sends with an action."""

    action: Action
    note: str | None = None
    agency_id: int | None = None
    agency_ids: tuple[int, ...] = ()
    result: str | None = None
    suggested_unit_id: int | None = None
    category_id: int | None = None
    priority: ReflectionPriority | None = None
    is_public: bool | None = None
    sensitive: bool | None = None
    coordinating_unit_id: int | None = None
    cancel_reason: CancelReason | None = None
    content: str | None = None
    tracking_code: str | None = None


@runtime_checkable
class ByTrackingCode(Protocol):
    """A command the reporter may send with the report's tracking code instead of signing in."""

    @property
    def tracking_code(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Submitted:
    """A received report and its tracking code (shown once)."""

    reflection: Report
    tracking_code: str


@dataclass(frozen=True, slots=True)
class CountSubmission(Command[int]):
    """Count one submission against the client address; the count in the last hour."""

    sign_in: ClassVar[bool] = False
    address: str


@dataclass(frozen=True, slots=True)
class RecordUpload(Command[MediaUpload]):
    """Record a file the media store received (anyone may send one), unless it goes over its
    address's hourly limit (`per_hour`; None: no limit)."""

    sign_in: ClassVar[bool] = False
    upload: MediaUpload
    per_hour: int | None


@dataclass(frozen=True, slots=True)
class SubmitReflection(Command[Submitted]):
    """Receive a report from anyone."""

    sign_in: ClassVar[bool] = False
    new: NewReflection
    media_bases: Sequence[str] = ()
    area: places.ProvinceArea = places.HUE


@dataclass(frozen=True, slots=True)
class ActOnReflection(Command[Report]):
    """Move a report one step; the reporter's own steps may give a tracking code instead of
    signing in."""

    reflection_id: int
    version: int | None
    step: Step

    @property
    def tracking_code(self) -> str | None:
        """The tracking code the reporter presented, if any."""
        return self.step.tracking_code

    def requires_sign_in(self) -> bool:
        return self.tracking_code is None


@dataclass(frozen=True, slots=True)
class AskAboutReflection(Command[Question]):
    """The reporter asks a follow-up question about the result."""

    reflection_id: int
    question: str
    tracking_code: str | None = None

    def requires_sign_in(self) -> bool:
        return self.tracking_code is None


@dataclass(frozen=True, slots=True)
class AnswerQuestion(Command[Question]):
    """A handling agency answers a follow-up question."""

    question_id: int
    text: str


@dataclass(frozen=True, slots=True)
class RateReflection(Command[Report]):
    """The reporter rates the result."""

    reflection_id: int
    rating: Rating
    tracking_code: str | None = None

    def requires_sign_in(self) -> bool:
        return self.tracking_code is None


@dataclass(frozen=True, slots=True)
class SetAgencyFocals(Command[AgencyFocal]):
    """Name an agency's focal leader and focal handler."""

    agency_id: int
    leader_person_id: int | None
    handler_person_id: int | None


@dataclass(frozen=True, slots=True)
class SetCommunePoint(Command[CommunePoint]):
    """Place a commune for resolving coordinates."""

    commune_id: int
    latitude: float
    longitude: float
    area: places.ProvinceArea = places.HUE


@dataclass(frozen=True, slots=True)
class SaveCategory(Command[Category]):
    """Create or update a catalog entry with its default agencies."""

    entry: CategoryInput
