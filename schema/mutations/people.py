"""Mutations on persons, leadership, committees and articles."""

from __future__ import annotations

from datetime import date
from typing import Annotated

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
from schema.descriptions import ERRORS, Effective, Version
from schema.directory import (
    Article,
    ArticleKindType,
    Committee,
    CommitteeRoleType,
)
from schema.mutations.org import OrgUnitPayload, org_unit_id
from schema.org import LeaderRankType
from schema.people import GenderType, Person, PersonStatusType


@strawberry.input(
    description="Fields of the personal page (000 Annex I); omitted (null) fields stay as they "
    "are, an empty string clears a text. The person edits their own address, phones, fax, "
    "email and photo; directory editors edit everything (FORBIDDEN names the fields refused)."
)
class PersonInfoInput:
    full_name: str | None = strawberry.field(
        default=None,
        description="Full name with accents, at most 120 characters; required when creating",
    )
    gender: GenderType | None = strawberry.field(
        default=None, description="As recorded in the personnel file"
    )
    date_of_birth: date | None = strawberry.field(
        default=None, description="Local date of birth: not in the future, within 120 years"
    )
    home_address: str | None = strawberry.field(
        default=None, description="Home address (private), at most 500 characters"
    )
    work_phone: str | None = strawberry.field(
        default=None, description="Office phone (INVALID_PHONE if malformed)"
    )
    personal_phone: str | None = strawberry.field(
        default=None, description="Personal mobile (private; INVALID_PHONE if malformed)"
    )
    fax: str | None = strawberry.field(default=None, description="Office fax (INVALID_PHONE)")
    email: str | None = strawberry.field(
        default=None, description="Work email, kept lower case (INVALID_EMAIL)"
    )
    civil_servant_code: str | None = strawberry.field(
        default=None, description="Civil-servant code (private), at most 30 characters"
    )
    id_photo_url: str | None = strawberry.field(
        default=None, description="URL of the ID photo (private), at most 1,000 characters"
    )
    position: str | None = strawberry.field(
        default=None, description="Job position in the unit, at most 255 characters"
    )
    duties: str | None = strawberry.field(
        default=None, description="Work assigned in the unit, at most 5,000 characters"
    )

    def to_domain(self) -> PersonInfo:
        """The domain's value object."""
        return PersonInfo(**{k: getattr(self, k) for k in PersonInfo.__dataclass_fields__})


@strawberry.type(description="The person after the change, or why it was refused")
class PersonPayload:
    person: Person | None = strawberry.field(description="The person as it is now")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: DomainPerson | DomainError) -> PersonPayload:
        """The person after the change, or why not."""
        person = None if isinstance(result, DomainError) else Person.from_domain(result)
        return cls(person=person, errors=errors_of(result))


@strawberry.type(description="The committee after the change, or why it was refused")
class CommitteePayload:
    committee: Committee | None = strawberry.field(description="The committee as it is now")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: directory.Committee | DomainError) -> CommitteePayload:
        """The committee after the change, or why not."""
        found = None if isinstance(result, DomainError) else Committee.from_domain(result)
        return cls(committee=found, errors=errors_of(result))


@strawberry.type(description="The article published, or why it was refused")
class ArticlePayload:
    article: Article | None = strawberry.field(description="The published article")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: directory.Article | DomainError) -> ArticlePayload:
        """The published article, or why not."""
        article = None if isinstance(result, DomainError) else Article.from_domain(result)
        return cls(article=article, errors=errors_of(result))


