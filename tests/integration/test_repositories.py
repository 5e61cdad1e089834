"""The persistence layer on its own: subtree queries, repathing, optimistic locking, counts.

Runs on SQLite by default and on PostgreSQL with --postgres.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import date

import pytest

from domain.errors import StaleVersion
from domain.org.model import OrgUnit, UnitKind, UnitStatus, child_path
from domain.people.model import Gender, Person
from domain.reading import PeopleFilter, UnitFilter
from govgraph.container import Container
from persistence.reading import SqlDirectoryReader
from persistence.uow import SqlUnitOfWork


@dataclass
class Tree:
    """Ids of a chain root > a > b > c > d, plus many siblings of `a` under the root."""

    root: int
    a: int
    b: int
    c: int
    d: int
    siblings: list[int]


async def _add(uow: SqlUnitOfWork, code: str, parent: OrgUnit | None) -> OrgUnit:
    # The repository takes any shape: levels are a domain rule, not a storage one.
    unit = OrgUnit(
        code=code,
        name=f"Unit {code}",
        level_code="PROVINCE" if parent is None else "OFFICE",
        kind=UnitKind.GOVERNMENT,
        valid_from=date(2020, 1, 1),
        parent_id=parent.id if parent else None,
        depth=parent.depth + 1 if parent else 0,
    )
    await uow.units.add(unit)
    unit.path = child_path(parent.path if parent else "", unit.id)
    return unit


@pytest.fixture
async def tree(container: Container) -> Tree:
    async with container.uow() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        root = await _add(uow, "ROOT", None)
        a = await _add(uow, "A", root)
        b = await _add(uow, "B", a)
        c = await _add(uow, "C", b)
        d = await _add(uow, "D", c)
        siblings = [await _add(uow, f"S{n}", root) for n in range(25)]
        await uow.commit()
    return Tree(root.id, a.id, b.id, c.id, d.id, [s.id for s in siblings])


async def _paths(container: Container, ids: list[int]) -> dict[int, tuple[str, int]]:
    async with container.reader() as reader:
        return {u.id: (u.path, u.depth) for u in await reader.units_by_ids(ids)}


# --- subtree --------------------------------------------------------------------------------


async def test_subtree_is_the_unit_and_everything_under_it(
    container: Container, tree: Tree
) -> None:
    async with container.uow() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        a = await uow.units.get(tree.a)
        assert a is not None
        found = await uow.units.subtree(a.path)
        assert [u.id for u in found] == [tree.a, tree.b, tree.c, tree.d]  # by depth
        assert [u.id for u in await uow.units.subtree(a.path, max_depth=2)] == [tree.a, tree.b]
        everything = await uow.units.subtree(f"/{tree.root}/")
        assert len(everything) == 5 + 25
        # Siblings whose id starts with a's id ("/1/2/" and "/1/23/") stay out.
        lookalikes = [s for s in tree.siblings if str(s).startswith(str(tree.a))]
        assert lookalikes, "the tree must hold a sibling whose path looks like a's"
        assert not {u.id for u in found} & set(lookalikes)


async def test_subtree_leaves_out_closed_units(container: Container, tree: Tree) -> None:
    async with container.uow() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        c = await uow.units.get(tree.c)
        assert c is not None
        c.status, c.valid_to = UnitStatus.DISSOLVED, date(2026, 1, 1)
        await uow.commit()
    async with container.uow() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        ids = [u.id for u in await uow.units.subtree(f"/{tree.root}/{tree.a}/")]
        assert tree.c not in ids
    async with container.reader() as reader:
        where = UnitFilter(path=f"/{tree.root}/{tree.a}/", min_depth=2)
        assert [u.id for u in await reader.units(where, after=None, limit=10)] == [tree.b, tree.d]
        with_closed = UnitFilter(path=where.path, min_depth=2, include_inactive=True)
        assert await reader.count_units(with_closed) == 3


async def test_descendants_page_by_depth_then_id(container: Container, tree: Tree) -> None:
    async with container.reader() as reader:
        where = UnitFilter(path=f"/{tree.root}/", min_depth=1)
        assert await reader.count_units(where) == 29
        first = await reader.units(where, after=None, limit=10)
        rest = await reader.units(where, after=(first[-1].depth, first[-1].id), limit=100)
        keys = [(u.depth, u.id) for u in first + rest]
        assert keys == sorted(keys)
        assert len(set(keys)) == 29


# --- repath ---------------------------------------------------------------------------------


async def test_repath_on_move_updates_every_descendant(container: Container, tree: Tree) -> None:
    target = tree.siblings[3]
    async with container.uow() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        a = await uow.units.get(tree.a)
        b = await uow.units.get(tree.b)  # loaded before the move: must see the new path
        new_parent = await uow.units.get(target)
        assert a is not None
        assert b is not None
        assert new_parent is not None
        old_path = a.path
        new_path = child_path(new_parent.path, a.id)
        await uow.units.repath_subtree(old_path, new_path, new_parent.depth + 1 - a.depth)
        a.parent_id = new_parent.id
        assert (b.path, b.depth) == (f"{new_path}{tree.b}/", 3)
        await uow.commit()
    paths = await _paths(container, [tree.a, tree.b, tree.c, tree.d, tree.siblings[4]])
    prefix = f"/{tree.root}/{target}/"
    assert paths[tree.a] == (f"{prefix}{tree.a}/", 2)
    assert paths[tree.b] == (f"{prefix}{tree.a}/{tree.b}/", 3)
    assert paths[tree.c] == (f"{prefix}{tree.a}/{tree.b}/{tree.c}/", 4)
    assert paths[tree.d] == (f"{prefix}{tree.a}/{tree.b}/{tree.c}/{tree.d}/", 5)
    assert paths[tree.siblings[4]] == (f"/{tree.root}/{tree.siblings[4]}/", 1)  # untouched
    async with container.uow() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        moved = await uow.units.subtree(prefix)
        assert [u.id for u in moved] == [target, tree.a, tree.b, tree.c, tree.d]
        assert await uow.units.subtree(f"/{tree.root}/{tree.a}/") == []


async def test_repath_up_the_tree_lowers_depths(container: Container, tree: Tree) -> None:
    async with container.uow() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        c = await uow.units.get(tree.c)
        root = await uow.units.get(tree.root)
        assert c is not None
        assert root is not None
        await uow.units.repath_subtree(
            c.path, child_path(root.path, c.id), root.depth + 1 - c.depth
        )
        await uow.commit()
    paths = await _paths(container, [tree.c, tree.d, tree.b])
    assert paths[tree.c] == (f"/{tree.root}/{tree.c}/", 1)
    assert paths[tree.d] == (f"/{tree.root}/{tree.c}/{tree.d}/", 2)
    assert paths[tree.b] == (f"/{tree.root}/{tree.a}/{tree.b}/", 2)


async def test_repath_is_rolled_back_with_the_transaction(container: Container, tree: Tree) -> None:
    async with container.uow() as uow:
        assert isinstance(uow, SqlUnitOfWork)
        a = await uow.units.get(tree.a)
        assert a is not None
        await uow.units.repath_subtree(a.path, f"/{tree.root}/{tree.siblings[0]}/{a.id}/", 1)
        # leaving without commit
    paths = await _paths(container, [tree.d])
    assert paths[tree.d] == (f"/{tree.root}/{tree.a}/{tree.b}/{tree.c}/{tree.d}/", 4)


# --- optimistic locking ---------------------------------------------------------------------


async def test_second_commit_of_a_stale_unit_raises_stale_version(
    container: Container, tree: Tree
) -> None:
    async with container.uow() as first, container.uow() as second:
        mine = await first.units.get(tree.a)
        theirs = await second.units.get(tree.a)
        assert mine is not None
        assert theirs is not None
        assert mine.version == theirs.version
        mine.name, theirs.name = "First writer", "Second writer"
        await first.commit()
        with pytest.raises(StaleVersion):
            await second.commit()
    async with container.reader() as reader:
        (unit,) = await reader.units_by_ids([tree.a])
        assert unit.name == "First writer"
        assert unit.version == mine.version


async def test_stale_person_is_refused_too(container: Container, tree: Tree) -> None:
    async with container.uow() as uow:
        person = Person(
            full_name="Lê Thị Hoa", search_name="le thi hoa", gender=Gender.FEMALE, unit_id=None
        )
        await uow.people.add(person)
        await uow.commit()
    async with container.uow() as first, container.uow() as second:
        mine, theirs = await first.people.get(person.id), await second.people.get(person.id)
        assert mine is not None
        assert theirs is not None
        mine.position, theirs.position = "Chuyên viên", "Trưởng phòng"
        await first.commit()
        with pytest.raises(StaleVersion):
            await second.commit()


async def test_member_counts_change_atomically_without_a_version_bump(
    container: Container, tree: Tree
) -> None:
    async with container.reader() as reader:
        (before,) = await reader.units_by_ids([tree.a])

    async def hire() -> None:
        async with container.uow() as uow:
            await uow.units.adjust_member_count(tree.a, 1)
            await asyncio.sleep(0)
            await uow.commit()

    await asyncio.gather(*(hire() for _ in range(4)))
    async with container.uow() as uow:
        unit = await uow.units.get(tree.a)
        assert unit is not None
        assert (unit.member_count, unit.version) == (before.member_count + 4, before.version)
        await uow.units.adjust_member_count(tree.a, -1)
        assert unit.member_count == before.member_count + 3  # the loaded object follows
        await uow.commit()


# --- the read session -----------------------------------------------------------------------


async def test_reader_serves_concurrent_loads_on_one_session(
    container: Container, tree: Tree
) -> None:
    async with container.reader() as reader:
        results = await asyncio.gather(
            reader.units_by_ids([tree.a, tree.b]),
            reader.children_of([tree.root]),
            reader.levels(),
            reader.count_units(UnitFilter(path=f"/{tree.root}/", min_depth=0)),
            reader.people(PeopleFilter(), after=None, limit=5),
            reader.current_leaders([tree.root, tree.a]),
        )
        assert {u.id for u in results[0]} == {tree.a, tree.b}
        assert len(results[1]) == 26
        assert results[3] == 30


async def test_a_cancelled_read_leaves_the_session_usable(container: Container, tree: Tree) -> None:
    async with container.sessions() as session:
        reader = SqlDirectoryReader(session)
        where = UnitFilter(path=f"/{tree.root}/", min_depth=0)
        for ticks in range(6):
            task = asyncio.ensure_future(reader.units(where, after=None, limit=100))
            for _ in range(ticks):
                await asyncio.sleep(0)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            assert len(await reader.units(where, after=None, limit=100)) == 30
        await session.close()
