"""The catalog's rules without I/O: the 7-day update rule, versions, input checks, editors."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.accounts.model import Role
from domain.applicants.model import ApplicantKind
from domain.catalog import services, validation
from domain.catalog.commands import (
    ChainLink,
    ComponentInput,
    CreateProcedure,
    ProcedureInput,
    UpdateProcedure,
)
from domain.catalog.model import ServiceMethod, update_due
from domain.errors import DomainError, ErrorCode
from domain.permissions import Grant, Principal, PrincipalKind, can_edit_procedures
from tests.callers import caller
from tests.unit.catalog_fakes import CatalogUnitOfWork, add_unit

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # Friday 10:00 in Huế
TODAY = date(2026, 11, 20)
ADMIN = Principal(PrincipalKind.STAFF, account_id=1, grants=(Grant(Role.ADMIN, "/1/", True),))


def draft(**changes: object) -> ProcedureInput:
    base = ProcedureInput(
        name="Đăng ký khai sinh",
        agency_unit_id=7,
        field="Hộ tịch",
        service_level=4,
        processing_days=1,
        steps=("Nộp hồ sơ", "Trả kết quả"),
        methods=(ServiceMethod.ONLINE, ServiceMethod.AT_DESK, ServiceMethod.ONLINE),
        target_subjects=(ApplicantKind.CITIZEN,),
        result="Giấy khai sinh",
        legal_basis=("Luật Hộ tịch số 60/2014/QH13",),
        place="UBND phường Phú Hội",
        hours="Giờ hành chính",
        issuing_document="Quyết định công bố",
        issued_on=date(2026, 11, 13),
        components=(ComponentInput("Tờ khai"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def uow() -> CatalogUnitOfWork:
    found = CatalogUnitOfWork()
    add_unit(found, "PROV", "/1/")
    add_unit(found, "HUE-PHUHOI", "/1/5/7/")
    add_unit(found, "CA-TTH", "/1/9/")
    return found


@pytest.mark.parametrize(
    ("issued", "late"),
    [(date(2026, 11, 13), False), (date(2026, 11, 12), True), (date(2026, 11, 20), False)],
)
async def test_a_version_is_late_after_7_days_of_its_document(
    uow: CatalogUnitOfWork, issued: date, late: bool
) -> None:
    made = await services.create_procedure(
        uow, caller(ADMIN, NOW), CreateProcedure("HT-KS", draft(issued_on=issued))
    )
    version = made.current.version
    assert version.update_due_on == update_due(issued) == date.fromordinal(issued.toordinal() + 7)
    assert version.late is late


async def test_a_new_version_gets_its_own_row_and_parts(uow: CatalogUnitOfWork) -> None:
    first = await services.create_procedure(
        uow, caller(ADMIN, NOW), CreateProcedure("ht-ks", draft())
    )
    assert first.procedure.code == "HT-KS"
    assert first.current.version.methods == (ServiceMethod.ONLINE, ServiceMethod.AT_DESK)
    second = await services.update_procedure(
        uow,
        caller(ADMIN, NOW),
        UpdateProcedure(
            first.procedure.id,
            first.procedure.version,
            draft(processing_days=2, components=(ComponentInput("Tờ khai mới"),)),
        ),
    )
    old, new = first.current, second.current
    assert (old.version.number, new.version.number) == (1, 2)
    assert old.version.id != new.version.id
    assert old.version.processing_days == 1  # the old version is never rewritten
    assert [c.name for c in old.components] == ["Tờ khai"]
    assert [c.version_id for c in new.components] == [new.version.id]
    assert second.procedure.current_number == 2
    with pytest.raises(DomainError) as stale:
        await services.update_procedure(
            uow, caller(ADMIN, NOW), UpdateProcedure(first.procedure.id, 99, draft())
        )
    assert stale.value.code is ErrorCode.STALE_VERSION


async def test_the_chain_starts_with_the_handling_agency(uow: CatalogUnitOfWork) -> None:
    made = await services.create_procedure(
        uow,
        caller(ADMIN, NOW),
        CreateProcedure("LT-01", draft(chain=(ChainLink(9, "Đăng ký thường trú"),))),
    )
    assert [(a.position, a.unit_id, a.task) for a in made.current.chain] == [
        (1, 7, None),
        (2, 9, "Đăng ký thường trú"),
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"service_level": 0}, "serviceLevel"),
        ({"processing_days": 0}, "processingDays"),
        ({"steps": ()}, "steps"),
        ({"legal_basis": ("",)}, "legalBasis"),
        ({"components": ()}, "components"),
        ({"components": (ComponentInput("Tờ khai", copies=21),)}, "components.copies"),
        ({"components": (ComponentInput("x", form_url="ftp://x"),)}, "components.formUrl"),
        ({"issued_on": date(2026, 11, 21)}, "issuedOn"),
        ({"fee_amount": 10**10}, "feeAmount"),
        ({"hours": " "}, "hours"),
    ],
)
def test_bad_input_names_its_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError) as refused:
        validation.check(draft(**changes), TODAY)
    assert refused.value.field == field


def _staff(
    role: Role, path: str, subtree: bool, kind: PrincipalKind = PrincipalKind.STAFF
) -> Principal:
    return Principal(kind, account_id=5, grants=(Grant(role, path, subtree),))


@pytest.mark.parametrize(
    ("principal", "allowed"),
    [
        (_staff(Role.DIRECTORY_EDITOR, "/1/5/7/", False), True),
        (_staff(Role.DIRECTORY_EDITOR, "/1/5/", True), True),
        (_staff(Role.DIRECTORY_EDITOR, "/1/5/", False), False),
        (_staff(Role.DIRECTORY_EDITOR, "/1/5/", True, PrincipalKind.UNIT_ACCOUNT), True),
        (_staff(Role.ADMIN, "/1/", True), True),
        (_staff(Role.LEADER, "/1/5/7/", False), False),
        (_staff(Role.DIRECTORY_EDITOR, "/1/5/7/", False, PrincipalKind.CITIZEN), False),
        (_staff(Role.DIRECTORY_EDITOR, "/1/5/7/", False, PrincipalKind.INTEGRATOR), False),
    ],
)
def test_who_edits_the_procedures_of_an_agency(principal: Principal, allowed: bool) -> None:
    assert can_edit_procedures(principal, "/1/5/7/") is allowed
