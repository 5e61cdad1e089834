"""Pages of field reports and of an agency's work queue (Relay connections)."""

from __future__ import annotations

from typing import Any

import strawberry

from domain.reflections import model
from resolvers.pagination import Page
from schema.common import PageInfo
from schema.descriptions import CURSOR, EDGES, NODE, PAGE_INFO, TOTAL_COUNT
from schema.reflection_parts import AgencyPart
from schema.reflections import Reflection


@strawberry.type(description="A report in a page of reports, with its cursor")
class ReflectionEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: Reflection = strawberry.field(description=NODE)


@strawberry.type(description="A page of reports")
class ReflectionConnection:
    edges: list[ReflectionEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(cls, page: Page[model.Reflection]) -> ReflectionConnection:
        """Build from a resolver page."""
        return cls(
            edges=[
                ReflectionEdge(cursor=c, node=Reflection.from_domain(r))
                for r, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type(description="An agency's open part in its work queue, with its cursor and report")
class WorkItemEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: AgencyPart = strawberry.field(description="The agency's part")
    report: strawberry.Private[model.Reflection | None]

    @strawberry.field(description="The report this part belongs to")
    def reflection(self) -> Reflection | None:
        return Reflection.from_domain(self.report) if self.report else None


@strawberry.type(description="A page of an agency's open parts, soonest due first")
class WorkQueueConnection:
    edges: list[WorkItemEdge] = strawberry.field(description=EDGES)
    page_info: PageInfo = strawberry.field(description=PAGE_INFO)
    page: strawberry.Private[Page[Any]]

    @classmethod
    def from_page(
        cls, page: Page[model.Assignment], reports: dict[int, model.Reflection]
    ) -> WorkQueueConnection:
        """Build from a resolver page and the parts' reports (loaded in one batch)."""
        return cls(
            edges=[
                WorkItemEdge(
                    cursor=c, node=AgencyPart(domain=a), report=reports.get(a.reflection_id)
                )
                for a, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )

    @strawberry.field(description=TOTAL_COUNT)
    async def total_count(self) -> int:
        return await self.page.count()
