"""Person types: the directory's people, with field-level visibility (PERMISSIONS.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import strawberry
from strawberry import relay
from strawberry.types import Info

from domain.people import model
from domain.permissions import can_view_birthday
from resolvers.directory import committees as committee_queries
from resolvers.directory.people import sees_people, sees_private_fields, visible
from resolvers.pagination import Page
from schema.common import PageInfo, VisibleTo, ctx_of, decode_id, from_loader
from schema.descriptions import (
    CURSOR,
    EDGES,
    NODE,
    PAGE_INFO,
    TOTAL_COUNT,
    VERSION_FIELD,
    describe_enum,
)
from schema.org import OrgUnit

if TYPE_CHECKING:
    from schema.directory import CommitteeMember

describe_enum(
    model.Gender,
    "Gender",
    "A person's gender as recorded in the personnel file",
    {
        model.Gender.MALE: "Male (nam)",
        model.Gender.FEMALE: "Female (nữ)",
        model.Gender.OTHER: "Recorded as neither",
    },
)
GenderType: TypeAlias = model.Gender
describe_enum(
    model.PersonStatus,
    "PersonStatus",
    "Whether a person still works in the province",
    {
        model.PersonStatus.ACTIVE: "Works in a unit of the province",
        model.PersonStatus.RESIGNED: "Left the civil service (endEmployment); no unit, kept "
        "in the directory as history",
        model.PersonStatus.RETIRED: "Retired (endEmployment); no unit, kept in the directory "
        "as history",
    },
)
PersonStatusType: TypeAlias = model.PersonStatus
describe_enum(
    model.MembershipEnd,
    "MembershipEnd",
    "Why a period of work in a unit ended",
    {
        model.MembershipEnd.TRANSFERRED: "The person moved to another unit (transferPerson)",
        model.MembershipEnd.RESIGNED: "The person resigned",
        model.MembershipEnd.RETIRED: "The person retired",
        model.MembershipEnd.UNIT_CLOSED: "The unit was merged, split or dissolved and its "
        "members moved to the successor",
    },
)
MembershipEndType: TypeAlias = model.MembershipEnd

_private = VisibleTo(sees_private_fields)
PRIVATE = "Private: the person, directory editors over their unit and admins see it"


@strawberry.federation.type(
    keys=["id"],
    name="Person",
    description="A civil servant or official. Persons reach only callers the row rule allows "
    "(signed-in staff; integrators inside their scope); private fields have their own rule.",
)
class Person(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Person]
    full_name: str | None = strawberry.field(
        description="Full name with accents, family name first (Nguyễn Văn An)"
    )
    gender: GenderType | None = strawberry.field(description="As in the personnel file")
    position: str | None = strawberry.field(
        description="Job position in the current unit (Chuyên viên, Trưởng phòng...); null "
        "if not recorded"
    )
    duties: str | None = strawberry.field(
        description="The work assigned to the person in the unit; null if not recorded"
    )
    work_phone: str | None = strawberry.field(
        description="Office phone, for colleagues; null if not recorded"
    )
    email: str | None = strawberry.field(description="Work email; null if not recorded")
    fax: str | None = strawberry.field(description="Office fax; null if not recorded")
    status: PersonStatusType | None = strawberry.field(
        description="Still working, resigned or retired"
    )
    version: int | None = strawberry.field(description=VERSION_FIELD)

    @classmethod
    def from_domain(cls, person: model.Person) -> Person:
        """Build from a domain person the caller may see (callers apply the row rule)."""
        return cls(
            id=person.id,
            domain=person,
            full_name=person.full_name,
            gender=person.gender,
            position=person.position,
            duties=person.duties,
            work_phone=person.work_phone,
            email=person.email,
            fax=person.fax,
            status=person.status,
            version=person.version,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # Node declares overloads on `required`
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Person | None]:
        ctx = ctx_of(info)
        if not await sees_people(ctx):
            return [None for _ in node_ids]
        found = await ctx.loaders.person_by_id.load_many([int(i) for i in node_ids])
        shown = [await visible(ctx, p) for p in found]
        return [cls.from_domain(p) if p else None for p in shown]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Person | None:
        ctx = ctx_of(info)
        if not await sees_people(ctx):
            return None
        found = await visible(ctx, await ctx.loaders.person_by_id.load(decode_id(id, "Person")))
        return cls.from_domain(found) if found else None

    @strawberry.field(
        description="The unit the person works in now; null after resigning or retiring"
    )
    def unit(self, info: Info) -> OrgUnit | None:
        if self.domain.unit_id is None:
            return None
        return from_loader(
            ctx_of(info).loaders.unit_by_id,
            self.domain.unit_id,
            lambda unit: OrgUnit.from_domain(unit) if unit else None,
        )

    @strawberry.field(
        description='Day and month of birth as "DD/MM", for greetings: signed-in staff and '
        "unit accounts (never the year); null for others or when not recorded"
    )
    def birthday(self, info: Info) -> str | None:
        born = self.domain.date_of_birth
        if born is None or not can_view_birthday(ctx_of(info).principal):
            return None
        return born.strftime("%d/%m")

    # --- private: the person, directory editors in scope, admins -------------------------

    @strawberry.field(extensions=[_private], description=f"Full date of birth. {PRIVATE}")
    async def date_of_birth(self) -> date | None:
        return self.domain.date_of_birth

    @strawberry.field(extensions=[_private], description=f"Home address. {PRIVATE}")
    async def home_address(self) -> str | None:
        return self.domain.home_address

    @strawberry.field(extensions=[_private], description=f"Personal mobile number. {PRIVATE}")
    async def personal_phone(self) -> str | None:
        return self.domain.personal_phone

    @strawberry.field(
        extensions=[_private], description=f"Civil-servant code (mã số công chức). {PRIVATE}"
    )
    async def civil_servant_code(self) -> str | None:
        return self.domain.civil_servant_code

    @strawberry.field(extensions=[_private], description=f"URL of the ID photo. {PRIVATE}")
    async def id_photo_url(self) -> str | None:
        return self.domain.id_photo_url

    @strawberry.field(
        description="The committees the person sits on, with the role and duties (000 Annex "
        "II: shown on the member's personal page); dissolved ones with `includeDissolved`"
    )
    async def committees(
        self,
        info: Info,
        include_dissolved: Annotated[
            bool,
            strawberry.argument(
                description="Also the seats in committees that have been dissolved"
            ),
        ] = False,
    ) -> list[Annotated[CommitteeMember, strawberry.lazy("schema.directory")]]:
        from schema.directory import CommitteeMember  # the two types refer to each other

        found = await committee_queries.seats(
            ctx_of(info), self.id, include_dissolved=include_dissolved
        )
        return [CommitteeMember(domain=seat) for seat in found]

    @strawberry.field(
        description="Every period of work in a unit of the province, oldest first (the "
        "current one has no `until`)"
    )
    async def memberships(self, info: Info) -> list[Membership] | None:
        found = await ctx_of(info).loaders.memberships_by_person_id.load(self.id)
        return [Membership(domain=m) for m in found]


@strawberry.type(description="A period of work in a unit")
class Membership:
    domain: strawberry.Private[model.Membership]

    @strawberry.field(description="The position held in that unit; null if not recorded")
    def position(self) -> str | None:
        return self.domain.position

    @strawberry.field(description="The duties held in that unit; null if not recorded")
    def duties(self) -> str | None:
        return self.domain.duties

    @strawberry.field(description="Local date the period began")
    def since(self) -> date:
        return self.domain.valid_from

    @strawberry.field(description="Local date it ended; null for the current one")
    def until(self) -> date | None:
        return self.domain.valid_to

    @strawberry.field(description="Why it ended; null for the current one")
    def end_reason(self) -> MembershipEndType | None:
        return self.domain.end_reason

    @strawberry.field(description="The unit worked in")
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(description="A person in a page of persons, with its cursor")
class PersonEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: Person = strawberry.field(description=NODE)


@strawberry.type(description="A page of persons, by name (accents ignored), then id")
class PersonConnection:
    edges: list[PersonEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.Person]) -> PersonConnection:
        """Build from a resolver page."""
        return cls(
            edges=[
                PersonEdge(cursor=c, node=Person.from_domain(p))
                for p, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()
