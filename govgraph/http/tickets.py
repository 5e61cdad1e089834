"""Tickets for Server-Sent Events: a browser's EventSource cannot send an Authorization
header, and a bearer token must never travel in a URL (proxies and browsers log URLs).

`POST /events/ticket` with `Authorization: Bearer <token>` answers a random ticket, valid
TICKET_SECONDS and good for one stream: `GET /events/...?ticket=<ticket>`. The ticket is
kept (as its SHA-256) with the token it stands for: in this process, or in Redis when
REDIS_URL is set, so any process can redeem it (GETDEL: once only).
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any

from domain.clock import Clock

log = logging.getLogger("govgraph.tickets")

TICKET_SECONDS = 60
MAX_LOCAL = 10_000
PREFIX = "govgraph:sse-ticket:"


def _key(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


class Tickets:
    """Issues and redeems single-use stream tickets."""

    def __init__(self, clock: Clock, redis_url: str | None) -> None:
        self.clock = clock
        self.redis_url = redis_url
        self._local: OrderedDict[str, str] = OrderedDict()
        self._redis: Any = None

    async def issue(self, bearer: str) -> str:
        """A new ticket standing for the token."""
        ticket = secrets.token_urlsafe(32)
        expires = self.clock.now() + timedelta(seconds=TICKET_SECONDS)
        value = json.dumps({"token": bearer, "expires": expires.isoformat()})
        client = self._client()
        if client is not None:
            try:
                await client.set(PREFIX + _key(ticket), value, ex=TICKET_SECONDS)
                return ticket
            except Exception as exc:  # Redis away: this process alone can redeem it
                log.warning("stream tickets: Redis unavailable (%s)", type(exc).__name__)
        self._local[_key(ticket)] = value
        while len(self._local) > MAX_LOCAL:
            self._local.popitem(last=False)
        return ticket

    async def redeem(self, ticket: str) -> str | None:
        """The token the ticket stands for, once; None when unknown, used or expired."""
        key = _key(ticket)
        value = self._local.pop(key, None)
        client = self._client()
        if value is None and client is not None:
            try:
                raw = await client.getdel(PREFIX + key)
            except Exception as exc:
                log.warning("stream tickets: Redis unavailable (%s)", type(exc).__name__)
                raw = None
            value = raw.decode() if isinstance(raw, bytes) else raw
        if value is None:
            return None
        found = json.loads(value)
        if self.clock.now() >= datetime.fromisoformat(found["expires"]):
            return None
        token: str = found["token"]
        return token

    def _client(self) -> Any:
        if self.redis_url is None:
            return None
        if self._redis is None:
            from redis.asyncio import Redis

            self._redis = Redis.from_url(
                self.redis_url, socket_timeout=1.0, socket_connect_timeout=1.0
            )
        return self._redis
