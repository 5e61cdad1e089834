"""The commands of steering committees and articles; each is handled by one use case of
domain.directory.services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.commands import Command
from domain.directory.model import Article, ArticleKind, Committee, CommitteeRole


@dataclass(frozen=True, slots=True)
class RegisterCommittee(Command[Committee]):
    """Register a committee with its standing agency (established today if no date)."""

    name: str
    standing_unit_id: int
    functions: str | None = None
    established_on: date | None = None


@dataclass(frozen=True, slots=True)
class AddCommitteeMember(Command[Committee]):
    """Seat a person in a committee with a role and duties."""

    committee_id: int
    person_id: int
    role: CommitteeRole
    duties: str | None = None


@dataclass(frozen=True, slots=True)
class AddCommitteeDocument(Command[Committee]):
    """Attach a related document to a committee."""

    committee_id: int
    title: str
    number: str | None = None
    issued_on: date | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PublishArticle(Command[Article]):
    """Publish an article or speech from the caller's personal account."""

    kind: ArticleKind
    title: str
    body: str
