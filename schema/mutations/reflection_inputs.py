"""Inputs and payloads of the field reports' mutations, and their conversion to the domain's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.reflections import model
from domain.reflections.commands import (
    ActOnReflection,
    CategoryInput,
    NewReflection,
    Step,
    Submitted,
)
from resolvers.context import RequestContext
from resolvers.tasks.queries import aware
from schema.common import UserError, decode_id, dispatch, errors_of
from schema.descriptions import ERRORS
from schema.reflection_parts import Question, ReflectionCategory
from schema.reflections import Reflection


@strawberry.input(
    description="A photo or video already uploaded: pass what `POST /media` answered, "
    "unchanged (for this server's /media/ URLs the stored kind, type and size count, and an "
    "unknown key is MEDIA_REJECTED), or the metadata of a file at an external http(s) URL"
)
class ReflectionMediaInput:
    kind: model.MediaKind = strawberry.field(description="Photo or video")
    url: str = strawberry.field(
        description="The file's URL: one `POST /media` answered, or an external http(s) URL"
    )
    mime_type: str = strawberry.field(
        description="Photos: image/jpeg, png, webp, heic up to 10 MB; videos: video/mp4, "
        "quicktime, webm up to 100 MB"
    )
    size_bytes: int = strawberry.field(description="The file's size in bytes")
    name: str | None = strawberry.field(
        default=None, description="The file's original name, at most 255 characters"
    )


@strawberry.input(
    description="A field report (001 Art. 5): what, when, where, with photos or videos, and the "
    "reporter's name, phone and email (kept confidential)"
)
class SubmitReflectionInput:
    channel: model.Channel = strawberry.field(
        default=model.Channel.APP,
        description="APP or PORTAL for citizens; the IOC enters HOTLINE, FACEBOOK, ZALO, EMAIL",
    )
    content: str = strawberry.field(description="What happened (10 to 5,000 characters)")
    occurred_at: datetime = strawberry.field(
        description="When it happened (no offset: the province's time); within the last year"
    )
    latitude: float = strawberry.field(
        description="Where: WGS 84 latitude in degrees, inside the province (OUTSIDE_PROVINCE)"
    )
    longitude: float = strawberry.field(description="WGS 84 longitude, in degrees")
    address: str = strawberry.field(
        description="The place in words (street, landmark), at most 500 characters"
    )
    reporter_name: str = strawberry.field(
        description="The reporter's name, at most 255 characters (confidential)"
    )
    reporter_phone: str = strawberry.field(
        description="The reporter's phone, required (confidential; INVALID_PHONE)"
    )
    reporter_email: str = strawberry.field(
        description="The reporter's email, required (confidential; INVALID_EMAIL)"
    )
    reporter_kind: model.ReporterKind = strawberry.field(
        default=model.ReporterKind.INDIVIDUAL, description="A person or an organization"
    )
    consent_contact: bool = strawberry.field(
        default=False, description="Share my contact data with the handling agencies"
    )
    secrecy_requested: bool = strawberry.field(
        default=False, description="Send the result to me only; never publish it"
    )
    category_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Its category, if the reporter knows it (an urgent or sensitive category "
        "sets the flow); null: the IOC classifies it",
    )
    commune_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The commune it happened in; null: the commune nearest to the coordinates "
        "(within 25 km, else INVALID_INPUT)",
    )
    media: list[ReflectionMediaInput] | None = strawberry.field(
        default=None, description="Photos and videos, at most 10; null: none"
    )


def new_reflection(ctx: RequestContext, value: SubmitReflectionInput) -> NewReflection:
    """The domain's input, ids decoded."""
    occurred = aware(ctx, value.occurred_at)
    assert occurred is not None
    return NewReflection(
        channel=value.channel,
        content=value.content,
        occurred_at=occurred,
        latitude=value.latitude,
        longitude=value.longitude,
        address=value.address,
        reporter_name=value.reporter_name,
        reporter_phone=value.reporter_phone,
        reporter_email=value.reporter_email,
        reporter_kind=value.reporter_kind,
        consent_contact=value.consent_contact,
        secrecy_requested=value.secrecy_requested,
        category_id=(
            decode_id(value.category_id, "ReflectionCategory", "categoryId")
            if value.category_id
            else None
        ),
        commune_id=decode_id(value.commune_id, "OrgUnit", "communeId")
        if value.commune_id
        else None,
        media=tuple(
            model.Media(m.kind, m.url, m.mime_type, m.size_bytes, m.name) for m in value.media or ()
        ),
    )


@strawberry.input(description="A handling agency a category defaults to, for an area")
class ReflectionDefaultAgencyInput:
    agency_id: strawberry.ID = strawberry.field(description="The active handling agency")
    area_id: strawberry.ID | None = strawberry.field(
        default=None, description="A district or commune; none: every commune"
    )


