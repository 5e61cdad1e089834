"""Steering committees and shared articles (000 Annex II and III)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class CommitteeRole(StrEnum):
    """A member's role in a committee."""

    HEAD = "HEAD"
    DEPUTY_HEAD = "DEPUTY_HEAD"
    STANDING_MEMBER = "STANDING_MEMBER"
    MEMBER = "MEMBER"
    SECRETARY = "SECRETARY"


class ArticleKind(StrEnum):
    """Article or speech."""

    ARTICLE = "ARTICLE"
    SPEECH = "SPEECH"


@dataclass
class Committee:
    """A steering committee or advisory body with its standing agency."""

    name: str
    search_name: str
    functions: str | None
    standing_unit_id: int
    established_on: date
    dissolved_on: date | None = None
    version: int = 1
    id: int = field(init=False)


@dataclass
class CommitteeMember:
    """A person's seat in a committee, with role and assigned duties."""

    committee_id: int
    person_id: int
    role: CommitteeRole
    duties: str | None = None
    id: int = field(init=False)


@dataclass
class CommitteeDocument:
    """A document related to a committee (establishment decision, regulations...)."""

    committee_id: int
    title: str
    number: str | None
    issued_on: date | None
    url: str | None = None
    id: int = field(init=False)


@dataclass
class Article:
    """An article or speech, shared to the author's unit and to the province repository."""

    author_id: int
    unit_id: int
    kind: ArticleKind
    title: str
    body: str
    published_at: datetime
    id: int = field(init=False)
