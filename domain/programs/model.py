"""Work programs (000 Annex VII.I): units register monthly and yearly programs; the office of
a level (the province's, a district's) compiles and issues the level's program, whose items
become WORK_PROGRAM_ITEM tasks; units report results per item and period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.tasks.model import Period


class ProgramKind(StrEnum):
    """A unit's registration, or the program a level's office compiles from them."""

    REGISTRATION = "REGISTRATION"
    COMPILED = "COMPILED"


class ProgramState(StrEnum):
    """Registered (a unit's), draft then issued (a compiled program)."""

    REGISTERED = "REGISTERED"
    DRAFT = "DRAFT"
    ISSUED = "ISSUED"


class ItemStatus(StrEnum):
    """Where a program item stands at a reporting period."""

    DONE = "DONE"
    IN_PROGRESS = "IN_PROGRESS"
    NOT_STARTED = "NOT_STARTED"
    DROPPED = "DROPPED"


@dataclass
class WorkProgram:
    """A monthly or yearly program of a unit (registration) or of a level (compiled)."""

    unit_id: int
    kind: ProgramKind
    period: Period
    period_name: str
    title: str
    state: ProgramState
    created_at: datetime
    created_by: int | None
    office_unit_id: int | None = None
    issued_at: datetime | None = None
    version: int = 1
    id: int = field(init=False)


@dataclass
class ProgramItem:
    """One item: what, who (the owner unit), when (a period inside the program's)."""

    program_id: int
    position: int
    content: str
    owner_unit_id: int
    planned_period: str
    source_item_id: int | None = None
    task_id: int | None = None
    version: int = 1
    id: int = field(init=False)


@dataclass
class ItemResult:
    """The owner unit's result for an issued item at one reporting period."""

    item_id: int
    period: str
    unit_id: int
    status: ItemStatus
    result: str
    reported_at: datetime
    reported_by: int | None
    version: int = 1
    id: int = field(init=False)


@dataclass(frozen=True)
class ProgramView:
    """A program with its items and each item's results (by item id)."""

    program: WorkProgram
    items: list[ProgramItem]
    results: dict[int, list[ItemResult]]
