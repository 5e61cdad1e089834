"""Mutations of work programs: register, compile, edit an item, issue, report a result."""

from __future__ import annotations

from typing import Annotated

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
from schema.descriptions import ERRORS, Version
from schema.programs import ItemResult, ProgramItem, WorkProgram


@strawberry.input(
    description="A program item: new, or picked from a registration (then the "
    "omitted fields keep the registered values)"
)
class ProgramItemInput:
    content: str | None = strawberry.field(
        default=None, description="What is to be done, at most 5,000 characters"
    )
    owner_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="The unit that carries it out, within the level"
    )
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


PERIOD_NAME = 'The month ("2026-11") of a monthly program, the year ("2026") of a yearly one'
ITEMS = "The program's items, 1 to 200, in order"


@strawberry.type(description="The program after the change, or why it was refused")
class WorkProgramPayload:
    program: WorkProgram | None = strawberry.field(description="The program as it is now")
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The item after the edit, or why it was refused")
class ProgramItemPayload:
    item: ProgramItem | None = strawberry.field(description="The item as it is now")
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result reported, or why it was refused")
class ItemResultPayload:
    result: ItemResult | None = strawberry.field(description="The result as recorded")
    errors: list[UserError] = strawberry.field(description=ERRORS)


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
        unit_id: Annotated[strawberry.ID, strawberry.argument(description="The unit")],
        period: Annotated[Period, strawberry.argument(description="MONTHLY or YEARLY")],
        period_name: Annotated[str, strawberry.argument(description=PERIOD_NAME)],
        items: Annotated[list[ProgramItemInput], strawberry.argument(description=ITEMS)],
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
        office_unit_id: Annotated[
            strawberry.ID, strawberry.argument(description="The office compiling it")
        ],
        level_unit_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The level it is for (the province, a district)"),
        ],
        period: Annotated[Period, strawberry.argument(description="MONTHLY or YEARLY")],
        period_name: Annotated[str, strawberry.argument(description=PERIOD_NAME)],
        title: Annotated[str, strawberry.argument(description="Its title, at most 255 characters")],
        items: Annotated[list[ProgramItemInput], strawberry.argument(description=ITEMS)],
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
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The item of a draft")],
        item: Annotated[
            ProgramItemInput, strawberry.argument(description="The changes; null: keep")
        ],
        version: Version = None,
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
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The draft program")],
        version: Version = None,
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
        item_id: Annotated[
            strawberry.ID, strawberry.argument(description="The item of an issued program")
        ],
        period: Annotated[
            str,
            strawberry.argument(
                description="A month inside the program, or the program's own period"
            ),
        ],
        status: Annotated[ItemStatus, strawberry.argument(description="Where the item stands")],
        result: Annotated[
            str, strawberry.argument(description="What the unit reports, at most 10,000")
        ],
        version: Version = None,
    ) -> ItemResultPayload:
        reported, errors = await dispatched(
            info,
            lambda: ReportItemResult(
                decode_id(item_id, "ProgramItem", "itemId"), period, status, result, version
            ),
            ItemResult.from_domain,
        )
        return ItemResultPayload(result=reported, errors=errors)
