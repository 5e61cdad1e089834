"""Work programs (000 Annex VII.I): registrations, the compiled program of a level, its items
(each issued item is a WORK_PROGRAM_ITEM task), the results the units report."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from domain.programs import model
from domain.programs.model import ItemStatus, ProgramKind, ProgramState
from domain.tasks.model import Period
from resolvers.programs import programs as run
from schema.common import ctx_of, decode_id, encode_id
from schema.org import OrgUnit


async def _unit(info: Info, unit_id: int | None) -> OrgUnit | None:
    unit = await ctx_of(info).loaders.unit_by_id.load(unit_id) if unit_id else None
    return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(description="A unit's result on a program item for one period")
class ItemResult:
    id: strawberry.ID
    period: str
    status: ItemStatus
    result: str
    reported_at: datetime
    version: int

    @classmethod
    def from_domain(cls, r: model.ItemResult) -> ItemResult:
        """The GraphQL view of a result."""
        return cls(
            id=encode_id("ItemResult", r.id),
            period=r.period,
            status=r.status,
            result=r.result,
            reported_at=r.reported_at,
            version=r.version,
        )


@strawberry.type(description="An item of a program: what, which unit, planned when")
class ProgramItem:
    id: strawberry.ID
    position: int
    content: str
    planned_period: str
    version: int
    source_item_id: strawberry.ID | None = strawberry.field(
        description="The registered item it was picked from"
    )
    task_id: strawberry.ID | None = strawberry.field(
        description="The WORK_PROGRAM_ITEM task made when the program was issued"
    )
    results: list[ItemResult]
    owner_unit_id: strawberry.Private[int]

    @strawberry.field(description="The unit that carries the item out")
    async def owner_unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.owner_unit_id)

    @classmethod
    def from_domain(cls, i: model.ProgramItem, results: list[model.ItemResult]) -> ProgramItem:
        """The GraphQL view of an item."""
        return cls(
            id=encode_id("ProgramItem", i.id),
            position=i.position,
            content=i.content,
            planned_period=i.planned_period,
            version=i.version,
            source_item_id=encode_id("ProgramItem", i.source_item_id) if i.source_item_id else None,
            task_id=encode_id("Task", i.task_id) if i.task_id else None,
            results=[ItemResult.from_domain(r) for r in results],
            owner_unit_id=i.owner_unit_id,
        )


@strawberry.type(description="A monthly or yearly work program")
class WorkProgram:
    id: strawberry.ID
    kind: ProgramKind
    period: Period
    period_name: str
    title: str
    state: ProgramState
    issued_at: datetime | None
    version: int
    items: list[ProgramItem]
    unit_id: strawberry.Private[int]
    office_unit_id: strawberry.Private[int | None]

    @strawberry.field(description="The registering unit, or the level (province, district)")
    async def unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.unit_id)

    @strawberry.field(description="The office that compiled and issued it")
    async def office_unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.office_unit_id)

    @classmethod
    def from_view(cls, v: model.ProgramView) -> WorkProgram:
        """The GraphQL view of a program and its items."""
        p = v.program
        return cls(
            id=encode_id("WorkProgram", p.id),
            kind=p.kind,
            period=p.period,
            period_name=p.period_name,
            title=p.title,
            state=p.state,
            issued_at=p.issued_at,
            version=p.version,
            items=[ProgramItem.from_domain(i, v.results.get(i.id, [])) for i in v.items],
            unit_id=p.unit_id,
            office_unit_id=p.office_unit_id,
        )


@strawberry.type(description="How many items stand in each status")
class StatusCount:
    status: str = strawberry.field(description="An item status, or NOT_REPORTED")
    count: int


def counts(tally: dict[str, int]) -> list[StatusCount]:
    """Counts sorted by status."""
    return [StatusCount(status=k, count=v) for k, v in sorted(tally.items())]


@strawberry.type(description="One unit's items in a program report")
class UnitTally:
    counts: list[StatusCount]
    unit_id: strawberry.Private[int]

    @strawberry.field(description="The unit")
    async def unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.unit_id)


@strawberry.type(description="An issued program's results at one period: the level's report")
class WorkProgramReport:
    period: str
    program: WorkProgram = strawberry.field(description="Items with this period's results")
    counts: list[StatusCount]
    by_unit: list[UnitTally]


@strawberry.type
class ProgramQuery:
    @strawberry.field(description="A work program with its items and results, when visible")
    async def work_program(self, info: Info, id: strawberry.ID) -> WorkProgram | None:
        found = await run.program(ctx_of(info), decode_id(id, "WorkProgram"))
        return WorkProgram.from_view(found) if found else None

    @strawberry.field(
        description="Programs of a unit's subtree (overseers, admins, task creators and "
        "leaders over it), newest period first, at most 100"
    )
    async def work_programs(
        self,
        info: Info,
        unit_id: strawberry.ID,
        kind: ProgramKind | None = None,
        period_name: str | None = None,
    ) -> list[WorkProgram]:
        found = await run.programs(
            ctx_of(info), decode_id(unit_id, "OrgUnit", "unitId"), kind, period_name
        )
        return [WorkProgram.from_view(v) for v in found]

    @strawberry.field(description="The results reported for one period, tallied by status")
    async def work_program_report(
        self, info: Info, id: strawberry.ID, period: str
    ) -> WorkProgramReport:
        found = await run.program_report(ctx_of(info), decode_id(id, "WorkProgram"), period)
        return WorkProgramReport(
            period=found.period,
            program=WorkProgram.from_view(found.view),
            counts=counts(found.tally),
            by_unit=[UnitTally(counts=counts(t), unit_id=u) for u, t in found.by_unit.items()],
        )
