"""Person types: the directory's people, with field-level visibility (PERMISSIONS.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from domain.people import model
from resolvers.directory.people import (
    sees_birthday,
    sees_people,
    sees_private_fields,
    sees_work_contact,
    visible,
)
from resolvers.pagination import Page
from schema.common import PageInfo, VisibleTo, ctx_of, decode_id
from schema.org import OrgUnit

GenderType = strawberry.enum(model.Gender, name="Gender")
PersonStatusType = strawberry.enum(model.PersonStatus, name="PersonStatus")
MembershipEndType = strawberry.enum(model.MembershipEnd, name="MembershipEnd")

_work = VisibleTo(sees_work_contact)
_private = VisibleTo(sees_private_fields)


@strawberry.federation.type(keys=["id"], name="Person", description="A civil servant or official")
class Person(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Person]

    @classmethod
    def from_domain(cls, person: model.Person) -> Person:
        """Build from the domain person."""
        return cls(id=person.id, domain=person)

    @classmethod
    async def resolve_nodes(
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

    # --- work contact: signed-in staff ---------------------------------------------------

    @strawberry.field(extensions=[_work])
    async def full_name(self) -> str | None:
        return self.domain.full_name

    @strawberry.field(extensions=[_work])
    async def gender(self) -> GenderType | None:
        return self.domain.gender

    @strawberry.field(extensions=[_work], description="Job position")
    async def position(self) -> str | None:
        return self.domain.position

    @strawberry.field(extensions=[_work], description="Assigned duties")
    async def duties(self) -> str | None:
        return self.domain.duties

    @strawberry.field(extensions=[_work])
    async def work_phone(self) -> str | None:
        return self.domain.work_phone

    @strawberry.field(extensions=[_work], description="Work email")
    async def email(self) -> str | None:
        return self.domain.email

    @strawberry.field(extensions=[_work])
    async def fax(self) -> str | None:
        return self.domain.fax

    @strawberry.field(extensions=[_work])
    async def status(self) -> PersonStatusType | None:
        return self.domain.status

    @strawberry.field(extensions=[_work])
    async def version(self) -> int | None:
        return self.domain.version

    @strawberry.field(extensions=[_work], description="Current unit")
    async def unit(self, info: Info) -> OrgUnit | None:
        if self.domain.unit_id is None:
            return None
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(
        extensions=[VisibleTo(sees_birthday)],
        description='Day and month of birth as "DD/MM", for greetings (colleagues)',
    )
    async def birthday(self) -> str | None:
        born = self.domain.date_of_birth
        return born.strftime("%d/%m") if born else None

    # --- private: the person, directory editors in scope, admins -------------------------

    @strawberry.field(extensions=[_private], description="Full date of birth")
    async def date_of_birth(self) -> date | None:
        return self.domain.date_of_birth

    @strawberry.field(extensions=[_private])
    async def home_address(self) -> str | None:
        return self.domain.home_address

    @strawberry.field(extensions=[_private])
    async def personal_phone(self) -> str | None:
        return self.domain.personal_phone

    @strawberry.field(extensions=[_private])
    async def civil_servant_code(self) -> str | None:
        return self.domain.civil_servant_code

    @strawberry.field(extensions=[_private])
    async def id_photo_url(self) -> str | None:
        return self.domain.id_photo_url

    @strawberry.field(extensions=[_work], description="Units worked in, oldest first")
    async def memberships(self, info: Info) -> list[Membership] | None:
        found = await ctx_of(info).loaders.memberships_by_person_id.load(self.id)
        return [Membership(domain=m) for m in found]


@strawberry.type(description="A period of work in a unit")
class Membership:
    domain: strawberry.Private[model.Membership]

    @strawberry.field
    def position(self) -> str | None:
        return self.domain.position

    @strawberry.field
    def duties(self) -> str | None:
        return self.domain.duties

    @strawberry.field
    def since(self) -> date:
        return self.domain.valid_from

    @strawberry.field
    def until(self) -> date | None:
        return self.domain.valid_to

    @strawberry.field
    def end_reason(self) -> MembershipEndType | None:
        return self.domain.end_reason

    @strawberry.field
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None


@strawberry.type
class PersonEdge:
    cursor: str
    node: Person


@strawberry.type(description="A page of persons, by name")
class PersonConnection:
    edges: list[PersonEdge]
    page_info: PageInfo
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

    @strawberry.field(description="Persons in the whole list (one COUNT query)")
    async def total_count(self) -> int:
        return await self.page.count()
