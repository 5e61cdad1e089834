"""Mutations of the org tree; each returns a payload with typed errors."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.org.fields import UnitInfo
from domain.org.model import OrgUnit as DomainUnit
from domain.org.services import NewUnit
from resolvers.directory import mutations as run
from schema.common import UserError, attempt, ctx_of, decode_id, errors_of
from schema.org import OrgUnit, UnitKindType


@strawberry.input(description="Basic info and details; omitted fields stay as they are")
class UnitInfoInput:
    name: str | None = None
    short_name: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None
    website: str | None = None
    introduction: str | None = None
    functions: str | None = None
    duties: str | None = None

    def to_domain(self) -> UnitInfo:
        """The domain's value object."""
        return UnitInfo(**{k: getattr(self, k) for k in UnitInfo.__dataclass_fields__})


@strawberry.input
class NewUnitInput:
    code: str
    level_code: str
    kind: UnitKindType = UnitKindType.GOVERNMENT
    info: UnitInfoInput

    def to_domain(self) -> NewUnit:
        """The domain's value object."""
        return NewUnit(
            code=self.code, level_code=self.level_code, kind=self.kind, info=self.info.to_domain()
        )


@strawberry.type
class OrgUnitPayload:
    unit: OrgUnit | None
    errors: list[UserError]


@strawberry.type
class SplitOrgUnitPayload:
    successors: list[OrgUnit]
    errors: list[UserError]


def unit_payload(result: DomainUnit | DomainError) -> OrgUnitPayload:
    """A payload for a use case's result."""
    unit = None if isinstance(result, DomainError) else OrgUnit.from_domain(result)
    return OrgUnitPayload(unit=unit, errors=errors_of(result))


def _unit_id(value: strawberry.ID | None, field: str) -> int | None:
    return decode_id(value, "OrgUnit", field) if value is not None else None


def _required(value: strawberry.ID, field: str) -> int:
    return decode_id(value, "OrgUnit", field)


@strawberry.type
class OrgMutations:
    @strawberry.mutation(description="Create a unit (directory editors of the parent)")
    async def create_org_unit(
        self,
        info: Info,
        parent_id: strawberry.ID,
        unit: NewUnitInput,
        effective: date | None = None,
    ) -> OrgUnitPayload:
        result = await attempt(
            lambda: run.create_unit(
                ctx_of(info),
                parent_id=_required(parent_id, "parentId"),
                new=unit.to_domain(),
                effective=effective,
            )
        )
        return unit_payload(result)

    @strawberry.mutation(description="Edit basic info and details")
    async def update_org_unit(
        self, info: Info, id: strawberry.ID, changes: UnitInfoInput, version: int | None = None
    ) -> OrgUnitPayload:
        result = await attempt(
            lambda: run.update_unit(
                ctx_of(info), unit_id=_required(id, "id"), info=changes.to_domain(), version=version
            )
        )
        return unit_payload(result)

    @strawberry.mutation(description="Move a unit with its whole subtree under another parent")
    async def move_org_unit(
        self,
        info: Info,
        id: strawberry.ID,
        new_parent_id: strawberry.ID,
        version: int | None = None,
        effective: date | None = None,
    ) -> OrgUnitPayload:
        result = await attempt(
            lambda: run.move_unit(
                ctx_of(info),
                unit_id=_required(id, "id"),
                new_parent_id=_required(new_parent_id, "newParentId"),
                version=version,
                effective=effective,
            )
        )
        return unit_payload(result)

    @strawberry.mutation(
        description="Split a unit into new units under the same parent; its child units and "
        "members move to the first one. The old unit stays queryable with its successors."
    )
    async def split_org_unit(
        self,
        info: Info,
        id: strawberry.ID,
        into: list[NewUnitInput],
        version: int | None = None,
        effective: date | None = None,
    ) -> SplitOrgUnitPayload:
        result = await attempt(
            lambda: run.split_unit(
                ctx_of(info),
                unit_id=_required(id, "id"),
                into=[n.to_domain() for n in into],
                version=version,
                effective=effective,
            )
        )
        if isinstance(result, DomainError):
            return SplitOrgUnitPayload(successors=[], errors=errors_of(result))
        return SplitOrgUnitPayload(successors=[OrgUnit.from_domain(u) for u in result], errors=[])

    @strawberry.mutation(
        description="Merge units into an existing unit (intoId) or a new one (newUnit); "
        "children and members move to the target, the sources stay as history"
    )
    async def merge_org_units(
        self,
        info: Info,
        source_ids: list[strawberry.ID],
        into_id: strawberry.ID | None = None,
        new_unit: NewUnitInput | None = None,
        parent_id: strawberry.ID | None = None,
        effective: date | None = None,
    ) -> OrgUnitPayload:
        result = await attempt(
            lambda: run.merge_units(
                ctx_of(info),
                source_ids=[_required(s, "sourceIds") for s in source_ids],
                into_id=_unit_id(into_id, "intoId"),
                new_unit=new_unit.to_domain() if new_unit else None,
                parent_id=_unit_id(parent_id, "parentId"),
                effective=effective,
            )
        )
        return unit_payload(result)

    @strawberry.mutation(
        description="Dissolve a unit; with a successor, its children and members move there"
    )
    async def dissolve_org_unit(
        self,
        info: Info,
        id: strawberry.ID,
        successor_id: strawberry.ID | None = None,
        version: int | None = None,
        effective: date | None = None,
    ) -> OrgUnitPayload:
        result = await attempt(
            lambda: run.dissolve_unit(
                ctx_of(info),
                unit_id=_required(id, "id"),
                successor_id=_unit_id(successor_id, "successorId"),
                version=version,
                effective=effective,
            )
        )
        return unit_payload(result)
