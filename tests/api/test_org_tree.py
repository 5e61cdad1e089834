"""The dashboard's org tree query, end to end."""

from __future__ import annotations

from govgraph.container import Container
from persistence.database import StatementCounter
from tests.callers import caller
from tests.factories import Api, Province

TREE = """
query Tree($depth: Int!) {
  orgTree(depth: $depth) {
    id code name levelCode memberCount subtreeMemberCount
    leaders { title rank person { fullName } }
    children {
      code name levelCode subtreeMemberCount
      leaders { title person { fullName } }
      children { code levelCode memberCount leaders { title } children { code } }
    }
  }
}
"""


async def test_tree_has_levels_leaders_and_counts(api: Api, province: Province) -> None:
    await api.login("an.nv")
    tree = (await api.data(TREE, {"depth": 3}))["orgTree"]
    assert tree["code"] == "PROV"
    assert tree["subtreeMemberCount"] == 5
    children = {c["code"]: c for c in tree["children"]}
    assert set(children) == {"VP", "SNV", "HUE", "PD"}
    assert children["SNV"]["leaders"] == [
        {"title": "Giám đốc Sở", "person": {"fullName": "Nguyễn Văn An"}}
    ]
    assert {c["code"] for c in children["HUE"]["children"]} == {"HUE-PKT", "HUE-PHUHOI"}
    assert children["HUE"]["subtreeMemberCount"] == 3


async def test_anonymous_sees_units_but_not_people(api: Api, province: Province) -> None:
    tree = (await api.data(TREE, {"depth": 2}))["orgTree"]
    snv = next(c for c in tree["children"] if c["code"] == "SNV")
    assert snv["leaders"] == [{"title": "Giám đốc Sở", "person": None}]


async def _grow(container: Container, province: Province) -> None:
    """Add communes and offices with leaders, widening every level of the tree."""
    from datetime import UTC, date, datetime

    from domain.org.commands import CreateUnit, NewUnit
    from domain.org.fields import UnitInfo
    from domain.org.model import LeaderRank, UnitKind
    from domain.org.services import create_unit
    from domain.people.commands import AppointLeader, CreatePerson
    from domain.people.fields import PersonInfo
    from domain.people.model import Gender
    from domain.people.services import appoint_leader, create_person
    from tests.factories import SYSTEM, _system_editor

    editor = _system_editor(province)
    async with container.uow() as uow:
        for n in range(8):
            parent = province.units["HUE" if n % 2 else "PD"]
            unit = await create_unit(
                uow,
                caller(SYSTEM, container.clock.now()),
                CreateUnit(
                    parent_id=parent,
                    new=NewUnit(
                        f"NEW-{n}", "COMMUNE", UnitKind.GOVERNMENT, UnitInfo(name=f"Xã {n}")
                    ),
                    effective=date(2024, 1, 1),
                    system=True,
                ),
            )
            person = await create_person(
                uow,
                caller(editor, datetime(2026, 1, 1, 3, 0, tzinfo=UTC)),
                CreatePerson(
                    unit_id=unit.id, info=PersonInfo(full_name=f"Chủ tịch {n}", gender=Gender.MALE)
                ),
            )
            await appoint_leader(
                uow,
                caller(editor, container.clock.now()),
                AppointLeader(
                    unit_id=unit.id,
                    person_id=person.id,
                    title="Chủ tịch",
                    rank=LeaderRank.HEAD,
                    effective=date(2024, 1, 1),
                ),
            )
        await uow.commit()


async def test_statement_count_does_not_grow_with_the_tree(
    api: Api, province: Province, container: Container
) -> None:
    await api.login("an.nv")
    await api.data(TREE, {"depth": 3})  # steady state: the principal is cached
    with StatementCounter(container.engine) as small:
        before = await api.data(TREE, {"depth": 3})
    await _grow(container, province)
    await api.data(TREE, {"depth": 3})  # the directory changed: the principal is read again
    with StatementCounter(container.engine) as large:
        after = await api.data(TREE, {"depth": 3})
    grandchildren = [g for c in after["orgTree"]["children"] for g in c["children"]]
    assert (
        len(grandchildren)
        == len([g for c in before["orgTree"]["children"] for g in c["children"]]) + 8
    )
    assert small.count == large.count, (small.statements, large.statements)
    # a body seen before, its caller cached: one statement reads the revisions and builds
    # the whole tree (the compiled path), however large the tree
    assert large.count == 1, large.statements
