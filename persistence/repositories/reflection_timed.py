"""Queries of the field reports' timed rules: open steps by due time, indexed and locked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Exists, Select, String, cast, exists, literal, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.model import NotificationKind, SubjectType
from domain.notifications.ports import DueStep
from domain.reflections.model import (
    AssignmentState,
    ReflectionPriority,
    ReflectionState,
    SlaStep,
)
from persistence import reflection_tables as rt
from persistence.notification_tables import notification_events as ev

R, RA, Q = rt.reflections.c, rt.reflection_assignments.c, rt.reflection_questions.c
S = ReflectionState
# the report's own running steps (IN_HANDLING runs on its agencies'; EDIT is the reporter's)
OWN_STATES = (
    S.SUBMITTED,
    S.ADVISED,
    S.RETURNED,
    S.VERIFYING,
    S.COORDINATING,
    S.HANDLED,
    S.AWAITING_AGREEMENT,
    S.AGREED,
)
OWN_STEPS = (
    SlaStep.INTAKE,
    SlaStep.VERIFICATION,
    SlaStep.COORDINATION,
    SlaStep.PUBLISH,
    SlaStep.AGREEMENT,
)


class SqlReflectionDeadlines:
    """ReflectionDeadlineSource on SQLAlchemy; PostgreSQL locks the rows it hands out."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def steps_due(
        self,
        *,
        after: datetime,
        until: datetime,
        kind: NotificationKind,
        threshold: str,
        urgent: bool | None,
        limit: int,
    ) -> list[DueStep]:
        ask = _Ask(after, until, kind, threshold, urgent, limit)
        found = await self._own_steps(ask) + await self._agency_steps(ask)
        return found + await self._questions(ask)

    async def _own_steps(self, ask: _Ask) -> list[DueStep]:
        told = _told(ask, R.id, literal(ask.threshold), R.step_due)
        query = (
            select(R.id, R.step, R.step_due)
            .where(
                R.state.in_(OWN_STATES),  # ix_reflections_state_due
                R.step_due > ask.after,
                R.step_due <= ask.until,
                R.step.in_(OWN_STEPS),
                ~told,
            )
            .order_by(R.step_due, R.id)
            .limit(ask.limit)
            .with_for_update(of=rt.reflections, skip_locked=True)
        )
        if ask.urgent is not None:
            query = query.where(R.priority == _priority(ask.urgent))
        rows = await self.session.execute(query)
        return [DueStep(row.id, None, str(row.step), row.step_due) for row in rows]

    async def _agency_steps(self, ask: _Ask) -> list[DueStep]:
        key = literal(f"{ask.threshold}/") + cast(RA.agency_unit_id, String)
        told = _told(ask, RA.reflection_id, key, RA.due_at)
        a = rt.reflection_assignments
        query = (
            select(RA.reflection_id, RA.agency_unit_id, RA.step, RA.due_at)
            .where(
                # literal, so that the planner matches ix_reflection_assignments_open_due
                text(f"reflection_assignments.{rt.OPEN_PARTS}"),
                RA.due_at > ask.after,
                RA.due_at <= ask.until,
                ~told,
            )
            .order_by(RA.due_at, RA.id)
            .limit(ask.limit)
            .with_for_update(of=a, skip_locked=True)
        )
        query = _of_priority(query, ask, RA.reflection_id)
        rows = await self.session.execute(query)
        return [
            DueStep(row.reflection_id, row.agency_unit_id, str(row.step), row.due_at)
            for row in rows
        ]

    async def _questions(self, ask: _Ask) -> list[DueStep]:
        """Unanswered follow-up questions, once per agency that handled the report."""
        key = (
            literal(f"{ask.threshold}/")
            + cast(RA.agency_unit_id, String)
            + literal("/q")
            + cast(Q.id, String)
        )
        told = _told(ask, Q.reflection_id, key, Q.answer_due)
        q = rt.reflection_questions
        query = (
            select(Q.id, Q.reflection_id, RA.agency_unit_id, Q.answer_due)
            .join(rt.reflection_assignments, RA.reflection_id == Q.reflection_id)
            .where(
                Q.answered_at.is_(None),  # ix_reflection_questions_open_due
                Q.answer_due > ask.after,
                Q.answer_due <= ask.until,
                RA.state == AssignmentState.APPROVED,  # the agencies that answer
                ~told,
            )
            .order_by(Q.answer_due, Q.id, RA.agency_unit_id)
            .limit(ask.limit)
            .with_for_update(of=q, skip_locked=True)
        )
        query = _of_priority(query, ask, Q.reflection_id)
        rows = await self.session.execute(query)
        return [
            DueStep(
                row.reflection_id, row.agency_unit_id, SlaStep.ANSWER.value, row.answer_due, row.id
            )
            for row in rows
        ]


@dataclass(frozen=True)
class _Ask:
    after: datetime
    until: datetime
    kind: NotificationKind
    threshold: str
    urgent: bool | None
    limit: int


def _told(ask: _Ask, subject_id: Any, key: Any, due: Any) -> Exists:
    """The once-key was already raised for this due time."""
    return exists().where(
        ev.c.subject_type == SubjectType.REFLECTION,
        ev.c.subject_id == subject_id,
        ev.c.kind == ask.kind,
        ev.c.threshold == key,
        ev.c.due_at == due,
    )


def _of_priority(query: Select[Any], ask: _Ask, reflection_id: Any) -> Select[Any]:
    """Only URGENT or only NORMAL reports, when the threshold says so."""
    if ask.urgent is None:
        return query
    return query.join(rt.reflections, R.id == reflection_id).where(
        R.priority == _priority(ask.urgent)
    )


def _priority(urgent: bool) -> ReflectionPriority:
    return ReflectionPriority.URGENT if urgent else ReflectionPriority.NORMAL
