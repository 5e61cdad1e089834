"""The dossier repository, and what the flow reads of the catalog and the applicants."""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from domain.accounts.model import Role
from domain.applicants.model import ApplicantStatus
from domain.catalog.model import ServiceMethod
from domain.dossiers.components import ComponentRule
from domain.dossiers.model import (
    ApologyLetter,
    Dossier,
    DossierComponent,
    DossierStep,
    OverdueNotice,
    Supplement,
    Survey,
)
from domain.dossiers.ports import ApplicantFacts, ProcedureTerms, Standing
from domain.people.model import PersonStatus
from domain.stats.dossier_rollup import DossierRecord
from persistence import applicant_tables as at
from persistence import catalog_tables as ct
from persistence import dossier_tables as dt
from persistence import tables as t
from persistence.dossier_stats import records

D = dt.dossiers.c
ONLINE_LEVEL = 3
"""Service levels 3 and 4 take dossiers online (Decree 43/2011)."""
STANDINGS = {
    ApplicantStatus.ACTIVE: Standing.ACTIVE,
    ApplicantStatus.UNVERIFIED: Standing.UNVERIFIED,
    ApplicantStatus.PENDING_APPROVAL: Standing.PENDING,
    ApplicantStatus.SUSPENDED: Standing.BLOCKED,
    ApplicantStatus.CANCELLED: Standing.BLOCKED,
    ApplicantStatus.REFUSED: Standing.BLOCKED,
}


class SqlDossierRepository:
    """DossierRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.before: dict[int, DossierRecord | None] = {}
        """Every dossier handed out, as stored when loaded (the projection diffs against it)."""

    async def get(self, dossier_id: int) -> Dossier | None:
        dossier = await self.session.get(Dossier, dossier_id)
        if dossier is not None and dossier.id not in self.before:
            stored = await self.session.run_sync(lambda s: records(s.connection(), [dossier_id]))
            self.before[dossier.id] = stored.get(dossier.id)
        return dossier

    async def add(self, dossier: Dossier) -> Dossier:
        self.session.add(dossier)
        await self.session.flush()
        self.before.setdefault(dossier.id, None)
        return dossier

    async def touch(self, dossier: Dossier) -> None:
        flag_modified(dossier, "state")

    async def current_version(self, dossier_id: int) -> int | None:
        found = await self.session.scalar(select(D.version).where(D.id == dossier_id))
        return None if found is None else int(found)

    async def components_of(self, dossier_id: int) -> list[DossierComponent]:
        c = dt.dossier_components.c
        found = await self.session.scalars(
            select(DossierComponent).where(c.dossier_id == dossier_id).order_by(c.id)
        )
        return list(found)

    async def add_component(self, component: DossierComponent) -> None:
        self.session.add(component)

    async def add_step(self, step: DossierStep) -> DossierStep:
        self.session.add(step)
        await self.session.flush()
        return step

    async def add_supplement(self, supplement: Supplement) -> None:
        self.session.add(supplement)

    async def latest_supplement(self, dossier_id: int) -> Supplement | None:
        s = dt.dossier_supplements.c
        found = await self.session.scalars(
            select(Supplement).where(s.dossier_id == dossier_id).order_by(s.id.desc()).limit(1)
        )
        return found.first()

    async def add_apology(self, letter: ApologyLetter) -> ApologyLetter:
        self.session.add(letter)
        await self.session.flush()
        return letter

    async def add_notice(self, notice: OverdueNotice) -> None:
        self.session.add(notice)

    async def add_survey(self, survey: Survey) -> None:
        self.session.add(survey)

    async def next_result_number(self, unit_id: int, year: int) -> int:
        r = dt.dossier_registers
        dialect = self.session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = insert(r).values(unit_id=unit_id, year=year, last_number=1)
        upsert = stmt.on_conflict_do_update(
            index_elements=["unit_id", "year"], set_={"last_number": r.c.last_number + 1}
        ).returning(r.c.last_number)  # the row stays locked until the transaction ends
        return int((await self.session.execute(upsert)).scalar_one())

    async def terms(self, procedure_id: int) -> ProcedureTerms | None:
        p, v = ct.procedures.c, ct.procedure_versions.c
        version = await self.session.scalar(
            select(v.id)
            .join(ct.procedures, p.id == v.procedure_id)
            .where(v.procedure_id == procedure_id, v.number == p.current_number)
        )
        return None if version is None else await self.terms_of_version(int(version))

    async def terms_of_version(self, version_id: int) -> ProcedureTerms | None:
        p, v = ct.procedures.c, ct.procedure_versions.c
        row = (
            await self.session.execute(
                select(
                    v.id,
                    v.procedure_id,
                    v.name,
                    v.processing_days,
                    v.service_level,
                    v.methods,
                    p.code,
                )
                .join(ct.procedures, p.id == v.procedure_id)
                .where(v.id == version_id)
            )
        ).first()
        if row is None:
            return None
        pc, pa = ct.procedure_components.c, ct.procedure_agencies.c
        components = await self.session.execute(
            select(pc.id, pc.name, pc.required)
            .where(pc.version_id == version_id)
            .order_by(pc.position)
        )
        chain = await self.session.scalars(
            select(pa.unit_id).where(pa.version_id == version_id).order_by(pa.position)
        )
        return ProcedureTerms(
            procedure_id=row.procedure_id,
            version_id=row.id,
            code=row.code,
            name=row.name,
            processing_days=row.processing_days,
            chain=tuple(int(u) for u in chain),
            components=tuple(ComponentRule(c.id, c.name, c.required) for c in components),
            online=ServiceMethod.ONLINE.value in row.methods and row.service_level >= ONLINE_LEVEL,
        )

    async def applicant(self, account_id: int) -> ApplicantFacts | None:
        a = at.applicants.c
        row = (
            await self.session.execute(
                select(a.status, a.full_name).where(a.account_id == account_id)
            )
        ).first()
        if row is None:
            return None
        return ApplicantFacts(account_id, STANDINGS[ApplicantStatus(row.status)], row.full_name)

    async def may_handle(self, person_id: int, unit_id: int, unit_path: str) -> bool:
        ps, g, a, u = t.persons.c, t.role_grants.c, t.accounts.c, t.org_units.c
        member = select(ps.id).where(
            ps.id == person_id, ps.unit_id == unit_id, ps.status == PersonStatus.ACTIVE
        )
        covers = or_(
            u.path == unit_path,
            and_(g.include_subtree, func.substr(unit_path, 1, func.length(u.path)) == u.path),
        )
        granted = (
            select(a.person_id)
            .join(t.role_grants, g.account_id == a.id)
            .join(t.org_units, u.id == g.unit_id)
            .where(
                a.person_id == person_id,
                a.disabled.is_(False),
                g.role.in_([Role.SPECIALIST, Role.LEADER]),
                covers,
            )
        )
        found = await self.session.scalar(select(member.union(granted).subquery().c[0]).limit(1))
        return found is not None
