"""Per-request DataLoaders of the dossiers: a page and everything nested in it takes one
statement per kind of thing, however long the page; every dossier handed out is checked
against the row rule (domain.permissions.can_view_dossier) first."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from domain.dossiers.model import (
    ApologyLetter,
    Dossier,
    DossierComponent,
    DossierStep,
    OverdueNotice,
    Supplement,
    Survey,
)
from domain.dossiers.reading import ApplicantContact, DossierReader
from domain.permissions import (
    DossierParties,
    DossierScope,
    Principal,
    can_view_dossier,
    dossier_scope,
    handles_dossier,
)
from resolvers.loaders import _many, _one

Chain = tuple[tuple[int, str], ...]


class DossierLoaders:
    """The dossiers' loaders of one request (built on first use by RequestContext)."""

    def __init__(self, reader: DossierReader, principal: Principal) -> None:
        self.principal = principal
        self.scope: DossierScope = dossier_scope(principal)
        self._reader = reader
        self._visible: set[int] = set()  # dossiers this request checked (or listed in scope)
        self.stored_by_id = DataLoader[int, Dossier | None](
            load_fn=_one(reader.by_ids, lambda d: d.id)
        )
        self.chain_by_version_id = DataLoader[int, Chain](load_fn=self._chains)
        self.person_by_account_id = DataLoader[int, int | None](load_fn=self._persons)
        self.steps_by_dossier_id = DataLoader[int, list[DossierStep]](
            load_fn=_many(reader.steps_of, lambda s: s.dossier_id)
        )
        self.components_by_dossier_id = DataLoader[int, list[DossierComponent]](
            load_fn=_many(reader.components_of, lambda c: c.dossier_id)
        )
        self.supplements_by_dossier_id = DataLoader[int, list[Supplement]](
            load_fn=_many(reader.supplements_of, lambda s: s.dossier_id)
        )
        self.apologies_by_dossier_id = DataLoader[int, list[ApologyLetter]](
            load_fn=_many(reader.apologies_of, lambda a: a.dossier_id)
        )
        self.notices_by_dossier_id = DataLoader[int, list[OverdueNotice]](
            load_fn=_many(reader.notices_of, lambda n: n.dossier_id)
        )
        self.survey_by_dossier_id = DataLoader[int, Survey | None](
            load_fn=_one(reader.surveys_of, lambda s: s.dossier_id)
        )
        self.applicant_by_account_id = DataLoader[int, ApplicantContact | None](
            load_fn=_one(reader.applicants, lambda a: a.account_id)
        )

    async def _persons(self, keys: list[int]) -> list[int | None]:
        found = await self._reader.persons_of_accounts(keys)
        return [found.get(k) for k in keys]

    async def _chains(self, keys: list[int]) -> list[Chain]:
        found = await self._reader.chains(keys)
        return [found.get(k, ()) for k in keys]

    def listed(self, dossiers: list[Dossier]) -> None:
        """Dossiers a query read inside the caller's scope: known, and visible."""
        for dossier in dossiers:
            self.stored_by_id.prime(dossier.id, dossier)
            self._visible.add(dossier.id)

    async def parties(self, dossier: Dossier) -> DossierParties:
        """The facts the rules decide on."""
        chain = await self.chain_by_version_id.load(dossier.procedure_version_id)
        return DossierParties(
            applicant_account_id=dossier.applicant_account_id,
            chain=chain,
            holder_unit_id=dossier.holder_unit_id,
            holder_person_id=dossier.holder_person_id,
        )

    async def visible(self, dossier_id: int) -> Dossier | None:
        """The dossier when it exists and the caller may see it; else None (not found)."""
        dossier: Dossier | None = await self.stored_by_id.load(dossier_id)
        if dossier is None:
            return None
        if dossier.id in self._visible:
            return dossier
        if not can_view_dossier(self.principal, await self.parties(dossier)):
            return None
        self._visible.add(dossier.id)
        return dossier

    async def is_staff_on(self, dossier: Dossier) -> bool:
        """The caller handles the dossier (staff of its chain): notes and actors show."""
        return handles_dossier(self.principal, await self.parties(dossier))
