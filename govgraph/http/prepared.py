"""Prepared reads: a request body seen before, answered by the compiled path without going
through Strawberry again.

The first time a POST body arrives it takes the whole pipeline (parse, validation, the
protection limits, persisted and trusted documents, the result cache, the compiled path).
When the compiled path answered it without an error, its root reads are kept under the
exact body bytes. The same bytes again (a dashboard polling, an app's screen) are answered
from them: the caller is resolved as for any request, the directory result cache is asked
with the same key the schema extension uses, and one statement builds the answer. Nothing
is skipped that could decide differently for the same bytes: parsing, validation and the
limits depend only on the document and the variables.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import orjson

from domain.selection import NotCompiled, RootRead
from resolvers import compiled
from resolvers.context import RequestContext
from schema.caching import CACHEABLE_ROOT_FIELDS, result_key

MAX_BODY = 16_384
"""Bodies longer than this are not kept (dashboards' documents are a few KB)."""


@dataclass(frozen=True)
class PreparedRead:
    """What a body asks, ready for the compiled path."""

    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    reads: tuple[tuple[str, RootRead], ...]

    @property
    def cacheable(self) -> bool:
        """Every root field reads the directory: the result cache applies."""
        return all(read.root in CACHEABLE_ROOT_FIELDS for _, read in self.reads)


class PreparedReads:
    """The bodies the compiled path answered, most recently used first out last."""

    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[bytes, PreparedRead] = OrderedDict()
        self.hits = 0

    def get(self, body: bytes) -> PreparedRead | None:
        """The prepared read of these exact bytes, if any."""
        found = self._entries.get(body)
        if found is not None:
            self._entries.move_to_end(body)
        return found

    def remember(self, body: bytes, context: RequestContext) -> None:
        """Keep the reads the compiled path answered for this body."""
        if context.compiled_answer is None or len(body) > MAX_BODY or body in self._entries:
            return
        data = orjson.loads(body)
        if not isinstance(data, dict) or data.get("extensions"):
            return  # persisted-query extensions take the whole pipeline every time
        self._entries[body] = PreparedRead(
            query=data["query"],
            variables=data.get("variables"),
            operation_name=data.get("operationName"),
            reads=context.compiled_answer,
        )
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    async def answer_in_one(
        self,
        prepared: PreparedRead,
        context: RequestContext,
        resolved_under: tuple[int, int] | None,
    ) -> bytes | None:
        """Like `answer`, with the caller taken from the principal cache unchecked and its
        revisions read in the answer's own statement: one round trip. None when they moved
        since the caller was resolved (the request then takes the whole pipeline, which
        resolves it again), or when the compiled path declines."""
        cache = context.result_cache if prepared.cacheable else None
        key = None
        if cache is not None:
            key = result_key(
                context.principal, prepared.query, prepared.variables, prepared.operation_name
            )
            # an answer kept at the revision the caller was resolved under: a revision read
            # may be all it takes (a stale one would cost a second round trip)
            directory = resolved_under[1] if resolved_under is not None else None
            if cache.holds(key, directory):
                revisions = await context.reader.access_revisions()
                if resolved_under is not None and revisions != resolved_under:
                    return None
                context.known_revisions = revisions
                return await self.answer(prepared, context)
        try:
            revisions, texts = await compiled.answer_with_revisions(
                context, [read for _, read in prepared.reads]
            )
        except NotCompiled:
            return None
        if resolved_under is not None and revisions != resolved_under:
            return None
        context.known_revisions = revisions
        keys = [k for k, _ in prepared.reads]
        data = {k: orjson.Fragment(t) for k, t in zip(keys, texts, strict=True)}
        if cache is not None:
            cache.put(key, revisions[1], data)
        self.hits += 1
        return orjson.dumps({"data": data})

    async def answer(self, prepared: PreparedRead, context: RequestContext) -> bytes | None:
        """The response body, or None when the compiled path declines now (the request then
        takes the whole pipeline)."""
        cache = context.result_cache if prepared.cacheable else None
        key, revision, data = None, 0, None
        if cache is not None:
            key = result_key(
                context.principal, prepared.query, prepared.variables, prepared.operation_name
            )
            revision = await context.directory_revision()
            data = cache.get(key, revision)
        if data is None:
            try:
                texts = await compiled.answer(context, [read for _, read in prepared.reads])
            except NotCompiled:
                return None
            keys = [k for k, _ in prepared.reads]
            data = {k: orjson.Fragment(t) for k, t in zip(keys, texts, strict=True)}
            if cache is not None:
                cache.put(key, revision, data)
        self.hits += 1
        return orjson.dumps({"data": data})
