"""Replaying one demo field report along its path: agencies' parts and events up to now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from domain.reflections import deadlines, template
from domain.reflections.model import (
    AssignmentState,
    CancelReason,
    Rating,
    ReflectionState,
    SlaStep,
)
from domain.reflections.parts import OWN_STEP
from domain.reflections.workflow import AGENCY_ACTIONS, PUBLIC_ACTIONS, Action

if TYPE_CHECKING:
    from govgraph.demo.reflections import _Builder

Row = dict[str, Any]
S, A = ReflectionState, AssignmentState


class Replay:
    """Takes one report along its path, writing parts and events, until `now`."""

    def __init__(self, builder: _Builder, report: Row, agencies: list[int]) -> None:
        self.b, self.r = builder, report
        self.agencies = agencies[:2] or [builder.by_code["SXD"]["id"]]
        district = builder.district_of[report["commune_unit_id"]]["id"]
        self.fallbacks = [district, builder.by_code["SXD"]["id"], builder.by_code["SGTVT"]["id"]]
        self.parts: dict[int, Row] = {}
        self.at: datetime = report["submitted_at"]
        self.state = S.SUBMITTED
        self._before: ReflectionState | None = None
        self.taken = 0
        self.step: SlaStep | None
        self.due: datetime | None
        self.step, self.due = self._own(SlaStep.INTAKE, self.at)
        self._event(Action.SUBMIT, None, None, None, None)

    def _own(self, step: SlaStep, start: datetime) -> tuple[SlaStep, datetime]:
        return step, deadlines.due(self.b.calendar, step, self.r["priority"], start)

    def _when(self, due: datetime | None) -> datetime:
        """When the next step happens: mostly within its limit, some late."""
        rng = self.b.rng
        span = (due - self.at) if due is not None else timedelta(hours=8)
        factor = rng.uniform(1.05, 2.5) if rng.random() < 0.15 else rng.uniform(0.1, 0.95)
        return self.at + max(span * factor, timedelta(minutes=2))

    def run(self, path: list[Action]) -> None:
        for action in path:
            agency = self._agency_for(action)
            due = self.parts[agency]["due_at"] if agency is not None else self.due
            when = self._when(due)
            if when > self.b.now:
                break
            self.at = when
            self._apply(action, agency)
            self.taken += 1
        self._finish()

    def _agency_for(self, action: Action) -> int | None:
        if action not in AGENCY_ACTIONS:
            return None
        live = [p for p in self.parts.values() if p["state"] is not A.WITHDRAWN]
        return live[-1]["agency_unit_id"] if live else None

    def _apply(self, action: Action, agency: int | None) -> None:
        handlers: dict[Action, Callable[[int | None], None]] = {
            Action.DISTRIBUTE: self._distribute,
            Action.PUBLISH: self._publish,
            Action.CANCEL: self._cancel,
        }
        if agency is not None:
            self._agency_step(action, agency)
        elif action in handlers:
            handlers[action](agency)
        else:
            closed = (self.step, self.due)
            self.state = _REPORT_TARGET[action]
            self._event(action, None, *closed, None)
        self._settle_step()

    def _distribute(self, _agency: int | None) -> None:
        closed = (self.step, self.due)
        returned = [p for p in self.parts.values() if p["state"] is A.RETURNED]
        targets = self.agencies
        if returned:  # the right unit the agency named
            targets = [a for a in (*self.agencies, *self.fallbacks) if a not in self.parts][:1]
            for part in returned:
                part.update(state=A.WITHDRAWN, suggested_unit_id=targets[0])
        for agency in targets:
            due = deadlines.due(self.b.calendar, SlaStep.ACCEPT, self.r["priority"], self.at)
            self.parts[agency] = self.b._add(
                "reflection_assignments",
                {
                    "reflection_id": self.r["id"],
                    "agency_unit_id": agency,
                    "state": A.ASSIGNED,
                    "assigned_at": self.at,
                    "due_at": due,
                    "step": SlaStep.ACCEPT,
                    "accepted_at": None,
                    "handle_due": None,
                    "return_due": None,
                    "result": None,
                    "result_at": None,
                    "approved_at": None,
                    "approved_by": None,
                    "suggested_unit_id": None,
                    "note": "",
                },
            )
            self.state = S.IN_HANDLING
            self._event(Action.DISTRIBUTE, agency, *closed, None)

    def _agency_step(self, action: Action, agency: int) -> None:
        part, priority = self.parts[agency], self.r["priority"]
        closed = (part["step"], part["due_at"])

        def due(step: SlaStep) -> datetime:
            return deadlines.due(self.b.calendar, step, priority, self.at)

        if action is Action.ACCEPT:
            part.update(
                state=A.ACCEPTED,
                accepted_at=self.at,
                handle_due=due(SlaStep.HANDLE),
                return_due=due(SlaStep.RETURN),
                step=SlaStep.HANDLE,
            )
            part["due_at"] = part["handle_due"]
        elif action is Action.RETURN:
            closed = (SlaStep.RETURN, part["return_due"] or closed[1])
            part.update(
                state=A.RETURNED,
                step=None,
                due_at=None,
                note="Không thuộc thẩm quyền, đề nghị chuyển đơn vị khác",
            )
        elif action is Action.SUBMIT_RESULT:
            part.update(
                state=A.RESULT_SUBMITTED,
                result=_result(self.r),
                result_at=self.at,
                step=SlaStep.APPROVE,
                due_at=due(SlaStep.APPROVE),
            )
        elif action is Action.RETURN_RESULT:
            part.update(
                state=A.ACCEPTED,
                step=SlaStep.HANDLE,
                due_at=part["handle_due"],
                note="Bổ sung hình ảnh kết quả",
            )
        elif action is Action.APPROVE:
            part.update(state=A.APPROVED, approved_at=self.at, step=None, due_at=None)
        live = [p for p in self.parts.values() if p["state"] is not A.WITHDRAWN]
        if any(p["state"] in _ACTIVE for p in live):
            self.state = S.IN_HANDLING
        elif live and all(p["state"] is A.APPROVED for p in live):
            self.state = S.HANDLED
        else:
            self.state = S.RETURNED
        self._event(action, agency, *closed, None)

    def _publish(self, _agency: int | None) -> None:
        closed = (self.step, self.due)
        results = [
            template.AgencyResult(str(self.b_name(p["agency_unit_id"])), p["result"] or "")
            for p in self.parts.values()
            if p["state"] is A.APPROVED
        ]
        self.r["result"] = template.render(self.r["reporter_kind"], results)
        if self.r["is_public"] and not self.r["secrecy_requested"]:
            self.state, self.r["published_at"] = S.PUBLISHED, self.at
        else:
            self.state = S.ANSWERED_PRIVATELY
        self._event(Action.PUBLISH, None, *closed, None)
        if self.b.rng.random() < 0.4:
            rated = self.at + timedelta(hours=self.b.rng.randint(1, 72))
            if rated < self.b.now:
                ratings = (Rating.SATISFIED, Rating.ACCEPTABLE, Rating.UNSATISFIED)
                self.r["rating"] = self.b.rng.choices(ratings, (60, 25, 15))[0]
                self.r["rated_at"] = rated

    def b_name(self, unit_id: int) -> str:
        unit = next(u for u in self.b.by_code.values() if u["id"] == unit_id)
        return str(unit["name"])

    def _cancel(self, _agency: int | None) -> None:
        closed = (self.step, self.due)
        if self.state is S.VERIFYING:
            self.r["cancel_reason"] = CancelReason.VERIFICATION_FAILED
            note = "Hủy tự động: xác minh không thành công sau 2 ngày"
        else:
            self.r["cancel_reason"] = self.b.rng.choice(
                (CancelReason.DUPLICATE, CancelReason.UNCLEAR_OR_TEST)
            )
            note = "Phản ánh trùng hoặc không rõ nội dung"
        self.state = S.CANCELLED
        self._event(Action.CANCEL, None, *closed, note)

    def _settle_step(self) -> None:
        if self.state is S.IN_HANDLING:
            running = [p for p in self.parts.values() if p["state"] in _ACTIVE and p["due_at"]]
            first = min(running, key=lambda p: p["due_at"], default=None)
            self.step, self.due = (first["step"], first["due_at"]) if first else (None, None)
        elif self.state in OWN_STEP:
            if self.step is not OWN_STEP[self.state]:
                self.step, self.due = self._own(OWN_STEP[self.state], self.at)
        else:
            self.step = self.due = None

    def _event(
        self,
        action: Action,
        agency: int | None,
        step: SlaStep | None,
        due: datetime | None,
        note: str | None,
    ) -> None:
        ioc = action not in AGENCY_ACTIONS and action is not Action.ADVISE
        self.b._add(
            "reflection_events",
            {
                "reflection_id": self.r["id"],
                "action": action.value,
                "from_state": None if action is Action.SUBMIT else self._before,
                "to_state": self.state,
                "at": self.at,
                "actor_account_id": self.b.ioc_account if ioc else None,
                "agency_unit_id": agency,
                "step": step,
                "due_at": due,
                "breached": due is not None and self.at > due,
                "public": action in PUBLIC_ACTIONS,
                "note": note or "",
            },
        )
        self._before = self.state

    def _finish(self) -> None:
        self.r.update(state=self.state, step=self.step, step_due=self.due, version=1 + self.taken)


_ACTIVE = (A.ASSIGNED, A.ACCEPTED, A.RESULT_SUBMITTED)
_REPORT_TARGET = {
    Action.REQUEST_VERIFICATION: S.VERIFYING,
    Action.VERIFY: S.SUBMITTED,
    Action.SEND_TO_COORDINATOR: S.COORDINATING,
    Action.ADVISE: S.ADVISED,
    Action.REQUEST_AGREEMENT: S.AWAITING_AGREEMENT,
    Action.AGREE: S.AGREED,
}


def _result(report: Row) -> str:
    return (
        "Đơn vị đã kiểm tra hiện trường, xử lý dứt điểm nội dung phản ánh và sẽ tiếp tục "
        f"theo dõi tại {report['address']}."
    )
