"""Use cases of steering committees and articles (000 Annex II, III)."""

from __future__ import annotations

from domain import permissions
from domain.commands import Caller, handles
from domain.directory.commands import (
    AddCommitteeDocument,
    AddCommitteeMember,
    PublishArticle,
    RegisterCommittee,
)
from domain.directory.model import Article, Committee, CommitteeDocument, CommitteeMember
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound
from domain.events import DIRECTORY_CHANGED
from domain.org.services import effective_on, load_active
from domain.people.model import PersonStatus
from domain.people.services import load_person
from domain.permissions import Principal
from domain.ports import UnitOfWork
from domain.text import clean_optional, clean_text, fold


@handles(RegisterCommittee)
async def register_committee(
    uow: UnitOfWork, caller: Caller, command: RegisterCommittee
) -> Committee:
    """Register a committee; one that already exists (same name, active) is refused."""
    unit = await load_active(uow, command.standing_unit_id, field="standingUnitId")
    if not permissions.can_manage_committee(caller.actor, unit.path):
        raise Forbidden("You may not register committees for this agency")
    clean_name = clean_text(command.name, field="name", max_length=255, required=True)
    existing = await uow.directory.find_active_committee(fold(clean_name))
    if existing is not None:
        raise DomainError(
            ErrorCode.COMMITTEE_EXISTS,
            f'A committee named "{existing.name}" is already registered',
            "name",
        )
    committee = Committee(
        name=clean_name,
        search_name=fold(clean_name),
        functions=clean_optional(command.functions, field="functions", max_length=10_000),
        standing_unit_id=unit.id,
        established_on=effective_on(caller, command.established_on),
    )
    uow.record(DIRECTORY_CHANGED)
    return await uow.directory.add_committee(committee)


async def _editable_committee(uow: UnitOfWork, actor: Principal, committee_id: int) -> Committee:
    committee = await uow.directory.get_committee(committee_id)
    if committee is None:
        raise NotFound("Committee", "committeeId")
    unit = await uow.units.get(committee.standing_unit_id)
    if unit is None or not permissions.can_manage_committee(actor, unit.path):
        raise Forbidden("You may not edit this committee")
    return committee


@handles(AddCommitteeMember)
async def add_committee_member(
    uow: UnitOfWork, caller: Caller, command: AddCommitteeMember
) -> Committee:
    """Seat a serving person in a committee with a role and duties (not one who resigned or
    retired: PERSON_NOT_SERVING)."""
    committee = await _editable_committee(uow, caller.actor, command.committee_id)
    person_id = command.person_id
    person = await load_person(uow, person_id, field="personId")
    if person.status is not PersonStatus.ACTIVE:
        raise DomainError(
            ErrorCode.PERSON_NOT_SERVING,
            f"A person who has {person.status.value.lower()} cannot be seated on a committee",
            "personId",
        )
    if await uow.directory.find_member(committee.id, person_id) is not None:
        raise DomainError(ErrorCode.INVALID_STATE, "The person is already a member", "personId")
    await uow.directory.add_member(
        CommitteeMember(
            committee.id,
            person_id,
            command.role,
            clean_optional(command.duties, field="duties", max_length=5000),
        )
    )
    uow.record(DIRECTORY_CHANGED)
    return committee


@handles(AddCommitteeDocument)
async def add_committee_document(
    uow: UnitOfWork, caller: Caller, command: AddCommitteeDocument
) -> Committee:
    """Attach a related document to a committee."""
    committee = await _editable_committee(uow, caller.actor, command.committee_id)
    await uow.directory.add_document(
        CommitteeDocument(
            committee.id,
            clean_text(command.title, field="title", max_length=500, required=True),
            clean_optional(command.number, field="number", max_length=60),
            command.issued_on,
            clean_optional(command.url, field="url", max_length=1000),
        )
    )
    uow.record(DIRECTORY_CHANGED)
    return committee


@handles(PublishArticle)
async def publish_article(uow: UnitOfWork, caller: Caller, command: PublishArticle) -> Article:
    """Publish an article or speech; it is shared to the author's unit and the province."""
    actor = caller.actor
    if not permissions.can_write_article(actor) or actor.person_id is None:
        raise Forbidden("Articles are written from a personal account")
    author = await load_person(uow, actor.person_id)
    if author.unit_id is None:
        raise DomainError(ErrorCode.INVALID_STATE, "Only serving staff publish articles")
    article = Article(
        author_id=author.id,
        unit_id=author.unit_id,
        kind=command.kind,
        title=clean_text(command.title, field="title", max_length=500, required=True),
        body=clean_text(command.body, field="body", max_length=100_000, required=True),
        published_at=caller.now,
    )
    return await uow.directory.add_article(article)
