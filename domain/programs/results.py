"""Results of issued work programs: units report per item and period; the office tallies."""

from __future__ import annotations

from collections import Counter

from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound, StaleVersion
from domain.org.services import load_active
from domain.programs.commands import ReportItemResult
from domain.programs.model import ItemResult, ProgramItem, ProgramKind, ProgramState
from domain.programs.ports import ProgramUnitOfWork
from domain.reports.services import can_submit_for
from domain.stats.periods import Grain, parse_period
from domain.text import clean_text


@handles(ReportItemResult)
async def report_result(
    uow: ProgramUnitOfWork, caller: Caller, command: ReportItemResult
) -> ItemResult:
    """The item's unit reports its result for a period (a month of the program, or the
    program's whole period); correcting takes the version read."""
    actor, now, status, version = caller.actor, caller.now, command.status, command.version
    item = await uow.programs.get_item(command.item_id)
    program = await uow.programs.get(item.program_id) if item else None
    if item is None or program is None or program.kind is not ProgramKind.COMPILED:
        raise NotFound("Program item", "itemId")
    if program.state is not ProgramState.ISSUED:
        raise DomainError(ErrorCode.INVALID_STATE, "Report on issued programs", "itemId")
    unit = await load_active(uow, item.owner_unit_id, field="itemId")
    if not can_submit_for(actor, unit):
        raise Forbidden("Only the item's unit reports on it")
    span, named = parse_period(program.period_name), parse_period(command.period)
    if named.start < span.start or named.end > span.end or named.grain is Grain.WEEK:
        raise DomainError(ErrorCode.INVALID_PERIOD, "Report by month inside the program", "period")
    text = clean_text(command.result, field="result", max_length=10_000, required=True)
    found = await uow.programs.get_result(item.id, named.name)
    if found is not None:
        if version is not None and version != found.version:
            raise StaleVersion("The result")
        found.status, found.result, found.reported_at, found.reported_by = (
            status,
            text,
            now,
            actor.account_id,
        )
        return found
    return await uow.programs.add_result(
        ItemResult(item.id, named.name, unit.id, status, text, now, actor.account_id)
    )


def tally(results: list[ItemResult], items: list[ProgramItem]) -> dict[str, int]:
    """Items by status at one period (items without a result are NOT_REPORTED)."""
    counts: Counter[str] = Counter(r.status.value for r in results)
    counts["NOT_REPORTED"] = len(items) - len({r.item_id for r in results})
    return dict(counts)
