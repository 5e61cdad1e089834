"""The read port: batch queries the GraphQL layer's loaders and lists are built on.

Lists are keyset-paginated: `after` is the sort key of the last row seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from domain.accounts.model import Account, ApiKey, RoleGrant
from domain.directory.model import Article, Committee, CommitteeDocument, CommitteeMember
from domain.org.model import Leadership, OrgLevel, OrgUnit, UnitEvent, UnitLineage
from domain.people.model import Membership, Person
from domain.permissions.field_rules import ReadRules
from domain.selection import RootRead


@dataclass(frozen=True)
class PeopleFilter:
    """Which persons a people list shows."""

    search: str | None = None
    unit_path: str | None = None
    unit_id: int | None = None
    subtree_of: int | None = None
    """Persons of this unit and every unit under it, by the unit's id."""
    include_inactive: bool = False
    within: tuple[tuple[str, bool], ...] | None = None
    """Only persons of these units: (unit path, include its subtree); None for no limit."""


@dataclass(frozen=True)
class UnitFilter:
    """Which units a descendants list shows."""

    path: str
    min_depth: int
    max_depth: int | None = None
    levels: tuple[str, ...] = ()
    include_inactive: bool = False


class DirectoryReader(Protocol):
    """Read-only batch queries; every method is one SQL statement."""

    async def access_revisions(self) -> tuple[int, int]:
        """(access, directory) revisions, in one statement."""
        ...

    async def directory_revision(self) -> int: ...
    async def levels(self) -> list[OrgLevel]: ...
    async def units_by_ids(self, ids: Sequence[int]) -> list[OrgUnit]: ...
    async def units_by_codes(self, codes: Sequence[str]) -> list[OrgUnit]: ...
    async def roots(self) -> list[OrgUnit]: ...
    async def children_of(self, parent_ids: Sequence[int]) -> list[OrgUnit]: ...
    async def units(
        self, where: UnitFilter, *, after: tuple[int, int] | None, limit: int
    ) -> list[OrgUnit]: ...
    async def count_units(self, where: UnitFilter) -> int: ...
    async def current_leaders(self, unit_ids: Sequence[int]) -> list[Leadership]: ...
    async def leadership_history(self, unit_ids: Sequence[int]) -> list[Leadership]: ...
    async def lineage(self, unit_ids: Sequence[int]) -> list[UnitLineage]: ...
    async def unit_events(self, unit_ids: Sequence[int]) -> list[UnitEvent]: ...
    async def tree_as_of(self, day: date) -> list[tuple[OrgUnit, int | None]]: ...
    async def persons_by_ids(self, ids: Sequence[int]) -> list[Person]: ...
    async def people(
        self, where: PeopleFilter, *, after: tuple[str, int] | None, limit: int
    ) -> list[Person]: ...
    async def count_people(self, where: PeopleFilter) -> int: ...
    async def memberships(self, person_ids: Sequence[int]) -> list[Membership]: ...
    async def committees(
        self,
        *,
        unit_id: int | None,
        search: str | None,
        after: int | None,
        limit: int,
        member_id: int | None = None,
    ) -> list[Committee]:
        """Committees by id; of a standing agency, matching a name, with a member seated."""
        ...

    async def committees_by_ids(self, ids: Sequence[int]) -> list[Committee]: ...
    async def committee_members(self, committee_ids: Sequence[int]) -> list[CommitteeMember]: ...
    async def seats_of(self, person_ids: Sequence[int]) -> list[CommitteeMember]: ...
    async def committee_documents(
        self, committee_ids: Sequence[int]
    ) -> list[CommitteeDocument]: ...
    async def articles(
        self, *, unit_path: str | None, author_id: int | None, after: int | None, limit: int
    ) -> list[Article]:
        """Articles newest first; of authors in the unit at `unit_path` or under it."""
        ...

    async def articles_by_ids(self, ids: Sequence[int]) -> list[Article]: ...
    async def accounts_by_ids(self, ids: Sequence[int]) -> list[Account]: ...
    async def grants_of(self, account_ids: Sequence[int]) -> list[RoleGrant]: ...
    async def api_keys(self, unit_paths: Sequence[str]) -> list[ApiKey]: ...


class CompiledReader(Protocol):
    """Answers root fields with one statement that builds their JSON in the database."""

    async def answer(
        self, reads: Sequence[RootRead], rules: ReadRules, now: datetime | None = None
    ) -> list[str]:
        """The JSON text of each read, in order; NotCompiled when one is not covered. `now`:
        the request's instant (time-dependent fields), a parameter of the run."""
        ...

    async def answer_with_revisions(
        self, reads: Sequence[RootRead], rules: ReadRules, now: datetime | None = None
    ) -> tuple[tuple[int, int], list[str]]:
        """The (access, directory) revisions read in the same statement, and the answers."""
        ...
