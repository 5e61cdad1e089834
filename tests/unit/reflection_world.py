"""A province on fakes for the field-report rules: units, people, catalog, principals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import cast

from domain.accounts.model import Role
from domain.calendar import WorkingCalendar
from domain.org.commands import CreateUnit, NewUnit
from domain.org.fields import UnitInfo
from domain.org.model import UnitKind
from domain.org.services import create_unit
from domain.people.model import Gender, Person
from domain.permissions import ANONYMOUS, Grant, Principal, PrincipalKind
from domain.reflections import intake, transitions
from domain.reflections.commands import (
    ActOnReflection,
    SubmitReflection,
)
from domain.reflections.intake import NewReflection
from domain.reflections.model import (
    Category,
    CategoryAgency,
    Channel,
    CommunePoint,
    Reflection,
)
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.transitions import Step
from domain.reflections.workflow import Action
from tests.callers import caller
from tests.unit.fakes import with_levels
from tests.unit.reflection_fakes import FakeReflectionUnitOfWork

ICT = timezone(timedelta(hours=7))
CAL = WorkingCalendar()


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ICT)


THU = vn(2026, 11, 19, 10)  # Thursday 19 November 2026, 10:00 in Huế

UNITS = [
    ("P", None, "PROVINCE"),
    ("IOC", "P", "DEPARTMENT"),
    ("SXD", "P", "DEPARTMENT"),  # construction: roads, lighting
    ("CA", "P", "DEPARTMENT"),  # police: public order
    ("STN", "P", "DEPARTMENT"),  # natural resources: coordinating agency for land
    ("HUE", "P", "DISTRICT"),
    ("PH", "HUE", "COMMUNE"),  # Phú Hội
    ("VN", "HUE", "COMMUNE"),  # Vĩnh Ninh
]
PEOPLE = [("ioc", "IOC"), ("lead", "SXD"), ("lead2", "SXD"), ("hand", "SXD"), ("cap", "CA")]
POINTS = {"PH": (16.4637, 107.5953), "VN": (16.4598, 107.5856)}
PHU_HOI = (16.4640, 107.5950)


@dataclass
class World:
    """Ids and principals of the fake province."""

    uow: FakeReflectionUnitOfWork
    units: dict[str, int]
    people: dict[str, int]
    categories: dict[str, int]

    @property
    def ruow(self) -> ReflectionUnitOfWork:
        return cast(ReflectionUnitOfWork, self.uow)

    def path(self, code: str) -> str:
        return self.uow.units.units[self.units[code]].path

    def staff(
        self, unit: str, person: str | None, *grants: tuple[Role, str], account: int
    ) -> Principal:
        return Principal(
            kind=PrincipalKind.STAFF,
            account_id=account,
            person_id=self.people[person] if person else None,
            unit_id=self.units[unit],
            unit_path=self.path(unit),
            grants=tuple(Grant(role, self.path(on), True) for role, on in grants),
        )

    @property
    def ioc(self) -> Principal:
        return self.staff("IOC", "ioc", (Role.IOC_OPERATOR, "P"), account=1)

    @property
    def leader(self) -> Principal:
        return self.staff("SXD", "lead", (Role.LEADER, "SXD"), account=2)

    @property
    def leader2(self) -> Principal:
        return self.staff("SXD", "lead2", (Role.LEADER, "SXD"), account=3)

    @property
    def handler(self) -> Principal:
        return self.staff("SXD", "hand", account=4)

    @property
    def police(self) -> Principal:
        return self.staff("CA", "cap", (Role.LEADER, "CA"), account=5)

    @property
    def coordinator(self) -> Principal:
        return self.staff("STN", None, (Role.COORDINATOR, "STN"), account=6)

    @property
    def citizen(self) -> Principal:
        return Principal(kind=PrincipalKind.CITIZEN, account_id=99)

    async def submit(
        self, actor: Principal | None = None, **changes: object
    ) -> tuple[Reflection, str]:
        fields: dict[str, object] = {
            "channel": Channel.APP,
            "content": "Đèn đường hỏng cả tuần nay ở đường Nguyễn Huệ, rất tối về đêm",
            "occurred_at": THU - timedelta(hours=2),
            "latitude": PHU_HOI[0],
            "longitude": PHU_HOI[1],
            "address": "12 Nguyễn Huệ, Phú Hội, Huế",
            "reporter_name": "Trần Văn Dân",
            "reporter_phone": "0905 111 222",
            "reporter_email": "dan@example.vn",
            "category_id": self.categories["LIGHTING"],
        }
        now = cast(datetime, changes.pop("now", THU))
        fields.update(changes)
        new = NewReflection(**fields)  # type: ignore[arg-type]
        done = await intake.submit(
            self.ruow, caller(actor or self.citizen, now, CAL), SubmitReflection(new=new)
        )
        return done.reflection, done.tracking_code

    async def step(
        self, actor: Principal, reflection: Reflection, action: Action, at: datetime, **kw: object
    ) -> Reflection:
        return await transitions.act(
            self.ruow,
            caller(actor, at, CAL),
            ActOnReflection(reflection_id=reflection.id, version=None, step=Step(action, **kw)),
        )


async def build_world() -> World:
    uow = FakeReflectionUnitOfWork()
    with_levels(uow)
    units: dict[str, int] = {}
    for code, parent, level in UNITS:
        unit = await create_unit(
            uow,
            caller(ANONYMOUS, THU),
            CreateUnit(
                parent_id=units[parent] if parent else None,
                new=NewUnit(code, level, UnitKind.GOVERNMENT, UnitInfo(name=f"Đơn vị {code}")),
                effective=date(2020, 1, 1),
                system=True,
            ),
        )
        units[code] = unit.id
    people: dict[str, int] = {}
    for key, unit_code in PEOPLE:
        person = await uow.people.add(Person(key.title(), key, Gender.OTHER, units[unit_code]))
        people[key] = person.id
    for code, (lat, lon) in POINTS.items():
        await uow.reflections.add_commune_point(CommunePoint(units[code], lat, lon))
    categories: dict[str, int] = {}
    for code, urgent, sensitive, agency in (
        ("LIGHTING", False, False, "SXD"),
        ("FIRE", True, False, "CA"),
        ("LAND", False, True, "STN"),
    ):
        category = await uow.reflections.add_category(
            Category(code, code.title(), urgent=urgent, sensitive=sensitive)
        )
        categories[code] = category.id
        await uow.reflections.add_category_agency(CategoryAgency(category.id, units[agency]))
    return World(uow, units, people, categories)
