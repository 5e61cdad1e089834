"""Demo directives and tasks: every kind in every state, on the demo province (issue 3).

Built from the rows of `build_demo` (units, people, accounts) and the `now` of the load, with
one seeded generator, so the same scale and `now` give the same rows. Deadlines of press
incidents, citizen questions and voter petitions come from their regulation on the default
working calendar; timelines replay the transition table of domain.tasks.workflow, so every
task's events run from CREATE (or ESCALATED_IN) to its current state.
"""

from __future__ import annotations

import json
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.calendar import DEFAULT_TIMEZONE, WorkingCalendar
from domain.org.model import LeaderRank
from domain.stats.rollup import handling_tenths
from domain.tasks import deadlines
from domain.tasks.model import (
    AssigneeRole,
    DirectiveType,
    Period,
    PetitionLevel,
    Priority,
    TaskKind,
    TaskState,
    TrackerRole,
    UnitRole,
)
from domain.tasks.progress import GRANTED, REFUSED
from domain.tasks.workflow import TRANSITIONS, Action
from domain.text import fold
from govgraph.demo.build import DemoData
from govgraph.progress import Steps
from persistence import (
    stats_rollup,
    tables,
    task_tables,  # noqa: F401 - registers the task tables on the metadata
)

Row = dict[str, Any]
S = TaskState
K = TaskKind

SEED = 20_260_303
CHUNK = 2_000

# Insertion order (foreign keys first).
TASK_TABLES = (
    "directives",
    "tasks",
    "task_units",
    "task_trackers",
    "task_assignees",
    "task_events",
    "task_progress",
    "task_responses",
)

OFFICE_CODE = "VP-UBND"
PROVINCE_CODE = "UBND-TTH"
DEMO_DEPARTMENT = "SNV"  # led by the demo LEADER (giamdoc.snv)
DEMO_SECTION = "SNV-PCCVC"  # where the demo SPECIALIST (chuyenvien.snv) works

_SLA_KINDS = frozenset({K.PRESS_INCIDENT, K.CITIZEN_QUESTION, K.VOTER_PETITION})
_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)

KIND_WEIGHTS = {
    K.DIRECTIVE: 40,
    K.WORK_PROGRAM_ITEM: 15,
    K.PRESS_INCIDENT: 15,
    K.CITIZEN_QUESTION: 15,
    K.VOTER_PETITION: 15,
}
STATE_WEIGHTS = {
    S.CREATED: 4,
    S.SENT: 6,
    S.RETURNED: 2,
    S.RECEIVED: 6,
    S.ASSIGNED: 8,
    S.IN_PROGRESS: 20,
    S.DRAFTED: 6,
    S.APPROVED: 4,
    S.REPORTED: 5,
    S.COMPLETED: 33,
    S.CANCELLED: 3,
    S.ESCALATED: 3,  # voter petitions only
}
# The main line of the chain, and the action that reaches each of its states.
CHAIN = (
    (S.SENT, Action.SEND),
    (S.RECEIVED, Action.RECEIVE),
    (S.ASSIGNED, Action.ASSIGN),
    (S.IN_PROGRESS, Action.START),
    (S.DRAFTED, Action.SUBMIT_DRAFT),
    (S.APPROVED, Action.APPROVE),
    (S.REPORTED, Action.REPORT),
    (S.COMPLETED, Action.CONFIRM),
)
_CHAIN_STATES = [state for state, _ in CHAIN]

SYMBOLS = {
    DirectiveType.DECISION: ("QĐ-UBND", "Quyết định"),
    DirectiveType.DIRECTIVE: ("CT-UBND", "Chỉ thị"),
    DirectiveType.PLAN: ("KH-UBND", "Kế hoạch"),
    DirectiveType.SCHEME: ("ĐA-UBND", "Đề án"),
    DirectiveType.PROGRAM: ("CTr-UBND", "Chương trình"),
    DirectiveType.TELEGRAM: ("CĐ-UBND", "Công điện"),
    DirectiveType.OFFICIAL_LETTER: ("UBND-TH", "Công văn"),
    DirectiveType.MEETING_CONCLUSION: ("TB-UBND", "Thông báo kết luận"),
    DirectiveType.OTHER: ("BC-UBND", "Văn bản"),
}
ISSUERS = ("UBND tỉnh Thừa Thiên Huế", "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh")

