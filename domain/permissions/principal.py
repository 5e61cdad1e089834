"""Who is asking: the principal, its kind and its grants (scopes are materialized paths)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.accounts.model import Role
from domain.errors import DomainError, ErrorCode, PasswordChangeRequired


class PrincipalKind(StrEnum):
    """Who is calling."""

    ANONYMOUS = "ANONYMOUS"
    STAFF = "STAFF"
    UNIT_ACCOUNT = "UNIT_ACCOUNT"
    CITIZEN = "CITIZEN"
    INTEGRATOR = "INTEGRATOR"


@dataclass(frozen=True)
class Grant:
    """A role held on the unit at `unit_path`, and below it when include_subtree."""

    role: Role
    unit_path: str
    include_subtree: bool

    def covers(self, path: str) -> bool:
        """True when the grant reaches the unit at `path`."""
        if self.include_subtree:
            return path.startswith(self.unit_path)
        return path == self.unit_path


@dataclass(frozen=True)
class Principal:
    """The caller of one request, resolved from a token or an API key."""

    kind: PrincipalKind
    account_id: int | None = None
    person_id: int | None = None
    unit_id: int | None = None
    unit_path: str | None = None
    grants: tuple[Grant, ...] = field(default=())
    token_id: int | None = None
    api_key_id: int | None = None
    expires_at: datetime | None = None  # when the credential ends (tokens)
    # the account must change its password: until then it acts as the public does, and a
    # refusal says PASSWORD_CHANGE_REQUIRED instead of "sign in first"
    password_change_required: bool = False

    @property
    def signed_in(self) -> bool:
        """Anyone but the public."""
        return self.kind is not PrincipalKind.ANONYMOUS

    def has(self, role: Role, path: str) -> bool:
        """True when a grant of `role` (or ADMIN) covers the unit at `path`."""
        return any(g.role in (role, Role.ADMIN) and g.covers(path) for g in self.grants)

    def explain(self, error: DomainError) -> DomainError:
        """The refusal this caller gets: a token that must change its password is told so
        (PASSWORD_CHANGE_REQUIRED) where another caller would be asked to sign in or refused."""
        if self.password_change_required and error.code in (
            ErrorCode.UNAUTHENTICATED,
            ErrorCode.FORBIDDEN,
        ):
            return PasswordChangeRequired()
        return error

    def roles_on(self, path: str) -> set[Role]:
        """Every role that reaches the unit at `path`."""
        return {g.role for g in self.grants if g.covers(path)}


ANONYMOUS = Principal(kind=PrincipalKind.ANONYMOUS)

STAFF_KINDS = (PrincipalKind.STAFF, PrincipalKind.UNIT_ACCOUNT, PrincipalKind.INTEGRATOR)


def is_province_admin(principal: Principal) -> bool:
    """An ADMIN over the whole subtree of a top-level unit (the province)."""
    return any(
        g.role is Role.ADMIN and g.include_subtree and g.unit_path.count("/") == 2
        for g in principal.grants
    )


def can_write(principal: Principal) -> bool:
    """Integrators (API keys) are read-only: no mutation, not even a sign-in, runs for them."""
    return principal.kind is not PrincipalKind.INTEGRATOR
