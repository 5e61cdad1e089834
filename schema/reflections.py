"""The field report: a federation entity and Relay node, with field-level permissions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from domain.reflections import model
from domain.reflections.media import load_media
from resolvers.reflections import queries, rules
from schema.common import (
    VisibleTo,
    ctx_of,
    decode_id,
    from_loader,
    restricted_fields,
    selected_names,
)
from schema.descriptions import VERSION_FIELD
from schema.org import OrgUnit
from schema.reflection_parts import (
    AgencyPart,
    Media,
    Question,
    ReflectionCategory,
    ReflectionEvent,
    unit_of,
)

REPORTER = "The IOC and the reporter see it; a handling agency when the reporter consented"
INTERNAL = "The IOC, the agencies it was distributed to and the coordinating agency see it"
OWN_OR_INTERNAL = "The reporter, the IOC, the handling agencies and the coordinating agency see it"


@strawberry.federation.type(
    keys=["id"],
    name="Reflection",
    description="A citizen's field report (phản ánh hiện trường, 001/2020 Huế). Published "
    "reports are public with their public timeline; others are seen by the IOC, the agencies "
    "it was distributed to, the coordinating agency and the reporter. Reporter data is "
    "confidential: the IOC, the reporter, and a handling agency only with consent.",
)
class Reflection(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Reflection]
    channel: model.Channel = strawberry.field(description="Where it came in")
    content: str = strawberry.field(description="What the reporter wrote (as edited since)")
    occurred_at: datetime = strawberry.field(description="When it happened (UTC)")
    submitted_at: datetime = strawberry.field(description="When it was received (UTC)")
    latitude: float = strawberry.field(description="Where it happened: WGS 84 latitude, degrees")
    longitude: float = strawberry.field(description="WGS 84 longitude, in degrees")
    address: str = strawberry.field(description="The place as the reporter described it")
    priority: model.ReflectionPriority = strawberry.field(description="Normal or urgent")
    state: model.ReflectionState = strawberry.field(description="Where it stands in the flow")
    published_at: datetime | None = strawberry.field(
        description="When the result was published (UTC); null until then"
    )
    rating: model.Rating | None = strawberry.field(
        description="The reporter's rating of the result; null until rated"
    )
    version: int = strawberry.field(description=VERSION_FIELD)

    @classmethod
    def from_domain(cls, r: model.Reflection) -> Reflection:
        """Build from the domain report."""
        return cls(
            id=r.id,
            domain=r,
            channel=r.channel,
            content=r.content,
            occurred_at=r.occurred_at,
            submitted_at=r.submitted_at,
            latitude=r.latitude,
            longitude=r.longitude,
            address=r.address,
            priority=r.priority,
            state=r.state,
            published_at=r.published_at,
            rating=r.rating,
            version=r.version,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # hidden ids resolve to null
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Reflection | None]:
        found = await queries.visible(ctx_of(info), [int(i) for i in node_ids])
        return [cls.from_domain(r) if r else None for r in found]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Reflection | None:
        [found] = await queries.visible(ctx_of(info), [decode_id(id, "Reflection")])
        return cls.from_domain(found) if found else None

    @strawberry.field(description="Its photos and videos, in the order attached")
    def media(self) -> list[Media]:
        return [
            Media(
                kind=m.kind, url=m.url, mime_type=m.mime_type, size_bytes=m.size_bytes, name=m.name
            )
            for m in load_media(self.domain.media)
        ]

    @strawberry.field(description="The commune of the org tree the place lies in")
    def commune(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.commune_unit_id)

    @strawberry.field(description="Its category; null until the IOC classifies it")
    def category(self, info: Info) -> ReflectionCategory | None:
        if self.domain.category_id is None:
            return None
        loader = ctx_of(info).reflection_loaders.category_by_id
        return from_loader(loader, self.domain.category_id, _category_or_none)

    @strawberry.field(
        description="The result notice (Annex 1), once the agencies' results are approved; "
        "null until then"
    )
    def result(self) -> str | None:
        return self.domain.result

    @strawberry.field(description="The report's running step; null when no limit runs")
    def step(self) -> model.SlaStep | None:
        return self.domain.step

    @strawberry.field(
        description="When the running step (or the earliest agency's) is due (UTC); null when "
        "none runs"
    )
    def step_due(self) -> datetime | None:
        return self.domain.step_due

    @strawberry.field(description="The running step is past due, on the server's clock")
    def overdue(self, info: Info) -> bool:
        due = self.domain.step_due
        return due is not None and ctx_of(info).now() > due

    @strawberry.field(
        description="Steps: all of them for staff and the reporter; public steps "
        "(received, distributed, accepted, approved, published) for others"
    )
    async def timeline(self, info: Info) -> list[ReflectionEvent]:
        found = await rules.timeline(ctx_of(info), self.domain)
        return [ReflectionEvent(domain=e) for e in found]

    @strawberry.field(
        extensions=[VisibleTo(rules.sees_reporter)],
        description=f"The reporter's name; null if not given. {REPORTER}",
    )
    def reporter_name(self) -> str | None:
        return self.domain.reporter_name

    @strawberry.field(
        extensions=[VisibleTo(rules.sees_reporter)],
        description=f"The reporter's phone; null if not given. {REPORTER}",
    )
    def reporter_phone(self) -> str | None:
        return self.domain.reporter_phone

    @strawberry.field(
        extensions=[VisibleTo(rules.sees_reporter)],
        description=f"The reporter's email; null if not given. {REPORTER}",
    )
    def reporter_email(self) -> str | None:
        return self.domain.reporter_email

    @strawberry.field(
        extensions=[VisibleTo(rules.sees_internals)],
        description=f"A person or an organization. {INTERNAL}",
    )
    def reporter_kind(self) -> model.ReporterKind | None:
        return self.domain.reporter_kind

    @strawberry.field(
        description="The reporter agreed to share contact data with the handling agencies. "
        f"{OWN_OR_INTERNAL}",
        extensions=[VisibleTo(rules.sees_own_or_internals)],
    )
    def consent_contact(self) -> bool | None:
        return self.domain.consent_contact

    @strawberry.field(
        description="The reporter asked for secrecy: the result goes to them only. "
        f"{OWN_OR_INTERNAL}",
        extensions=[VisibleTo(rules.sees_own_or_internals)],
    )
    def secrecy_requested(self) -> bool | None:
        return self.domain.secrecy_requested

    @strawberry.field(
        description=f"False: received non-publicly, never published. {INTERNAL}",
        extensions=[VisibleTo(rules.sees_internals)],
    )
    def is_public(self) -> bool | None:
        return self.domain.is_public

    @strawberry.field(
        extensions=[VisibleTo(rules.sees_internals)],
        description=f"True when it runs the sensitive flow (001 Art. 11). {INTERNAL}",
    )
    def sensitive(self) -> bool | None:
        return self.domain.sensitive

    @strawberry.field(
        extensions=[VisibleTo(rules.sees_internals)],
        description=f"The coordinating agency of the sensitive flow; null if none. {INTERNAL}",
    )
    def coordinating_unit(self, info: Info) -> OrgUnit | None:
        return unit_of(info, self.domain.coordinating_unit_id)

    @strawberry.field(
        description="Sensitive flow (001 Art. 11.2): the competent agencies the coordinating "
        "agency named; distributeReflection without agencyIds gives the report to them. "
        f"{INTERNAL}",
        extensions=[VisibleTo(rules.sees_internals)],
    )
    async def advised_agencies(self, info: Info) -> list[OrgUnit] | None:
        ids = list(self.domain.advised_agency_ids)
        found = await ctx_of(info).loaders.unit_by_id.load_many(ids) if ids else []
        return [OrgUnit.from_domain(u) for u in found if u is not None]

    @strawberry.field(
        extensions=[VisibleTo(rules.sees_internals)],
        description=f"Why it was cancelled; null unless cancelled. {INTERNAL}",
    )
    def cancel_reason(self) -> model.CancelReason | None:
        return self.domain.cancel_reason

    @strawberry.field(
        description=f"Each handling agency's part, in the order given. {INTERNAL}",
        extensions=[VisibleTo(rules.sees_internals)],
    )
    async def agencies(self, info: Info) -> list[AgencyPart] | None:
        found = await ctx_of(info).reflection_loaders.assignments_by_reflection_id.load(self.id)
        return [AgencyPart(domain=a) for a in found]

    @strawberry.field(
        description=f"The reporter's follow-up questions and the answers. {OWN_OR_INTERNAL}",
        extensions=[VisibleTo(rules.sees_own_or_internals)],
    )
    async def questions(self, info: Info) -> list[Question] | None:
        return [Question(domain=q) for q in await rules.questions(ctx_of(info), self.domain)]


PARTY_FIELDS = restricted_fields(Reflection) | {"timeline"}
"""Fields that decide on the report's parties: a page asking for one loads them up front."""


async def prime_parties(info: Info, reports: Iterable[model.Reflection]) -> None:
    """Work out the parties of a page's reports in one batch when its selection needs them,
    so the restricted fields answer without a coroutine each."""
    if PARTY_FIELDS & selected_names(info):
        await queries.prime_parties(ctx_of(info), reports)


def _category_or_none(found: model.Category | None) -> ReflectionCategory | None:
    return ReflectionCategory.from_domain(found) if found else None
