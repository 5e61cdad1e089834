"""Storage ports of periodic reports and work programs."""

from __future__ import annotations

from typing import Protocol

from domain.org.model import OrgUnit
from domain.ports import UnitOfWork
from domain.reports.model import ReportRound, ReportSubmission, ReportType


class ReportRepository(Protocol):
    """Report types, rounds and submissions."""

    async def get_type(self, type_id: int) -> ReportType | None: ...
    async def get_type_by_code(self, code: str) -> ReportType | None: ...
    async def add_type(self, report_type: ReportType) -> ReportType: ...
    async def list_types(self) -> list[ReportType]: ...
    async def get_round(
        self, type_id: int, period: str, *, lock: bool = False
    ) -> ReportRound | None:
        """The round; with `lock`, held against a concurrent close until commit."""
        ...

    async def add_round(self, report_round: ReportRound) -> ReportRound: ...
    async def get_submission(self, round_id: int, unit_id: int) -> ReportSubmission | None: ...
    async def add_submission(self, submission: ReportSubmission) -> ReportSubmission: ...
    async def submissions_under(self, round_id: int, path: str) -> list[ReportSubmission]:
        """Submissions of the round from units in the subtree at `path`."""
        ...

    async def submitters_under(self, report_type: ReportType, path: str) -> list[OrgUnit]:
        """Active units that submit this report, inside the subtree at `path`."""
        ...


class ReportUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that also reaches the reports."""

    reports: ReportRepository
