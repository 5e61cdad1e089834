"""Mutations on persons, leadership, committees and articles."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.people.fields import PersonInfo
from domain.people.model import Person as DomainPerson
from resolvers.directory import people_mutations as run
from schema.common import UserError, attempt, ctx_of, decode_id, errors_of, plain_id
from schema.directory import (
    Article,
    ArticleKindType,
    Committee,
    CommitteeRoleType,
)
from schema.mutations.org import OrgUnitPayload, unit_payload
from schema.org import LeaderRankType
from schema.people import GenderType, Person, PersonStatusType


@strawberry.input(description="Fields of the personal page; omitted fields stay as they are")
class PersonInfoInput:
    full_name: str | None = None
    gender: GenderType | None = None
    date_of_birth: date | None = None
    home_address: str | None = None
    work_phone: str | None = None
    personal_phone: str | None = None
    fax: str | None = None
    email: str | None = None
    civil_servant_code: str | None = None
    id_photo_url: str | None = None
    position: str | None = None
    duties: str | None = None

    def to_domain(self) -> PersonInfo:
        """The domain's value object."""
        return PersonInfo(**{k: getattr(self, k) for k in PersonInfo.__dataclass_fields__})


@strawberry.type
class PersonPayload:
    person: Person | None
    errors: list[UserError]


def person_payload(result: DomainPerson | DomainError) -> PersonPayload:
    """A payload for a use case's result."""
    person = None if isinstance(result, DomainError) else Person.from_domain(result)
    return PersonPayload(person=person, errors=errors_of(result))


@strawberry.type
class CommitteePayload:
    committee: Committee | None
    errors: list[UserError]


@strawberry.type
class ArticlePayload:
    article: Article | None
    errors: list[UserError]


@strawberry.type
class EndLeadershipPayload:
    ok: bool
    errors: list[UserError]


def _unit(value: strawberry.ID, field: str) -> int:
    return decode_id(value, "OrgUnit", field)


def _person(value: strawberry.ID, field: str = "personId") -> int:
    return decode_id(value, "Person", field)


@strawberry.type
class PeopleMutations:
    @strawberry.mutation(description="Add a person to a unit (its directory editors)")
    async def create_person(
        self, info: Info, unit_id: strawberry.ID, person: PersonInfoInput
    ) -> PersonPayload:
        result = await attempt(
            lambda: run.create_person(
                ctx_of(info), unit_id=_unit(unit_id, "unitId"), info=person.to_domain()
            )
        )
        return person_payload(result)

    @strawberry.mutation(
        description="Edit a person: anyone their own contact data, directory editors everything"
    )
    async def update_person(
        self, info: Info, id: strawberry.ID, changes: PersonInfoInput, version: int | None = None
    ) -> PersonPayload:
        result = await attempt(
            lambda: run.update_person(
                ctx_of(info), person_id=_person(id, "id"), info=changes.to_domain(), version=version
            )
        )
        return person_payload(result)

    @strawberry.mutation(description="Transfer a person to another unit; history is kept")
    async def transfer_person(
        self,
        info: Info,
        id: strawberry.ID,
        to_unit_id: strawberry.ID,
        position: str | None = None,
        duties: str | None = None,
        version: int | None = None,
        effective: date | None = None,
    ) -> PersonPayload:
        result = await attempt(
            lambda: run.transfer_person(
                ctx_of(info),
                person_id=_person(id, "id"),
                to_unit_id=_unit(to_unit_id, "toUnitId"),
                position=position,
                duties=duties,
                version=version,
                effective=effective,
            )
        )
        return person_payload(result)

    @strawberry.mutation(description="Record a resignation or retirement; history is kept")
    async def end_employment(
        self,
        info: Info,
        id: strawberry.ID,
        status: PersonStatusType,
        version: int | None = None,
        effective: date | None = None,
    ) -> PersonPayload:
        result = await attempt(
            lambda: run.end_employment(
                ctx_of(info),
                person_id=_person(id, "id"),
                status=status,
                version=version,
                effective=effective,
            )
        )
        return person_payload(result)

    @strawberry.mutation(description="Name a member as head or deputy of their unit")
    async def appoint_leader(
        self,
        info: Info,
        unit_id: strawberry.ID,
        person_id: strawberry.ID,
        title: str,
        rank: LeaderRankType,
        effective: date | None = None,
    ) -> OrgUnitPayload:
        result = await attempt(
            lambda: run.appoint_leader(
                ctx_of(info),
                unit_id=_unit(unit_id, "unitId"),
                person_id=_person(person_id),
                title=title,
                rank=rank,
                effective=effective,
            )
        )
        return unit_payload(result)

    @strawberry.mutation(description="End a leadership position (id from OrgUnit.leaders)")
    async def end_leadership(
        self, info: Info, leadership_id: strawberry.ID, effective: date | None = None
    ) -> EndLeadershipPayload:
        async def call() -> object:
            return await run.end_leadership(
                ctx_of(info),
                leadership_id=plain_id(leadership_id, "leadershipId"),
                effective=effective,
            )

        result = await attempt(call)
        return EndLeadershipPayload(
            ok=not isinstance(result, DomainError), errors=errors_of(result)
        )

    @strawberry.mutation(
        description="Register a steering committee; one with the same name is refused"
    )
    async def register_committee(
        self,
        info: Info,
        name: str,
        standing_unit_id: strawberry.ID,
        functions: str | None = None,
        established_on: date | None = None,
    ) -> CommitteePayload:
        result = await attempt(
            lambda: run.register_committee(
                ctx_of(info),
                name=name,
                functions=functions,
                standing_unit_id=_unit(standing_unit_id, "standingUnitId"),
                established_on=established_on,
            )
        )
        return _committee_payload(result)

    @strawberry.mutation(description="Seat a person in a committee")
    async def add_committee_member(
        self,
        info: Info,
        committee_id: strawberry.ID,
        person_id: strawberry.ID,
        role: CommitteeRoleType,
        duties: str | None = None,
    ) -> CommitteePayload:
        result = await attempt(
            lambda: run.add_committee_member(
                ctx_of(info),
                committee_id=decode_id(committee_id, "Committee", "committeeId"),
                person_id=_person(person_id),
                role=role,
                duties=duties,
            )
        )
        return _committee_payload(result)

    @strawberry.mutation(description="Attach a related document to a committee")
    async def add_committee_document(
        self,
        info: Info,
        committee_id: strawberry.ID,
        title: str,
        number: str | None = None,
        issued_on: date | None = None,
        url: str | None = None,
    ) -> CommitteePayload:
        result = await attempt(
            lambda: run.add_committee_document(
                ctx_of(info),
                committee_id=decode_id(committee_id, "Committee", "committeeId"),
                title=title,
                number=number,
                issued_on=issued_on,
                url=url,
            )
        )
        return _committee_payload(result)

    @strawberry.mutation(description="Publish an article or speech to your unit and the province")
    async def publish_article(
        self, info: Info, kind: ArticleKindType, title: str, body: str
    ) -> ArticlePayload:
        result = await attempt(
            lambda: run.publish_article(ctx_of(info), kind=kind, title=title, body=body)
        )
        article = None if isinstance(result, DomainError) else Article.from_domain(result)
        return ArticlePayload(article=article, errors=errors_of(result))


def _committee_payload(result: object) -> CommitteePayload:
    if isinstance(result, DomainError):
        return CommitteePayload(committee=None, errors=errors_of(result))
    return CommitteePayload(committee=Committee.from_domain(result), errors=[])  # type: ignore[arg-type]
