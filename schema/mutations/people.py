"""Mutations on persons, leadership, committees and articles."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from domain.directory import model as directory
from domain.directory.commands import (
    AddCommitteeDocument,
    AddCommitteeMember,
    PublishArticle,
    RegisterCommittee,
)
from domain.errors import DomainError
from domain.people.commands import (
    AppointLeader,
    CreatePerson,
    EndEmployment,
    EndLeadership,
    TransferPerson,
    UpdatePerson,
)
from domain.people.fields import PersonInfo
from domain.people.model import Person as DomainPerson
from schema.common import UserError, decode_id, dispatch, errors_of, plain_id
from schema.directory import (
    Article,
    ArticleKindType,
    Committee,
    CommitteeRoleType,
)
from schema.mutations.org import OrgUnitPayload, org_unit_id
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

    @classmethod
    def of(cls, result: DomainPerson | DomainError) -> PersonPayload:
        """The person after the change, or why not."""
        person = None if isinstance(result, DomainError) else Person.from_domain(result)
        return cls(person=person, errors=errors_of(result))


@strawberry.type
class CommitteePayload:
    committee: Committee | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: directory.Committee | DomainError) -> CommitteePayload:
        """The committee after the change, or why not."""
        found = None if isinstance(result, DomainError) else Committee.from_domain(result)
        return cls(committee=found, errors=errors_of(result))


@strawberry.type
class ArticlePayload:
    article: Article | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: directory.Article | DomainError) -> ArticlePayload:
        """The published article, or why not."""
        article = None if isinstance(result, DomainError) else Article.from_domain(result)
        return cls(article=article, errors=errors_of(result))


@strawberry.type
class EndLeadershipPayload:
    ok: bool
    errors: list[UserError]

    @classmethod
    def of(cls, result: object) -> EndLeadershipPayload:
        """Done, or why not."""
        return cls(ok=not isinstance(result, DomainError), errors=errors_of(result))


def _person(value: strawberry.ID, field: str = "personId") -> int:
    return decode_id(value, "Person", field)


def _committee(value: strawberry.ID) -> int:
    return decode_id(value, "Committee", "committeeId")


@strawberry.type
class PeopleMutations:
    @strawberry.mutation(description="Add a person to a unit (its directory editors)")
    async def create_person(
        self, info: Info, unit_id: strawberry.ID, person: PersonInfoInput
    ) -> PersonPayload:
        return PersonPayload.of(
            await dispatch(
                info, lambda: CreatePerson(org_unit_id(unit_id, "unitId"), person.to_domain())
            )
        )

    @strawberry.mutation(
        description="Edit a person: anyone their own contact data, directory editors everything"
    )
    async def update_person(
        self, info: Info, id: strawberry.ID, changes: PersonInfoInput, version: int | None = None
    ) -> PersonPayload:
        return PersonPayload.of(
            await dispatch(
                info, lambda: UpdatePerson(_person(id, "id"), changes.to_domain(), version)
            )
        )

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
        return PersonPayload.of(
            await dispatch(
                info,
                lambda: TransferPerson(
                    _person(id, "id"),
                    org_unit_id(to_unit_id, "toUnitId"),
                    position,
                    duties,
                    version,
                    effective,
                ),
            )
        )

    @strawberry.mutation(description="Record a resignation or retirement; history is kept")
    async def end_employment(
        self,
        info: Info,
        id: strawberry.ID,
        status: PersonStatusType,
        version: int | None = None,
        effective: date | None = None,
    ) -> PersonPayload:
        return PersonPayload.of(
            await dispatch(
                info, lambda: EndEmployment(_person(id, "id"), status, version, effective)
            )
        )

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
        return OrgUnitPayload.of(
            await dispatch(
                info,
                lambda: AppointLeader(
                    org_unit_id(unit_id, "unitId"), _person(person_id), title, rank, effective
                ),
            )
        )

    @strawberry.mutation(description="End a leadership position (id from OrgUnit.leaders)")
    async def end_leadership(
        self, info: Info, leadership_id: strawberry.ID, effective: date | None = None
    ) -> EndLeadershipPayload:
        return EndLeadershipPayload.of(
            await dispatch(
                info, lambda: EndLeadership(plain_id(leadership_id, "leadershipId"), effective)
            )
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
        return CommitteePayload.of(
            await dispatch(
                info,
                lambda: RegisterCommittee(
                    name, org_unit_id(standing_unit_id, "standingUnitId"), functions, established_on
                ),
            )
        )

    @strawberry.mutation(description="Seat a person in a committee")
    async def add_committee_member(
        self,
        info: Info,
        committee_id: strawberry.ID,
        person_id: strawberry.ID,
        role: CommitteeRoleType,
        duties: str | None = None,
    ) -> CommitteePayload:
        return CommitteePayload.of(
            await dispatch(
                info,
                lambda: AddCommitteeMember(
                    _committee(committee_id), _person(person_id), role, duties
                ),
            )
        )

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
        return CommitteePayload.of(
            await dispatch(
                info,
                lambda: AddCommitteeDocument(
                    _committee(committee_id), title, number, issued_on, url
                ),
            )
        )

    @strawberry.mutation(description="Publish an article or speech to your unit and the province")
    async def publish_article(
        self, info: Info, kind: ArticleKindType, title: str, body: str
    ) -> ArticlePayload:
        return ArticlePayload.of(await dispatch(info, lambda: PublishArticle(kind, title, body)))
