"""Accounts, role grants, session tokens and API keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class AccountKind(StrEnum):
    """Personal accounts belong to a person, unit accounts act for a unit (004 Art. 5)."""

    PERSONAL = "PERSONAL"
    UNIT = "UNIT"
    CITIZEN = "CITIZEN"


class Role(StrEnum):
    """Roles are granted on a unit, for that unit alone or for its whole subtree."""

    ADMIN = "ADMIN"
    DIRECTORY_EDITOR = "DIRECTORY_EDITOR"
    OVERSEER = "OVERSEER"
    TASK_CREATOR = "TASK_CREATOR"
    LEADER = "LEADER"
    SPECIALIST = "SPECIALIST"
    IOC_OPERATOR = "IOC_OPERATOR"
    COORDINATOR = "COORDINATOR"
    INTEGRATOR = "INTEGRATOR"
    RECEPTION_DESK = "RECEPTION_DESK"  # 002: the one-stop desk of an agency
    CLERK = "CLERK"  # 002: signs and registers results in the agency's register
    ACCOUNT_OFFICE = "ACCOUNT_OFFICE"  # 002 Art. 10: approves applicant accounts


@dataclass
class Account:
    """Credentials of a principal. The hash never leaves the domain."""

    login: str
    kind: AccountKind
    password_hash: str
    created_at: datetime
    password_changed_at: datetime
    person_id: int | None = None
    unit_id: int | None = None
    must_change_password: bool = False
    failed_logins: int = 0
    locked_until: datetime | None = None
    disabled: bool = False
    version: int = 1
    id: int = field(init=False)


@dataclass
class RoleGrant:
    """A role on a unit (and its subtree when include_subtree)."""

    account_id: int
    role: Role
    unit_id: int
    include_subtree: bool
    granted_at: datetime
    granted_by: int | None = None
    id: int = field(init=False)


@dataclass
class SessionToken:
    """A bearer token; only its SHA-256 is stored."""

    account_id: int
    token_hash: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    id: int = field(init=False)


@dataclass
class ApiKey:
    """An integrator's read-only key, scoped to a subtree; only its hash is stored."""

    name: str
    prefix: str
    key_hash: str
    unit_id: int
    include_subtree: bool
    created_at: datetime
    created_by: int | None = None
    revoked_at: datetime | None = None
    id: int = field(init=False)


@dataclass
class LoginThrottle:
    """Failed sign-in attempts counted per key ("account:<login>" or "address:<ip>")."""

    key: str
    failures: int
    window_start: datetime
    locked_until: datetime | None = None
    id: int = field(init=False)
