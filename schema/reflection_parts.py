"""Pieces of the field-report types: enums, media, events, agencies' parts, questions."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from domain.reflections import model
from domain.reflections.duplicates import DuplicateReason
from domain.reflections.reading import ReflectionSort
from domain.reflections.workflow import Action
from resolvers.context import RequestContext
from schema.common import VisibleTo, ctx_of, encode_id, from_loader
from schema.enums import described
from schema.org import OrgUnit, unit_or_none

strawberry.enum(model.Channel, name="ReflectionChannel", description="Where a report came in")
strawberry.enum(model.ReporterKind, name="ReporterKind")
strawberry.enum(
    model.ReflectionPriority,
    name="ReflectionPriority",
    description="URGENT (fire, accident, robbery, public order) runs on the wall clock",
)
strawberry.enum(model.ReflectionState, name="ReflectionState", description="Where a report is")
strawberry.enum(model.AssignmentState, name="ReflectionAgencyState", description="An agency's part")
strawberry.enum(model.CancelReason, name="ReflectionCancelReason", description="001 Art. 13")
strawberry.enum(model.Rating, name="ReflectionRating", description="001 Art. 12.3")
described(
    model.MediaKind,
    name="ReflectionMediaKind",
    description="What the media store holds",
    values={
        model.MediaKind.PHOTO: "A photo: JPEG, PNG, WebP or HEIC up to 10 MB",
        model.MediaKind.VIDEO: "A video: MP4, QuickTime or WebM up to 100 MB",
        model.MediaKind.DOCUMENT: "A PDF document up to 20 MB (a dossier's file; a report "
        "refuses it)",
    },
)
strawberry.enum(model.SlaStep, name="ReflectionStep", description="A step that has a limit")
strawberry.enum(ReflectionSort, name="ReflectionSort")
strawberry.enum(DuplicateReason, name="DuplicateReason")
strawberry.enum(Action, name="ReflectionAction", description="Every step of the flows")


def unit_of(info: Info, unit_id: int | None) -> OrgUnit | None:
    """An org unit by id, batched; at once when the request has loaded it already."""
    if unit_id is None:
        return None
    return from_loader(ctx_of(info).loaders.unit_by_id, unit_id, unit_or_none)


@strawberry.type(name="ReflectionMedia", description="A photo or video (metadata and URL)")
class Media:
    kind: model.MediaKind
    url: str
    mime_type: str
    size_bytes: int
    name: str | None


@strawberry.type(description="A catalog entry; its default agencies are configured per area")
class ReflectionCategory:
    id: strawberry.ID
    code: str
    name: str
    urgent: bool = strawberry.field(description="Reports of it run the urgent flow")
    sensitive: bool = strawberry.field(description="Reports of it run the sensitive flow")

    @classmethod
    def from_domain(cls, category: model.Category) -> ReflectionCategory:
        """Build from the domain entry."""
        return cls(
            id=encode_id("ReflectionCategory", category.id),
            code=category.code,
            name=category.name,
            urgent=category.urgent,
            sensitive=category.sensitive,
        )


async def _event_note(ctx: RequestContext, event: model.ReflectionEvent) -> bool:
    parties = await ctx.reflection_loaders.parties_of_id(event.reflection_id)
    from domain.permissions import can_view_reflection_internals

    return parties is not None and can_view_reflection_internals(ctx.principal, parties)


@strawberry.type(
    name="ReflectionEvent",
    description="One step: the audit trail, the SLA history (step, due, breached) and the "
    "public timeline",
)
class ReflectionEvent:
    domain: strawberry.Private[model.ReflectionEvent]

    @strawberry.field
    def action(self) -> str:
        return self.domain.action

    @strawberry.field
    def from_state(self) -> model.ReflectionState | None:
        return self.domain.from_state

    @strawberry.field
    def to_state(self) -> model.ReflectionState:
        return self.domain.to_state

    @strawberry.field
    def at(self) -> datetime:
        return self.domain.at

    @strawberry.field(description="The agency this step was about, if any")
    def agency(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.agency_unit_id)

    @strawberry.field(description="The limited step this one closed")
    def step(self) -> model.SlaStep | None:
        return self.domain.step

    @strawberry.field(description="When the closed step was due")
    def due_at(self) -> datetime | None:
        return self.domain.due_at

    @strawberry.field(description="Done after it was due")
    def breached(self) -> bool:
        return self.domain.breached

    @strawberry.field(
        description="Reason or remark: the IOC, the agencies and the coordinating agency",
        extensions=[VisibleTo(_event_note)],
    )
    async def note(self) -> str | None:
        return self.domain.note or None


@strawberry.type(
    name="ReflectionAgencyPart",
    description="One handling agency's part of a report, on its own clock",
)
class AgencyPart:
    domain: strawberry.Private[model.Assignment]

    @strawberry.field
    def agency(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.agency_unit_id)

    @strawberry.field
    def state(self) -> model.AssignmentState:
        return self.domain.state

    @strawberry.field
    def assigned_at(self) -> datetime:
        return self.domain.assigned_at

    @strawberry.field(description="The running step")
    def step(self) -> model.SlaStep | None:
        return self.domain.step

    @strawberry.field(description="When the running step is due")
    def due_at(self) -> datetime | None:
        return self.domain.due_at

    @strawberry.field
    def accepted_at(self) -> datetime | None:
        return self.domain.accepted_at

    @strawberry.field(description="6 working days from acceptance")
    def handle_due(self) -> datetime | None:
        return self.domain.handle_due

    @strawberry.field(description="Return to the IOC within 1 working day of acceptance")
    def return_due(self) -> datetime | None:
        return self.domain.return_due

    @strawberry.field(description="The agency's result (Annex 1 body)")
    def result(self) -> str | None:
        return self.domain.result

    @strawberry.field
    def result_at(self) -> datetime | None:
        return self.domain.result_at

    @strawberry.field
    def approved_at(self) -> datetime | None:
        return self.domain.approved_at

    @strawberry.field(description="The right unit, named when returning")
    def suggested_unit(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.suggested_unit_id)

    @strawberry.field(description="The last return reason")
    def note(self) -> str | None:
        return self.domain.note or None


@strawberry.type(name="ReflectionQuestion", description="A follow-up question and its answer")
class Question:
    domain: strawberry.Private[model.Question]

    @strawberry.field(description="Pass it to answerReflectionQuestion")
    def id(self) -> strawberry.ID:
        return encode_id("ReflectionQuestion", self.domain.id)

    @strawberry.field
    def question(self) -> str:
        return self.domain.question

    @strawberry.field
    def asked_at(self) -> datetime:
        return self.domain.asked_at

    @strawberry.field(description="1 day after the question")
    def answer_due(self) -> datetime:
        return self.domain.answer_due

    @strawberry.field
    def answer(self) -> str | None:
        return self.domain.answer

    @strawberry.field
    def answered_at(self) -> datetime | None:
        return self.domain.answered_at

    @strawberry.field
    def answered_by(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.answered_by_unit_id)
