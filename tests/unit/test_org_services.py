"""Use cases of the org tree on in-memory fakes: paths, levels, cycles, lineage, history."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.accounts.model import Role
from domain.errors import DomainError, ErrorCode
from domain.org.commands import CreateUnit, DissolveUnit, MergeUnits, MoveUnit, NewUnit, SplitUnit
from domain.org.fields import UnitInfo
from domain.org.model import LineageKind, UnitKind, UnitStatus
from domain.org.restructure import merge_units, split_unit
from domain.org.services import create_unit, dissolve_unit, move_unit
from domain.people.commands import CreatePerson
from domain.people.fields import PersonInfo
from domain.people.model import Gender, MembershipEnd
from domain.people.services import create_person
from domain.permissions import ANONYMOUS, Grant, Principal, PrincipalKind
from tests.callers import caller
from tests.unit.fakes import FakeUnitOfWork, with_levels

AT = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
DAY = date(2026, 11, 20)


def editor_of(path: str, subtree: bool = True) -> Principal:
    return Principal(
        kind=PrincipalKind.STAFF,
        account_id=1,
        grants=(Grant(Role.DIRECTORY_EDITOR, path, subtree),),
    )


async def _unit(uow: FakeUnitOfWork, code: str, level: str, parent: int | None) -> int:
    unit = await create_unit(
        uow,
        caller(ANONYMOUS, AT),
        CreateUnit(
            parent_id=parent,
            new=NewUnit(code, level, UnitKind.GOVERNMENT, UnitInfo(name=code)),
            effective=date(2020, 1, 1),
            system=True,
        ),
    )
    return unit.id


@pytest.fixture
async def tree() -> tuple[FakeUnitOfWork, dict[str, int]]:
    uow = with_levels(FakeUnitOfWork())
    ids: dict[str, int] = {}
    ids["P"] = await _unit(uow, "P", "PROVINCE", None)
    ids["D1"] = await _unit(uow, "D1", "DISTRICT", ids["P"])
    ids["D2"] = await _unit(uow, "D2", "DISTRICT", ids["P"])
    ids["C1"] = await _unit(uow, "C1", "COMMUNE", ids["D1"])
    ids["C2"] = await _unit(uow, "C2", "COMMUNE", ids["D1"])
    return uow, ids


async def test_paths_and_depths_follow_the_tree(
    tree: tuple[FakeUnitOfWork, dict[str, int]],
) -> None:
    uow, ids = tree
    c1 = uow.units.units[ids["C1"]]
    assert c1.path == f"/{ids['P']}/{ids['D1']}/{ids['C1']}/"
    assert c1.depth == 2
    assert c1.ancestor_ids() == [ids["P"], ids["D1"]]


async def test_a_level_cannot_sit_under_a_lower_or_equal_level(
    tree: tuple[FakeUnitOfWork, dict[str, int]],
) -> None:
    uow, ids = tree
    with pytest.raises(DomainError) as refused:
        await create_unit(
            uow,
            caller(editor_of(uow.units.units[ids["P"]].path), AT),
            CreateUnit(
                parent_id=ids["C1"],
                new=NewUnit("X", "DISTRICT", UnitKind.GOVERNMENT, UnitInfo(name="X")),
                effective=DAY,
            ),
        )
    assert refused.value.code is ErrorCode.INVALID_INPUT


async def test_two_tier_structure_puts_communes_under_the_province(
    tree: tuple[FakeUnitOfWork, dict[str, int]],
) -> None:
    uow, ids = tree
    province = uow.units.units[ids["P"]]
    commune = await create_unit(
        uow,
        caller(editor_of(province.path, subtree=False), AT),
        CreateUnit(
            parent_id=ids["P"],
            new=NewUnit("NEW-C", "COMMUNE", UnitKind.GOVERNMENT, UnitInfo(name="Xã mới")),
            effective=DAY,
        ),
    )
    assert commune.depth == 1


async def test_moving_a_unit_repaths_its_subtree(
    tree: tuple[FakeUnitOfWork, dict[str, int]],
) -> None:
    uow, ids = tree
    await _unit(uow, "O1", "OFFICE", ids["D1"])
    await move_unit(
        uow,
        caller(editor_of(uow.units.units[ids["P"]].path), AT),
        MoveUnit(unit_id=ids["C1"], new_parent_id=ids["D2"], effective=DAY),
    )
    assert uow.units.units[ids["C1"]].path == f"/{ids['P']}/{ids['D2']}/{ids['C1']}/"
    closed = [p for p in uow.units.placements if p.unit_id == ids["C1"]]
    assert [(p.parent_id, p.valid_to) for p in closed] == [(ids["D1"], DAY), (ids["D2"], None)]


async def test_moving_under_own_descendant_is_a_cycle(
    tree: tuple[FakeUnitOfWork, dict[str, int]],
) -> None:
    uow, ids = tree
    await _unit(uow, "D1-SUB", "OFFICE", ids["D1"])
    with pytest.raises(DomainError) as refused:
        await move_unit(
            uow,
            caller(editor_of(uow.units.units[ids["P"]].path), AT),
            MoveUnit(unit_id=ids["D1"], new_parent_id=ids["C1"], effective=DAY),
        )
    assert refused.value.code is ErrorCode.CYCLE


async def test_an_editor_outside_the_scope_cannot_move(
    tree: tuple[FakeUnitOfWork, dict[str, int]],
) -> None:
    uow, ids = tree
    with pytest.raises(DomainError) as refused:
        await move_unit(
            uow,
            caller(editor_of(uow.units.units[ids["D2"]].path), AT),
            MoveUnit(unit_id=ids["C1"], new_parent_id=ids["D2"], effective=DAY),
        )
    assert refused.value.code is ErrorCode.FORBIDDEN


async def test_merge_moves_children_and_members_and_keeps_lineage(
    tree: tuple[FakeUnitOfWork, dict[str, int]],
) -> None:
    uow, ids = tree
    province_path = uow.units.units[ids["P"]].path
    person = await create_person(
        uow,
        caller(editor_of(province_path), AT),
        CreatePerson(
            unit_id=ids["D1"], info=PersonInfo(full_name="Nguyễn Văn An", gender=Gender.MALE)
        ),
    )
    target = await merge_units(
        uow,
        caller(editor_of(province_path), AT),
        MergeUnits(
            source_ids=(ids["D1"], ids["D2"]),
            into_id=None,
            new_unit=NewUnit("D12", "DISTRICT", UnitKind.GOVERNMENT, UnitInfo(name="Merged")),
            parent_id=None,
            effective=DAY,
        ),
    )
    d1 = uow.units.units[ids["D1"]]
    assert (d1.status, d1.valid_to) == (UnitStatus.MERGED, DAY)
    assert uow.units.units[ids["C1"]].parent_id == target.id
    assert person.unit_id == target.id
    assert (d1.member_count, target.member_count) == (0, 1)
    ended = [m for m in uow.people.memberships if m.valid_to is not None]
    assert [m.end_reason for m in ended] == [MembershipEnd.UNIT_CLOSED]
    assert {(lk.predecessor_id, lk.kind) for lk in uow.units.lineage} == {
        (ids["D1"], LineageKind.MERGED_INTO),
        (ids["D2"], LineageKind.MERGED_INTO),
    }


async def test_split_needs_two_successors_and_moves_children_to_the_first(
    tree: tuple[FakeUnitOfWork, dict[str, int]],
) -> None:
    uow, ids = tree
    actor = editor_of(uow.units.units[ids["P"]].path)
    with pytest.raises(DomainError):
        await split_unit(
            uow,
            caller(actor, AT),
            SplitUnit(
                unit_id=ids["D1"],
                into=(NewUnit("ONLY", "DISTRICT", UnitKind.GOVERNMENT, UnitInfo(name="x")),),
                effective=DAY,
            ),
        )
    first, second = await split_unit(
        uow,
        caller(actor, AT),
        SplitUnit(
            unit_id=ids["D1"],
            into=(
                NewUnit("D1-A", "DISTRICT", UnitKind.GOVERNMENT, UnitInfo(name="A")),
                NewUnit("D1-B", "DISTRICT", UnitKind.GOVERNMENT, UnitInfo(name="B")),
            ),
            effective=DAY,
        ),
    )
    assert uow.units.units[ids["C2"]].parent_id == first.id
    assert uow.units.units[ids["D1"]].status is UnitStatus.SPLIT
    assert {lk.successor_id for lk in uow.units.lineage} == {first.id, second.id}


async def test_dissolving_a_unit_with_members_needs_a_successor(
    tree: tuple[FakeUnitOfWork, dict[str, int]],
) -> None:
    uow, ids = tree
    with pytest.raises(DomainError) as refused:
        await dissolve_unit(
            uow,
            caller(editor_of(uow.units.units[ids["P"]].path), AT),
            DissolveUnit(unit_id=ids["D1"], successor_id=None, effective=DAY),
        )
    assert refused.value.code is ErrorCode.INVALID_STATE
    await dissolve_unit(
        uow,
        caller(editor_of(uow.units.units[ids["P"]].path), AT),
        DissolveUnit(unit_id=ids["C2"], successor_id=None, effective=DAY),
    )
    assert uow.units.units[ids["C2"]].status is UnitStatus.DISSOLVED


async def test_stale_version_is_refused(tree: tuple[FakeUnitOfWork, dict[str, int]]) -> None:
    uow, ids = tree
    with pytest.raises(DomainError) as refused:
        await move_unit(
            uow,
            caller(editor_of(uow.units.units[ids["P"]].path), AT),
            MoveUnit(unit_id=ids["C1"], new_parent_id=ids["D2"], version=7, effective=DAY),
        )
    assert refused.value.code is ErrorCode.STALE_VERSION
