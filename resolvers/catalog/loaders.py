"""Per-request loaders of the catalog and of applicant accounts, one per key."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from domain.applicants.model import Applicant, ApplicantRequest
from domain.applicants.reading import ApplicantReader
from domain.catalog.commands import CatalogEntry
from domain.catalog.model import Procedure, ProcedureAgency, ProcedureComponent, ProcedureVersion
from domain.catalog.reading import CatalogReader
from resolvers.loaders import _many, _one


class CatalogLoaders:
    """Procedures, versions, components and chains of one request."""

    def __init__(self, reader: CatalogReader) -> None:
        self.procedure_by_id = DataLoader[int, Procedure | None](
            load_fn=_one(reader.procedures_by_ids, lambda p: p.id)
        )
        self.procedure_by_code = DataLoader[str, Procedure | None](
            load_fn=_one(reader.procedures_by_codes, lambda p: p.code)
        )
        self.version_by_id = DataLoader[int, ProcedureVersion | None](
            load_fn=_one(reader.versions_by_ids, lambda v: v.id)
        )
        self.versions_by_procedure_id = DataLoader[int, list[ProcedureVersion]](
            load_fn=_many(reader.versions_of, lambda v: v.procedure_id)
        )
        self.components_by_version_id = DataLoader[int, list[ProcedureComponent]](
            load_fn=_many(reader.components_of, lambda c: c.version_id)
        )
        self.chain_by_version_id = DataLoader[int, list[ProcedureAgency]](
            load_fn=_many(reader.chains_of, lambda a: a.version_id)
        )
        self.written: dict[int, ProcedureVersion] = {}
        """Current versions a command of this request recorded, by procedure id."""

    def prime(self, entry: CatalogEntry) -> None:
        """Make a procedure a command just wrote known to the loaders."""
        procedure, current = entry.procedure, entry.current
        version = current.version
        self.procedure_by_id.prime(procedure.id, procedure)
        self.procedure_by_code.prime(procedure.code, procedure)
        self.version_by_id.prime(version.id, version)
        self.written[procedure.id] = version
        self.components_by_version_id.prime(version.id, list(current.components))
        self.chain_by_version_id.prime(version.id, list(current.chain))

    async def current_version(self, procedure: Procedure) -> ProcedureVersion | None:
        """The procedure's current version."""
        if procedure.id in self.written:
            return self.written[procedure.id]
        versions = await self.versions_by_procedure_id.load(procedure.id)
        return next((v for v in versions if v.number == procedure.current_number), None)


class ApplicantLoaders:
    """Applicant profiles and their requests of one request."""

    def __init__(self, reader: ApplicantReader) -> None:
        self.applicant_by_id = DataLoader[int, Applicant | None](
            load_fn=_one(reader.applicants_by_ids, lambda a: a.id)
        )
        self.requests_by_applicant_id = DataLoader[int, list[ApplicantRequest]](
            load_fn=_many(reader.requests_of, lambda r: r.applicant_id)
        )
