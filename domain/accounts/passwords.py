"""Password policy (regulations as defaults) and the hashing port."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Protocol

from domain.errors import DomainError, ErrorCode
from domain.text import fold


class PasswordHasher(Protocol):
    """Hashes and verifies passwords (argon2id in production)."""

    def hash(self, password: str) -> str: ...

    def verify(self, password: str, password_hash: str) -> bool: ...

    def needs_update(self, password_hash: str) -> bool: ...


@dataclass(frozen=True)
class PasswordPolicy:
    """At least 8 characters (004), rotation every 30 days (000 asks monthly), a blocklist."""

    min_length: int = 8
    max_length: int = 128
    rotation_days: int = 30
    unit_accounts_change_at_first_login: bool = True

    def check(self, password: str, *, login: str = "") -> None:
        """Refuse a weak password with a reason the user can act on."""
        if len(password) < self.min_length:
            raise _weak(f"Password must have at least {self.min_length} characters")
        if len(password) > self.max_length:
            raise _weak(f"Password must have at most {self.max_length} characters")
        if fold(password) in common_passwords():
            raise _weak("Password is too common")
        if login and fold(login.split("@", maxsplit=1)[0]) in fold(password):
            raise _weak("Password must not contain the login name")
        if len(set(password)) < 4:
            raise _weak("Password has too few distinct characters")

    def expired(self, changed_at: datetime, now: datetime) -> bool:
        """True when the rotation period has passed since the last change."""
        return self.rotation_days > 0 and now - changed_at > timedelta(days=self.rotation_days)


def _weak(message: str) -> DomainError:
    return DomainError(ErrorCode.WEAK_PASSWORD, message, "password")


@cache
def common_passwords() -> frozenset[str]:
    """The blocklist shipped with govgraph (folded, one per line)."""
    text = resources.files("domain.accounts").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line.strip())
