"""Mutations of work programs: register, compile, edit an item, issue, report a result."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from domain.programs import model
from domain.programs.commands import (
    CompileProgram,
    EditProgramItem,
    IssueProgram,
    NewItem,
    RegisterProgram,
    ReportItemResult,
)
from domain.programs.model import ItemStatus
from domain.tasks.model import Period
from schema.common import UserError, decode_id, dispatched
from schema.programs import ItemResult, ProgramItem, WorkProgram


@strawberry.input(
    description="A program item: new, or picked from a registration (then the "
    "omitted fields keep the registered values)"
)
class ProgramItemInput:
    content: str | None = None
    owner_unit_id: strawberry.ID | None = None
    planned_period: str | None = strawberry.field(
        default=None, description='A period inside the program: "2026-12", "2026-Q2"...'
    )
    source_item_id: strawberry.ID | None = strawberry.field(
        default=None, description="The registered item picked"
    )

    def to_new(self) -> NewItem:
        """The domain's item."""
        return NewItem(
            content=self.content,
            owner_unit_id=decode_id(self.owner_unit_id, "OrgUnit", "ownerUnitId")
            if self.owner_unit_id
            else None,
            planned_period=self.planned_period,
            source_item_id=decode_id(self.source_item_id, "ProgramItem", "sourceItemId")
            if self.source_item_id
            else None,
        )


@strawberry.type
class WorkProgramPayload:
    program: WorkProgram | None
    errors: list[UserError]


@strawberry.type
class ProgramItemPayload:
    item: ProgramItem | None
    errors: list[UserError]


@strawberry.type
class ItemResultPayload:
    result: ItemResult | None
    errors: list[UserError]


def _new_items(items: list[ProgramItemInput]) -> tuple[NewItem, ...]:
    return tuple(i.to_new() for i in items)


def _item(item: model.ProgramItem) -> ProgramItem:
    return ProgramItem.from_domain(item, [])


@strawberry.type
class ProgramMutations:
    @strawberry.mutation(
        description="A unit registers its monthly or yearly program (its leader or account)"
    )
    async def register_work_program(
        self,
        info: Info,
        unit_id: strawberry.ID,
        period: Period,
        period_name: str,
        items: list[ProgramItemInput],
    ) -> WorkProgramPayload:
        program, errors = await dispatched(
            info,
            lambda: RegisterProgram(
                decode_id(unit_id, "OrgUnit", "unitId"), period, period_name, _new_items(items)
            ),
            WorkProgram.from_view,
        )
        return WorkProgramPayload(program=program, errors=errors)

    @strawberry.mutation(
        description="The office of a level (the province, a district) drafts the level's "
        "program: registered items picked (and edited) and items of its own"
    )
    async def compile_work_program(
        self,
        info: Info,
        office_unit_id: strawberry.ID,
        level_unit_id: strawberry.ID,
        period: Period,
        period_name: str,
        title: str,
        items: list[ProgramItemInput],
    ) -> WorkProgramPayload:
        program, errors = await dispatched(
            info,
            lambda: CompileProgram(
                office_unit_id=decode_id(office_unit_id, "OrgUnit", "officeUnitId"),
                level_unit_id=decode_id(level_unit_id, "OrgUnit", "levelUnitId"),
                period=period,
                period_name=period_name,
                title=title,
                items=_new_items(items),
            ),
            WorkProgram.from_view,
        )
        return WorkProgramPayload(program=program, errors=errors)

    @strawberry.mutation(description="The office edits an item of its draft program")
    async def edit_work_program_item(
        self, info: Info, id: strawberry.ID, item: ProgramItemInput, version: int | None = None
    ) -> ProgramItemPayload:
        edited, errors = await dispatched(
            info,
            lambda: EditProgramItem(decode_id(id, "ProgramItem"), version, item.to_new()),
            _item,
        )
        return ProgramItemPayload(item=edited, errors=errors)

    @strawberry.mutation(
        description="Issue a draft program: each item becomes a WORK_PROGRAM_ITEM task of its "
        "unit, due at the end of its planned period, sent at once"
    )
    async def issue_work_program(
        self, info: Info, id: strawberry.ID, version: int | None = None
    ) -> WorkProgramPayload:
        program, errors = await dispatched(
            info, lambda: IssueProgram(decode_id(id, "WorkProgram"), version), WorkProgram.from_view
        )
        return WorkProgramPayload(program=program, errors=errors)

    @strawberry.mutation(
        description="The item's unit reports its result for a period (a month inside the "
        "program, or the program's period); a correction takes the version read"
    )
    async def report_work_program_item(
        self,
        info: Info,
        item_id: strawberry.ID,
        period: str,
        status: ItemStatus,
        result: str,
        version: int | None = None,
    ) -> ItemResultPayload:
        reported, errors = await dispatched(
            info,
            lambda: ReportItemResult(
                decode_id(item_id, "ProgramItem", "itemId"), period, status, result, version
            ),
            ItemResult.from_domain,
        )
        return ItemResultPayload(result=reported, errors=errors)
