"""In-memory fakes of the catalog's and the applicant accounts' ports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.accounts.model import Account, AccountKind
from domain.applicants.model import (
    Applicant,
    ApplicantKind,
    ApplicantMessage,
    ApplicantRequest,
    ApplicantStatus,
    RequestStatus,
    VerifyChannel,
)
from domain.catalog.model import (
    Procedure,
    ProcedureAgency,
    ProcedureComponent,
    ProcedureDetails,
    ProcedureVersion,
)
from domain.org.model import OrgUnit, UnitKind
from tests.unit.fakes import FakeUnitOfWork, _store


@dataclass
class FakeCatalog:
    procedures: dict[int, Procedure] = field(default_factory=dict)
    versions: list[ProcedureDetails] = field(default_factory=list)

    async def get(self, procedure_id: int) -> Procedure | None:
        return self.procedures.get(procedure_id)

    async def get_by_code(self, code: str) -> Procedure | None:
        return next((p for p in self.procedures.values() if p.code == code), None)

    async def add(self, procedure: Procedure) -> Procedure:
        self.procedures[_store(procedure).id] = procedure
        return procedure

    async def add_version(
        self,
        version: ProcedureVersion,
        components: Sequence[ProcedureComponent],
        chain: Sequence[ProcedureAgency],
    ) -> ProcedureDetails:
        _store(version)
        for part in (*components, *chain):
            part.version_id = version.id
            _store(part)
        details = ProcedureDetails(version, tuple(components), tuple(chain))
        self.versions.append(details)
        return details

    async def version(self, version_id: int) -> ProcedureDetails | None:
        return next((d for d in self.versions if d.version.id == version_id), None)

    async def current(self, procedure_id: int) -> ProcedureDetails | None:
        procedure = self.procedures[procedure_id]
        return next(
            d
            for d in self.versions
            if d.version.procedure_id == procedure_id
            and d.version.number == procedure.current_number
        )


@dataclass
class FakeApplicants:
    applicants: dict[int, Applicant] = field(default_factory=dict)
    requests: list[ApplicantRequest] = field(default_factory=list)
    messages: list[ApplicantMessage] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)

    async def get(self, applicant_id: int) -> Applicant | None:
        return self.applicants.get(applicant_id)

    async def by_account(self, account_id: int) -> Applicant | None:
        return next((a for a in self.applicants.values() if a.account_id == account_id), None)

    async def add(self, applicant: Applicant) -> Applicant:
        self.applicants[_store(applicant).id] = applicant
        return applicant

    async def touch(self, applicant: Applicant) -> None:
        applicant.version += 1

    async def open_request(self, applicant_id: int) -> ApplicantRequest | None:
        return next(
            (
                r
                for r in self.requests
                if r.applicant_id == applicant_id and r.status is RequestStatus.OPEN
            ),
            None,
        )

    async def get_request(self, request_id: int) -> ApplicantRequest | None:
        return next((r for r in self.requests if r.id == request_id), None)

    async def add_request(self, request: ApplicantRequest) -> ApplicantRequest:
        self.requests.append(_store(request))
        return request

    async def add_message(self, message: ApplicantMessage) -> None:
        self.messages.append(_store(message))

    async def unverified_before(self, before: datetime, limit: int) -> list[Applicant]:
        found = [
            a
            for a in self.applicants.values()
            if a.status is ApplicantStatus.UNVERIFIED and a.registered_at < before
        ]
        return sorted(found, key=lambda a: a.registered_at)[:limit]

    async def delete(self, applicant: Applicant) -> None:
        del self.applicants[applicant.id]
        self.deleted.append(applicant.id)


@dataclass
class CatalogUnitOfWork(FakeUnitOfWork):
    catalog: FakeCatalog = field(default_factory=FakeCatalog)
    applicants: FakeApplicants = field(default_factory=FakeApplicants)


def add_unit(uow: CatalogUnitOfWork, code: str, path: str) -> OrgUnit:
    """An active unit at `path` (its id is the path's last part)."""
    unit = OrgUnit(code, code, "DEPARTMENT", UnitKind.GOVERNMENT, date(2000, 1, 1), path=path)
    unit.id = int(path.strip("/").split("/")[-1])
    uow.units.units[unit.id] = unit
    return unit


def add_applicant(
    uow: CatalogUnitOfWork,
    status: ApplicantStatus,
    registered_at: datetime,
    login: str = "hoa@example.vn",
) -> Applicant:
    """A citizen's profile and its sign-in account."""
    account = Account(login, AccountKind.CITIZEN, "hash", registered_at, registered_at)
    _store(account)
    uow.accounts.accounts[account.id] = account
    applicant = Applicant(
        account_id=account.id,
        kind=ApplicantKind.CITIZEN,
        status=status,
        full_name="Nguyễn Thị Hoa",
        search_name="nguyen thi hoa",
        identity_number="046190001234",
        address="15 Chi Lăng, Huế",
        email=login,
        phone="0905 111 222",
        verify_channel=VerifyChannel.EMAIL,
        registered_at=registered_at,
    )
    uow.applicants.applicants[_store(applicant).id] = applicant
    return applicant
