"""The subtree member counter kept on write equals a recomputation after every kind of change."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from domain.org.commands import MergeUnits, MoveUnit, NewUnit
from domain.org.fields import UnitInfo
from domain.org.model import UnitKind
from domain.org.restructure import merge_units
from domain.org.services import move_unit
from domain.people.commands import EndEmployment, TransferPerson
from domain.people.model import PersonStatus
from domain.people.services import end_employment, transfer_person
from govgraph.container import Container
from tests.callers import caller
from tests.factories import Province, _system_editor, build_province

DAY = date(2026, 11, 20)
RECOMPUTED = """
SELECT top.code, top.subtree_member_count,
       (SELECT COALESCE(SUM(b.member_count), 0) FROM org_units b
        WHERE b.path LIKE top.path || '%' AND b.status = 'ACTIVE')
FROM org_units top WHERE top.status = 'ACTIVE'
"""


async def _mismatches(container: Container) -> list[tuple[str, int, int]]:
    async with container.engine.connect() as conn:
        rows = (await conn.execute(text(RECOMPUTED))).all()
    return [(code, kept, real) for code, kept, real in rows if kept != real]


async def test_counters_follow_transfers_moves_merges_and_retirements(
    container: Container,
) -> None:
    province: Province = await build_province(container)
    editor = _system_editor(province)
    now = container.clock.now()
    assert await _mismatches(container) == []
    async with container.uow() as uow:
        await transfer_person(
            uow,
            caller(editor, now),
            TransferPerson(
                person_id=province.people["dung"],
                to_unit_id=province.units["PD-PHONGTHU"],
                effective=DAY,
            ),
        )
        await uow.commit()
    async with container.uow() as uow:
        await move_unit(
            uow,
            caller(editor, now),
            MoveUnit(
                unit_id=province.units["HUE-PHUHOI"],
                new_parent_id=province.units["PD"],
                effective=DAY,
            ),
        )
        await uow.commit()
    async with container.uow() as uow:
        await merge_units(
            uow,
            caller(editor, now),
            MergeUnits(
                source_ids=(province.units["HUE"], province.units["PD"]),
                into_id=None,
                new_unit=NewUnit("HUE-PD", "DISTRICT", UnitKind.GOVERNMENT, UnitInfo(name="Gộp")),
                parent_id=None,
                effective=DAY,
            ),
        )
        await uow.commit()
    async with container.uow() as uow:
        await end_employment(
            uow,
            caller(editor, now),
            EndEmployment(
                person_id=province.people["an"],
                status=PersonStatus.RETIRED,
                effective=DAY,
            ),
        )
        await uow.commit()
    assert await _mismatches(container) == []
    async with container.engine.connect() as conn:
        total = (
            await conn.execute(text("SELECT subtree_member_count FROM org_units WHERE code='PROV'"))
        ).scalar_one()
    assert total == 4  # five people, one retired
