"""Mutations of the org tree; each returns a payload with typed errors."""

from __future__ import annotations

from typing import Annotated

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
from schema.descriptions import ERRORS, Effective, Version
from schema.org import OrgUnit, UnitKindType


@strawberry.input(
    description="Basic info and details; omitted (null) fields stay as they are, an empty "
    "string clears a field (but the name)"
)
class UnitInfoInput:
    name: str | None = strawberry.field(
        default=None,
        description="Full official name, at most 255 characters; required when creating",
    )
    short_name: str | None = strawberry.field(
        default=None, description="Abbreviated name, at most 80 characters"
    )
    address: str | None = strawberry.field(
        default=None, description="Office address, at most 500 characters"
    )
    phone: str | None = strawberry.field(
        default=None, description="Switchboard number (INVALID_PHONE if malformed)"
    )
    fax: str | None = strawberry.field(
        default=None, description="Fax number (INVALID_PHONE if malformed)"
    )
    email: str | None = strawberry.field(
        default=None, description="Official email address, kept lower case (INVALID_EMAIL)"
    )
    website: str | None = strawberry.field(
        default=None, description="Website URL, at most 500 characters"
    )
    introduction: str | None = strawberry.field(
        default=None, description="Free-text introduction, at most 10,000 characters"
    )
    functions: str | None = strawberry.field(
        default=None, description="Functions (chức năng), at most 10,000 characters"
    )
    duties: str | None = strawberry.field(
        default=None,
        description="Duties and powers (nhiệm vụ, quyền hạn), at most 10,000 characters",
    )

    def to_domain(self) -> UnitInfo:
        """The domain's value object."""
        return UnitInfo(**{k: getattr(self, k) for k in UnitInfo.__dataclass_fields__})


@strawberry.input(description="A unit to create (createOrgUnit, splitOrgUnit, mergeOrgUnits)")
class NewUnitInput:
    code: str = strawberry.field(
        description="Unique code: letters, digits, dot, dash, underscore, at most 40; kept "
        "upper case (DUPLICATE_CODE when taken)"
    )
    level_code: str = strawberry.field(
        description="Its OrgLevel's code; the level must rank below the parent's"
    )
    kind: UnitKindType = strawberry.field(
        default=UnitKindType.GOVERNMENT, description="What sort of body it is"
    )
    info: UnitInfoInput = strawberry.field(description="Its name (required) and details")

    def to_domain(self) -> NewUnit:
        """The domain's value object."""
        return NewUnit(
            code=self.code, level_code=self.level_code, kind=self.kind, info=self.info.to_domain()
        )


@strawberry.type(description="The unit after the change, or why it was refused")
class OrgUnitPayload:
    unit: OrgUnit | None = strawberry.field(
        description="The unit created or changed (for a merge: the unit merged into)"
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: DomainUnit | DomainError) -> OrgUnitPayload:
        """The unit after the change, or why not."""
        unit = None if isinstance(result, DomainError) else OrgUnit.from_domain(result)
        return cls(unit=unit, errors=errors_of(result))


@strawberry.type(description="The units a split made, or why it was refused")
class SplitOrgUnitPayload:
    successors: list[OrgUnit] = strawberry.field(
        description="The new units in the order asked; the first took the children and "
        "members. Empty when refused."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)

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
        parent_id: Annotated[
            strawberry.ID, strawberry.argument(description="The active unit to create it under")
        ],
        unit: Annotated[NewUnitInput, strawberry.argument(description="The new unit")],
        effective: Effective = None,
    ) -> OrgUnitPayload:
        return OrgUnitPayload.of(
            await dispatch(
                info,
                lambda: CreateUnit(org_unit_id(parent_id, "parentId"), unit.to_domain(), effective),
            )
        )

    @strawberry.mutation(
        description="Edit basic info and details (directory editors of the unit or its "
        "parent, or its leader)"
    )
    async def update_org_unit(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The unit to edit")],
        changes: Annotated[
            UnitInfoInput, strawberry.argument(description="The fields to change; null: keep")
        ],
        version: Version = None,
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
        id: Annotated[strawberry.ID, strawberry.argument(description="The unit to move")],
        new_parent_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="Its new parent: active, of a higher level, not under the unit "
                "itself (CYCLE)"
            ),
        ],
        version: Version = None,
        effective: Effective = None,
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
        id: Annotated[strawberry.ID, strawberry.argument(description="The unit to split")],
        into: Annotated[
            list[NewUnitInput],
            strawberry.argument(
                description="Two new units or more, the main successor first (it takes the "
                "children and members)"
            ),
        ],
        version: Version = None,
        effective: Effective = None,
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
        source_ids: Annotated[
            list[strawberry.ID],
            strawberry.argument(
                description="The active units to merge, each once (two or more when merging "
                "into a new unit)"
            ),
        ],
        into_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="An existing unit to merge into; give this or `newUnit`, not both"
            ),
        ] = None,
        new_unit: Annotated[
            NewUnitInput | None,
            strawberry.argument(description="A new unit to merge into, created by the merge"),
        ] = None,
        parent_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Where the new unit goes; null: under the first source's parent"
            ),
        ] = None,
        effective: Effective = None,
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
        id: Annotated[strawberry.ID, strawberry.argument(description="The unit to dissolve")],
        successor_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="An active unit, not under this one, that takes its children and "
                "members; null: none"
            ),
        ] = None,
        version: Version = None,
        effective: Effective = None,
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