@strawberry.input(description="A catalog entry; the code identifies it")
class ReflectionCategoryInput:
    code: str = strawberry.field(
        description="Stable code: letters, digits, dot, dash, underscore, kept upper case; an "
        "existing code updates that entry"
    )
    name: str = strawberry.field(description="Display name, at most 255 characters")
    urgent: bool = strawberry.field(default=False, description="Runs the urgent flow")
    sensitive: bool = strawberry.field(default=False, description="Runs the sensitive flow")
    active: bool = strawberry.field(
        default=True, description="False: no new report may be filed under it"
    )
    default_agencies: list[ReflectionDefaultAgencyInput] | None = strawberry.field(
        default=None,
        description="The agencies its reports go to by default, per area (replacing the "
        "previous list; at most 200); null: none",
    )

    def to_domain(self) -> CategoryInput:
        """The domain's input, ids decoded."""
        return CategoryInput(
            code=self.code,
            name=self.name,
            urgent=self.urgent,
            sensitive=self.sensitive,
            active=self.active,
            defaults=tuple(
                (
                    decode_id(d.agency_id, "OrgUnit", "defaultAgencies"),
                    decode_id(d.area_id, "OrgUnit", "defaultAgencies") if d.area_id else None,
                )
                for d in self.default_agencies or ()
            ),
        )


@strawberry.type(description="The catalog entry saved, or why it was refused")
class ReflectionCategoryPayload:
    category: ReflectionCategory | None = strawberry.field(description="The entry as saved")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: model.Category | DomainError) -> ReflectionCategoryPayload:
        """The saved entry, or why not."""
        found = None if isinstance(result, DomainError) else ReflectionCategory.from_domain(result)
        return cls(category=found, errors=errors_of(result))


@strawberry.type(description="The report after the step, or why it was refused")
class ReflectionPayload:
    reflection: Reflection | None = strawberry.field(description="The report as it is now")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: model.Reflection | DomainError) -> ReflectionPayload:
        """The report after the step, or why not."""
        found = None if isinstance(result, DomainError) else Reflection.from_domain(result)
        return cls(reflection=found, errors=errors_of(result))


@strawberry.type(description="The report received with its tracking code, or why it was refused")
class SubmitReflectionPayload:
    reflection: Reflection | None = strawberry.field(description="The report received")
    tracking_code: str | None = strawberry.field(
        description="Shown once: follow, edit, ask and rate the report with it"
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: Submitted | DomainError) -> SubmitReflectionPayload:
        """The report received with its tracking code, or why not."""
        if isinstance(result, DomainError):
            return cls(reflection=None, tracking_code=None, errors=errors_of(result))
        return cls(
            reflection=Reflection.from_domain(result.reflection),
            tracking_code=result.tracking_code,
            errors=[],
        )


@strawberry.type(description="The follow-up question asked or answered, or why it was refused")
class ReflectionQuestionPayload:
    question: Question | None = strawberry.field(description="The question as it is now")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: model.Question | DomainError) -> ReflectionQuestionPayload:
        """The question asked or answered, or why not."""
        found = None if isinstance(result, DomainError) else Question(domain=result)
        return cls(question=found, errors=errors_of(result))


@strawberry.type(description="Whether the agency's focal persons were set")
class ReflectionFocalsPayload:
    ok: bool = strawberry.field(description="True when they are set")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: object) -> ReflectionFocalsPayload:
        """Done, or why not."""
        return cls(ok=not isinstance(result, DomainError), errors=errors_of(result))


@strawberry.type(description="The commune placed, or why not")
class CommunePointPayload:
    ok: bool = strawberry.field(description="True when the commune's point is recorded")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: object) -> CommunePointPayload:
        """Done, or why not."""
        return cls(ok=not isinstance(result, DomainError), errors=errors_of(result))


Note = Annotated[
    str | None,
    strawberry.argument(
        description="A remark for the report's timeline (read by the IOC, the agencies and the "
        "coordinating agency); null: none"
    ),
]
Reason = Annotated[
    str,
    strawberry.argument(description="Why, for the timeline; required, not blank"),
]
TrackingCode = Annotated[
    str | None,
    strawberry.argument(
        description="The report's tracking code, for a reporter without an account; null: the "
        "signed-in reporter's own report"
    ),
]
ReflectionId = Annotated[strawberry.ID, strawberry.argument(description="The report's global id")]
Agency = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="The agency acted for (default: the caller's only one)"),
]


def unit_id(value: strawberry.ID | None, field: str) -> int | None:
    """An org unit's database id from an optional global id."""
    return decode_id(value, "OrgUnit", field) if value else None


def unit_ids(values: list[strawberry.ID] | None, field: str) -> tuple[int, ...]:
    """Org units' database ids from global ids."""
    return tuple(decode_id(v, "OrgUnit", field) for v in values or ())


async def step(
    info: Info, id: strawberry.ID, version: int | None, step: Callable[[], Step]
) -> ReflectionPayload:
    """Run one step of the flow and shape its payload."""
    return ReflectionPayload.of(
        await dispatch(info, lambda: ActOnReflection(decode_id(id, "Reflection"), version, step()))
    )
