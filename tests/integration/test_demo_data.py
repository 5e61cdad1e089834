"""The demo province: size, the invariants the use cases keep, determinism, the demo accounts,
and the dashboard client example run against the app."""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.accounts import services as account_services
from domain.accounts.commands import CountSignIn, SignIn
from domain.accounts.model import AccountKind
from domain.clock import FixedClock
from domain.org.model import LeaderRank, UnitStatus, child_path
from domain.people.commands import CreatePerson
from domain.people.model import PersonStatus
from domain.permissions import ANONYMOUS, PrincipalKind
from domain.text import fold
from govgraph.app import create_app
from govgraph.container import Container
from govgraph.demo.accounts import DEMO_ACCOUNTS
from govgraph.demo.build import TABLES
from govgraph.demo.load import DemoDataError, load_demo
from govgraph.settings import Settings
from persistence import tables as t
from persistence.database import create_engine
from persistence.migrate import upgrade_async
from tests.callers import caller
from tests.conftest import NOW

DASHBOARD = Path(__file__).parents[2] / "client-examples" / "dashboard" / "dashboard.py"


async def _empty(engine: AsyncEngine) -> None:
    """Other test modules share the session database; the demo needs it without units."""
    names = [
        table.name for table in reversed(t.metadata.sorted_tables) if table.name != "org_levels"
    ]
    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
        else:
            for name in names:
                await conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture(scope="module")
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings.database_url)
    await _empty(engine)
    await load_demo(settings, scale=1, now=NOW, quiet=True)
    yield engine
    await engine.dispose()


async def _rows(engine: AsyncEngine, name: str) -> list[Any]:
    table = t.metadata.tables[name]
    async with engine.connect() as conn:
        return list(await conn.execute(select(table).order_by(table.c.id)))


async def test_the_province_has_its_real_size(engine: AsyncEngine) -> None:
    units = [u for u in await _rows(engine, "org_units") if u.status is UnitStatus.ACTIVE]
    levels = Counter(u.level_code for u in units)
    by_code = {u.code: u for u in units}
    departments = [u for u in units if u.level_code == "DEPARTMENT" and u.code.startswith("S")]
    assert levels["PROVINCE"] == 1
    assert by_code["UBND-TTH"].name == "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    assert by_code["VP-UBND"].level_code == "DEPARTMENT"
    assert by_code["IOC"].kind.value == "IOC"
    assert {u.kind.value for u in units} >= {"CENTRAL_AGENCY", "PUBLIC_SERVICE_COMPANY"}
    assert 15 <= len(departments) <= 22
    assert levels["DISTRICT"] == 9
    assert 130 <= levels["COMMUNE"] <= 150
    for unit in units:
        if unit.level_code in ("DEPARTMENT", "DISTRICT") and unit.code != "UBND-TTH":
            offices = [u for u in units if u.parent_id == unit.id and u.level_code == "OFFICE"]
            assert 2 <= len(offices) <= 9, unit.code
    people = await _rows(engine, "persons")
    active = [p for p in people if p.status is PersonStatus.ACTIVE]
    assert 2_500 <= len(active) <= 5_000
    assert sum(1 for p in active if p.full_name.startswith("Nguyễn ")) > len(active) // 4
    async with engine.connect() as conn:
        for name in ("committees", "committee_members", "committee_documents", "articles"):
            count = await conn.scalar(select(func.count()).select_from(t.metadata.tables[name]))
            assert count, name