TOPICS = (
    "cải cách hành chính năm 2026",
    "chuyển đổi số trong cơ quan nhà nước",
    "đẩy nhanh giải ngân vốn đầu tư công",
    "phòng, chống thiên tai mùa mưa bão",
    "bảo tồn và phát huy giá trị di sản Cố đô Huế",
    "bảo đảm an toàn thực phẩm dịp Tết Nguyên đán",
    "phòng cháy, chữa cháy tại khu dân cư",
    "xây dựng nông thôn mới nâng cao",
    "quản lý trật tự xây dựng đô thị",
    "giải phóng mặt bằng dự án đường Vành đai 3",
    "chỉnh trang đô thị hai bờ sông Hương",
    "phát triển du lịch bền vững",
    "bảo vệ rừng đầu nguồn",
    "nâng cao Chỉ số hiệu quả quản trị và hành chính công (PAPI)",
    "tăng cường thu ngân sách nhà nước",
    "chăm lo Tết cho hộ nghèo và gia đình chính sách",
    "tuyển sinh đầu cấp năm học mới",
    "tiêm chủng mở rộng",
    "sắp xếp đơn vị hành chính cấp xã",
    "xử lý nợ đọng xây dựng cơ bản",
    "cấp giấy chứng nhận quyền sử dụng đất lần đầu",
    "cung cấp dịch vụ công trực tuyến toàn trình",
    "tổ chức Festival Huế 2026",
    "an toàn giao thông đường thủy nội địa",
    "xử lý ô nhiễm môi trường đầm phá Tam Giang - Cầu Hai",
)
DIRECTIVE_VERBS = (
    "Triển khai thực hiện",
    "Chủ trì, phối hợp tham mưu UBND tỉnh về",
    "Rà soát, báo cáo kết quả",
    "Kiểm tra, đôn đốc việc",
    "Đề xuất giải pháp tháo gỡ vướng mắc về",
)
PROGRAM_ITEMS = (
    "Xây dựng đề án",
    "Trình UBND tỉnh ban hành kế hoạch",
    "Sơ kết 6 tháng",
    "Tổng kết năm",
    "Báo cáo định kỳ về",
)
PAPERS = (
    "Thừa Thiên Huế",
    "Tuổi Trẻ",
    "Thanh Niên",
    "VnExpress",
    "Dân trí",
    "Lao Động",
    "Tiền Phong",
    "Người Lao Động",
)
PRESS_ISSUES = (
    "tình trạng sạt lở bờ sông",
    "rác thải tồn đọng nhiều ngày",
    "tuyến đường xuống cấp nghiêm trọng",
    "ngập úng kéo dài sau mưa lớn",
    "công trình xây dựng không phép",
    "khai thác cát trái phép",
    "chậm chi trả tiền bồi thường giải phóng mặt bằng",
    "ô nhiễm từ cơ sở chăn nuôi",
    "thiếu nước sinh hoạt",
    "hệ thống chiếu sáng công cộng hư hỏng",
)
QUESTIONS = (
    "thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất",
    "chính sách miễn, giảm học phí",
    "chế độ trợ cấp đối với người có công",
    "điều kiện hưởng bảo hiểm thất nghiệp",
    "quy hoạch khu dân cư nơi mình sinh sống",
    "thủ tục đăng ký hộ kinh doanh",
    "mức bồi thường khi Nhà nước thu hồi đất",
    "thời hạn giải quyết hồ sơ cấp phép xây dựng nhà ở",
    "chính sách hỗ trợ nhà ở cho hộ nghèo",
    "thủ tục chuyển trường cho học sinh",
)
PETITIONS = (
    "nâng cấp tuyến đường liên thôn",
    "xây dựng kè chống sạt lở bờ sông",
    "bố trí thêm phòng học cho trường tiểu học",
    "sớm cấp giấy chứng nhận quyền sử dụng đất",
    "nạo vét kênh mương nội đồng",
    "đầu tư hệ thống nước sạch",
    "xử lý ô nhiễm từ khu công nghiệp",
    "hỗ trợ ngư dân bị thiệt hại do bão",
    "xử lý dứt điểm lấn chiếm hành lang giao thông",
    "đầu tư nâng cấp trạm y tế",
)
RESULTS = (
    "Đơn vị đã tổ chức thực hiện, kết quả cụ thể như sau: {what}. Đề nghị UBND tỉnh ghi nhận.",
    "Đã kiểm tra thực địa, làm việc với các bên liên quan và xử lý dứt điểm nội dung: {what}.",
    "Đã trả lời bằng văn bản cho tổ chức, cá nhân liên quan về nội dung: {what}.",
)
PROGRESS_NOTES = (
    "Đã làm việc với các đơn vị phối hợp, đang tổng hợp số liệu.",
    "Đã hoàn thành khảo sát thực địa, đang xây dựng dự thảo báo cáo.",
    "Đang chờ ý kiến của các sở, ngành liên quan.",
)
NOTES = {
    Action.RETURN: "Nội dung không thuộc chức năng, nhiệm vụ của đơn vị; đề nghị giao lại.",
    Action.RETURN_DRAFT: "Đề nghị bổ sung số liệu và hoàn thiện dự thảo.",
    Action.CANCEL: "Nội dung đã được giải quyết tại văn bản khác; dừng theo dõi.",
    Action.ESCALATE: "Vượt thẩm quyền giải quyết của cấp này; chuyển cấp trên.",
}


