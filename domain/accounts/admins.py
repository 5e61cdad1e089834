"""The province keeps an admin: no change may leave a root of the org tree without an enabled
account holding ADMIN over its whole subtree (nobody could then grant or restore access)."""

from __future__ import annotations

from collections.abc import Callable

from domain.accounts.model import Role, RoleGrant
from domain.errors import DomainError, ErrorCode
from domain.ports import UnitOfWork


async def keep_an_admin(
    uow: UnitOfWork, losing: list[RoleGrant], lost: Callable[[RoleGrant], bool], field: str
) -> None:
    """INVALID_STATE when the grants about to stop working include the admin grant over a
    province (a root of the tree) that no other enabled account holds."""
    for grant in losing:
        if grant.role is not Role.ADMIN or not grant.include_subtree:
            continue
        root = await uow.units.get(grant.unit_id)
        if root is None or root.parent_id is not None:
            continue
        others = [g for g in await uow.accounts.admin_grants_on(root.id) if not lost(g)]
        holders = [await uow.accounts.get(g.account_id) for g in others]
        if not any(a is not None and not a.disabled for a in holders):
            raise DomainError(
                ErrorCode.INVALID_STATE,
                f"This is the last enabled admin of {root.name}; make another admin first",
                field,
            )
