"""The commands of work programs; each is handled by one use case of this package."""

from __future__ import annotations

from dataclasses import dataclass

from domain.commands import Command
from domain.programs.model import ItemResult, ItemStatus, ProgramItem, ProgramView
from domain.tasks.model import Period


@dataclass(frozen=True)
class NewItem:
    """An item as entered: picked from a registration (content, owner and period may be
    edited) or added by the office."""

    content: str | None = None
    owner_unit_id: int | None = None
    planned_period: str | None = None
    source_item_id: int | None = None


@dataclass(frozen=True, slots=True)
class RegisterProgram(Command[ProgramView]):
    """A unit registers its program for a month or a year."""

    unit_id: int
    period: Period
    period_name: str
    items: tuple[NewItem, ...]


@dataclass(frozen=True, slots=True)
class CompileProgram(Command[ProgramView]):
    """The office of a level drafts the level's program."""

    office_unit_id: int
    level_unit_id: int
    period: Period
    period_name: str
    title: str
    items: tuple[NewItem, ...]


@dataclass(frozen=True, slots=True)
class EditProgramItem(Command[ProgramItem]):
    """The office edits an item of its draft; None leaves a field as it is."""

    item_id: int
    version: int | None
    new: NewItem


@dataclass(frozen=True, slots=True)
class IssueProgram(Command[ProgramView]):
    """Issue a draft: its items become tasks of their units."""

    program_id: int
    version: int | None


@dataclass(frozen=True, slots=True)
class ReportItemResult(Command[ItemResult]):
    """The item's unit reports its result for a period; a correction takes the version."""

    item_id: int
    period: str
    status: ItemStatus
    result: str
    version: int | None = None
