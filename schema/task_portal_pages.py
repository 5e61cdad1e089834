"""Pages of press digests, citizen questions and published answers (Relay connections)."""

from __future__ import annotations

from typing import Any

import strawberry

from domain.tasks import portal_model
from resolvers.pagination import Page
from schema.common import PageInfo
from schema.descriptions import CURSOR, EDGES, NODE, PAGE_INFO, TOTAL_COUNT
from schema.task_portal import CitizenQuestion, PressDigest, PublishedAnswer


def _edges(page: Page[Any], make: Any, edge: Any) -> list[Any]:
    return [edge(cursor=c, node=make(x)) for x, c in zip(page.items, page.cursors, strict=True)]


@strawberry.type(description="A press digest in a page of digests, with its cursor")
class PressDigestEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: PressDigest = strawberry.field(description=NODE)


@strawberry.type(description="A page of press digests, newest first")
class PressDigestConnection:
    edges: list[PressDigestEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[portal_model.PressDigest]) -> PressDigestConnection:
        """Build from a resolver page."""
        edges = _edges(page, lambda d: PressDigest(domain=d), PressDigestEdge)
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type(description="A citizen question in a page of questions, with its cursor")
class CitizenQuestionEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: CitizenQuestion = strawberry.field(description=NODE)


@strawberry.type(description="A page of citizen questions, latest intake first")
class CitizenQuestionConnection:
    edges: list[CitizenQuestionEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[portal_model.CitizenQuestion]) -> CitizenQuestionConnection:
        """Build from a resolver page."""
        edges = _edges(page, lambda q: CitizenQuestion(domain=q), CitizenQuestionEdge)
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type(description="A published answer in a page of answers, with its cursor")
class PublishedAnswerEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: PublishedAnswer = strawberry.field(description=NODE)


@strawberry.type(description="A page of published answers, newest first")
class PublishedAnswerConnection:
    edges: list[PublishedAnswerEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[portal_model.CitizenQuestion]) -> PublishedAnswerConnection:
        """Build from a resolver page."""
        edges = _edges(page, lambda q: PublishedAnswer(domain=q), PublishedAnswerEdge)
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()
