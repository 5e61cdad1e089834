"""A province with the task chain's people and accounts, and a GraphQL client per person.

On top of tests.factories.build_province: an office specialist who creates tasks in the
Provincial Office (hoa), its chief overseeing the province (long), two specialists (giang,
hai) and a deputy director (khanh, a second LEADER) of the Department of Home Affairs, the
department's unit account (snv), and the task creators of Huế city (minh, district level)
and of Phú Hội ward (binh, commune level). Existing: an (LEADER of SNV), cuong (OVERSEER
of Huế), dung (no role, Huế's economy office), admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from domain.accounts import services as accounts
from domain.accounts.commands import CreateAccount, GrantRole
from domain.accounts.model import AccountKind, Role
from domain.clock import FixedClock
from domain.people.commands import CreatePerson
from domain.people.fields import PersonInfo
from domain.people.model import Gender
from domain.people.services import create_person
from domain.tasks.workflow import Action
from govgraph.container import Container
from tests.callers import caller
from tests.factories import PASSWORD, SYSTEM, Api, Province, _system_editor, build_province, gid

VN = ZoneInfo("Asia/Ho_Chi_Minh")

PEOPLE = [
    # key, unit, name, position
    ("hoa", "VP", "Ngô Thị Hoa", "Chuyên viên theo dõi nhiệm vụ"),
    ("long", "VP", "Phan Thanh Long", "Chánh Văn phòng"),
    ("giang", "SNV", "Võ Thị Giang", "Chuyên viên"),
    ("hai", "SNV", "Đặng Văn Hải", "Chuyên viên"),
    ("khanh", "SNV", "Lý Quốc Khánh", "Phó Giám đốc Sở"),
    ("minh", "HUE", "Trương Công Minh", "Chuyên viên Văn phòng"),
]

# key, login, kind, person key, unit, [(role, unit, subtree)]
ACCOUNTS: list[tuple[str, str, AccountKind, str | None, str, list[tuple[Role, str, bool]]]] = [
    ("hoa", "hoa.vp", AccountKind.PERSONAL, "hoa", "VP", [(Role.TASK_CREATOR, "VP", False)]),
    ("long", "long.vp", AccountKind.PERSONAL, "long", "VP", [(Role.OVERSEER, "PROV", True)]),
    ("giang", "giang.snv", AccountKind.PERSONAL, "giang", "SNV", []),
    ("hai", "hai.snv", AccountKind.PERSONAL, "hai", "SNV", []),
    ("khanh", "khanh.snv", AccountKind.PERSONAL, "khanh", "SNV", [(Role.LEADER, "SNV", False)]),
    ("snv", "snv@hue.gov.vn", AccountKind.UNIT, None, "SNV", []),
    ("minh", "minh.hue", AccountKind.PERSONAL, "minh", "HUE", [(Role.TASK_CREATOR, "HUE", True)]),
    (
        "binh",
        "binh.phuhoi",
        AccountKind.PERSONAL,
        "binh",
        "HUE-PHUHOI",
        [(Role.TASK_CREATOR, "HUE-PHUHOI", False)],
    ),
]

LOGINS = {
    "admin": "admin@hue.gov.vn",
    "an": "an.nv",
    "cuong": "cuong.lv",
    "dung": "dung.pt",
    **{key: login for key, login, *_ in ACCOUNTS},
}

TASK = """
id kind content state version deadline statusClass sentAt entryDue entryLate completedAt
petitionLevel hardCase availableActions
"""

ERRORS = "errors { code field message }"

CREATE_DIRECTIVE = f"""
mutation CreateDirective($input: CreateDirectiveInput!) {{
  createDirective(input: $input) {{
    directive {{ id docType numberSymbol issuedOn receivedAt version
      attachments {{ name url mimeType sizeBytes }} officeUnit {{ code }} }}
    {ERRORS}
  }}
}}
"""

CREATE_TASK = f"""
mutation CreateTask($input: CreateTaskInput!) {{
  createTask(input: $input) {{ task {{ {TASK} }} {ERRORS} }}
}}
"""


@dataclass(frozen=True)
class StepDoc:
    """How one action is sent: the mutation, its extra arguments, who takes it by default."""

    mutation: str
    declare: str
    pass_on: str
    actor: str

    def document(self) -> str:
        return f"""
