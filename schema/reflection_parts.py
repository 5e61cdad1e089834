"""Pieces of the field-report types: enums, media, events, agencies' parts, questions."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from domain.reflections import model
from resolvers.context import RequestContext
from schema import reflection_enums  # noqa: F401  # the flows' enums, with their descriptions
from schema.common import VisibleTo, ctx_of, encode_id, from_loader
from schema.org import OrgUnit, unit_or_none


def unit_of(info: Info, unit_id: int | None) -> OrgUnit | None:
    """An org unit by id, batched; at once when the request has loaded it already."""
    if unit_id is None:
        return None
    return from_loader(ctx_of(info).loaders.unit_by_id, unit_id, unit_or_none)


@strawberry.type(name="ReflectionMedia", description="A photo or video (metadata and URL)")
class Media:
    kind: model.MediaKind = strawberry.field(description="Photo or video")
    url: str = strawberry.field(description="Where the file is served (the media store)")
    mime_type: str = strawberry.field(description="Its media type (image/jpeg...)")
    size_bytes: int = strawberry.field(description="Its size in bytes")
    name: str | None = strawberry.field(description="The file's original name; null if none")


@strawberry.type(description="A catalog entry; its default agencies are configured per area")
class ReflectionCategory:
    id: strawberry.ID = strawberry.field(description="Global id, for filters and classifying")
    code: str = strawberry.field(description="Stable code (LIGHTING, FIRE...)")
    name: str = strawberry.field(description="Display name, in Vietnamese")
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

    @strawberry.field(
        description="A ReflectionAction, or ASK and ANSWER (a follow-up question and its "
        "answer), RATE (the reporter's rating), CALL_NOT_PLACED (an urgent dispatch's call "
        "that could not be made)"
    )
    def action(self) -> str:
        return self.domain.action

    @strawberry.field(description="The report's state before the step; null at submission")
    def from_state(self) -> model.ReflectionState | None:
        return self.domain.from_state

    @strawberry.field(description="The report's state after the step")
    def to_state(self) -> model.ReflectionState:
        return self.domain.to_state

    @strawberry.field(description="When the step was taken (UTC)")
    def at(self) -> datetime:
        return self.domain.at

    @strawberry.field(description="The agency this step was about, if any")
    def agency(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.agency_unit_id)

    @strawberry.field(description="The limited step this one closed; null if none")
    def step(self) -> model.SlaStep | None:
        return self.domain.step

    @strawberry.field(description="When the closed step was due (UTC); null if none")
    def due_at(self) -> datetime | None:
        return self.domain.due_at

    @strawberry.field(description="True when the closed step was done after it was due")
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

    @strawberry.field(description="The handling agency")
    def agency(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.agency_unit_id)

    @strawberry.field(description="Where its part stands")
    def state(self) -> model.AssignmentState:
        return self.domain.state

    @strawberry.field(description="When the IOC gave it the report (UTC)")
    def assigned_at(self) -> datetime:
        return self.domain.assigned_at

    @strawberry.field(description="The agency's running step; null when it has none")
    def step(self) -> model.SlaStep | None:
        return self.domain.step

    @strawberry.field(description="When the running step is due (UTC); null when none runs")
    def due_at(self) -> datetime | None:
        return self.domain.due_at

    @strawberry.field(description="When the agency accepted its part (UTC); null until then")
    def accepted_at(self) -> datetime | None:
        return self.domain.accepted_at

    @strawberry.field(description="When the result is due (UTC): 6 working days from acceptance")
    def handle_due(self) -> datetime | None:
        return self.domain.handle_due

    @strawberry.field(
        description="Until when it may still be returned to the IOC (UTC): 1 working day "
        "from acceptance"
    )
    def return_due(self) -> datetime | None:
        return self.domain.return_due

    @strawberry.field(
        description="The agency's result (the body of the Annex 1 notice); null until submitted"
    )
    def result(self) -> str | None:
        return self.domain.result

    @strawberry.field(description="When the result was submitted (UTC); null until then")
    def result_at(self) -> datetime | None:
        return self.domain.result_at

    @strawberry.field(description="When its leader approved it (UTC); null until then")
    def approved_at(self) -> datetime | None:
        return self.domain.approved_at

    @strawberry.field(description="The unit it named as competent when returning; null if none")
    def suggested_unit(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.suggested_unit_id)

    @strawberry.field(description="The last reason given on this part (a return); null if none")
    def note(self) -> str | None:
        return self.domain.note or None


@strawberry.type(name="ReflectionQuestion", description="A follow-up question and its answer")
class Question:
    domain: strawberry.Private[model.Question]

    @strawberry.field(description="Pass it to answerReflectionQuestion")
    def id(self) -> strawberry.ID:
        return encode_id("ReflectionQuestion", self.domain.id)

    @strawberry.field(description="What the reporter asked about the result")
    def question(self) -> str:
        return self.domain.question

    @strawberry.field(description="When it was asked (UTC)")
    def asked_at(self) -> datetime:
        return self.domain.asked_at

    @strawberry.field(description="When the answer is due (UTC): 1 day after the question")
    def answer_due(self) -> datetime:
        return self.domain.answer_due

    @strawberry.field(description="The agency's answer; null until answered")
    def answer(self) -> str | None:
        return self.domain.answer

    @strawberry.field(description="When it was answered (UTC); null until then")
    def answered_at(self) -> datetime | None:
        return self.domain.answered_at

    @strawberry.field(description="The agency that answered; null until answered")
    def answered_by(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.answered_by_unit_id)
