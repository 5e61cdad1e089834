"""One demo dossier played forward on the working calendar, step by step, until `now` stops
it: the states, the limits (reception, processing, stopped clocks) and the log come out as
the flow would have written them (domain.dossiers)."""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.calendar import WorkingCalendar
from domain.dossiers import deadlines
from domain.dossiers.model import DossierState

Row = dict[str, Any]
S = DossierState
GUIDE = (
    "Đề nghị bổ sung bản sao có chứng thực giấy tờ còn thiếu, ghi đầy đủ thông tin theo mẫu "
    "tờ khai; nộp bổ sung trực tuyến trên Cổng dịch vụ công."
)
APOLOGY = (
    "THƯ XIN LỖI\n\nKính gửi: Quý vị\n\nCơ quan trân trọng xin lỗi Quý vị vì hồ sơ đã phải "
    "bổ sung, hoàn thiện 3 lần do Bộ phận tiếp nhận và trả kết quả hướng dẫn chưa đầy đủ, cụ "
    f"thể.\n\nHướng dẫn đầy đủ để hoàn thiện hồ sơ:\n{GUIDE}\n\nRất mong Quý vị thông cảm."
)


class Stop(Exception):
    """The next step would come after now: the dossier stands where it is."""


@dataclass
class Play:
    """What a story is played with."""

    calendar: WorkingCalendar
    rng: random.Random
    now: datetime
    submitted_at: datetime
    procedure: Row
    apology: bool = False


@dataclass
class Story:
    """The rows of one dossier (ids and applicant set by the caller)."""

    dossier: Row
    steps: list[Row] = field(default_factory=list)
    files: list[tuple[int, int]] = field(default_factory=list)  # (component, round)
    supplements: list[Row] = field(default_factory=list)
    apologies: list[Row] = field(default_factory=list)
    notices: list[Row] = field(default_factory=list)
    surveyed: bool = False


class _Player:
    def __init__(self, p: Play, story: Story) -> None:
        self.p, self.story, self.d = p, story, story.dossier

    def later(self, at: datetime, low: int, high: int) -> datetime:
        """`low` to `high` working minutes after `at`; Stop when that is after now."""
        moment = self.p.calendar.add_working_minutes(at, self.p.rng.randint(low, high))
        if moment > self.p.now:
            raise Stop
        return moment

    def step(
        self, action: str, to: DossierState, at: datetime, note: str = "", due: Any = None
    ) -> None:
        unit = (
            self.d["agency_unit_id"]
            if action in ("ACCEPT", "REFUSE", "COMPLETE", "DELIVER")
            else self.d["holder_unit_id"]
        )
        self.story.steps.append(
            {
                "action": action,
                "from_state": self.d["state"],
                "to_state": to,
                "at": at,
                "actor_account_id": None,
                "unit_id": unit,
                "note": note,
                "due_at": due,
                "breached": due is not None and at > due,
            }
        )
        self.d["state"] = to


def _dossier(p: Play) -> Row:
    chain = p.procedure["chain"]
    at = p.submitted_at
    return {
        "procedure_id": p.procedure["procedure_id"],
        "procedure_version_id": p.procedure["id"],
        "agency_unit_id": chain[0],
        "holder_unit_id": chain[0],
        "holder_person_id": None,
        "chain_index": 0,
        "channel": "ONLINE" if p.rng.random() < 0.8 else "DESK",
        "payment": "ONLINE" if p.rng.random() < 0.4 else "DESK",
        "delivery": "POST" if p.rng.random() < 0.25 else "DESK",
        "delivery_address": None,
        "state": None,
        "submitted_at": at,
        "reception_due": deadlines.reception_due(p.calendar, at),
        "processing_days": p.procedure["processing_days"],
        "received_at": None,
        "processing_due": None,
        "due_at": None,
        "paused_at": None,
        "paused_minutes": 0,
        "refusals": 0,
        "supplement_requests": 0,
        "apology_pending": None,
        "promised_at": None,
        "result_kind": None,
        "result_number": None,
        "result_upload_key": None,
        "finished_at": None,
        "finish_class": None,
        "delivered_at": None,
        "rated": False,
        "version": 1,
    }


def play(p: Play) -> Story:
    """The dossier's story up to now."""
    story = Story(_dossier(p))
    d = story.dossier
    if d["delivery"] == "POST":
        d["delivery_address"] = "Số nhà và đường, xã, huyện, tỉnh Thừa Thiên Huế"
    player = _Player(p, story)
    player.step("SUBMIT", S.SUBMITTED, p.submitted_at, due=d["reception_due"])
    story.files += [(c, 0) for c in p.procedure["components"]]
    with contextlib.suppress(Stop):
        _run(player)
    if p.rng.random() < 0.5:
        explain_overdue(story, p.now, p.calendar)
    d["due_at"] = _running(d)
    return story


def _running(d: Row) -> Any:
    if d["state"] is S.SUBMITTED:
        return d["reception_due"]
    if d["state"] in (S.RECEIVED, S.IN_PROCESSING, S.AWAITING_SUPPLEMENT, S.DRAFTED, S.SIGNED):
        return d["processing_due"]
    return None


