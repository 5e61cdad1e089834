"""Work programs (000 Annex VII.I): registrations, the compiled program of a level, its items
(each issued item is a WORK_PROGRAM_ITEM task), the results the units report."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.programs import model
from domain.programs.model import ItemStatus, ProgramKind, ProgramState
from domain.tasks.model import Period
from resolvers.programs import programs as run
from schema.common import ctx_of, decode_id, encode_id
from schema.descriptions import VERSION_FIELD, describe_enum
from schema.org import OrgUnit

describe_enum(
    ProgramKind,
    "ProgramKind",
    "Whose program it is",
    {
        ProgramKind.REGISTRATION: "A unit's own registration of its work for the period",
        ProgramKind.COMPILED: "The program of a level (the province, a district) its office "
        "compiles from the registrations and its own items",
    },
)
describe_enum(
    ProgramState,
    "ProgramState",
    "Where a program stands",
    {
        ProgramState.REGISTERED: "A unit's registration, as registered",
        ProgramState.DRAFT: "A compiled program the office is still editing",
        ProgramState.ISSUED: "Issued: each item became a WORK_PROGRAM_ITEM task of its unit",
    },
)
describe_enum(
    ItemStatus,
    "ItemStatus",
    "Where a program item stands at a reporting period",
    {
        ItemStatus.DONE: "Carried out in full",
        ItemStatus.IN_PROGRESS: "Under way",
        ItemStatus.NOT_STARTED: "Not started yet",
        ItemStatus.DROPPED: "Given up (the result says why)",
    },
)


async def _unit(info: Info, unit_id: int | None) -> OrgUnit | None:
    unit = await ctx_of(info).loaders.unit_by_id.load(unit_id) if unit_id else None
    return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(description="A unit's result on a program item for one period")
class ItemResult:
    id: strawberry.ID = strawberry.field(description="Global id of the result")
    period: str = strawberry.field(
        description='The reporting period: a month inside the program ("2026-11"), or the '
        "program's own period"
    )
    status: ItemStatus = strawberry.field(description="Where the item stands then")
    result: str = strawberry.field(description="What the unit reports")
    reported_at: datetime = strawberry.field(description="When it was last reported (UTC)")
    version: int = strawberry.field(description=VERSION_FIELD)

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
    id: strawberry.ID = strawberry.field(
        description="Global id, for editWorkProgramItem and reportWorkProgramItem"
    )
    position: int = strawberry.field(description="Its place in the program, from 1")
    content: str = strawberry.field(description="What is to be done")
    planned_period: str = strawberry.field(
        description='When it is planned: a period inside the program ("2026-12", "2026-Q2")'
    )
    version: int = strawberry.field(description=VERSION_FIELD)
    source_item_id: strawberry.ID | None = strawberry.field(
        description="The registered item it was picked from"
    )
    task_id: strawberry.ID | None = strawberry.field(
        description="The WORK_PROGRAM_ITEM task made when the program was issued"
    )
    results: list[ItemResult] = strawberry.field(
        description="The results its unit reported (in a program report: that period's only)"
    )
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
    id: strawberry.ID = strawberry.field(description="Global id of the program")
    kind: ProgramKind = strawberry.field(description="A registration or a compiled program")
    period: Period = strawberry.field(description="Monthly or yearly")
    period_name: str = strawberry.field(description='The month ("2026-11") or year ("2026")')
    title: str = strawberry.field(description="Its title")
    state: ProgramState = strawberry.field(description="Registered, draft or issued")
    issued_at: datetime | None = strawberry.field(
        description="When it was issued (UTC); null unless issued"
    )
    version: int = strawberry.field(description=VERSION_FIELD)
    items: list[ProgramItem] = strawberry.field(description="Its items, in order")
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
    count: int = strawberry.field(description="Items in that status")


def counts(tally: dict[str, int]) -> list[StatusCount]:
    """Counts sorted by status."""
    return [StatusCount(status=k, count=v) for k, v in sorted(tally.items())]


@strawberry.type(description="One unit's items in a program report")
class UnitTally:
    counts: list[StatusCount] = strawberry.field(description="The unit's items, by status")
    unit_id: strawberry.Private[int]

    @strawberry.field(description="The unit")
    async def unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.unit_id)


@strawberry.type(description="An issued program's results at one period: the level's report")
class WorkProgramReport:
    period: str = strawberry.field(description="The reporting period")
    program: WorkProgram = strawberry.field(description="Items with this period's results")
    counts: list[StatusCount] = strawberry.field(description="Every item, by status")
    by_unit: list[UnitTally] = strawberry.field(description="The same, for each item's unit")


@strawberry.type
class ProgramQuery:
    @strawberry.field(description="A work program with its items and results, when visible")
    async def work_program(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The program's global id")],
    ) -> WorkProgram | None:
        found = await run.program(ctx_of(info), decode_id(id, "WorkProgram"))
        return WorkProgram.from_view(found) if found else None

    @strawberry.field(
        description="Programs of a unit's subtree (overseers, admins, task creators and "
        "leaders over it), newest period first, at most 100"
    )
    async def work_programs(
        self,
        info: Info,
        unit_id: Annotated[
            strawberry.ID, strawberry.argument(description="The unit whose subtree is listed")
        ],
        kind: Annotated[
            ProgramKind | None,
            strawberry.argument(description="Only registrations, or only compiled programs"),
        ] = None,
        period_name: Annotated[
            str | None,
            strawberry.argument(description='Only this month or year ("2026-11", "2026")'),
        ] = None,
    ) -> list[WorkProgram]:
        found = await run.programs(
            ctx_of(info), decode_id(unit_id, "OrgUnit", "unitId"), kind, period_name
        )
        return [WorkProgram.from_view(v) for v in found]

    @strawberry.field(description="The results reported for one period, tallied by status")
    async def work_program_report(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID, strawberry.argument(description="The issued program's global id")
        ],
        period: Annotated[
            str,
            strawberry.argument(
                description="A month inside the program, or the program's own period"
            ),
        ],
    ) -> WorkProgramReport:
        found = await run.program_report(ctx_of(info), decode_id(id, "WorkProgram"), period)
        return WorkProgramReport(
            period=found.period,
            program=WorkProgram.from_view(found.view),
            counts=counts(found.tally),
            by_unit=[UnitTally(counts=counts(t), unit_id=u) for u, t in found.by_unit.items()],
        )
