"""Rules of statistics and periodic reports."""

from __future__ import annotations

from domain.accounts.model import Role
from domain.permissions.principal import Principal, PrincipalKind

# --- Statistics and periodic reports -----------------------------------------------------

STATS_ROLES = (Role.INTEGRATOR, Role.OVERSEER, Role.ADMIN)


def can_view_stats(principal: Principal, unit_path: str) -> bool:
    """Aggregated figures of a unit's subtree: integrator keys, overseers and admins whose
    scope covers the unit and everything under it (PERMISSIONS.md: stats are aggregated over
    the caller's scope; a grant on a unit alone does not reach its children's figures)."""
    return any(
        g.role in STATS_ROLES and g.include_subtree and g.covers(unit_path)
        for g in principal.grants
    )


_REPORT_READERS = (Role.OVERSEER, Role.ADMIN, Role.TASK_CREATOR, Role.LEADER)


def can_view_reports(principal: Principal, unit_path: str, unit_id: int) -> bool:
    """A round's submissions over a unit's subtree: overseers, admins, task creators and
    leaders whose scope covers the unit, and the unit's own account."""
    if principal.kind is PrincipalKind.UNIT_ACCOUNT and principal.unit_id == unit_id:
        return True
    return any(g.role in _REPORT_READERS and g.covers(unit_path) for g in principal.grants)
