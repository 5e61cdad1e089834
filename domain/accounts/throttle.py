"""Back-off after failed sign-ins, counted per login name and per client address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.accounts.model import LoginThrottle
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
        return [(f"login:{login}", self.max_per_login), (f"address:{address}", self.max_per_address)]


async def is_locked(uow: UnitOfWork, policy: ThrottlePolicy, login: str, address: str, now: datetime) -> bool:
    """True when either the login or the address is locked out now."""
    for key, _limit in policy.keys(login, address):
        throttle = await uow.accounts.throttle(key)
        if throttle and throttle.locked_until and throttle.locked_until > now:
            return True
    return False


async def record_failure(
    uow: UnitOfWork, policy: ThrottlePolicy, login: str, address: str, now: datetime
) -> None:
    """Count a failure; lock the key when it reaches its limit inside the window."""
    for key, limit in policy.keys(login, address):
        throttle = await uow.accounts.throttle(key)
        if throttle is None:
            await uow.accounts.add_throttle(LoginThrottle(key, 1, now))
            continue
        if now - throttle.window_start > policy.window:
            throttle.failures, throttle.window_start = 0, now
        throttle.failures += 1
        if throttle.failures >= limit:
            throttle.locked_until = now + policy.lockout


async def record_success(uow: UnitOfWork, policy: ThrottlePolicy, login: str) -> None:
    """A successful sign-in clears the login's counter (not the address's)."""
    throttle = await uow.accounts.throttle(f"login:{login}")
    if throttle is not None:
        throttle.failures, throttle.locked_until = 0, None
