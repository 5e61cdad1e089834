"""Per-request DataLoaders of the field reports: a list and everything nested in it takes one
statement per kind of thing, however long the list."""

from __future__ import annotations

import asyncio

from strawberry.dataloader import DataLoader

from domain.permissions import Principal, ReflectionParties, ReflectionScope, reflection_scope
from domain.reflections.model import (
    Assignment,
    AssignmentState,
    Category,
    Question,
    Reflection,
    ReflectionEvent,
    ReflectionState,
)
from domain.reflections.reading import ReflectionReader
from resolvers.loaders import Loaders, _many, _one


class ReflectionLoaders:
    """The field reports' loaders of one request (built on first use by RequestContext)."""

    def __init__(self, reader: ReflectionReader, loaders: Loaders, principal: Principal) -> None:
        self.scope: ReflectionScope = reflection_scope(principal)
        self.tracked: set[int] = set()  # reports whose tracking code this request presented
        # several fields of one report ask for its parties: worked out once per version
        self._parties: dict[tuple[int, int, bool], ReflectionParties] = {}
        self._reader = reader
        self._loaders = loaders
        self.reflection_by_id = DataLoader[int, Reflection | None](
            load_fn=_one(reader.by_ids, lambda r: r.id)
        )
        self.assignments_by_reflection_id = DataLoader[int, list[Assignment]](
            load_fn=_many(reader.assignments_of, lambda a: a.reflection_id)
        )
        self.events_by_reflection_id = DataLoader[int, list[ReflectionEvent]](
            load_fn=_many(reader.events_of, lambda e: e.reflection_id)
        )
        self.questions_by_reflection_id = DataLoader[int, list[Question]](
            load_fn=_many(reader.questions_of, lambda q: q.reflection_id)
        )
        self.category_by_id = DataLoader[int, Category | None](load_fn=self._categories)

    async def _categories(self, keys: list[int]) -> list[Category | None]:
        found = {c.id: c for c in await self._reader.categories()}
        return [found.get(k) for k in keys]

    def prime(self, reflections: list[Reflection]) -> None:
        """Reports a query loaded: known to the loaders."""
        for reflection in reflections:
            self.reflection_by_id.prime(reflection.id, reflection)

    def known_parties(self, reflection: Reflection) -> ReflectionParties | None:
        """The report's parties when this request has worked them out already."""
        return self._parties.get(self._parties_key(reflection))

    async def parties(self, reflection: Reflection) -> ReflectionParties:
        """The facts the rules decide on, from batched loads (once per report version)."""
        key = self._parties_key(reflection)
        known = self._parties.get(key)
        if known is None:
            known = self._parties[key] = await self._parties_of(reflection)
        return known

    def _parties_key(self, reflection: Reflection) -> tuple[int, int, bool]:
        return (reflection.id, reflection.version, reflection.id in self.tracked)

    async def _parties_of(self, reflection: Reflection) -> ReflectionParties:
        parts = await self.assignments_by_reflection_id.load(reflection.id)
        live = [a.agency_unit_id for a in parts if a.state is not AssignmentState.WITHDRAWN]
        coordinating = reflection.coordinating_unit_id
        ids = [reflection.commune_unit_id, *live, *([coordinating] if coordinating else [])]
        rows = await self._loaders.unit_by_id.load_many(ids)
        paths = {u.id: u.path for u in rows if u is not None}
        return ReflectionParties(
            published=reflection.state is ReflectionState.PUBLISHED,
            commune_path=paths.get(reflection.commune_unit_id, ""),
            agencies={a: paths[a] for a in live if a in paths},
            coordinating_unit_id=coordinating,
            coordinating_path=paths.get(coordinating) if coordinating else None,
            reporter_account_id=reflection.reporter_account_id,
            consent_contact=reflection.consent_contact,
            tracking_code_ok=reflection.id in self.tracked,
        )

    async def parties_of_id(self, reflection_id: int) -> ReflectionParties | None:
        """The parties of a report by id (None when it does not exist)."""
        found = await self.reflection_by_id.load(reflection_id)
        return await self.parties(found) if found else None

    async def many_parties(self, reflections: list[Reflection]) -> list[ReflectionParties]:
        """Parties of several reports, batched."""
        return list(await asyncio.gather(*(self.parties(r) for r in reflections)))
