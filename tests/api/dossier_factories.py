"""A one-stop desk and its agency, procedures, applicants and uploads, for the dossiers' API
tests (on top of tests.factories' province and the catalog's factories)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.accounts import services as accounts
from domain.accounts.commands import CreateAccount, GrantRole
from domain.accounts.model import AccountKind, Role
from domain.people.commands import CreatePerson
from domain.people.fields import PersonInfo
from domain.people.model import Gender
from domain.people.services import create_person
from govgraph.container import Container
from tests.api.catalog_factories import active_applicant, create_procedure
from tests.callers import caller
from tests.factories import ON_THE_DAY, PASSWORD, SYSTEM, Api, Province, _system_editor, gid

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0" + bytes(60)

# key, login, unit, person name (None: an existing person of the province), roles
STAFF: list[tuple[str, str, str, str | None, list[tuple[Role, str]]]] = [
    (  # at a commune the desk also registers results (002 Annex)
        "desk",
        "motcua.phuhoi",
        "HUE-PHUHOI",
        "Võ Thị Mai",
        [(Role.RECEPTION_DESK, "HUE-PHUHOI"), (Role.CLERK, "HUE-PHUHOI")],
    ),
    ("leader", "chutich.phuhoi", "HUE-PHUHOI", "Đặng Văn Long", [(Role.LEADER, "HUE-PHUHOI")]),
    ("clerk", "vanthu.phuhoi", "HUE-PHUHOI", "Lý Thị Thu", [(Role.CLERK, "HUE-PHUHOI")]),
    ("spec", "tuphap.phuhoi", "HUE-PHUHOI", "Ngô Văn Tư", [(Role.SPECIALIST, "HUE-PHUHOI")]),
    ("spec2", "hotich.phuhoi", "HUE-PHUHOI", "Trương Thị Hạnh", [(Role.SPECIALIST, "HUE-PHUHOI")]),
    (
        "pkt",
        "truongphong.pkt",
        "HUE-PKT",
        "Mai Văn Kiên",
        [(Role.LEADER, "HUE-PKT"), (Role.CLERK, "HUE-PKT")],
    ),
]


@dataclass
class Desk:
    """What the dossier tests act with: staff logins and persons, procedures, applicants."""

    logins: dict[str, str] = field(default_factory=dict)
    persons: dict[str, int] = field(default_factory=dict)
    procedures: dict[str, dict[str, Any]] = field(default_factory=dict)
    applicants: dict[str, str] = field(default_factory=dict)  # login -> account id


async def add_staff(container: Container, province: Province, desk: Desk) -> None:
    """The commune's desk, leader, clerk and two specialists; a district office's leader."""
    now = container.clock.now()
    async with container.uow() as uow:
        editor = _system_editor(province)
        for key, login, unit, name, roles in STAFF:
            person = await create_person(
                uow,
                caller(editor, ON_THE_DAY),
                CreatePerson(
                    unit_id=province.units[unit],
                    info=PersonInfo(
                        full_name=name, gender=Gender.OTHER, date_of_birth=date(1985, 1, 1)
                    ),
                ),
            )
            desk.persons[key] = person.id
            account = await accounts.create_account(
                uow,
                caller(SYSTEM, now),
                CreateAccount(
                    config=container.auth,
                    login_name=login,
                    kind=AccountKind.PERSONAL,
                    password=PASSWORD,
                    person_id=person.id,
                    unit_id=province.units[unit],
                    system=True,
                ),
            )
            account.must_change_password = False
            desk.logins[key] = login
            for role, on in roles:
                await accounts.grant_role(
                    uow,
                    caller(SYSTEM, now),
                    GrantRole(account.id, role, province.units[on], system=True),
                )
        await uow.commit()


async def build_desk(api: Api, container: Container, province: Province) -> Desk:
    """Staff, two procedures (a commune's birth registration; a joined permit: the commune,
    then the district's economic office) and two active applicants; signed out at the end."""
    desk = Desk()
    await add_staff(container, province, desk)
    await api.login("admin@hue.gov.vn")
    birth = await create_procedure(api, province, processingDays=3)
    desk.procedures["birth"] = birth["procedure"]
    chain = [{"unitId": gid("OrgUnit", province.units["HUE-PKT"]), "task": "Cấp phép"}]
    permit = await create_procedure(
        api,
        province,
        "XD-GP.PHUHOI",
        name="Cấp giấy phép kinh doanh karaoke",
        processingDays=5,
        components=[{"name": "Đơn đề nghị"}, {"name": "Giấy chứng nhận PCCC"}],
        chain=chain,
    )
    desk.procedures["permit"] = permit["procedure"]
    for login in ("hoa.nguyen@example.vn", "nam.le@example.vn"):
        extra = (
            {}
            if login.startswith("hoa")
            else {"fullName": "Lê Văn Nam", "email": login, "identityNumber": "046190009999"}
        )
        desk.applicants[login] = await active_applicant(api, container, login, **extra)
    api.token = None
    return desk


def components(desk: Desk, procedure: str = "birth") -> list[dict[str, Any]]:
    """The current version's components of a procedure."""
    found: list[dict[str, Any]] = desk.procedures[procedure]["current"]["components"]
    return found


async def upload(api: Api, body: bytes = PDF, content_type: str = "application/pdf") -> str:
    """Upload a file to the media store; its URL."""
    response = await api.client.post("/media", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 201, response.text
    url: str = response.json()["url"]
    return url


async def files_for(
    api: Api, desk: Desk, procedure: str = "birth", *, required_only: bool = True
) -> list[dict[str, Any]]:
    """One uploaded PDF for each (required) component."""
    found = []
    for component in components(desk, procedure):
        if component["required"] or not required_only:
            found.append({"componentId": component["id"], "url": await upload(api)})
    return found