mutation Step($id: ID!, $version: Int{self.declare}) {{
  {self.mutation}(id: $id, version: $version{self.pass_on}) {{ task {{ {TASK} }} {ERRORS} }}
}}
"""


REASON = StepDoc("", ", $reason: String!", ", reason: $reason", "")

STEPS: dict[Action, StepDoc] = {
    Action.SEND: StepDoc("sendTask", ", $note: String", ", note: $note", "hoa"),
    Action.RECEIVE: StepDoc("receiveTask", ", $note: String", ", note: $note", "an"),
    Action.RETURN: StepDoc("returnTask", REASON.declare, REASON.pass_on, "an"),
    Action.ASSIGN: StepDoc(
        "assignTask",
        ", $lead: ID!, $coordinating: [ID!]",
        ", leadSpecialistId: $lead, coordinatingSpecialistIds: $coordinating",
        "an",
    ),
    Action.START: StepDoc("startTask", ", $note: String", ", note: $note", "giang"),
    Action.SUBMIT_DRAFT: StepDoc(
        "submitTaskDraft", ", $content: String!", ", content: $content", "giang"
    ),
    Action.APPROVE: StepDoc(
        "approveTask", ", $content: String, $note: String", ", content: $content, note: $note", "an"
    ),
    Action.RETURN_DRAFT: StepDoc("returnTaskDraft", REASON.declare, REASON.pass_on, "an"),
    Action.REPORT: StepDoc(
        "reportTask",
        ", $replyNumber: String!, $replyDate: Date!, $content: String",
        ", replyNumber: $replyNumber, replyDate: $replyDate, content: $content",
        "an",
    ),
    Action.CONFIRM: StepDoc("confirmTask", ", $note: String", ", note: $note", "hoa"),
    Action.REOPEN: StepDoc("reopenTask", REASON.declare, REASON.pass_on, "hoa"),
    Action.CANCEL: StepDoc("cancelTask", REASON.declare, REASON.pass_on, "hoa"),
    Action.ESCALATE: StepDoc(
        "escalateTask",
        ", $reason: String, $toUnitId: ID",
        ", reason: $reason, toUnitId: $toUnitId",
        "binh",
    ),
}

# The happy path, and the actions that lead from CREATED to each state.
HAPPY = [
    Action.SEND,
    Action.RECEIVE,
    Action.ASSIGN,
    Action.START,
    Action.SUBMIT_DRAFT,
    Action.APPROVE,
    Action.REPORT,
    Action.CONFIRM,
]


def vn(*args: int) -> datetime:
    """A local (Hà Nội time) instant."""
    return datetime(*args, tzinfo=VN)  # type: ignore[misc]


def iso(instant: datetime) -> str:
    """How the API prints an instant (UTC)."""
    return instant.astimezone(UTC).isoformat()


def codes(payload: dict[str, Any]) -> list[str]:
    return [e["code"] for e in payload["errors"]]


@dataclass
class TaskWorld:
    """Ids, a clock, and one signed-in GraphQL client per person."""

    container: Container
    clock: FixedClock
    client: httpx.AsyncClient
    province: Province
    people: dict[str, int] = field(default_factory=dict)
    accounts: dict[str, int] = field(default_factory=dict)
    _clients: dict[str, tuple[Api, datetime]] = field(default_factory=dict)

    def unit(self, code: str) -> str:
        return gid("OrgUnit", self.province.units[code])

    def person(self, key: str) -> str:
        return gid("Person", self.people[key])

    def today(self) -> date:
        return self.clock.now().astimezone(VN).date()

    async def as_(self, key: str) -> Api:
        """A client signed in as `key` (signed in again when its token may have expired)."""
        known = self._clients.get(key)
        now = self.clock.now()
        if known is not None and timedelta(0) <= now - known[1] < timedelta(hours=10):
            return known[0]
        api = Api(self.client)
        login = await api.login(LOGINS[key])
        assert login["errors"] == [], login
        assert not login["mustChangePassword"], login
        self._clients[key] = (api, now)
        return api

    async def data(self, key: str, query: str, variables: dict[str, Any] | None = None) -> Any:
        return await (await self.as_(key)).data(query, variables)

    async def mutate(
        self, key: str, query: str, variables: dict[str, Any], name: str
    ) -> dict[str, Any]:
        payload: dict[str, Any] = (await self.data(key, query, variables))[name]
        return payload

    async def create_task(self, key: str = "hoa", **fields: Any) -> dict[str, Any]:
        """createTask with defaults: a press incident of the Office for SNV."""
        values = {
            "kind": "PRESS_INCIDENT",
            "content": "Báo Thừa Thiên Huế phản ánh tình trạng ngập úng",
            "officeUnitId": self.unit("VP"),
            "leadUnitId": self.unit("SNV"),
        } | fields
        return await self.mutate(key, CREATE_TASK, {"input": values}, "createTask")

    async def new_task(self, key: str = "hoa", **fields: Any) -> dict[str, Any]:
        """A created task, or fail."""
        payload = await self.create_task(key, **fields)
        assert payload["errors"] == [], payload
        task: dict[str, Any] = payload["task"]
        return task

    def step_variables(self, action: Action) -> dict[str, Any]:
        """Valid arguments for an action."""
        return {
            Action.RETURN: {"reason": "Không thuộc thẩm quyền của Sở"},
            Action.RETURN_DRAFT: {"reason": "Bổ sung số liệu"},
            Action.REOPEN: {"reason": "Kết quả chưa đạt yêu cầu"},
            Action.CANCEL: {"reason": "Văn bản chỉ đạo bị thu hồi"},
            Action.ESCALATE: {"reason": "Vượt thẩm quyền cấp xã"},
            Action.ASSIGN: {"lead": self.person("giang"), "coordinating": [self.person("hai")]},
            Action.SUBMIT_DRAFT: {"content": "Dự thảo báo cáo kết quả xử lý"},
            Action.REPORT: {"replyNumber": "45/SNV-VP", "replyDate": self.today().isoformat()},
        }.get(action, {})

    async def step(
        self,
        task_id: str,
        action: Action,
        *,
        by: str | None = None,
        version: int | None = None,
        **variables: Any,
    ) -> dict[str, Any]:
        """Send one action as `by` (default: the side that normally takes it)."""
        doc = STEPS[action]
        values = {"id": task_id, "version": version} | self.step_variables(action) | variables
        return await self.mutate(by or doc.actor, doc.document(), values, doc.mutation)

    async def advance(self, task_id: str, actions: list[Action]) -> dict[str, Any]:
        """Take each action with its usual actor; every one must succeed."""
        task: dict[str, Any] = {}
        for action in actions:
            payload = await self.step(task_id, action)
            assert payload["errors"] == [], (action, payload)
            task = payload["task"]
        return task


async def build_task_world(
    container: Container, client: httpx.AsyncClient, clock: FixedClock
) -> TaskWorld:
    """build_province, plus the people and accounts of the task chain (at the clock's time)."""
    province = await build_province(container)
    world = TaskWorld(container=container, clock=clock, client=client, province=province)
    world.people.update(province.people)
    world.accounts.update(province.accounts)
    editor = _system_editor(province)
    now = clock.now()
    async with container.uow() as uow:
        for key, unit_code, name, position in PEOPLE:
            person = await create_person(
                uow,
                caller(editor, now),
                CreatePerson(
                    unit_id=province.units[unit_code],
                    info=PersonInfo(full_name=name, gender=Gender.FEMALE, position=position),
                ),
            )
            world.people[key] = person.id
        for key, login, kind, person_key, unit_code, roles in ACCOUNTS:
            account = await accounts.create_account(
                uow,
                caller(SYSTEM, now),
                CreateAccount(
                    config=container.auth,
                    login_name=login,
                    kind=kind,
                    password=PASSWORD,
                    person_id=world.people[person_key] if person_key else None,
                    unit_id=province.units[unit_code],
                    system=True,
                ),
            )
            account.must_change_password = False
            world.accounts[key] = account.id
            for role, on, subtree in roles:
                await accounts.grant_role(
                    uow,
                    caller(SYSTEM, now),
                    GrantRole(
                        account_id=account.id,
                        role=role,
                        unit_id=province.units[on],
                        include_subtree=subtree,
                        system=True,
                    ),
                )
        await uow.commit()
    return world
