"""Per-request DataLoaders, one per key. Tree queries prefetch whole subtrees at once."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader

from domain.accounts.model import RoleGrant
from domain.directory.model import Committee, CommitteeDocument, CommitteeMember
from domain.org.model import Leadership, OrgLevel, OrgUnit, UnitLineage
from domain.people.model import Membership, Person
from domain.reading import DirectoryReader

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def _one(
    fetch: Callable[[Sequence[K]], Awaitable[list[V]]], key: Callable[[V], K]
) -> Callable[[list[K]], Awaitable[list[V | None]]]:
    async def load(keys: list[K]) -> list[V | None]:
        found = {key(item): item for item in await fetch(keys)}
        return [found.get(k) for k in keys]

    return load


def _many(
    fetch: Callable[[Sequence[K]], Awaitable[list[V]]], key: Callable[[V], K]
) -> Callable[[list[K]], Awaitable[list[list[V]]]]:
    async def load(keys: list[K]) -> list[list[V]]:
        groups: dict[K, list[V]] = defaultdict(list)
        for item in await fetch(keys):
            groups[key(item)].append(item)
        return [groups.get(k, []) for k in keys]

    return load


class PrefetchScope:
    """Unit ids a tree query loaded: a loader keyed by unit fetches all of them at once."""

    def __init__(self) -> None:
        self.unit_ids: list[int] = []

    def widen(self, keys: Sequence[int]) -> list[int]:
        """The requested keys plus every unit of the current tree."""
        return list(dict.fromkeys([*keys, *self.unit_ids]))


class Loaders:
    """All loaders of one request."""

    def __init__(self, reader: DirectoryReader) -> None:
        self.scope = PrefetchScope()
        self.unit_by_id = DataLoader[int, OrgUnit | None](
            load_fn=_one(reader.units_by_ids, lambda u: u.id)
        )
        self.level_by_code = DataLoader[str, OrgLevel | None](
            load_fn=_one(lambda _codes: reader.levels(), lambda lv: lv.code)
        )
        self.unit_by_code = DataLoader[str, OrgUnit | None](
            load_fn=_one(reader.units_by_codes, lambda u: u.code)
        )
        self.children_by_unit_id = DataLoader[int, list[OrgUnit]](
            load_fn=_many(reader.children_of, lambda u: u.parent_id or 0)
        )
        self.leaders_by_unit_id = self._scoped(
            _many(reader.current_leaders, lambda lead: lead.unit_id)
        )
        self.leadership_history_by_unit_id = DataLoader[int, list[Leadership]](
            load_fn=_many(reader.leadership_history, lambda lead: lead.unit_id)
        )
        self.lineage_by_unit_id = DataLoader[int, list[UnitLineage]](load_fn=self._lineage(reader))
        self.person_by_id = DataLoader[int, Person | None](
            load_fn=_one(reader.persons_by_ids, lambda p: p.id)
        )
        self.memberships_by_person_id = DataLoader[int, list[Membership]](
            load_fn=_many(reader.memberships, lambda m: m.person_id)
        )
        self.committee_by_id = DataLoader[int, Committee | None](
            load_fn=_one(reader.committees_by_ids, lambda c: c.id)
        )
        self.members_by_committee_id = DataLoader[int, list[CommitteeMember]](
            load_fn=_many(reader.committee_members, lambda m: m.committee_id)
        )
        self.documents_by_committee_id = DataLoader[int, list[CommitteeDocument]](
            load_fn=_many(reader.committee_documents, lambda d: d.committee_id)
        )
        self.seats_by_person_id = DataLoader[int, list[CommitteeMember]](
            load_fn=_many(reader.seats_of, lambda m: m.person_id)
        )
        self.grants_by_account_id = DataLoader[int, list[RoleGrant]](
            load_fn=_many(reader.grants_of, lambda g: g.account_id)
        )

    def _scoped(self, load: Callable[[list[int]], Awaitable[list[V]]]) -> DataLoader[int, V]:
        """A loader that fetches the whole prefetch scope with the first batch."""

        async def load_scoped(keys: list[int]) -> list[V]:
            extras = [k for k in self.scope.widen(keys)[len(keys) :] if not loader.cache_map.get(k)]
            # Claim the extra keys before fetching, so loads issued meanwhile wait for this batch.
            pending: dict[int, asyncio.Future[V]] = {}
            for key in extras:
                pending[key] = asyncio.get_running_loop().create_future()
                loader.cache_map.set(key, pending[key])
            try:
                values = await load([*keys, *extras])
            except BaseException as exc:
                for future in pending.values():
                    future.set_exception(exc)
                raise
            by_key = dict(zip([*keys, *extras], values, strict=True))
            for key, future in pending.items():
                future.set_result(by_key[key])
            return [by_key[k] for k in keys]

        loader = DataLoader[int, V](load_fn=load_scoped)
        return loader

    @staticmethod
    def _lineage(
        reader: DirectoryReader,
    ) -> Callable[[list[int]], Awaitable[list[list[UnitLineage]]]]:
        async def load(keys: list[int]) -> list[list[UnitLineage]]:
            links = await reader.lineage(keys)
            return [[lk for lk in links if k in (lk.predecessor_id, lk.successor_id)] for k in keys]

        return load

    def prime_tree(self, units: list[OrgUnit], max_depth: int | None) -> None:
        """Put a loaded subtree into the unit and children loaders; widen the prefetch scope."""
        children: dict[int, list[OrgUnit]] = defaultdict(list)
        for unit in units:
            self.unit_by_id.prime(unit.id, unit)
            if unit.parent_id is not None:
                children[unit.parent_id].append(unit)
        for unit in units:
            if max_depth is None or unit.depth < max_depth:
                kids = sorted(children.get(unit.id, []), key=lambda u: (u.level_code, u.name, u.id))
                self.children_by_unit_id.prime(unit.id, kids)
        self.scope.unit_ids.extend(u.id for u in units)
