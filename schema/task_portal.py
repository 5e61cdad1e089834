"""The daily press digest, citizen questions and published answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import strawberry
from strawberry.types import Info

from domain.tasks import portal_model
from resolvers.pagination import Page
from resolvers.tasks import portal, queries
from schema.common import PageInfo, ctx_of, encode_id
from schema.org import OrgUnit
from schema.tasks import Task


async def _unit(info: Info, unit_id: int | None) -> OrgUnit | None:
    unit = await ctx_of(info).loaders.unit_by_id.load(unit_id) if unit_id else None
    return OrgUnit.from_domain(unit) if unit else None


async def _task(info: Info, task_id: int | None) -> Task | None:
    if task_id is None:
        return None
    [found] = await queries.visible_tasks(ctx_of(info), [task_id])
    return Task.from_domain(found) if found else None


@strawberry.type(description="A press item about the province; forwarded, a PRESS_INCIDENT task")
class PressItem:
    domain: strawberry.Private[portal_model.PressItem]

    @strawberry.field(description="Pass it to forwardPressItem")
    def id(self) -> strawberry.ID:
        return encode_id("PressItem", self.domain.id)

    @strawberry.field
    def headline(self) -> str:
        return self.domain.headline

    @strawberry.field(description="The newspaper or site")
    def outlet(self) -> str:
        return self.domain.outlet

    @strawberry.field
    def summary(self) -> str:
        return self.domain.summary

    @strawberry.field
    def url(self) -> str | None:
        return self.domain.url

    @strawberry.field
    def article_date(self) -> date | None:
        return self.domain.article_date

    @strawberry.field(description="Forwarded to units as a task")
    def forwarded(self) -> bool:
        return self.domain.task_id is not None

    @strawberry.field
    def forwarded_at(self) -> datetime | None:
        return self.domain.forwarded_at

    @strawberry.field(description="The task it became (null when the caller may not see it)")
    async def task(self, info: Info) -> Task | None:
        return await _task(info, self.domain.task_id)

    @strawberry.field
    def version(self) -> int:
        return self.domain.version


@strawberry.type(
    description="One working day's digest of press items about the province, posted by 11:00 "
    "and shared to every unit"
)
class PressDigest:
    domain: strawberry.Private[portal_model.PressDigest]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return encode_id("PressDigest", self.domain.id)

    @strawberry.field(name="date")
    def digest_date(self) -> date:
        return self.domain.digest_date

    @strawberry.field(description="11:00 of its day")
    def due_at(self) -> datetime:
        return self.domain.due_at

    @strawberry.field
    def published_at(self) -> datetime:
        return self.domain.published_at

    @strawberry.field(description="Posted after 11:00")
    def published_late(self) -> bool:
        return self.domain.published_late

    @strawberry.field(description="The office whose editors post it")
    async def office_unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.office_unit_id)

    @strawberry.field
    async def items(self, info: Info) -> list[PressItem]:
        found = await portal.press_items(ctx_of(info), self.domain)
        return [PressItem(domain=i) for i in found]

    @strawberry.field(description="Pass it back when adding items; stale is refused")
    def version(self) -> int:
        return self.domain.version


@strawberry.type(
    description="A question from the public portal, with the asker's personal data (the "
    "office that takes it in and its overseers only)"
)
class CitizenQuestion:
    domain: strawberry.Private[portal_model.CitizenQuestion]

    @strawberry.field(description="Pass it to forwardCitizenQuestion")
    def id(self) -> strawberry.ID:
        return encode_id("CitizenQuestion", self.domain.id)

    @strawberry.field
    def title(self) -> str:
        return self.domain.title

    @strawberry.field
    def question(self) -> str:
        return self.domain.question

    @strawberry.field
    def asker_name(self) -> str:
        return self.domain.asker_name

    @strawberry.field
    def asker_email(self) -> str | None:
        return self.domain.asker_email

    @strawberry.field
    def asker_phone(self) -> str | None:
        return self.domain.asker_phone

    @strawberry.field
    def asker_address(self) -> str | None:
        return self.domain.asker_address

    @strawberry.field
    def submitted_at(self) -> datetime:
        return self.domain.submitted_at

    @strawberry.field(description="The intake batch that took it in (10:00 or 16:00)")
    def intake_at(self) -> datetime:
        return self.domain.intake_at

    @strawberry.field(description="When the office leader forwards its batch (07:30 or 14:00)")
    def forward_due(self) -> datetime:
        return self.domain.forward_due

    @strawberry.field
    def forwarded_at(self) -> datetime | None:
        return self.domain.forwarded_at

    @strawberry.field(description="Forwarded after forwardDue")
    def forwarded_late(self) -> bool:
        return self.domain.forwarded_late

    @strawberry.field(description="The task it became (null when the caller may not see it)")
    async def task(self, info: Info) -> Task | None:
        return await _task(info, self.domain.task_id)

    @strawberry.field(description="Marked for publication: the office confirmed the answer")
    def published_at(self) -> datetime | None:
        return self.domain.published_at

    @strawberry.field(description="The confirmed answer")
    def answer(self) -> str | None:
        return self.domain.answer

    @strawberry.field
    def version(self) -> int:
        return self.domain.version


@strawberry.type(
    description="A published answer to a citizen question: public, without the asker's "
    "name or contact data"
)
class PublishedAnswer:
    domain: strawberry.Private[portal_model.CitizenQuestion]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return encode_id("PublishedAnswer", self.domain.id)

    @strawberry.field
    def title(self) -> str:
        return self.domain.title

    @strawberry.field
    def question(self) -> str:
        return self.domain.question

    @strawberry.field(description="The day it was asked")
    def asked_on(self, info: Info) -> date:
        return self.domain.submitted_at.astimezone(ZoneInfo(ctx_of(info).time_zone)).date()

    @strawberry.field
    def answer(self) -> str:
        return self.domain.answer or ""

    @strawberry.field
    def published_at(self) -> datetime | None:
        return self.domain.published_at

    @strawberry.field(description="The unit that answered")
    async def answered_by(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.answered_unit_id)


def _edges(page: Page[Any], make: Any, edge: Any) -> list[Any]:
    return [edge(cursor=c, node=make(x)) for x, c in zip(page.items, page.cursors, strict=True)]


@strawberry.type
class PressDigestEdge:
    cursor: str
    node: PressDigest


@strawberry.type(description="A page of press digests, newest first")
class PressDigestConnection:
    edges: list[PressDigestEdge]
    page_info: PageInfo
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[portal_model.PressDigest]) -> PressDigestConnection:
        """Build from a resolver page."""
        edges = _edges(page, lambda d: PressDigest(domain=d), PressDigestEdge)
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type
class CitizenQuestionEdge:
    cursor: str
    node: CitizenQuestion


@strawberry.type(description="A page of citizen questions, latest intake first")
class CitizenQuestionConnection:
    edges: list[CitizenQuestionEdge]
    page_info: PageInfo
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[portal_model.CitizenQuestion]) -> CitizenQuestionConnection:
        """Build from a resolver page."""
        edges = _edges(page, lambda q: CitizenQuestion(domain=q), CitizenQuestionEdge)
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type
class PublishedAnswerEdge:
    cursor: str
    node: PublishedAnswer


@strawberry.type(description="A page of published answers, newest first")
class PublishedAnswerConnection:
    edges: list[PublishedAnswerEdge]
    page_info: PageInfo
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[portal_model.CitizenQuestion]) -> PublishedAnswerConnection:
        """Build from a resolver page."""
        edges = _edges(page, lambda q: PublishedAnswer(domain=q), PublishedAnswerEdge)
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field
    async def total_count(self) -> int:
        return await self.page.count()
