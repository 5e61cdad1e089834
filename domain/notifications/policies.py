"""Who may read which notifications and watch which dashboard streams (PERMISSIONS.md)."""

from __future__ import annotations

from domain.accounts.model import Role
from domain.errors import DomainError, ErrorCode, Forbidden
from domain.notifications.model import NotificationEvent, SubjectType
from domain.permissions import (
    Principal,
    PrincipalKind,
    can_see_dossier_event,
    works_in_or_over,
)

_OVERSIGHT = (Role.OVERSEER, Role.ADMIN)


def inbox_owner(principal: Principal) -> int:
    """The person whose inbox the caller reads: signed-in staff with a person record."""
    if principal.kind is not PrincipalKind.STAFF or principal.person_id is None:
        if principal.account_id is None:
            raise DomainError(ErrorCode.UNAUTHENTICATED, "Sign in first")
        raise Forbidden("Only staff with a personal account have an inbox")
    return principal.person_id


def can_watch_unit(principal: Principal, unit_path: str, *, include_subtree: bool) -> bool:
    """A unit's dashboard streams: overseers (and admins) of the unit, with a grant reaching
    its whole subtree when asked for it; a unit's own staff for that unit alone.

    These are the callers whom the task row rule lets read every task of those units."""
    if principal.kind not in (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT):
        return False
    for grant in principal.grants:
        if grant.role not in _OVERSIGHT or not grant.covers(unit_path):
            continue
        if grant.include_subtree or not include_subtree:
            return True
    return not include_subtree and principal.unit_path == unit_path


def can_see_event(
    principal: Principal, event: NotificationEvent, *, unit_path: str, include_subtree: bool
) -> bool:
    """One event on a dashboard stream: inside the watched unit (or its subtree) and still
    inside what the caller may watch now. A field report's event names the agency it is
    about, and only those who work in or over that agency read the report (its row rule); a
    dossier's, only those who see that agency's dossiers (its desk, leaders, clerks,
    overseers, its unit account)."""
    path = event.unit_path
    if path is None:
        return False
    inside = path.startswith(unit_path) if include_subtree else path == unit_path
    if not inside or not can_watch_unit(principal, path, include_subtree=False):
        return False
    if event.subject_type is SubjectType.REFLECTION:
        return event.unit_id is not None and works_in_or_over(principal, event.unit_id, path)
    if event.subject_type is SubjectType.DOSSIER:  # those who see the agency's dossiers
        return event.unit_id is not None and can_see_dossier_event(principal, event.unit_id, path)
    return True
