"""A province with the field reports' people, accounts, catalog and commune points.

On top of tests.factories.build_province: an IOC unit with an operator (ioc, IOC_OPERATOR over
the province), the Department of Home Affairs (SNV) as the default agency of LIGHTING with its
leader an (LEADER), a second leader khanh and a handler giang (member, no role); Huế's economy
office (HUE-PKT, dung) for FIRE (urgent); the Provincial Office (VP) as coordinating agency
(coord, COORDINATOR) for LAND (sensitive); a citizen account (citizen).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.accounts import services as accounts
from domain.accounts.commands import CreateAccount, GrantRole
from domain.accounts.model import AccountKind, Role
from domain.org.commands import CreateUnit, NewUnit
from domain.org.fields import UnitInfo
from domain.org.model import UnitKind
from domain.org.services import create_unit
from domain.people.commands import CreatePerson
from domain.people.fields import PersonInfo
from domain.people.model import Gender
from domain.people.services import create_person
from domain.reflections.model import Category, CategoryAgency, CommunePoint
from govgraph.container import Container
from tests.callers import caller
from tests.factories import PASSWORD, SYSTEM, Api, Province, _system_editor, build_province, gid

PHU_HOI = (16.4640, 107.5950)

PEOPLE = [("ioc", "IOC"), ("khanh", "SNV"), ("giang", "SNV"), ("coord", "VP")]
ACCOUNTS: list[tuple[str, str, AccountKind, str | None, str, list[tuple[Role, str, bool]]]] = [
    ("ioc", "ioc.op", AccountKind.PERSONAL, "ioc", "IOC", [(Role.IOC_OPERATOR, "PROV", True)]),
    ("khanh", "khanh.snv", AccountKind.PERSONAL, "khanh", "SNV", [(Role.LEADER, "SNV", False)]),
    ("giang", "giang.snv", AccountKind.PERSONAL, "giang", "SNV", []),
    ("coord", "coord.vp", AccountKind.PERSONAL, "coord", "VP", [(Role.COORDINATOR, "VP", False)]),
    ("citizen", "dan@example.vn", AccountKind.CITIZEN, None, "HUE-PHUHOI", []),
]
LOGINS = {"an": "an.nv", "dung": "dung.pt", "cuong": "cuong.lv", "admin": "admin@hue.gov.vn"}
LOGINS.update({key: login for key, login, *_ in ACCOUNTS})


@dataclass
class ReflectionWorld:
    """Ids of the province and a GraphQL client per login."""

    made: Province
    api: Api
    categories: dict[str, int] = field(default_factory=dict)

    def unit(self, code: str) -> str:
        return gid("OrgUnit", self.made.units[code])

    def category(self, code: str) -> str:
        return gid("ReflectionCategory", self.categories[code])

    async def as_(self, key: str | None) -> Api:
        """The client signed in as `key` (None: signed out)."""
        self.api.token = None
        if key is not None:
            await self.api.login(LOGINS[key], PASSWORD)
        return self.api


async def build_reflection_world(container: Container, api: Api) -> ReflectionWorld:
    made = await build_province(container)
    now = container.clock.now()
    async with container.uow() as uow:
        ioc = await create_unit(
            uow,
            caller(SYSTEM, now),
            CreateUnit(
                parent_id=made.units["PROV"],
                new=NewUnit("IOC", "DEPARTMENT", UnitKind.IOC, UnitInfo(name="Trung tâm IOC")),
                effective=datetime(2020, 1, 1).date(),
                system=True,
            ),
        )
        made.units["IOC"] = ioc.id
        editor = _system_editor(made)
        for key, unit in PEOPLE:
            person = await create_person(
                uow,
                caller(editor, now),
                CreatePerson(
                    unit_id=made.units[unit],
                    info=PersonInfo(full_name=f"Cán bộ {key}", gender=Gender.OTHER),
                ),
            )
            made.people[key] = person.id
        for key, login, kind, person_key, unit, roles in ACCOUNTS:
            account = await accounts.create_account(
                uow,
                caller(SYSTEM, now),
                CreateAccount(
                    config=container.auth,
                    login_name=login,
                    kind=kind,
                    password=PASSWORD,
                    person_id=made.people[person_key] if person_key else None,
                    unit_id=made.units[unit],
                    system=True,
                ),
            )
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
        repo: Any = uow.reflections  # type: ignore[attr-defined]
        await repo.add_commune_point(CommunePoint(made.units["HUE-PHUHOI"], *PHU_HOI))
        await repo.add_commune_point(CommunePoint(made.units["PD-PHONGTHU"], 16.6200, 107.3300))
        world = ReflectionWorld(made, api)
        for code, urgent, sensitive, agency in (
            ("LIGHTING", False, False, "SNV"),
            ("FIRE", True, False, "HUE-PKT"),
            ("LAND", False, True, "SNV"),
        ):
            category = await repo.add_category(
                Category(code, code.title(), urgent=urgent, sensitive=sensitive)
            )
            world.categories[code] = category.id
            await repo.add_category_agency(CategoryAgency(category.id, made.units[agency]))
        await uow.commit()
    return world


def report_input(world: ReflectionWorld, **changes: Any) -> dict[str, Any]:
    """A valid submission, with changes."""
    value: dict[str, Any] = {
        "content": "Đèn đường hỏng cả tuần nay ở đường Nguyễn Huệ, rất tối về đêm",
        "occurredAt": "2026-11-20T08:00:00+07:00",
        "latitude": PHU_HOI[0],
        "longitude": PHU_HOI[1],
        "address": "12 Nguyễn Huệ, Phú Hội, Huế",
        "reporterName": "Trần Văn Dân",
        "reporterPhone": "0905 111 222",
        "reporterEmail": "dan@example.vn",
        "categoryId": world.category("LIGHTING"),
    }
    value.update(changes)
    return value


ERRORS = "errors { code field message }"
REFLECTION = """
id state version content address priority publishedAt result rating stepDue overdue
reporterName reporterPhone reporterEmail consentContact secrecyRequested isPublic
commune { code } category { code }
timeline { action agency { code } step dueAt breached note }
"""
SUBMIT = f"""
mutation Submit($input: SubmitReflectionInput!) {{
  submitReflection(input: $input) {{ trackingCode reflection {{ {REFLECTION} }} {ERRORS} }}
}}
"""


def step_mutation(name: str, args: str = "", params: str = "") -> str:
    """The document of one step mutation."""
    return f"""
mutation Step($id: ID!, $version: Int{params}) {{
  {name}(id: $id, version: $version{args}) {{ reflection {{ {REFLECTION} }} {ERRORS} }}
}}
"""


async def submit(world: ReflectionWorld, key: str | None = None, **changes: Any) -> dict[str, Any]:
    """Submit as `key` (None: anonymous); the payload."""
    api = await world.as_(key)
    body = await api.post(SUBMIT, {"input": report_input(world, **changes)})
    payload: dict[str, Any] = body["data"]["submitReflection"]
    return payload


async def step(
    world: ReflectionWorld,
    key: str,
    name: str,
    reflection: dict[str, Any],
    *,
    args: str = "",
    params: str = "",
    **variables: Any,
) -> dict[str, Any]:
    """Take one step as `key` on the report as last read; the payload."""
    api = await world.as_(key)
    body = await api.post(
        step_mutation(name, args, params),
        {"id": reflection["id"], "version": reflection.get("version"), **variables},
    )
    assert "errors" not in body, body["errors"]
    payload: dict[str, Any] = body["data"][name]
    return payload