def _run(x: _Player) -> None:  # noqa: PLR0915 - one story, step by step
    p, d, rng, story = x.p, x.d, x.p.rng, x.story
    at = p.submitted_at
    rounds = 3 if p.apology else (1 if rng.random() < 0.1 else 0)
    for n in range(1, rounds + 1):
        at = x.later(at, 5, 90)
        story.supplements.append(_asked("RECEPTION", n, at, p.apology))
        d["refusals"] = n
        x.step("REFUSE", S.INCOMPLETE, at, GUIDE, d["reception_due"])
        at = x.later(at, 240, 1800)
        story.supplements[-1]["answered_at"] = at
        story.files.append((p.procedure["components"][-1], n))
        d["reception_due"] = deadlines.reception_due(p.calendar, at)
        x.step("COMPLETE", S.SUBMITTED, at, due=d["reception_due"])
    if p.apology:
        at = x.later(at, 5, 20)
        story.apologies.append(
            {
                "stage": "RECEPTION",
                "issued_at": at,
                "issued_by": None,
                "unit_id": d["agency_unit_id"],
                "text": APOLOGY,
            }
        )
        x.step("APOLOGIZE", S.SUBMITTED, at)
    late_reception = rng.random() < 0.15
    at = x.later(at, 61, 300) if late_reception else x.later(at, 3, 59)
    d["received_at"] = at
    d["processing_due"] = deadlines.processing_due(p.calendar, at, d["processing_days"])
    x.step("ACCEPT", S.RECEIVED, at, due=d["reception_due"])
    if rng.random() < 0.03:
        at = x.later(at, 30, 600)
        x.step("WITHDRAW", S.WITHDRAWN, at, "Người nộp rút hồ sơ.")
        return
    chain = p.procedure["chain"]
    for index in range(len(chain)):
        at = x.later(at, 20, 240)
        x.step("ASSIGN", S.IN_PROCESSING, at)
        if index == 0 and rng.random() < 0.2:
            at = x.later(at, 60, 900)
            d["supplement_requests"] = 1
            d["paused_at"] = at
            story.supplements.append(_asked("PROCESSING", 1, at, False))
            x.step("REQUEST_SUPPLEMENT", S.AWAITING_SUPPLEMENT, at, GUIDE, d["processing_due"])
            resumed_at = x.later(at, 300, 2400)
            resumed = deadlines.resume(
                p.calendar, due=d["processing_due"], paused_at=at, resumed_at=resumed_at
            )
            d["processing_due"], d["paused_minutes"], d["paused_at"] = (
                resumed.due,
                resumed.paused_minutes,
                None,
            )
            story.supplements[-1]["answered_at"] = at = resumed_at
            story.files.append((p.procedure["components"][0], 1))
            x.step("SUPPLEMENT", S.IN_PROCESSING, at, due=d["processing_due"])
        span = max(
            60, int(p.calendar.working_time_between(at, d["processing_due"]).total_seconds() // 60)
        )
        late = rng.random() < 0.12
        share = (span + rng.randint(60, 1800)) if late else rng.randint(span // 4, span)
        share //= len(chain) - index
        at = x.later(at, max(30, share - 120), max(31, share - 60))
        d["result_kind"] = "GRANTED" if rng.random() < 0.93 else "DENIED"
        x.step("SUBMIT_DRAFT", S.DRAFTED, at)
        if rng.random() < 0.1:
            at = x.later(at, 10, 60)
            x.step("RETURN_DRAFT", S.IN_PROCESSING, at, "Đề nghị chỉnh sửa dự thảo.")
            at = x.later(at, 10, 60)
            x.step("SUBMIT_DRAFT", S.DRAFTED, at)
        at = x.later(at, 30, 900)
        x.step("SIGN", S.SIGNED, at)
        at = x.later(at, 20, 480)
        if index + 1 < len(chain):
            d["chain_index"] = index + 1
            d["holder_unit_id"] = chain[index + 1]
            x.step("TRANSFER", S.RECEIVED, at)
            continue
        d["finished_at"] = at
        d["finish_class"] = deadlines.class_of_finish(p.calendar, at, d["processing_due"])
        d["result_number"] = f"{rng.randint(1, 999)}/KQ"
        x.step("REGISTER_RESULT", S.RESULT_READY, at, due=d["processing_due"])
    at = x.later(at, 30, 1800)
    d["delivered_at"] = at
    x.step("DELIVER", S.DELIVERED, at)
    story.surveyed = rng.random() < 0.5


def _asked(stage: str, round_: int, at: datetime, at_fault: bool) -> Row:
    return {
        "stage": stage,
        "round": round_,
        "guidance": GUIDE,
        "requested_at": at,
        "requested_by": None,
        "missing_components": (),
        "staff_at_fault": at_fault,
        "answered_at": None,
    }


def explain_overdue(story: Story, now: datetime, calendar: WorkingCalendar) -> None:
    """An open dossier past its limit is explained to its applicant, with a new date."""
    d = story.dossier
    due = d["processing_due"]
    if d["finish_class"] is not None or due is None or d["paused_at"] is not None or due > now:
        return
    if d["state"] not in (S.RECEIVED, S.IN_PROCESSING, S.DRAFTED, S.SIGNED):
        return
    issued = calendar.add_working_minutes(due, 120)
    if issued > now:
        return
    new_due = calendar.add_working_days(issued, 3)
    story.notices.append(
        {
            "issued_at": issued,
            "issued_by": None,
            "unit_id": d["holder_unit_id"],
            "reason": "Hồ sơ cần xác minh thêm với cơ quan liên quan.",
            "new_due": new_due,
        }
    )
    d["promised_at"] = new_due
    story.steps.append(
        {
            "action": "NOTIFY_OVERDUE",
            "from_state": d["state"],
            "to_state": d["state"],
            "at": issued,
            "actor_account_id": None,
            "unit_id": d["holder_unit_id"],
            "note": "Hồ sơ cần xác minh thêm với cơ quan liên quan.",
            "due_at": due,
            "breached": True,
        }
    )
