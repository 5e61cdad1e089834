"""A small province built through govgraph's own use cases, for integration and API tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import httpx

from domain.accounts import services as accounts
from domain.accounts.commands import CreateAccount, GrantRole
from domain.accounts.model import AccountKind, Role
from domain.org.commands import CreateUnit, NewUnit
from domain.org.fields import UnitInfo
from domain.org.model import LeaderRank, UnitKind
from domain.org.services import create_unit
from domain.people.commands import AppointLeader, CreatePerson
from domain.people.fields import PersonInfo
from domain.people.model import Gender
from domain.people.services import appoint_leader, create_person
from domain.permissions import ANONYMOUS
from govgraph.container import Container
from tests.callers import caller

PASSWORD = "Hue-Province-2026!"
SYSTEM = ANONYMOUS
ON_THE_DAY = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
"""An instant of 2026-11-20 in the province: the day the people of the province joined."""


@dataclass
class Province:
    """Ids of what build_province made."""

    units: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)
    accounts: dict[str, int] = field(default_factory=dict)


UNITS = [
    # code, parent code, level, name
    ("PROV", None, "PROVINCE", "Ủy ban nhân dân tỉnh Thừa Thiên Huế"),
    ("VP", "PROV", "DEPARTMENT", "Văn phòng UBND tỉnh"),
    ("SNV", "PROV", "DEPARTMENT", "Sở Nội vụ"),
    ("SNV-TCCB", "SNV", "OFFICE", "Phòng Tổ chức cán bộ"),
    ("HUE", "PROV", "DISTRICT", "Ủy ban nhân dân thành phố Huế"),
    ("HUE-PKT", "HUE", "OFFICE", "Phòng Kinh tế"),
    ("HUE-PHUHOI", "HUE", "COMMUNE", "Ủy ban nhân dân phường Phú Hội"),
    ("PD", "PROV", "DISTRICT", "Ủy ban nhân dân huyện Phong Điền"),
    ("PD-PHONGTHU", "PD", "COMMUNE", "Ủy ban nhân dân xã Phong Thu"),
]

PEOPLE = [
    # key, unit, name, gender, birth
    ("an", "SNV", "Nguyễn Văn An", Gender.MALE, date(1975, 3, 14)),
    ("binh", "HUE-PHUHOI", "Trần Thị Bình", Gender.FEMALE, date(1988, 11, 20)),
    ("cuong", "HUE", "Lê Văn Cường", Gender.MALE, date(1980, 6, 1)),
    ("dung", "HUE-PKT", "Phạm Thị Dung", Gender.FEMALE, date(1992, 1, 9)),
    ("em", "PD", "Hoàng Văn Em", Gender.MALE, date(1969, 8, 30)),
]

# key, login, kind, person key, unit, [(role, unit, subtree)]
ACCOUNTS: list[tuple[str, str, AccountKind, str | None, str, list[tuple[Role, str, bool]]]] = [
    ("admin", "admin@hue.gov.vn", AccountKind.UNIT, None, "PROV", [(Role.ADMIN, "PROV", True)]),
    (
        "editor",
        "editor@hue.gov.vn",
        AccountKind.UNIT,
        None,
        "VP",
        [(Role.DIRECTORY_EDITOR, "PROV", False)],
    ),
    (
        "hue_editor",
        "editor@huecity.gov.vn",
        AccountKind.UNIT,
        None,
        "HUE",
        [(Role.DIRECTORY_EDITOR, "HUE", False)],
    ),
    ("an", "an.nv", AccountKind.PERSONAL, "an", "SNV", [(Role.LEADER, "SNV", False)]),
    ("cuong", "cuong.lv", AccountKind.PERSONAL, "cuong", "HUE", [(Role.OVERSEER, "HUE", True)]),
    ("dung", "dung.pt", AccountKind.PERSONAL, "dung", "HUE-PKT", []),
    ("phuhoi", "phuhoi@huecity.gov.vn", AccountKind.UNIT, None, "HUE-PHUHOI", []),
]


async def build_province(container: Container) -> Province:
    """Units, people, a leader and accounts for every kind of principal."""
    made = Province()
    now = container.clock.now()
    async with container.uow() as uow:
        for code, parent, level, name in UNITS:
            unit = await create_unit(
                uow,
                caller(SYSTEM, now),
                CreateUnit(
                    parent_id=made.units[parent] if parent else None,
                    new=NewUnit(
                        code, level, UnitKind.GOVERNMENT, UnitInfo(name=name, phone="0234 3822 123")
                    ),
                    effective=date(2020, 1, 1),
                    system=True,
                ),
            )
            made.units[code] = unit.id
        editor = _system_editor(made)
        for key, unit_code, name, gender, born in PEOPLE:
            person = await create_person(
                uow,
                caller(editor, ON_THE_DAY),
                CreatePerson(
                    unit_id=made.units[unit_code],
                    info=PersonInfo(
                        full_name=name,
                        gender=gender,
                        date_of_birth=born,
                        home_address=f"12 Lê Lợi, Huế ({key})",
                        personal_phone="0905 123 456",
                        work_phone="0234 3822 001",
                        email=f"{key}@hue.gov.vn",
                        civil_servant_code=f"CC-{key.upper()}",
                        position="Chuyên viên",
                    ),
                ),
            )
            made.people[key] = person.id
        await appoint_leader(
            uow,
            caller(editor, now),
            AppointLeader(
                unit_id=made.units["SNV"],
                person_id=made.people["an"],
                title="Giám đốc Sở",
                rank=LeaderRank.HEAD,
                effective=date(2021, 1, 1),
            ),
        )
        for key, login, kind, person_key, unit_code, roles in ACCOUNTS:
            account = await accounts.create_account(
                uow,
                caller(SYSTEM, now),
                CreateAccount(
                    config=container.auth,
                    login_name=login,
                    kind=kind,
                    password=PASSWORD,
                    person_id=made.people[person_key] if person_key else None,
                    unit_id=made.units[unit_code],
                    system=True,
                ),
            )
            if key != "phuhoi":
                account.must_change_password = False
            made.accounts[key] = account.id
            for role, on, subtree in roles:
                await accounts.grant_role(
                    uow,
                    caller(SYSTEM, now),
                    GrantRole(
                        account_id=account.id,
                        role=role,
                        unit_id=made.units[on],
                        include_subtree=subtree,
                        system=True,
                    ),
                )
        await uow.commit()
    return made


def _system_editor(made: Province) -> Any:
    from domain.permissions import Grant, Principal, PrincipalKind

    return Principal(
        kind=PrincipalKind.STAFF,
        account_id=0,
        grants=(Grant(Role.ADMIN, f"/{made.units['PROV']}/", True),),
    )


LOGIN = """
mutation Login($login: String!, $password: String!) {
  login(login: $login, password: $password) {
    token mustChangePassword errors { code message }
  }
}
"""


class Api:
    """A GraphQL client over the ASGI app, remembering one token."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.token: str | None = None

    async def login(self, login: str, password: str = PASSWORD) -> dict[str, Any]:
        result = await self.post(LOGIN, {"login": login, "password": password})
        payload: dict[str, Any] = result["data"]["login"]
        self.token = payload["token"]
        return payload

    async def post(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Accept": "application/json"}
        bearer = token or self.token
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The data of a query that must not fail."""
        body = await self.post(query, variables)
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]
        return result


def gid(type_name: str, pk: int) -> str:
    """A global id."""
    from strawberry.relay import GlobalID

    return str(GlobalID(type_name, str(pk)))