@strawberry.type(description="Whether the leadership position was ended")
class EndLeadershipPayload:
    ok: bool = strawberry.field(description="True when the position is now closed")
    errors: list[UserError] = strawberry.field(description=ERRORS)

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
        self,
        info: Info,
        unit_id: Annotated[
            strawberry.ID, strawberry.argument(description="The active unit the person joins")
        ],
        person: Annotated[
            PersonInfoInput, strawberry.argument(description="The personal page; a full name")
        ],
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
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The person to edit")],
        changes: Annotated[
            PersonInfoInput, strawberry.argument(description="The fields to change; null: keep")
        ],
        version: Version = None,
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
        id: Annotated[strawberry.ID, strawberry.argument(description="The person to transfer")],
        to_unit_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The active unit they move to (not their own)"),
        ],
        position: Annotated[
            str | None, strawberry.argument(description="Position in the new unit; null: none")
        ] = None,
        duties: Annotated[
            str | None, strawberry.argument(description="Duties in the new unit; null: none")
        ] = None,
        version: Version = None,
        effective: Effective = None,
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
        id: Annotated[strawberry.ID, strawberry.argument(description="The person leaving")],
        status: Annotated[
            PersonStatusType,
            strawberry.argument(description="RESIGNED or RETIRED (ACTIVE is INVALID_INPUT)"),
        ],
        version: Version = None,
        effective: Effective = None,
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
        unit_id: Annotated[strawberry.ID, strawberry.argument(description="The unit")],
        person_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="A serving member of the unit who does not lead it yet"
            ),
        ],
        title: Annotated[
            str,
            strawberry.argument(
                description="The position's title (Giám đốc, Phó Giám đốc...), at most 255"
            ),
        ],
        rank: Annotated[LeaderRankType, strawberry.argument(description="Head or deputy")],
        effective: Effective = None,
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
        self,
        info: Info,
        leadership_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The current position (Leader.id) to close"),
        ],
        effective: Effective = None,
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
        name: Annotated[
            str,
            strawberry.argument(
                description="The committee's name, at most 255 characters; unique among "
                "active committees, accents and case ignored (COMMITTEE_EXISTS)"
            ),
        ],
        standing_unit_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="The standing agency (cơ quan thường trực); its directory editors "
                "register and edit the committee"
            ),
        ],
        functions: Annotated[
            str | None,
            strawberry.argument(description="Functions and duties, at most 10,000 characters"),
        ] = None,
        established_on: Annotated[
            date | None,
            strawberry.argument(description="Local date it was established; null: today"),
        ] = None,
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
        committee_id: Annotated[strawberry.ID, strawberry.argument(description="The committee")],
        person_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="A serving person (PERSON_NOT_SERVING otherwise), not seated yet"
            ),
        ],
        role: Annotated[
            CommitteeRoleType, strawberry.argument(description="Their role in the committee")
        ],
        duties: Annotated[
            str | None,
            strawberry.argument(description="Their duties in it, at most 5,000 characters"),
        ] = None,
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
        committee_id: Annotated[strawberry.ID, strawberry.argument(description="The committee")],
        title: Annotated[
            str,
            strawberry.argument(description="The document's title, at most 500 characters"),
        ],
        number: Annotated[
            str | None,
            strawberry.argument(
                description="Its number and symbol (số, ký hiệu: 12/QĐ-UBND), at most 60"
            ),
        ] = None,
        issued_on: Annotated[
            date | None, strawberry.argument(description="Local date it was issued")
        ] = None,
        url: Annotated[
            str | None,
            strawberry.argument(description="Where the document can be read, at most 1,000"),
        ] = None,
    ) -> CommitteePayload:
        return CommitteePayload.of(
            await dispatch(
                info,
                lambda: AddCommitteeDocument(
                    _committee(committee_id), title, number, issued_on, url
                ),
            )
        )

    @strawberry.mutation(
        description="Publish an article or speech to your unit and the province (serving staff "
        "with a personal account; the author is the caller)"
    )
    async def publish_article(
        self,
        info: Info,
        kind: Annotated[ArticleKindType, strawberry.argument(description="Article or speech")],
        title: Annotated[str, strawberry.argument(description="The title, at most 500 characters")],
        body: Annotated[
            str, strawberry.argument(description="The text, at most 100,000 characters")
        ],
    ) -> ArticlePayload:
        return ArticlePayload.of(await dispatch(info, lambda: PublishArticle(kind, title, body)))
