"""A province on fakes for the dossier flow: agencies, staff, procedures, applicants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any, cast

from domain.accounts.model import Role
from domain.calendar import WorkingCalendar
from domain.dossiers import submission, transitions
from domain.dossiers.commands import ActOnDossier, RateDossier, StepInput, SubmitDossier
from domain.dossiers.components import ComponentFile, ComponentRule
from domain.dossiers.model import (
    ApologyLetter,
    DeliveryMethod,
    Dossier,
    DossierComponent,
    DossierMessage,
    DossierStep,
    OverdueNotice,
    PaymentMethod,
    Supplement,
    Survey,
    SurveyCriterion,
)
from domain.dossiers.ports import ApplicantFacts, DossierUnitOfWork, ProcedureTerms, Standing
from domain.dossiers.workflow import Action
from domain.org.commands import CreateUnit, NewUnit
from domain.org.fields import UnitInfo
from domain.org.model import UnitKind
from domain.org.services import create_unit
from domain.permissions import ANONYMOUS, Grant, Principal, PrincipalKind
from domain.reflections.model import MediaKind
from tests.callers import caller
from tests.unit.fakes import FakeUnitOfWork, with_levels
from tests.unit.reflection_fakes import FakeMediaUploads

ICT = timezone(timedelta(hours=7))
CAL = WorkingCalendar()


def vn(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ICT)


MON = vn(10, 5, 9)  # Monday 5 October 2026, 09:00 in Huế


@dataclass
class FakeDossiers:
    """domain.dossiers.ports.DossierRepository in memory."""

    dossiers: dict[int, Dossier] = field(default_factory=dict)
    components: list[DossierComponent] = field(default_factory=list)
    steps: list[DossierStep] = field(default_factory=list)
    supplements: list[Supplement] = field(default_factory=list)
    apologies: list[ApologyLetter] = field(default_factory=list)
    notices: list[OverdueNotice] = field(default_factory=list)
    surveys: list[Survey] = field(default_factory=list)
    registers: dict[tuple[int, int], int] = field(default_factory=dict)
    procedures: dict[int, ProcedureTerms] = field(default_factory=dict)
    applicants: dict[int, ApplicantFacts] = field(default_factory=dict)
    handlers: set[tuple[int, int]] = field(default_factory=set)  # (person, unit)
    seq: int = 0

    def _id(self) -> int:
        self.seq += 1
        return self.seq

    async def get(self, dossier_id: int) -> Dossier | None:
        return self.dossiers.get(dossier_id)

    async def add(self, dossier: Dossier) -> Dossier:
        dossier.id = self._id()
        self.dossiers[dossier.id] = dossier
        return dossier

    async def touch(self, dossier: Dossier) -> None:
        dossier.version += 1

    async def current_version(self, dossier_id: int) -> int | None:
        return self.dossiers[dossier_id].version if dossier_id in self.dossiers else None

    async def components_of(self, dossier_id: int) -> list[DossierComponent]:
        return [c for c in self.components if c.dossier_id == dossier_id]

    async def add_component(self, component: DossierComponent) -> None:
        component.id = self._id()
        self.components.append(component)

    async def add_step(self, step: DossierStep) -> DossierStep:
        step.id = self._id()
        self.steps.append(step)
        return step

    async def add_supplement(self, supplement: Supplement) -> None:
        supplement.id = self._id()
        self.supplements.append(supplement)

    async def latest_supplement(self, dossier_id: int) -> Supplement | None:
        found = [s for s in self.supplements if s.dossier_id == dossier_id]
        return found[-1] if found else None

    async def add_apology(self, letter: ApologyLetter) -> ApologyLetter:
        letter.id = self._id()
        self.apologies.append(letter)
        return letter

    async def add_notice(self, notice: OverdueNotice) -> None:
        notice.id = self._id()
        self.notices.append(notice)

    async def add_survey(self, survey: Survey) -> None:
        survey.id = self._id()
        self.surveys.append(survey)

    async def next_result_number(self, unit_id: int, year: int) -> int:
        self.registers[(unit_id, year)] = self.registers.get((unit_id, year), 0) + 1
        return self.registers[(unit_id, year)]

    async def terms(self, procedure_id: int) -> ProcedureTerms | None:
        return self.procedures.get(procedure_id)

    async def terms_of_version(self, version_id: int) -> ProcedureTerms | None:
        return next((t for t in self.procedures.values() if t.version_id == version_id), None)

    async def applicant(self, account_id: int) -> ApplicantFacts | None:
        return self.applicants.get(account_id)

    async def may_handle(self, person_id: int, unit_id: int, unit_path: str) -> bool:
        return (person_id, unit_id) in self.handlers

    def log(self, dossier: Dossier) -> list[str]:
        return [s.action for s in self.steps if s.dossier_id == dossier.id]


@dataclass
class FakeDossierMessages:
    messages: list[DossierMessage] = field(default_factory=list)

    async def add(self, message: DossierMessage) -> None:
        message.id = len(self.messages) + 1
        self.messages.append(message)

    def kinds(self, dossier: Dossier) -> list[str]:
        return [m.kind.value for m in self.messages if m.dossier_id == dossier.id]


class FakeDossierUploads(FakeMediaUploads):
    async def attach_to_dossier(self, keys: Sequence[str], dossier_id: int) -> int:
        free = [
            k
            for k in keys
            if k in self.uploads
            and self.uploads[k].dossier_id is None
            and self.uploads[k].reflection_id is None
        ]
        for key in free:
            self.uploads[key] = replace(self.uploads[key], dossier_id=dossier_id)
        return len(free)


@dataclass
class FakeDossierUnitOfWork(FakeUnitOfWork):
    dossiers: FakeDossiers = field(default_factory=FakeDossiers)
    dossier_messages: FakeDossierMessages = field(default_factory=FakeDossierMessages)
    media: FakeDossierUploads = field(default_factory=FakeDossierUploads)


UNITS = [("P", None, "PROVINCE"), ("STP", "P", "DEPARTMENT"), ("SXD", "P", "DEPARTMENT")]
BIRTH, PERMIT = 1, 2
FORM, PROOF, SITE, DRAWING = 11, 12, 21, 22
PERSONS = {"desk": 100, "lead": 101, "spec": 102, "spec2": 103, "clerk": 104, "xlead": 201}


@dataclass
class World:
    uow: FakeDossierUnitOfWork
    units: dict[str, int]
    uploads: int = 0

    @property
    def duow(self) -> DossierUnitOfWork:
        return cast(DossierUnitOfWork, self.uow)

    def path(self, code: str) -> str:
        return self.uow.units.units[self.units[code]].path

    def staff(self, person: str, unit: str, *roles: Role) -> Principal:
        return Principal(
            kind=PrincipalKind.STAFF,
            account_id=PERSONS[person] + 1000,
            person_id=PERSONS[person],
            unit_id=self.units[unit],
            unit_path=self.path(unit),
            grants=tuple(Grant(role, self.path(unit), False) for role in roles),
        )

    @property
    def desk(self) -> Principal:
        return self.staff("desk", "STP", Role.RECEPTION_DESK)

    @property
    def leader(self) -> Principal:
        return self.staff("lead", "STP", Role.LEADER)

    @property
    def specialist(self) -> Principal:
        return self.staff("spec", "STP", Role.SPECIALIST)

    @property
    def specialist2(self) -> Principal:
        return self.staff("spec2", "STP", Role.SPECIALIST)

    @property
    def clerk(self) -> Principal:
        return self.staff("clerk", "STP", Role.CLERK)

    @property
    def builder_leader(self) -> Principal:
        return self.staff("xlead", "SXD", Role.LEADER, Role.CLERK)

    def applicant(self, account: int = 70) -> Principal:
        return Principal(kind=PrincipalKind.CITIZEN, account_id=account)

    def upload(self, mime: str = "application/pdf", **more: Any) -> str:
        from domain.reflections.uploads import MediaUpload

        self.uploads += 1
        key = f"k{self.uploads:031d}"
        kind = MediaKind.DOCUMENT if mime == "application/pdf" else MediaKind.PHOTO
        self.uow.media.uploads[key] = MediaUpload(
            key,
            kind,
            mime,
            2048,
            f"{self.uploads:064x}",
            f"f{self.uploads}.pdf",
            MON,
            "1.2.3.4",
            **more,
        )
        return key

    async def submit(
        self,
        actor: Principal | None = None,
        *,
        procedure: int = BIRTH,
        files: Sequence[ComponentFile] | None = None,
        now: datetime = MON,
        delivery: DeliveryMethod = DeliveryMethod.DESK,
        address: str | None = None,
    ) -> Dossier:
        if files is None:
            files = [ComponentFile(FORM, self.upload()), ComponentFile(PROOF, self.upload())]
        return await submission.submit(
            self.duow,
            caller(actor or self.applicant(), now, CAL),
            SubmitDossier(procedure, tuple(files), PaymentMethod.ONLINE, delivery, address),
        )

    async def step(
        self,
        actor: Principal,
        dossier: Dossier,
        action: Action,
        at: datetime,
        version: int | None = None,
        **kw: Any,
    ) -> Dossier:
        return await transitions.act(
            self.duow,
            caller(actor, at, CAL),
            ActOnDossier(dossier.id, version, StepInput(action, **kw)),
        )

    async def rate(
        self, actor: Principal, dossier: Dossier, at: datetime, **scores: int
    ) -> Dossier:
        given = {c: scores.get(c.value.lower(), 4) for c in SurveyCriterion}
        return await transitions.rate(
            self.duow, caller(actor, at, CAL), RateDossier(dossier.id, tuple(given.items()), "Tốt")
        )


async def build_world() -> World:
    uow = FakeDossierUnitOfWork()
    with_levels(uow)
    units: dict[str, int] = {}
    for code, parent, level in UNITS:
        unit = await create_unit(
            uow,
            caller(ANONYMOUS, MON),
            CreateUnit(
                parent_id=units[parent] if parent else None,
                new=NewUnit(code, level, UnitKind.GOVERNMENT, UnitInfo(name=f"Sở {code}")),
                effective=date(2020, 1, 1),
                system=True,
            ),
        )
        units[code] = unit.id
    world = World(uow, units)
    repo = uow.dossiers
    repo.procedures[BIRTH] = ProcedureTerms(
        BIRTH,
        1001,
        "1.001193",
        "Đăng ký khai sinh",
        5,
        (units["STP"],),
        (
            ComponentRule(FORM, "Tờ khai đăng ký khai sinh", True),
            ComponentRule(PROOF, "Giấy chứng sinh", True),
            ComponentRule(13, "Văn bản ủy quyền", False, frozenset({"application/pdf"})),
        ),
    )
    repo.procedures[PERMIT] = ProcedureTerms(  # joined: the justice department, then building
        PERMIT,
        2001,
        "1.009972",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        15,
        (units["STP"], units["SXD"]),
        (ComponentRule(SITE, "Giấy tờ đất", True), ComponentRule(DRAWING, "Bản vẽ", True)),
    )
    repo.procedures[3] = replace(
        repo.procedures[BIRTH], procedure_id=3, version_id=3001, online=False
    )
    repo.applicants[70] = ApplicantFacts(70, Standing.ACTIVE, "Nguyễn Thị Hoa")
    repo.applicants[71] = ApplicantFacts(71, Standing.ACTIVE, "Lê Văn Nam")
    repo.applicants[72] = ApplicantFacts(72, Standing.UNVERIFIED)
    repo.applicants[73] = ApplicantFacts(73, Standing.PENDING)
    repo.applicants[74] = ApplicantFacts(74, Standing.BLOCKED)
    repo.handlers |= {(PERSONS["spec"], units["STP"]), (PERSONS["spec2"], units["STP"])}
    repo.handlers.add((PERSONS["xlead"], units["SXD"]))
    notes = uow.notifications
    notes.roles[(Role.RECEPTION_DESK, world.path("STP"))] = {PERSONS["desk"]}
    notes.roles[(Role.LEADER, world.path("STP"))] = {PERSONS["lead"]}
    notes.roles[(Role.CLERK, world.path("STP"))] = {PERSONS["clerk"]}
    notes.roles[(Role.LEADER, world.path("SXD"))] = {PERSONS["xlead"]}
    notes.roles[(Role.CLERK, world.path("SXD"))] = {PERSONS["xlead"]}
    return world
