"""The commands of signing in and of account administration; each is handled by one use case
of domain.accounts.services.

A sign-in is two commands: `CountSignIn` counts the attempt against the login and the client
address and commits on its own, then `SignIn` checks the password of that counted attempt.
Attempts sent in parallel therefore cannot get past the limits, and a refused attempt stays
counted. `system` on a command means the command line or a loader acts (no caller to check);
a request never sets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from domain.accounts.config import AuthConfig
from domain.accounts.model import Account, AccountKind, ApiKey, Role, RoleGrant
from domain.accounts.throttle import Attempt
from domain.commands import Command
from domain.errors import DomainError


@dataclass(frozen=True)
class LoginOutcome:
    """A token and the account, or the error the caller sees."""

    token: str | None = None
    account: Account | None = None
    expires_at: datetime | None = None
    error: DomainError | None = None


@dataclass(frozen=True, slots=True)
class IssuedKey:
    """A new integrator key and its secret (shown once)."""

    key: ApiKey
    secret: str


@dataclass(frozen=True, slots=True)
class CountSignIn(Command[Attempt]):
    """Count a sign-in attempt before any password is checked."""

    sign_in: ClassVar[bool] = False
    login_name: str
    address: str
    config: AuthConfig


@dataclass(frozen=True, slots=True)
class SignIn(Command[LoginOutcome]):
    """Check the credentials of a counted attempt and issue a token."""

    sign_in: ClassVar[bool] = False
    login_name: str
    password: str
    address: str
    attempt: Attempt
    config: AuthConfig


@dataclass(frozen=True, slots=True)
class Logout(Command[None]):
    """Revoke the token the request was signed in with."""

    raw_token: str | None


@dataclass(frozen=True, slots=True)
class ChangePassword(Command[Account]):
    """Change one's own password."""

    current: str
    new: str
    config: AuthConfig


@dataclass(frozen=True, slots=True)
class CreateAccount(Command[Account]):
    """Create a personal or unit account."""

    login_name: str
    kind: AccountKind
    password: str
    unit_id: int
    config: AuthConfig
    person_id: int | None = None
    system: bool = False


@dataclass(frozen=True, slots=True)
class SetAccountDisabled(Command[Account]):
    """Disable or re-enable an account."""

    account_id: int
    disabled: bool


@dataclass(frozen=True, slots=True)
class GrantRole(Command[RoleGrant]):
    """Grant a role on a unit (and its subtree)."""

    account_id: int
    role: Role
    unit_id: int
    include_subtree: bool = False
    system: bool = False


@dataclass(frozen=True, slots=True)
class RevokeRole(Command[RoleGrant]):
    """Take a role grant back."""

    grant_id: int


@dataclass(frozen=True, slots=True)
class CreateApiKey(Command[IssuedKey]):
    """Issue a read-only integrator key scoped to a unit."""

    name: str
    unit_id: int
    include_subtree: bool = True


@dataclass(frozen=True, slots=True)
class RevokeApiKey(Command[ApiKey]):
    """Revoke an integrator key at once."""

    key_id: int
