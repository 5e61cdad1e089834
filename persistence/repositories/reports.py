"""The report repository (also the read side of report aggregates)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.org.model import OrgUnit, UnitStatus
from domain.reports.model import ReportRound, ReportSubmission, ReportType
from persistence import report_tables as r
from persistence.database import run_locked
from persistence.tables import org_units


class SqlReportRepository:
    """ReportRepository on SQLAlchemy; reads take the session's statement lock, so a request's
    read session can serve it next to the other readers."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _all(self, query: Select[Any]) -> list[Any]:
        return await run_locked(self.session, lambda: self.session.scalars(query))

    async def _first(self, query: Select[Any]) -> Any:
        found = await self._all(query.limit(1))
        return found[0] if found else None

    async def get_type(self, type_id: int) -> ReportType | None:
        found: ReportType | None = await self._first(
            select(ReportType).where(r.report_types.c.id == type_id)
        )
        return found

    async def get_type_by_code(self, code: str) -> ReportType | None:
        found: ReportType | None = await self._first(
            select(ReportType).where(r.report_types.c.code == code)
        )
        return found

    async def add_type(self, report_type: ReportType) -> ReportType:
        self.session.add(report_type)
        await self.session.flush()
        return report_type

    async def list_types(self) -> list[ReportType]:
        return await self._all(select(ReportType).order_by(r.report_types.c.code))

    async def get_round(
        self, type_id: int, period: str, *, lock: bool = False
    ) -> ReportRound | None:
        query = select(ReportRound).where(
            r.report_rounds.c.report_type_id == type_id, r.report_rounds.c.period == period
        )
        if lock:
            query = query.with_for_update(read=True)
        found: ReportRound | None = await self._first(query)
        return found

    async def add_round(self, report_round: ReportRound) -> ReportRound:
        self.session.add(report_round)
        await self.session.flush()
        return report_round

    async def get_submission(self, round_id: int, unit_id: int) -> ReportSubmission | None:
        found: ReportSubmission | None = await self._first(
            select(ReportSubmission).where(
                r.report_submissions.c.round_id == round_id,
                r.report_submissions.c.unit_id == unit_id,
            )
        )
        return found

    async def add_submission(self, submission: ReportSubmission) -> ReportSubmission:
        self.session.add(submission)
        await self.session.flush()
        return submission

    async def submissions_under(self, round_id: int, path: str) -> list[ReportSubmission]:
        s = r.report_submissions.c
        return await self._all(
            select(ReportSubmission)
            .join(org_units, org_units.c.id == s.unit_id)
            .where(s.round_id == round_id, org_units.c.path.startswith(path, autoescape=True))
        )

    async def submitters_under(self, report_type: ReportType, path: str) -> list[OrgUnit]:
        root: OrgUnit | None = await self._first(
            select(OrgUnit).where(org_units.c.id == report_type.submitter_root_id)
        )
        if root is None:
            return []
        u = org_units.c
        query = select(OrgUnit).where(
            u.path.startswith(root.path, autoescape=True),
            u.path.startswith(path, autoescape=True),
            u.id != root.id,
            u.status == UnitStatus.ACTIVE,
        )
        if report_type.levels:
            query = query.where(u.level_code.in_(report_type.levels))
        return await self._all(query.order_by(u.path))