async def test_rows_keep_the_invariants_of_the_use_cases(engine: AsyncEngine) -> None:
    units = {u.id: u for u in await _rows(engine, "org_units")}
    people = {p.id: p for p in await _rows(engine, "persons")}
    memberships = await _rows(engine, "memberships")
    placements = await _rows(engine, "unit_placements")
    leaderships = await _rows(engine, "leaderships")

    for unit in units.values():
        parent = units.get(unit.parent_id)
        assert unit.path == child_path(parent.path if parent else "", unit.id)
        assert unit.depth == (parent.depth + 1 if parent else 0)
        if parent is not None:
            assert parent.valid_from <= unit.valid_from

    open_memberships = Counter(m.unit_id for m in memberships if m.valid_to is None)
    active_people = Counter(
        p.unit_id for p in people.values() if p.status is PersonStatus.ACTIVE and p.unit_id
    )
    for unit in units.values():
        assert unit.member_count == open_memberships[unit.id] == active_people[unit.id], unit.code

    current = {m.person_id: m for m in memberships if m.valid_to is None}
    assert len(current) == sum(1 for m in memberships if m.valid_to is None)  # one per person
    for person in people.values():
        assert person.search_name == fold(person.full_name)
        assert person.birth_month_day == person.date_of_birth.strftime("%m-%d")
        if person.status is PersonStatus.ACTIVE:
            assert current[person.id].unit_id == person.unit_id
        else:
            assert person.unit_id is None
            assert person.id not in current
    for membership in memberships:
        assert membership.valid_to is None or membership.valid_from <= membership.valid_to
        assert units[membership.unit_id].valid_from <= membership.valid_from

    assert Counter(p.unit_id for p in placements) == Counter(list(units))  # one per unit
    for placement in placements:
        unit = units[placement.unit_id]
        assert (placement.parent_id, placement.valid_from) == (unit.parent_id, unit.valid_from)
        assert placement.valid_to == unit.valid_to

    leaders: dict[int, list[Any]] = {}
    for lead in leaderships:
        if lead.valid_to is None:
            leaders.setdefault(lead.unit_id, []).append(lead)
            assert people[lead.person_id].unit_id == lead.unit_id  # leaders are members
            assert current[lead.person_id].valid_from <= lead.valid_from
    for unit in units.values():
        ranks = Counter(lead.rank for lead in leaders.get(unit.id, []))
        if unit.status is UnitStatus.ACTIVE:
            assert ranks[LeaderRank.HEAD] == 1, unit.code
            assert 1 <= ranks[LeaderRank.DEPUTY] <= 2, unit.code
        else:
            assert not ranks
            assert unit.member_count == 0
            assert not [u for u in units.values() if u.parent_id == unit.id]


async def test_loading_again_is_skipped_or_refused(engine: AsyncEngine, settings: Settings) -> None:
    async with engine.connect() as conn:
        before = await conn.scalar(select(func.count()).select_from(t.persons))
    await load_demo(settings, if_empty=True, quiet=True)
    with pytest.raises(DemoDataError, match="already has"):
        await load_demo(settings, quiet=True)
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).select_from(t.persons)) == before


async def test_two_loads_give_identical_data(
    engine: AsyncEngine, settings: Settings, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'second.db'}"
    await upgrade_async(url)
    await load_demo(settings.model_copy(update={"database_url": url}), now=NOW, quiet=True)
    other = create_engine(url)
    try:
        for name in TABLES:
            first, second = await _rows(engine, name), await _rows(other, name)
            assert len(first) == len(second), name
            for a, b in zip(first, second, strict=True):
                row_a, row_b = a._asdict(), b._asdict()
                if name == "accounts":  # salted hashes differ; both must verify
                    row_a.pop("password_hash"), row_b.pop("password_hash")
                assert row_a == row_b, name
    finally:
        await other.dispose()


@pytest.fixture
async def container(engine: AsyncEngine, settings: Settings) -> AsyncIterator[Container]:
    """A container on the loaded demo (the suite's own `container` fixture empties the db)."""
    container = Container.from_settings(settings, clock=FixedClock(NOW))
    yield container
    await container.dispose()


async def test_every_demo_account_signs_in(container: Container) -> None:
    for spec in DEMO_ACCOUNTS:
        anonymous = caller(ANONYMOUS, NOW)
        async with container.uow() as uow:
            attempt = await account_services.count_sign_in(
                uow, anonymous, CountSignIn(spec.login, "10.9.8.7", container.auth)
            )
            await uow.commit()
            outcome = await account_services.login(
                uow,
                anonymous,
                SignIn(spec.login, spec.password, "10.9.8.7", attempt, container.auth),
            )
            assert outcome.error is None, spec.login
            assert outcome.token
            assert outcome.account is not None
            assert outcome.account.must_change_password is spec.must_change_password
            await uow.commit()
        principal = await container.principal(bearer=outcome.token, api_key=None)
        assert principal is not None
        if spec.must_change_password:
            assert principal.kind is PrincipalKind.ANONYMOUS  # may only change the password
            continue
        expected = (
            PrincipalKind.STAFF if spec.kind is AccountKind.PERSONAL else PrincipalKind.UNIT_ACCOUNT
        )
        assert principal.kind is expected
        assert {g.role for g in principal.grants} == {role for role, _, _ in spec.roles}
        assert (principal.person_id is not None) is (spec.kind is AccountKind.PERSONAL)


