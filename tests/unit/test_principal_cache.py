"""The principal cache: a resolution is reused only under the revisions it was made under."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from domain.permissions import Principal, PrincipalKind
from govgraph.principals import PrincipalCache

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


class World:
    """Revisions to serve and a loader that counts its calls."""

    def __init__(self) -> None:
        self.revisions = (1, 1)
        self.reads = 0
        self.loads = 0
        self.valid = True
        self.expires_at = NOW + timedelta(hours=1)

    async def read(self) -> tuple[int, int]:
        self.reads += 1
        await asyncio.sleep(0)
        return self.revisions

    async def load(self) -> Principal | None:
        self.loads += 1
        if not self.valid:
            return None
        return Principal(PrincipalKind.STAFF, account_id=7, expires_at=self.expires_at)


async def test_a_request_reuses_the_principal_while_revisions_hold() -> None:
    world = World()
    cache = PrincipalCache(world.read)
    first = await cache.resolve("tok", NOW, world.load)
    second = await cache.resolve("tok", NOW, world.load)
    assert first == second
    assert first is not None
    assert first.account_id == 7
    assert (world.loads, world.reads) == (1, 2)  # every request reads the revisions
    assert (cache.hits, cache.misses) == (1, 1)


async def test_a_bumped_revision_resolves_again() -> None:
    world = World()
    cache = PrincipalCache(world.read)
    await cache.resolve("tok", NOW, world.load)
    world.revisions = (2, 1)  # a grant was revoked, a token ended, an account disabled
    world.valid = False
    assert await cache.resolve("tok", NOW, world.load) is None
    assert world.loads == 2
    world.revisions = (2, 2)  # the org tree moved: paths in grants may differ
    world.valid = True
    assert await cache.resolve("tok", NOW, world.load) is not None
    assert world.loads == 3


async def test_an_expired_token_is_not_served_from_the_cache() -> None:
    world = World()
    cache = PrincipalCache(world.read)
    await cache.resolve("tok", NOW, world.load)
    world.valid = False  # the store says so too once the time has passed
    later = world.expires_at + timedelta(seconds=1)
    assert await cache.resolve("tok", later, world.load) is None
    assert world.loads == 2


async def test_invalid_tokens_are_not_kept_and_the_cache_is_bounded() -> None:
    world = World()
    cache = PrincipalCache(world.read, max_entries=3)
    world.valid = False
    for _ in range(2):
        assert await cache.resolve("bad", NOW, world.load) is None
    assert world.loads == 2
    world.valid = True
    for token in ("a", "b", "c", "d"):
        await cache.resolve(token, NOW, world.load)
    await cache.resolve("a", NOW, world.load)  # the oldest was dropped: loaded again
    assert world.loads == 2 + 4 + 1


async def test_streams_share_one_recent_read_of_the_revisions() -> None:
    world = World()
    cache = PrincipalCache(world.read, stream_max_age=60)
    tokens = [f"t{i}" for i in range(50)]
    for token in tokens:
        await cache.resolve(token, NOW, world.load)
    reads = world.reads
    found = await asyncio.gather(
        *(cache.resolve(t, NOW, world.load, stream=True) for t in tokens for _ in range(4))
    )
    assert all(p is not None for p in found)
    assert world.reads == reads  # within stream_max_age: no read at all
    assert world.loads == 50
    cache.stream_max_age = 0
    await asyncio.gather(*(cache.resolve(t, NOW, world.load, stream=True) for t in tokens))
    assert world.reads - reads < 50  # concurrent re-checks shared the reads in flight


async def test_a_stream_sees_a_revocation_once_its_revisions_are_renewed() -> None:
    world = World()
    cache = PrincipalCache(world.read, stream_max_age=0)
    await cache.resolve("tok", NOW, world.load, stream=True)
    world.revisions = (5, 1)
    world.valid = False
    assert await cache.resolve("tok", NOW, world.load, stream=True) is None
