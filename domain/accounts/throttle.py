"""Back-off after failed sign-ins, counted per login name and per client address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.ports import UnitOfWork


@dataclass(frozen=True)
class ThrottlePolicy:
    """Lock a login after 5 failures, an address after 20, within a 15-minute window."""

    max_per_login: int = 5
    max_per_address: int = 20
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)

    def keys(self, login: str, address: str) -> list[tuple[str, int]]:
        """The throttle keys a sign-in attempt counts against, with their limits."""
        return [
            (f"login:{login}", self.max_per_login),
            (f"address:{address}", self.max_per_address),
        ]


async def is_locked(
    uow: UnitOfWork, policy: ThrottlePolicy, login: str, address: str, now: datetime
) -> bool:
    """True when either the login or the address is locked out now."""
    for key, _limit in policy.keys(login, address):
        throttle = await uow.accounts.throttle(key)
        if throttle and throttle.locked_until and throttle.locked_until > now:
            return True
    return False


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt, counted against each of its keys before the password is checked."""

    counts: tuple[tuple[str, int, int], ...]
    """(key, attempts in the key's window with this one, the key's limit)"""
    locked: bool = False
    """The login or the address was locked out already: the attempt was not counted."""

    @property
    def allowed(self) -> bool:
        """False when locked out or beyond a limit: then no password is checked at all."""
        return not self.locked and all(n <= limit for _key, n, limit in self.counts)


LOCKED_OUT = Attempt(counts=(), locked=True)


async def count_attempt(
    uow: UnitOfWork, policy: ThrottlePolicy, login: str, address: str, now: datetime
) -> Attempt:
    """Count the attempt first, atomically, so parallel attempts cannot outrun the limits."""
    counts = []
    for key, limit in policy.keys(login, address):
        attempts = await uow.accounts.count_attempt(key, now, now - policy.window)
        counts.append((key, attempts, limit))
    return Attempt(tuple(counts))


async def record_failure(
    uow: UnitOfWork, policy: ThrottlePolicy, attempt: Attempt, now: datetime
) -> None:
    """A failed attempt stays counted; a key that reached its limit is locked."""
    for key, attempts, limit in attempt.counts:
        if attempts >= limit:
            await uow.accounts.lock(key, now + policy.lockout)


async def record_success(uow: UnitOfWork, policy: ThrottlePolicy, login: str, address: str) -> None:
    """A successful sign-in clears the login's count and takes itself off the address's."""
    (login_key, _), (address_key, _) = policy.keys(login, address)
    await uow.accounts.clear_attempts(login_key)
    await uow.accounts.refund_attempt(address_key)
