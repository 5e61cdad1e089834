"""The password hasher adapter: argon2id through passlib (OWASP: m=19 MiB, t=2, p=1)."""

from __future__ import annotations

from typing import cast

from passlib.context import CryptContext


class Argon2Hasher:
    """PasswordHasher on passlib's argon2 (variant id)."""

    def __init__(
        self, *, memory_kib: int = 19456, time_cost: int = 2, parallelism: int = 1
    ) -> None:
        self._context = CryptContext(
            schemes=["argon2"],
            argon2__type="ID",
            argon2__memory_cost=memory_kib,
            argon2__time_cost=time_cost,
            argon2__parallelism=parallelism,
        )

    def hash(self, password: str) -> str:
        return cast(str, self._context.hash(password))

    def verify(self, password: str, password_hash: str) -> bool:
        try:
            return bool(self._context.verify(password, password_hash))
        except ValueError:
            return False

    def needs_update(self, password_hash: str) -> bool:
        return bool(self._context.needs_update(password_hash))