@dataclass
class DemoTasks:
    """Rows per task table, with explicit ids."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {n: [] for n in TASK_TABLES})


def task_count(scale: int) -> int:
    """About 2,000 tasks at scale 1, 20,000 per scale step above (200,000 at scale 10)."""
    return 2_000 if scale == 1 else 20_000 * scale


@dataclass
class _Plan:
    """One task before its rows: what it is and how its story runs."""

    kind: TaskKind
    state: TaskState
    office: Row
    lead: Row
    level: PetitionLevel | None = None
    assignee: int | None = None  # a forced lead specialist (a demo login)
    escalate_to: Row | None = None
    created_at: datetime = field(default_factory=lambda: datetime.min.replace(tzinfo=UTC))
    end_at: datetime = field(default_factory=lambda: datetime.min.replace(tzinfo=UTC))
    deadline: datetime | None = None
    explicit_deadline: bool = False
    late: bool = False
    directive: Row | None = None
    topic: str = ""
    escalated_from: Row | None = None


class _TaskBuilder:
    def __init__(self, demo: DemoData, *, scale: int, now: datetime, bases: dict[str, int]):
        self.rng = random.Random(SEED)  # noqa: S311 - deterministic demo data, not security
        self.scale = scale
        self.now = now.astimezone(UTC).replace(microsecond=0)
        self.calendar = WorkingCalendar()
        self.out = DemoTasks()
        self.next_id = {name: bases.get(name, 1) for name in TASK_TABLES}
        self._deadline_cache: dict[tuple[TaskKind, date, bool], datetime | None] = {}
        self._recording_cache: dict[date, datetime] = {}
        self._seq: dict[tuple[DirectiveType, int], int] = defaultdict(int)
        rows = demo.rows
        units = [u for u in rows["org_units"] if u["valid_to"] is None]
        self.by_code = {u["code"]: u for u in units}
        self.by_id = {u["id"]: u for u in units}
        self.members: dict[int, list[int]] = defaultdict(list)
        for person in rows["persons"]:
            if person["unit_id"] is not None and person["unit_id"] in self.by_id:
                self.members[person["unit_id"]].append(person["id"])
        self.heads: dict[int, int] = {}
        self.leading: dict[int, set[int]] = defaultdict(set)
        for lead in rows["leaderships"]:
            if lead["valid_to"] is None:
                self.leading[lead["unit_id"]].add(lead["person_id"])
                if lead["rank"] is LeaderRank.HEAD:
                    self.heads[lead["unit_id"]] = lead["person_id"]
        accounts = {spec.key: row for spec, row in demo.accounts}
        self.creator = accounts["task_creator"]
        self.director = accounts["director"]
        self.specialist = accounts["specialist"]
        self.account_of_person = {
            row["person_id"]: row["id"] for row in accounts.values() if row["person_id"]
        }
        province = self.by_code[PROVINCE_CODE]
        self.province = province
        self.office = self.by_code[OFFICE_CODE]
        children = [u for u in units if u["parent_id"] == province["id"]]
        self.departments = [
            u
            for u in children
            if u["level_code"] == "DEPARTMENT" and u["id"] != self.office["id"] and self._staffed(u)
        ]
        self.districts = [u for u in units if u["level_code"] == "DISTRICT" and self._staffed(u)]
        department_ids = {u["id"] for u in self.departments}
        self.sections = [
            u
            for u in units
            if u["level_code"] == "OFFICE" and u["parent_id"] in department_ids and self._staffed(u)
        ]
        self.communes: dict[int, list[Row]] = defaultdict(list)
        for unit in units:
            if unit["level_code"] == "COMMUNE" and self._staffed(unit):
                self.communes[unit["parent_id"]].append(unit)
        self.districts_with_communes = [d for d in self.districts if self.communes[d["id"]]]
        office_sections = [u for u in units if u["parent_id"] == self.office["id"]]
        creator_person = self.creator["person_id"]
        self.tracker_specialists = [creator_person] + [
            p
            for s in office_sections
            for p in self.members[s["id"]]
            if p not in self.leading[s["id"]] and p != creator_person
        ]
        self.section_leaders = [
            self.heads[s["id"]] for s in office_sections if s["id"] in self.heads
        ]
        self.office_leaders = sorted(self.leading[self.office["id"]])
        self.chairman = self.heads[province["id"]]
        self.vice_chairmen = sorted(self.leading[province["id"]] - {self.chairman})

    def _staffed(self, unit: Row) -> bool:
        return bool(self.members.get(unit["id"])) and unit["id"] in self.heads

    def _add(self, table: str, row: Row) -> Row:
        row["id"] = self.next_id[table]
        self.next_id[table] += 1
        self.out.rows[table].append(row)
        return row

    # --- planning ---------------------------------------------------------------------------

    def plans(self, count: int) -> list[_Plan]:
        """Every (kind, state) pair first, then work for the demo logins, then random tasks."""
        plans: list[_Plan] = []
        for kind in TaskKind:
            for state in TaskState:
                if state is S.ESCALATED and kind is not K.VOTER_PETITION:
                    continue
                plans.append(self._plan(kind, state))
        snv, section = self.by_code[DEMO_DEPARTMENT], self.by_code[DEMO_SECTION]
        for state in (S.SENT, S.RECEIVED, S.DRAFTED, S.APPROVED) * 2 + (S.COMPLETED, S.IN_PROGRESS):
            plans.append(self._plan(K.DIRECTIVE, state, lead=snv))
        for state in (S.ASSIGNED, S.IN_PROGRESS, S.IN_PROGRESS, S.ASSIGNED, S.DRAFTED, S.COMPLETED):
            plans.append(
                self._plan(
                    self.rng.choice((K.DIRECTIVE, K.CITIZEN_QUESTION)),
                    state,
                    lead=section,
                    assignee=self.specialist["person_id"],
                )
            )
        kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
        states = [s for s in STATE_WEIGHTS if s is not S.ESCALATED]
        state_weights = [STATE_WEIGHTS[s] for s in states]
        petition_states = list(STATE_WEIGHTS)
        petition_weights = [
            STATE_WEIGHTS[s] * (3 if s is S.ESCALATED else 1) for s in petition_states
        ]
        while len(plans) < count:
            kind = self.rng.choices(kinds, kind_weights)[0]
            if kind is K.VOTER_PETITION:
                state = self.rng.choices(petition_states, petition_weights)[0]
            else:
                state = self.rng.choices(states, state_weights)[0]
            plans.append(self._plan(kind, state))
        return plans

    def _lead_unit(self, kind: TaskKind) -> Row:
        roll = self.rng.random()
        if roll < 0.1 or (kind is K.DIRECTIVE and roll < 0.12):
            return self.rng.choice(self.sections)
        if roll < 0.65:
            return self.rng.choice(self.departments)
        return self.rng.choice(self.districts)

    def _plan(
        self,
        kind: TaskKind,
        state: TaskState,
        *,
        lead: Row | None = None,
        assignee: int | None = None,
    ) -> _Plan:
        if kind is not K.VOTER_PETITION:
            return _Plan(kind, state, self.office, lead or self._lead_unit(kind), assignee=assignee)
        if state is S.ESCALATED:
            district = self.rng.choice(self.districts_with_communes)
            if self.rng.random() < 0.8:  # a commune's petition goes to its district
                commune = self.rng.choice(self.communes[district["id"]])
                return _Plan(kind, state, commune, commune, PetitionLevel.COMMUNE, None, district)
            # a district's petition goes to the province (its office handles it)
            return _Plan(kind, state, district, district, PetitionLevel.DISTRICT, None, self.office)
        roll = self.rng.random()
        if roll < 0.15:
            district = self.rng.choice(self.districts_with_communes)
            commune = self.rng.choice(self.communes[district["id"]])
            return _Plan(kind, state, commune, commune, PetitionLevel.COMMUNE)
        if roll < 0.4:
            district = self.rng.choice(self.districts)
            return _Plan(kind, state, district, district, PetitionLevel.DISTRICT)
        lead = lead or self._lead_unit(kind)
        return _Plan(kind, state, self.office, lead, PetitionLevel.PROVINCE, assignee)

    def _times(self, plan: _Plan) -> None:
        """When the task was created, when its last step was taken, and its explicit deadline.

        Completed tasks are done on time or late, open ones within their deadline or overdue;
        tasks of the three SLA kinds get their deadline from the first sending instead.
        """
        rng, now = self.rng, self.now
        sla = plan.kind in _SLA_KINDS
        if plan.state is S.CREATED:
            plan.created_at = now - timedelta(hours=rng.uniform(1, 70))
            plan.end_at = plan.created_at
            if not sla and rng.random() < 0.85:
                plan.deadline, plan.explicit_deadline = now + rng.uniform(5, 60) * _DAY, True
            return
        if plan.state is S.COMPLETED:
            plan.late = rng.random() < 0.25
            # a live province finished work in every month, the last one included
            age = (8 + 357 * rng.random() ** 1.6) * _DAY
            plan.created_at = now - age
            work = (rng.uniform(9, 40) if plan.late else rng.uniform(1, 6)) * _DAY
            plan.end_at = plan.created_at + min(work, age - _DAY)
            if not sla and rng.random() < 0.85:
                plan.explicit_deadline = True
                if plan.late:
                    plan.deadline = plan.created_at + (plan.end_at - plan.created_at) * rng.uniform(
                        0.3, 0.8
                    )
                else:
                    plan.deadline = plan.end_at + rng.uniform(0.5, 20) * _DAY
            return
        overdue = rng.random() < 0.35
        if overdue:  # a backlog from the whole year, not only the last months
            plan.created_at = now - rng.uniform(25, 300) * _DAY
        else:
            plan.created_at = now - rng.uniform(0.3, 4 if sla else 30) * _DAY
        age = now - plan.created_at
        plan.end_at = plan.created_at + age * rng.uniform(0.5, 0.97)
        if not sla and rng.random() < 0.85:
            plan.explicit_deadline = True
            if overdue:
                plan.deadline = plan.created_at + rng.uniform(5, age / _DAY - 2) * _DAY
            else:
                plan.deadline = now + rng.uniform(1, 45) * _DAY

    # --- directives -------------------------------------------------------------------------

    def directives(self, plans: list[_Plan]) -> None:
        """Group the directive tasks (by creation time) under directive documents."""
        ordered = sorted((p for p in plans if p.kind is K.DIRECTIVE), key=lambda p: p.created_at)
        types = list(DirectiveType)
        start = 0
        while start < len(ordered):
            size = self.rng.randint(1, 7)
            group = ordered[start : start + size]
            start += size
            index = len(self.out.rows["directives"])
            doc_type = types[index] if index < len(types) else self.rng.choice(types)
            received = group[0].created_at - timedelta(hours=self.rng.uniform(1, 30))
            issued = self.calendar.local_date(received) - timedelta(days=self.rng.randint(0, 3))
            self._seq[doc_type, issued.year] += self.rng.randint(1, 9)
            symbol, title = SYMBOLS[doc_type]
            number = f"{self._seq[doc_type, issued.year]}/{symbol}"
            topic = self.rng.choice(TOPICS)
            directive = self._add(
                "directives",
                {
                    "doc_type": doc_type,
                    "number_symbol": number,
                    "issued_on": issued,
                    "issuer": self.rng.choice(ISSUERS),
                    "summary": f"{title} số {number} về {topic}",
                    "office_unit_id": self.office["id"],
                    "received_at": received,
                    "created_at": received,
                    "created_by": self.creator["id"],
                    "attachments": json.dumps(
                        [
                            {
                                "name": f"{fold(number).replace('/', '-')}.pdf",
                                "url": None,
                                "mimeType": "application/pdf",
                                "sizeBytes": self.rng.randint(80_000, 2_000_000),
                            }
                        ],
                        ensure_ascii=False,
                    ),
                    "version": 1,
                },
            )
            for plan in group:
                plan.directive, plan.topic = directive, topic

    # --- tasks ------------------------------------------------------------------------------

    def _content(self, plan: _Plan) -> str:
        rng = self.rng
        place = self._place(plan.lead)
        match plan.kind:
            case K.DIRECTIVE:
                assert plan.directive is not None
                return (
                    f"{rng.choice(DIRECTIVE_VERBS)} {plan.topic} theo "
                    f"văn bản số {plan.directive['number_symbol']}"
                )
            case K.WORK_PROGRAM_ITEM:
                return f"{rng.choice(PROGRAM_ITEMS)} {rng.choice(TOPICS)}"
            case K.PRESS_INCIDENT:
                return f"Báo {rng.choice(PAPERS)} phản ánh {rng.choice(PRESS_ISSUES)} tại {place}"
            case K.CITIZEN_QUESTION:
                return f"Công dân ở {place} hỏi về {rng.choice(QUESTIONS)}"
            case _:
                return f"Cử tri {place} kiến nghị {rng.choice(PETITIONS)}"

    def _place(self, unit: Row) -> str:
        """Where an incident or petition is: "phường Phú Hội, thành phố Huế"."""
        if unit["level_code"] == "COMMUNE":
            return f"{_bare(unit)}, {_bare(self.by_id[unit['parent_id']])}"
        district = unit if unit["level_code"] == "DISTRICT" else self.rng.choice(self.districts)
        communes = self.communes.get(district["id"])
        if communes:
            return f"{_bare(self.rng.choice(communes))}, {_bare(district)}"
        return _bare(district)

    def _actions(self, plan: _Plan) -> list[Action]:
        """The steps from CREATED to the plan's state, with an occasional detour."""
        rng = self.rng
        target = plan.state
        if target is S.CREATED:
            return []
        if target is S.RETURNED:
            return (
                [Action.SEND] + ([Action.RECEIVE] if rng.random() < 0.5 else []) + [Action.RETURN]
            )
        if target is S.ESCALATED:
            return (
                [Action.SEND] + ([Action.RECEIVE] if rng.random() < 0.5 else []) + [Action.ESCALATE]
            )
        if target is S.CANCELLED:
            stop = rng.choice((S.CREATED, S.SENT, S.RECEIVED, S.ASSIGNED, S.IN_PROGRESS))
            upto = 0 if stop is S.CREATED else _CHAIN_STATES.index(stop) + 1
            return [a for _, a in CHAIN[:upto]] + [Action.CANCEL]
        steps = [a for _, a in CHAIN[: _CHAIN_STATES.index(target) + 1]]
        if target is not S.SENT and rng.random() < 0.08:  # returned once, corrected, re-sent
            steps[1:1] = [Action.RETURN, Action.SEND]
        if Action.APPROVE in steps and rng.random() < 0.1:  # draft returned once
            at = steps.index(Action.APPROVE)
            steps[at:at] = [Action.RETURN_DRAFT, Action.SUBMIT_DRAFT]
        return steps

    def _instants(self, plan: _Plan, count: int) -> list[datetime]:
        """`count` increasing instants after creation, the last at the plan's end."""
        if count == 0:
            return []
        span = plan.end_at - plan.created_at
        send_gap = min(timedelta(hours=self.rng.uniform(0.5, 30)), span * 0.3)
        first = plan.created_at + send_gap
        rest = sorted(self.rng.random() for _ in range(count - 1))
        instants = [first] + [first + (plan.end_at - first) * r for r in rest[:-1]]
        if count > 1:
            instants.append(plan.end_at)
        return instants

    def _sla_deadline(self, kind: TaskKind, sent_at: datetime, hard_case: bool) -> datetime | None:
        """deadlines.default_deadline, cached per local day (working days count from it)."""
        key = (kind, self.calendar.local_date(sent_at), hard_case)
        if key not in self._deadline_cache:
            self._deadline_cache[key] = deadlines.default_deadline(
                self.calendar, kind, sent_at, hard_case=hard_case
            )
        return self._deadline_cache[key]

    def _recording_due(self, reply: date) -> datetime:
        if reply not in self._recording_cache:
            self._recording_cache[reply] = deadlines.recording_due(self.calendar, reply)
        return self._recording_cache[reply]

    def task(self, plan: _Plan) -> Row:  # noqa: PLR0912, PLR0915 - one story
        rng = self.rng
        content = plan.escalated_from["content"] if plan.escalated_from else self._content(plan)
        hard = plan.escalated_from["hard_case"] if plan.escalated_from else rng.random() < 0.15
        actions = self._actions(plan)
        instants = self._instants(plan, len(actions))
        row = self._add(
            "tasks",
            {
                "directive_id": plan.directive["id"] if plan.directive else None,
                "kind": plan.kind,
                "content": content,
                "office_unit_id": plan.office["id"],
                "lead_unit_id": plan.lead["id"],
                "created_at": plan.created_at,
                "created_by": self._office_account(plan),
                "state": plan.state,
                "priority": rng.choices(list(Priority), (75, 20, 5))[0],
                "deadline": plan.deadline,
                "period": None,
                "sent_at": None,
                "entry_due": None,
                "entry_late": False,
                "completed_at": None,
                "petition_level": plan.level,
                "hard_case": hard,
                "search_text": fold(content),
                "escalated_from_id": plan.escalated_from["id"] if plan.escalated_from else None,
                "escalated_to_id": None,
                "handling_tenths": None,
                "version": 1,
            },
        )
        if plan.escalated_from:
            row["priority"] = plan.escalated_from["priority"]
        if plan.kind is K.WORK_PROGRAM_ITEM and rng.random() < 0.3:
            row["period"] = rng.choice(list(Period))
        task_id = row["id"]
        # Units: the lead, and some coordinating departments or districts.
        self._add(
            "task_units", {"task_id": task_id, "unit_id": plan.lead["id"], "role": UnitRole.LEAD}
        )
        if plan.office["id"] == self.office["id"]:
            pool = self.departments if rng.random() < 0.7 else self.districts
            for unit in rng.sample(pool, rng.choice((0, 0, 1, 1, 2, 3))):
                if unit["id"] != plan.lead["id"]:
                    self._add(
                        "task_units",
                        {"task_id": task_id, "unit_id": unit["id"], "role": UnitRole.COORDINATING},
                    )
        self._trackers(plan, task_id)
        # Assignees from ASSIGN on: members of the lead unit.
        assignees: list[int] = []
        if Action.ASSIGN in actions:
            # specialists, else deputies: the head assigns, and is not named himself
            head = self.heads[plan.lead["id"]]
            members = [p for p in self.members[plan.lead["id"]] if p != head] or [head]
            staff = [p for p in members if p not in self.leading[plan.lead["id"]]] or members
            lead_specialist = plan.assignee or rng.choice(staff)
            others = [p for p in members if p != lead_specialist]
            assignees = [lead_specialist, *rng.sample(others, min(len(others), rng.randint(0, 2)))]
            for n, person in enumerate(assignees):
                role = (
                    AssigneeRole.LEAD_SPECIALIST if n == 0 else AssigneeRole.COORDINATING_SPECIALIST
                )
                self._add("task_assignees", {"task_id": task_id, "person_id": person, "role": role})
        # Timeline, replaying the transition table.
        state = S.CREATED
        first = "ESCALATED_IN" if plan.escalated_from else "CREATE"
        note = f"escalated from task {plan.escalated_from['id']}" if plan.escalated_from else ""
        actor = self._actor(plan, Action.SEND, assignees)  # the office side
        self._event(task_id, first, None, S.CREATED, plan.created_at, actor, note)
        at_of: dict[Action, datetime] = {}
        progress_window: tuple[datetime, datetime] | None = None
        for n, (action, at) in enumerate(zip(actions, instants, strict=True)):
            if progress_window is not None:
                self._progress(plan, row, progress_window[0], at, assignees, final=False)
                progress_window = None
            target = TRANSITIONS[state, action]
            self._event(
                task_id,
                action.value,
                state,
                target,
                at,
                self._actor(plan, action, assignees),
                NOTES.get(action, ""),
            )
            state = target
            at_of[action] = at
            if action is Action.SEND and row["sent_at"] is None:
                row["sent_at"] = at
                if row["deadline"] is None and plan.kind in _SLA_KINDS:
                    row["deadline"] = self._sla_deadline(plan.kind, at, hard)
            if action is Action.START:
                if n < len(actions) - 1:
                    progress_window = (at, at)
                else:
                    self._progress(plan, row, at, self.now, assignees, final=True)
            if action is Action.ESCALATE:
                assert plan.escalate_to is not None
                self._escalated(plan, row, at)
        assert state is plan.state, (state, plan.state)
        row["version"] = 1 + len(actions)
        if state is S.COMPLETED:
            row["completed_at"] = at_of[Action.CONFIRM]
            start = row["sent_at"] or row["created_at"]
            row["handling_tenths"] = handling_tenths(self.calendar, start, row["completed_at"])
        if Action.SUBMIT_DRAFT in at_of and state in (
            S.DRAFTED,
            S.APPROVED,
            S.REPORTED,
            S.COMPLETED,
        ):
            self._response(plan, row, at_of, assignees)
        return row

    def _office_account(self, plan: _Plan) -> int | None:
        return int(self.creator["id"]) if plan.office["id"] == self.office["id"] else None

    def _actor(self, plan: _Plan, action: Action, assignees: list[int]) -> tuple[int | None, int]:
        """(account id, person id) of whoever takes the step."""
        if action in (Action.START, Action.SUBMIT_DRAFT) and assignees:
            person = assignees[0]
        elif action in (Action.SEND, Action.CONFIRM, Action.REOPEN, Action.CANCEL) or (
            action is Action.ESCALATE and plan.office["id"] != plan.lead["id"]
        ):
            if plan.office["id"] == self.office["id"]:
                return self.creator["id"], self.creator["person_id"]
            person = self.heads[plan.office["id"]]
        else:
            person = self.heads[plan.lead["id"]]
        return self.account_of_person.get(person), person

    def _event(  # noqa: PLR0917 - one column each
        self,
        task_id: int,
        action: str,
        before: TaskState | None,
        after: TaskState,
        at: datetime,
        actor: tuple[int | None, int],
        note: str = "",
    ) -> None:
        self._add(
            "task_events",
            {
                "task_id": task_id,
                "action": action,
                "from_state": before,
                "to_state": after,
                "at": at,
                "actor_account_id": actor[0],
                "actor_person_id": actor[1],
                "note": note,
            },
        )

    def _trackers(self, plan: _Plan, task_id: int) -> None:
        rng = self.rng
        chosen: dict[int, TrackerRole] = {}
        if plan.office["id"] == self.office["id"]:
            specialist = (
                self.creator["person_id"]
                if rng.random() < 0.4
                else rng.choice(self.tracker_specialists)
            )
            chosen[specialist] = TrackerRole.SPECIALIST
            if rng.random() < 0.5 and self.section_leaders:
                chosen.setdefault(rng.choice(self.section_leaders), TrackerRole.SECTION_LEADER)
            roll = rng.random()
            if roll < 0.15 and self.office_leaders:
                chosen.setdefault(rng.choice(self.office_leaders), TrackerRole.OFFICE_LEADER)
            elif roll < 0.22:
                chosen.setdefault(self.chairman, TrackerRole.CHAIRMAN)
            elif roll < 0.4 and self.vice_chairmen:
                chosen.setdefault(rng.choice(self.vice_chairmen), TrackerRole.VICE_CHAIRMAN)
        else:
            staff = [
                p
                for p in self.members[plan.office["id"]]
                if p not in self.leading[plan.office["id"]]
            ]
            if staff:
                chosen[rng.choice(staff)] = TrackerRole.SPECIALIST
        for person, role in chosen.items():
            self._add("task_trackers", {"task_id": task_id, "person_id": person, "role": role})

    def _progress(
        self,
        plan: _Plan,
        row: Row,
        start: datetime,
        stop: datetime,
        assignees: list[int],
        *,
        final: bool,
    ) -> None:
        """Some tasks report progress while in progress; some ask for more time."""
        rng = self.rng
        if rng.random() >= 0.3 or stop - start < 2 * _HOUR:
            return
        author = self.account_of_person.get(assignees[0]) if assignees else None
        person = assignees[0] if assignees else self.heads[plan.lead["id"]]
        count = rng.randint(1, 2)
        marks = sorted(rng.uniform(0.1, 0.8) for _ in range(count))
        for n, mark in enumerate(marks):
            at = start + (stop - start) * mark
            if at >= self.now:
                return
            deadline = row["deadline"]
            extension = deadline is not None and rng.random() < 0.45
            until = decision = decided = None
            if extension:
                until = max(at, deadline) + rng.uniform(5, 30) * _DAY
                until = until.replace(microsecond=0)
                pending = final and n == count - 1 and rng.random() < 0.4
                if not pending:
                    decided = at + (stop - at) * rng.uniform(0.2, 0.9)
                    decision = GRANTED if rng.random() < 0.6 else REFUSED
            self._add(
                "task_progress",
                {
                    "task_id": row["id"],
                    "content": rng.choice(PROGRESS_NOTES),
                    "at": at,
                    "author_account_id": author,
                    "delay_reason": (
                        "Cần thêm thời gian phối hợp với các đơn vị liên quan"
                        if extension
                        else None
                    ),
                    "proposals": (
                        "Đề nghị UBND tỉnh cho gia hạn thời gian thực hiện" if extension else None
                    ),
                    "extension_until": until,
                    "extension_decision": decision,
                    "decided_at": decided,
                },
            )
            self._event(row["id"], "PROGRESS", S.IN_PROGRESS, S.IN_PROGRESS, at, (author, person))
            if decided is not None:
                tracker = self.creator["person_id"]
                self._event(
                    row["id"],
                    "EXTENSION_GRANTED" if decision == GRANTED else "EXTENSION_REFUSED",
                    S.IN_PROGRESS,
                    S.IN_PROGRESS,
                    decided,
                    (self.creator["id"], tracker),
                    "Đồng ý gia hạn" if decision == GRANTED else "Không đồng ý gia hạn",
                )
                if decision == GRANTED:
                    row["deadline"] = until
                start = decided  # the next report comes after the decision

    def _response(
        self, plan: _Plan, row: Row, at_of: dict[Action, datetime], assignees: list[int]
    ) -> None:
        drafted = at_of[Action.SUBMIT_DRAFT]
        response: Row = {
            "task_id": row["id"],
            "content": self.rng.choice(RESULTS).format(what=row["content"]),
            "drafted_at": drafted,
            "drafted_by": self.account_of_person.get(assignees[0]) if assignees else None,
            "approved_at": None,
            "approved_by": None,
            "reply_number": None,
            "reply_date": None,
            "recorded_at": None,
            "recorded_late": False,
        }
        head = self.heads[plan.lead["id"]]
        if Action.APPROVE in at_of:
            response["approved_at"] = at_of[Action.APPROVE]
            response["approved_by"] = self.account_of_person.get(head)
        if Action.REPORT in at_of:
            reported = at_of[Action.REPORT]
            approved_day = self.calendar.local_date(at_of[Action.APPROVE])
            reply = self.calendar.local_date(reported) - timedelta(
                days=self.rng.choice((0, 0, 0, 1, 2, 5))
            )
            reply = max(reply, approved_day)
            response["reply_number"] = f"{self.rng.randint(10, 2999)}/{plan.lead['code'][:20]}"
            response["reply_date"] = reply
            response["recorded_at"] = reported
            response["recorded_late"] = reported > self._recording_due(reply)
        self._add("task_responses", response)

    def _escalated(self, plan: _Plan, lower: Row, at: datetime) -> None:
        """The petition's new task at the level above, with its own story from `at` on."""
        assert plan.escalate_to is not None
        assert plan.level is not None
        upper_level = (
            PetitionLevel.DISTRICT
            if plan.level is PetitionLevel.COMMUNE
            else PetitionLevel.PROVINCE
        )
        state = self.rng.choice(
            (S.CREATED, S.SENT, S.RECEIVED, S.ASSIGNED, S.IN_PROGRESS, S.DRAFTED, S.COMPLETED)
        )
        upper = _Plan(
            K.VOTER_PETITION,
            state,
            plan.escalate_to,
            plan.escalate_to,
            upper_level,
            escalated_from=lower,
        )
        upper.created_at = at
        room = self.now - at
        if state is S.CREATED:
            upper.end_at = at
        else:
            upper.end_at = at + room * self.rng.uniform(0.3, 0.95)
        self._pending.append(upper)

    _pending: list[_Plan]

    def build(self, count: int) -> DemoTasks:
        plans = self.plans(count)
        for plan in plans:
            self._times(plan)
        self.directives(plans)
        self._pending = []
        for plan in plans:
            self.task(plan)
            while self._pending:  # an escalated petition's task at the level above
                self.task(self._pending.pop(0))
        # Entry deadlines: per directive, 2 working days when it holds many tasks or units.
        entry_due: dict[int, datetime] = {}
        units_of: dict[int, set[int]] = defaultdict(set)
        for unit in self.out.rows["task_units"]:
            units_of[unit["task_id"]].add(unit["unit_id"])
        tasks_by_directive: dict[int, list[Row]] = defaultdict(list)
        for task in self.out.rows["tasks"]:
            if task["directive_id"] is not None:
                tasks_by_directive[task["directive_id"]].append(task)
        received = {d["id"]: d["received_at"] for d in self.out.rows["directives"]}
        for directive_id, rows in tasks_by_directive.items():
            units = set().union(*(units_of[t["id"]] for t in rows))
            entry_due[directive_id] = deadlines.entry_due(
                self.calendar, received[directive_id], tasks=len(rows), units=len(units)
            )
            for task in rows:
                task["entry_due"] = entry_due[directive_id]
                task["entry_late"] = (
                    task["sent_at"] is not None and task["sent_at"] > entry_due[directive_id]
                )
        return self.out


