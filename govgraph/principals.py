"""Resolved callers, cached while nothing they depend on has changed.

A bearer token resolves to a principal in four statements (token, account, grants, their
units). The cache keeps each resolution with the `access` and `directory` revisions read
before it (persistence/revisions.py): any change to accounts, grants, revoked tokens, keys
or the org tree bumps one of them in the same transaction, so a cached principal is used only
while both are unchanged and its token has not expired. Requests read the revisions every
time (one statement, and a revoked token stops working at once); long-lived streams re-check
with revisions at most `stream_max_age` seconds old, one read shared by every stream of the
process, so ten thousand open connections cost one statement a second, not forty thousand.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from domain.accounts.tokens import digest
from domain.permissions import Principal

Revisions = tuple[int, int]


@dataclass(frozen=True)
class _Entry:
    principal: Principal
    revisions: Revisions


class PrincipalCache:
    """Principals by token digest, valid for the revisions they were resolved under."""

    def __init__(
        self,
        read_revisions: Callable[[], Awaitable[Revisions]],
        *,
        max_entries: int = 100_000,
        stream_max_age: float = 1.0,
        concurrent_loads: int = 8,
    ) -> None:
        self._read_revisions = read_revisions
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self.max_entries = max_entries
        self.stream_max_age = stream_max_age
        self._shared: tuple[float, Revisions] | None = None
        self._reading: asyncio.Future[Revisions] | None = None
        # a reconnect storm queues here, not in the connection pool (where it times out)
        self._loads = asyncio.Semaphore(concurrent_loads)
        self.hits = 0
        self.misses = 0

    async def resolve(
        self,
        token: str,
        now: datetime,
        load: Callable[[], Awaitable[Principal | None]],
        *,
        stream: bool = False,
        revisions: Revisions | None = None,
    ) -> Principal | None:
        """The token's principal: cached when still valid, else loaded (and kept).
        `revisions`: read by the caller already (a request reads them once, on its own
        session)."""
        if revisions is not None:
            self._shared = (time.monotonic(), revisions)
        else:
            revisions = await (self._recent_revisions() if stream else self._fresh_revisions())
        key = digest(token)
        entry = self._entries.get(key)
        if entry is not None and entry.revisions == revisions and _unexpired(entry, now):
            self._entries.move_to_end(key)
            self.hits += 1
            return entry.principal
        self.misses += 1
        async with self._loads:
            principal = await load()
        if principal is None:  # invalid tokens are not kept: nothing to fill memory with
            self._entries.pop(key, None)
            return None
        self._entries[key] = _Entry(principal, revisions)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return principal

    def peek(self, token: str, now: datetime) -> tuple[Principal, Revisions] | None:
        """The cached principal of a token with the revisions it was resolved under, without
        reading the database; the caller checks them against revisions it reads itself."""
        entry = self._entries.get(digest(token))
        if entry is None or not _unexpired(entry, now):
            return None
        return entry.principal, entry.revisions

    def forget(self, token: str) -> None:
        """Drop a token's entry (after a sign-out in this process)."""
        self._entries.pop(digest(token), None)

    async def _fresh_revisions(self) -> Revisions:
        revisions = await self._read_revisions()
        self._shared = (time.monotonic(), revisions)
        return revisions

    async def _recent_revisions(self) -> Revisions:
        """Revisions read at most `stream_max_age` ago; concurrent callers share one read."""
        if self._shared is not None and time.monotonic() - self._shared[0] < self.stream_max_age:
            return self._shared[1]
        if self._reading is None or self._reading.done():
            self._reading = asyncio.ensure_future(self._fresh_revisions())
        return await asyncio.shield(self._reading)


def _unexpired(entry: _Entry, now: datetime) -> bool:
    expires = entry.principal.expires_at
    return expires is None or now < expires
