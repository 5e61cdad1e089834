"""Persisted documents: Apollo's automatic persisted queries (APQ), and in production an
optional allow-list of trusted documents.

APQ: a request may carry `extensions.persistedQuery = {"version": 1, "sha256Hash": h}`
instead of its `query`. A known hash runs its document; an unknown one answers the error
Apollo Client's persisted-query link waits for (message `PersistedQueryNotFound`, code
`PERSISTED_QUERY_NOT_FOUND`), and the client sends the query with its hash, which registers
it once the hash is checked. Documents are kept in a bounded in-process LRU, and in Redis
(shared by every process, for a day) when REDIS_URL is set.

Trusted documents (`TRUSTED_DOCUMENTS`, production only): a manifest in Apollo's persisted
query manifest format or GraphQL Codegen's `persisted-documents.json` ({hash: document}).
Only its documents run, named by hash (`extensions.persistedQuery` or `documentId`) or sent
in full; anything else is refused with DOCUMENT_NOT_TRUSTED. The federation router (which
sends query plans of its own) is exempt.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

from graphql import GraphQLError
from strawberry.http import GraphQLRequestData

from govgraph.settings import Settings

log = logging.getLogger("govgraph.persisted")

NOT_FOUND = "PersistedQueryNotFound"  # the message Apollo Client's link looks for
_HASH = re.compile(r"[0-9a-f]{64}")
REDIS_PREFIX = "govgraph:apq:"
REDIS_TTL_SECONDS = 24 * 3600
MAX_DOCUMENT_CHARS = 100_000


def digest(query: str) -> str:
    """The SHA-256 hash (hex) of a document, as Apollo Client and Codegen compute it."""
    return hashlib.sha256(query.encode()).hexdigest()


def requested_hash(data: GraphQLRequestData) -> str | None:
    """The hash the request names in `extensions.persistedQuery.sha256Hash` (a `documentId`
    is put there when the request is read)."""
    persisted = (data.extensions or {}).get("persistedQuery")
    if isinstance(persisted, dict):
        value = persisted.get("sha256Hash")
        return value if isinstance(value, str) else ""
    return None


def _error(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


class TrustedDocuments:
    """The allow-list: document by hash."""

    def __init__(self, documents: dict[str, str]) -> None:
        self.documents = documents

    @classmethod
    def load(cls, path: Path) -> TrustedDocuments:
        """Read an Apollo persisted query manifest or a Codegen persisted-documents file."""
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("operations"), list):
            pairs = [(op.get("id"), op.get("body")) for op in data["operations"]]
        elif isinstance(data, dict):
            pairs = list(data.items())
        else:
            raise ValueError(f"{path}: not a persisted query manifest")
        documents = {}
        for key, body in pairs:
            if not isinstance(key, str) or not isinstance(body, str):
                raise ValueError(f"{path}: every document needs an id and a body")
            documents[key.removeprefix("sha256:")] = body
        return cls(documents)


class PersistedQueries:
    """Resolves a request's document from its hash, registers new ones (APQ) and applies
    the allow-list."""

    def __init__(
        self,
        *,
        cache_size: int,
        redis_url: str | None = None,
        trusted: TrustedDocuments | None = None,
    ) -> None:
        self.cache_size = cache_size
        self.redis_url = redis_url
        self.trusted = trusted
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._redis: Any = None

    async def resolve(
        self, data: GraphQLRequestData, *, router: bool
    ) -> GraphQLRequestData | GraphQLError:
        """The request with its document, or the error to answer."""
        named = requested_hash(data)
        if named is not None and not _HASH.fullmatch(named):
            return _error("A persisted query hash is 64 hexadecimal digits", "BAD_REQUEST")
        if self.trusted is not None and not router:
            return self._trusted(data, named, self.trusted)
        if named is None:
            return data
        if data.query is None:
            query = await self.get(named)
            if query is None:
                return _error(NOT_FOUND, "PERSISTED_QUERY_NOT_FOUND")
            return _with_query(data, query)
        if digest(data.query) != named:
            return _error(
                "The query does not match its sha256Hash", "PERSISTED_QUERY_HASH_MISMATCH"
            )
        await self.put(named, data.query)
        return data

    def _trusted(
        self, data: GraphQLRequestData, named: str | None, trusted: TrustedDocuments
    ) -> GraphQLRequestData | GraphQLError:
        if data.query is None:
            query = trusted.documents.get(named or "")
            if query is None:
                return _error(NOT_FOUND, "PERSISTED_QUERY_NOT_FOUND")
            return _with_query(data, query)
        if digest(data.query) not in trusted.documents:
            return _error("Only the trusted documents run here", "DOCUMENT_NOT_TRUSTED")
        return data

    async def get(self, key: str) -> str | None:
        """A registered document: from this process's LRU, else from Redis."""
        query = self._cache.get(key)
        if query is not None:
            self._cache.move_to_end(key)
            return query
        client = self._client()
        if client is None:
            return None
        try:
            raw = await client.get(REDIS_PREFIX + key)
        except Exception as exc:  # Redis away: as if unknown, the client sends it again
            log.warning("persisted queries: Redis unavailable (%s)", type(exc).__name__)
            return None
        if raw is None:
            return None
        query = raw.decode() if isinstance(raw, bytes) else str(raw)
        if digest(query) != key:  # never trust what comes back blindly
            return None
        self._remember(key, query)
        return query

    async def put(self, key: str, query: str) -> None:
        """Register a document whose hash was checked."""
        if len(query) > MAX_DOCUMENT_CHARS:
            return
        self._remember(key, query)
        client = self._client()
        if client is None:
            return
        try:
            await client.set(REDIS_PREFIX + key, query, ex=REDIS_TTL_SECONDS)
        except Exception as exc:
            log.warning("persisted queries: Redis unavailable (%s)", type(exc).__name__)

    def _remember(self, key: str, query: str) -> None:
        self._cache[key] = query
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _client(self) -> Any:
        if self.redis_url is None:
            return None
        if self._redis is None:
            from redis.asyncio import Redis

            self._redis = Redis.from_url(
                self.redis_url, socket_timeout=1.0, socket_connect_timeout=1.0
            )
        return self._redis


def persisted_queries(settings: Settings) -> PersistedQueries:
    """The store of the app: trusted documents only in production, when configured."""
    path = settings.trusted_documents
    trusted = TrustedDocuments.load(path) if path is not None and settings.production else None
    return PersistedQueries(
        cache_size=settings.persisted_query_cache_size,
        redis_url=settings.redis_url,
        trusted=trusted,
    )


def _with_query(data: GraphQLRequestData, query: str) -> GraphQLRequestData:
    return GraphQLRequestData(
        query=query,
        variables=data.variables,
        operation_name=data.operation_name,
        extensions=data.extensions,
        protocol=data.protocol,
    )
