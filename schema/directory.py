"""Steering committees and articles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeAlias

import strawberry
from strawberry import relay
from strawberry.types import Info

from domain.directory import model
from resolvers.directory.people import sees_people, visible
from resolvers.pagination import Page
from schema.common import PageInfo, VisibleTo, ctx_of
from schema.org import OrgUnit
from schema.people import Person

strawberry.enum(model.CommitteeRole, name="CommitteeRole")
CommitteeRoleType: TypeAlias = model.CommitteeRole
strawberry.enum(model.ArticleKind, name="ArticleKind")
ArticleKindType: TypeAlias = model.ArticleKind


@strawberry.type(description="A steering committee or advisory body (000 Annex II)")
class Committee(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Committee]
    name: str
    functions: str | None
    established_on: date
    dissolved_on: date | None

    @classmethod
    def from_domain(cls, c: model.Committee) -> Committee:
        """Build from the domain committee."""
        return cls(
            id=c.id,
            domain=c,
            name=c.name,
            functions=c.functions,
            established_on=c.established_on,
            dissolved_on=c.dissolved_on,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # Node declares overloads on `required`
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Committee | None]:
        ctx = ctx_of(info)
        if not await sees_people(ctx):
            return [None for _ in node_ids]
        found = await ctx.loaders.committee_by_id.load_many([int(i) for i in node_ids])
        return [cls.from_domain(c) if c else None for c in found]

    @strawberry.field(description="The standing agency")
    async def standing_unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.standing_unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field
    async def members(self, info: Info) -> list[CommitteeMember]:
        found = await ctx_of(info).loaders.members_by_committee_id.load(self.id)
        return [CommitteeMember(domain=m) for m in found]

    @strawberry.field
    async def documents(self, info: Info) -> list[CommitteeDocument]:
        found = await ctx_of(info).loaders.documents_by_committee_id.load(self.id)
        return [
            CommitteeDocument(title=d.title, number=d.number, issued_on=d.issued_on, url=d.url)
            for d in found
        ]


@strawberry.type(description="A seat in a committee")
class CommitteeMember:
    domain: strawberry.Private[model.CommitteeMember]

    @strawberry.field
    def role(self) -> CommitteeRoleType:
        return self.domain.role

    @strawberry.field
    def duties(self) -> str | None:
        return self.domain.duties

    @strawberry.field(extensions=[VisibleTo(sees_people)])
    async def person(self, info: Info) -> Person | None:
        ctx = ctx_of(info)
        found = await visible(ctx, await ctx.loaders.person_by_id.load(self.domain.person_id))
        return Person.from_domain(found) if found else None

    @strawberry.field
    async def committee(self, info: Info) -> Committee | None:
        found = await ctx_of(info).loaders.committee_by_id.load(self.domain.committee_id)
        return Committee.from_domain(found) if found else None


@strawberry.type(description="A document related to a committee")
class CommitteeDocument:
    title: str
    number: str | None
    issued_on: date | None
    url: str | None


@strawberry.type(description="An article or speech, shared to its unit and the province")
class Article(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Article]
    kind: ArticleKindType
    title: str
    body: str
    published_at: datetime

    @classmethod
    def from_domain(cls, a: model.Article) -> Article:
        """Build from the domain article."""
        return cls(
            id=a.id, domain=a, kind=a.kind, title=a.title, body=a.body, published_at=a.published_at
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # Node declares overloads on `required`
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Article | None]:
        ctx = ctx_of(info)
        if not await sees_people(ctx):
            return [None for _ in node_ids]
        found = {a.id: a for a in await ctx.reader.articles_by_ids([int(i) for i in node_ids])}
        return [cls.from_domain(found[int(i)]) if int(i) in found else None for i in node_ids]

    @strawberry.field
    async def author(self, info: Info) -> Person | None:
        ctx = ctx_of(info)
        found = await visible(ctx, await ctx.loaders.person_by_id.load(self.domain.author_id))
        return Person.from_domain(found) if found else None

    @strawberry.field(description="The author's unit when it was published")
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None


@strawberry.type
class CommitteeEdge:
    cursor: str
    node: Committee


@strawberry.type
class CommitteeConnection:
    edges: list[CommitteeEdge]
    page_info: PageInfo
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.Committee]) -> CommitteeConnection:
        """Build from a resolver page."""
        edges = [
            CommitteeEdge(cursor=cur, node=Committee.from_domain(c))
            for c, cur in zip(page.items, page.cursors, strict=True)
        ]
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type
class ArticleEdge:
    cursor: str
    node: Article


@strawberry.type
class ArticleConnection:
    edges: list[ArticleEdge]
    page_info: PageInfo
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.Article]) -> ArticleConnection:
        """Build from a resolver page."""
        edges = [
            ArticleEdge(cursor=cur, node=Article.from_domain(a))
            for a, cur in zip(page.items, page.cursors, strict=True)
        ]
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field
    async def total_count(self) -> int:
        return await self.page.count()
