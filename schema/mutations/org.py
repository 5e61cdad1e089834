"""Mutations of the org tree; each returns a payload with typed errors."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from domain.org.commands import (
    CreateUnit,
    DissolveUnit,
    MergeUnits,
    MoveUnit,
    NewUnit,
    SplitUnit,
    UpdateUnit,
)
from domain.org.fields import UnitInfo
from domain.org.model import OrgUnit as DomainUnit
from schema.common import UserError, decode_id, dispatch, errors_of
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

    @classmethod
    def of(cls, result: DomainUnit | DomainError) -> OrgUnitPayload:
        """The unit after the change, or why not."""
        unit = None if isinstance(result, DomainError) else OrgUnit.from_domain(result)
        return cls(unit=unit, errors=errors_of(result))


@strawberry.type
class SplitOrgUnitPayload:
    successors: list[OrgUnit]
    errors: list[UserError]

    @classmethod
    def of(cls, result: list[DomainUnit] | DomainError) -> SplitOrgUnitPayload:
        """The new units, or why not."""
        if isinstance(result, DomainError):
            return cls(successors=[], errors=errors_of(result))
        return cls(successors=[OrgUnit.from_domain(u) for u in result], errors=[])


def org_unit_id(value: strawberry.ID, field: str) -> int:
    """The database id of an OrgUnit argument."""
    return decode_id(value, "OrgUnit", field)


def _optional_unit_id(value: strawberry.ID | None, field: str) -> int | None:
    return org_unit_id(value, field) if value is not None else None


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
        return OrgUnitPayload.of(
            await dispatch(
                info,
                lambda: CreateUnit(org_unit_id(parent_id, "parentId"), unit.to_domain(), effective),
            )
        )

    @strawberry.mutation(description="Edit basic info and details")
    async def update_org_unit(
        self, info: Info, id: strawberry.ID, changes: UnitInfoInput, version: int | None = None
    ) -> OrgUnitPayload:
        return OrgUnitPayload.of(
            await dispatch(
                info, lambda: UpdateUnit(org_unit_id(id, "id"), changes.to_domain(), version)
            )
        )

    @strawberry.mutation(description="Move a unit with its whole subtree under another parent")
    async def move_org_unit(
        self,
        info: Info,
        id: strawberry.ID,
        new_parent_id: strawberry.ID,
        version: int | None = None,
        effective: date | None = None,
    ) -> OrgUnitPayload:
        return OrgUnitPayload.of(
            await dispatch(
                info,
                lambda: MoveUnit(
                    org_unit_id(id, "id"),
                    org_unit_id(new_parent_id, "newParentId"),
                    version,
                    effective,
                ),
            )
        )

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
        return SplitOrgUnitPayload.of(
            await dispatch(
                info,
                lambda: SplitUnit(
                    org_unit_id(id, "id"), tuple(n.to_domain() for n in into), version, effective
                ),
            )
        )

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
        return OrgUnitPayload.of(
            await dispatch(
                info,
                lambda: MergeUnits(
                    tuple(org_unit_id(s, "sourceIds") for s in source_ids),
                    _optional_unit_id(into_id, "intoId"),
                    new_unit.to_domain() if new_unit else None,
                    _optional_unit_id(parent_id, "parentId"),
                    effective,
                ),
            )
        )

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
        return OrgUnitPayload.of(
            await dispatch(
                info,
                lambda: DissolveUnit(
                    org_unit_id(id, "id"),
                    _optional_unit_id(successor_id, "successorId"),
                    version,
                    effective,
                ),
            )
        )
