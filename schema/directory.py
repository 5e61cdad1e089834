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
from schema.descriptions import CURSOR, EDGES, NODE, PAGE_INFO, TOTAL_COUNT, describe_enum
from schema.org import OrgUnit
from schema.people import Person

describe_enum(
    model.CommitteeRole,
    "CommitteeRole",
    "A member's role in a steering committee",
    {
        model.CommitteeRole.HEAD: "Head of the committee (Trưởng ban)",
        model.CommitteeRole.DEPUTY_HEAD: "A deputy head (Phó Trưởng ban)",
        model.CommitteeRole.STANDING_MEMBER: "A standing member (Ủy viên thường trực)",
        model.CommitteeRole.MEMBER: "A member (Ủy viên)",
        model.CommitteeRole.SECRETARY: "The committee's secretary (Thư ký)",
    },
)
CommitteeRoleType: TypeAlias = model.CommitteeRole
describe_enum(
    model.ArticleKind,
    "ArticleKind",
    "What a shared text is (000 Annex III)",
    {
        model.ArticleKind.ARTICLE: "A written article (bài viết)",
        model.ArticleKind.SPEECH: "A speech given by a leader (bài phát biểu)",
    },
)
ArticleKindType: TypeAlias = model.ArticleKind


@strawberry.type(
    description="A steering committee or advisory body (000 Annex II), for signed-in staff"
)
class Committee(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Committee]
    name: str = strawberry.field(description="The committee's name, in Vietnamese")
    functions: str | None = strawberry.field(
        description="Its functions and duties; null if not recorded"
    )
    established_on: date = strawberry.field(description="Local date it was established")
    dissolved_on: date | None = strawberry.field(
        description="Local date it was dissolved; null while it works"
    )

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

    @strawberry.field(
        description="The standing agency (cơ quan thường trực), whose directory editors keep "
        "the committee"
    )
    async def standing_unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.standing_unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(description="Its seats, in the order they were filled")
    async def members(self, info: Info) -> list[CommitteeMember]:
        found = await ctx_of(info).loaders.members_by_committee_id.load(self.id)
        return [CommitteeMember(domain=m) for m in found]

    @strawberry.field(
        description="Decisions and other documents about it, in the order they were added"
    )
    async def documents(self, info: Info) -> list[CommitteeDocument]:
        found = await ctx_of(info).loaders.documents_by_committee_id.load(self.id)
        return [
            CommitteeDocument(title=d.title, number=d.number, issued_on=d.issued_on, url=d.url)
            for d in found
        ]


@strawberry.type(description="A seat in a committee")
class CommitteeMember:
    domain: strawberry.Private[model.CommitteeMember]

    @strawberry.field(description="The member's role in the committee")
    def role(self) -> CommitteeRoleType:
        return self.domain.role

    @strawberry.field(
        description="The duties assigned to the member in the committee; null if not recorded"
    )
    def duties(self) -> str | None:
        return self.domain.duties

    @strawberry.field(
        extensions=[VisibleTo(sees_people)],
        description="Who holds the seat: signed-in staff (integrators inside their scope)",
    )
    async def person(self, info: Info) -> Person | None:
        ctx = ctx_of(info)
        found = await visible(ctx, await ctx.loaders.person_by_id.load(self.domain.person_id))
        return Person.from_domain(found) if found else None

    @strawberry.field(description="The committee of the seat")
    async def committee(self, info: Info) -> Committee | None:
        found = await ctx_of(info).loaders.committee_by_id.load(self.domain.committee_id)
        return Committee.from_domain(found) if found else None


@strawberry.type(description="A document related to a committee")
class CommitteeDocument:
    title: str = strawberry.field(description="The document's title")
    number: str | None = strawberry.field(
        description="Its number and symbol (12/QĐ-UBND); null if none"
    )
    issued_on: date | None = strawberry.field(
        description="Local date it was issued; null if not recorded"
    )
    url: str | None = strawberry.field(description="Where it can be read; null if not online")


@strawberry.type(
    description="An article or speech, shared to its unit and the province (signed-in staff)"
)
class Article(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Article]
    kind: ArticleKindType = strawberry.field(description="Article or speech")
    title: str = strawberry.field(description="Its title")
    body: str = strawberry.field(description="Its full text, as the author wrote it")
    published_at: datetime = strawberry.field(description="When it was published (UTC)")

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

    @strawberry.field(
        description="Who wrote it; null when the caller may not see that person (an "
        "integrator outside its scope)"
    )
    async def author(self, info: Info) -> Person | None:
        ctx = ctx_of(info)
        found = await visible(ctx, await ctx.loaders.person_by_id.load(self.domain.author_id))
        return Person.from_domain(found) if found else None

    @strawberry.field(description="The author's unit when it was published")
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(description="A committee in a page of committees, with its cursor")
class CommitteeEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: Committee = strawberry.field(description=NODE)


@strawberry.type(description="A page of committees, in the order they were registered")
class CommitteeConnection:
    edges: list[CommitteeEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.Committee]) -> CommitteeConnection:
        """Build from a resolver page."""
        edges = [
            CommitteeEdge(cursor=cur, node=Committee.from_domain(c))
            for c, cur in zip(page.items, page.cursors, strict=True)
        ]
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type(description="An article in a page of articles, with its cursor")
class ArticleEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: Article = strawberry.field(description=NODE)


@strawberry.type(description="A page of articles and speeches, newest first")
class ArticleConnection:
    edges: list[ArticleEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.Article]) -> ArticleConnection:
        """Build from a resolver page."""
        edges = [
            ArticleEdge(cursor=cur, node=Article.from_domain(a))
            for a, cur in zip(page.items, page.cursors, strict=True)
        ]
        return cls(edges=edges, page_info=PageInfo.from_page(page), page=page)

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()