def _bare(unit: Row) -> str:
    """A committee's place name: "Ủy ban nhân dân phường Phú Hội" -> "phường Phú Hội"."""
    return str(unit["name"]).removeprefix("Ủy ban nhân dân ")


def build_demo_tasks(
    demo: DemoData, *, scale: int, now: datetime, bases: dict[str, int] | None = None
) -> DemoTasks:
    """The task rows for a built demo province (same scale and `now`: same rows)."""
    builder = _TaskBuilder(demo, scale=scale, now=now, bases=bases or {})
    return builder.build(task_count(scale))


async def load_demo_tasks(
    conn: AsyncConnection,
    demo: DemoData,
    *,
    scale: int,
    now: datetime,
    echo: Callable[[str], None],
    steps: Steps | None = None,
) -> DemoTasks:
    """Build and insert the demo tasks in the loader's transaction (after the directory)."""
    steps = steps or Steps(quiet=True)
    started = time.perf_counter()
    bases = {}
    for name in TASK_TABLES:
        table = tables.metadata.tables[name]
        found = (await conn.execute(select(func.max(table.c.id)))).scalar_one()
        bases[name] = int(found or 0) + 1
    with steps.step(f"Building the demo tasks ({task_count(scale):,})"):
        built = build_demo_tasks(demo, scale=scale, now=now, bases=bases)
    total = sum(len(built.rows[name]) for name in TASK_TABLES)
    with steps.step("Inserting the tasks (rows)", total) as advance:
        for name in TASK_TABLES:
            rows = built.rows[name]
            table = tables.metadata.tables[name]
            for start in range(0, len(rows), CHUNK):
                await conn.execute(table.insert(), rows[start : start + CHUNK])
                advance(len(rows[start : start + CHUNK]))
    if conn.dialect.name == "postgresql":
        for name in TASK_TABLES:
            # Explicit ids leave the sequences behind; later inserts must not collide.
            await conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                    f"GREATEST((SELECT max(id) FROM {name}), 1))"
                )
            )
            await conn.execute(text(f"ANALYZE {name}"))
    with steps.step("Task statistics", len(built.rows["tasks"])) as advance:
        await conn.run_sync(stats_rollup.rebuild, DEFAULT_TIMEZONE, 1_000, advance)
    echo(f"Demo tasks: {len(built.rows['tasks']):,} in {time.perf_counter() - started:.1f} s.")
    return built