async def test_use_cases_continue_after_the_bulk_load(container: Container) -> None:
    """Explicit ids must not collide with later inserts (PostgreSQL sequences are moved on)."""

    from domain.accounts.model import Role
    from domain.people.fields import PersonInfo
    from domain.people.model import Gender
    from domain.people.services import create_person
    from domain.permissions import Grant, Principal

    async with container.uow() as uow:
        snv = await uow.units.get_by_code("SNV")
        assert snv is not None
        before = snv.member_count
        editor = Principal(
            kind=PrincipalKind.STAFF, account_id=0, grants=(Grant(Role.ADMIN, snv.path, True),)
        )
        person = await create_person(
            uow,
            caller(editor, NOW),
            CreatePerson(
                unit_id=snv.id, info=PersonInfo(full_name="Lê Thị Hồng Nhung", gender=Gender.FEMALE)
            ),
        )
        await uow.commit()
    async with container.engine.connect() as conn:
        assert person.id > await conn.scalar(
            select(func.max(t.memberships.c.person_id)).where(
                t.memberships.c.person_id != person.id
            )
        )
        count = await conn.scalar(
            select(t.org_units.c.member_count).where(t.org_units.c.id == snv.id)
        )
    assert count == before + 1


def _dashboard() -> ModuleType:
    spec = importlib.util.spec_from_file_location("govgraph_dashboard_example", DASHBOARD)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_the_dashboard_example_prints_the_tree(
    container: Container, capsys: pytest.CaptureFixture[str]
) -> None:
    dashboard = _dashboard()
    app = create_app(container.settings, container)
    transport = httpx.ASGITransport(app=app, client=("10.9.8.6", 5000))
    url = "http://govgraph.test/graphql"

    assert await dashboard.main(["--url", url], transport=transport) == 0
    lines = capsys.readouterr().out.splitlines()
    root = lines[1]
    assert root.startswith("Ủy ban nhân dân tỉnh Thừa Thiên Huế [UBND-TTH] 3/")
    assert "Chủ tịch UBND tỉnh " in root
    async with container.engine.connect() as conn:
        active = await conn.scalar(
            select(func.count()).select_from(t.org_units).where(t.org_units.c.valid_to.is_(None))
        )
    assert len(lines) == 1 + active  # a header, then every active unit once
    assert any(line.startswith("    Sở Nội vụ [SNV]") for line in lines)
    assert any(
        line.startswith("        Ủy ban nhân dân phường Phú Hội [HUE-PHUHOI]") for line in lines
    )

    commune = next(a for a in DEMO_ACCOUNTS if a.must_change_password)
    argv = ["--url", url, "--login", commune.login, "--password", commune.password]
    assert await dashboard.main(argv, transport=transport) == 1
    assert "change its password" in capsys.readouterr().err


async def test_the_public_feed_counts_cover_the_demo_reports(engine: AsyncEngine) -> None:
    from persistence.reflection_feed import ALL, reflection_feed_days

    reports = t.metadata.tables["reflections"].c
    cells = reflection_feed_days.c
    async with engine.connect() as conn:
        published = await conn.scalar(
            select(func.count()).where(
                reports.state == "PUBLISHED",
                reports.is_public.is_(True),
                reports.secrecy_requested.is_(False),
            )
        )
        kept = await conn.scalar(
            select(func.sum(cells.reports)).where(
                cells.commune_unit_id == ALL, cells.category_id == ALL
            )
        )
    assert published
    assert kept == published


async def test_the_demo_dossiers_stand_in_every_state(engine: AsyncEngine) -> None:
    from domain.dossiers.model import DossierState
    from persistence import dossier_tables as dt
    from persistence.dossier_stats import dossier_stat_cells, rebuild

    d = dt.dossiers.c
    async with engine.connect() as conn:
        states = dict((await conn.execute(select(d.state, func.count()).group_by(d.state))).all())
        assert set(states) == {s.value for s in DossierState}, states
        assert sum(states.values()) >= 2_000
        late = await conn.scalar(select(func.count()).where(d.finish_class == "DONE_LATE"))
        paused = await conn.scalar(select(func.count()).where(d.paused_minutes > 0))
        letters = await conn.scalar(select(func.count()).select_from(dt.dossier_apologies))
        assert late
        assert paused
        assert letters == 1
        apologised = await conn.scalar(
            select(d.refusals).where(d.tracking_code == "HS-TTH2-2026-0007")
        )
        assert apologised == 3
        kept = (
            await conn.execute(
                select(dossier_stat_cells).order_by(*dossier_stat_cells.primary_key.columns)
            )
        ).all()
        await conn.run_sync(rebuild)
        rebuilt = (
            await conn.execute(
                select(dossier_stat_cells).order_by(*dossier_stat_cells.primary_key.columns)
            )
        ).all()
        await conn.rollback()
    assert kept == rebuilt
