"""Moving people when units close: memberships and leadership keep their history."""

from __future__ import annotations

from datetime import date

from domain.errors import DomainError, ErrorCode
from domain.org.model import OrgUnit
from domain.people.model import Membership, MembershipEnd, Person
from domain.ports import UnitOfWork


async def transfer_membership(
    *,
    uow: UnitOfWork,
    person: Person,
    to_unit: OrgUnit | None,
    reason: MembershipEnd,
    effective: date,
    position: str | None = None,
    duties: str | None = None,
) -> None:
    """Close the person's current membership and, with a target unit, open the next one."""
    current = await uow.people.current_membership(person.id)
    if current is not None:
        if effective < current.valid_from:
            raise DomainError(
                ErrorCode.INVALID_INPUT,
                f"The change cannot take effect before {current.valid_from.isoformat()}, "
                "when the current position began",
                "effective",
            )
        current.valid_to, current.end_reason = effective, reason
        await uow.units.adjust_member_count(current.unit_id, -1)
    person.unit_id = to_unit.id if to_unit else None
    if to_unit is None:
        return
    person.position = position if position is not None else person.position
    person.duties = duties if duties is not None else person.duties
    await uow.people.add_membership(
        Membership(person.id, to_unit.id, person.position, person.duties, effective)
    )
    await uow.units.adjust_member_count(to_unit.id, 1)


async def close_unit_memberships(
    *, uow: UnitOfWork, unit: OrgUnit, successor: OrgUnit | None, effective: date
) -> None:
    """Move every active member of a closing unit to its successor; their leadership of it ends."""
    for person in await uow.people.active_in_units([unit.id]):
        leadership = await uow.units.current_leadership(unit.id, person.id)
        if leadership is not None:
            leadership.valid_to = effective
        await transfer_membership(
            uow=uow,
            person=person,
            to_unit=successor,
            reason=MembershipEnd.UNIT_CLOSED,
            effective=effective,
        )
