"""VisibleTo answers at once when its rule can, and waits only when the rule must load."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

from schema.common import VisibleTo


@dataclass
class Source:
    domain: str


@dataclass
class FakeInfo:
    context: object = None


def value(source: Source, info: Any) -> str:
    return source.domain.upper()


async def value_later(source: Source, info: Any) -> str:
    return source.domain.upper()


def test_a_rule_that_answers_at_once_keeps_the_field_sync() -> None:
    allow = VisibleTo(lambda ctx, d: d == "open")
    assert allow.resolve(value, Source("open"), FakeInfo()) == "OPEN"
    assert allow.resolve(value, Source("secret"), FakeInfo()) is None


def test_a_rule_that_must_load_makes_the_field_wait() -> None:
    async def rule(ctx: object, d: str) -> bool:
        await asyncio.sleep(0)
        return d == "open"

    allow = VisibleTo(rule)
    for name, expected in (("open", "OPEN"), ("secret", None)):
        pending = allow.resolve(value, Source(name), FakeInfo())
        assert isawaitable(pending)
        assert asyncio.run(pending) == expected  # type: ignore[arg-type]
    # an async field behind a rule that answers at once
    for name, expected in (("open", "OPEN"), ("secret", None)):
        sync_rule = VisibleTo(lambda ctx, d: d == "open")
        done = asyncio.run(sync_rule.resolve_async(value_later, Source(name), FakeInfo()))
        assert done == expected


def test_a_refused_field_never_runs_its_resolver() -> None:
    ran: list[str] = []

    def resolver(source: Source, info: Any) -> str:
        ran.append(source.domain)
        return "x"

    assert VisibleTo(lambda ctx, d: False).resolve(resolver, Source("a"), FakeInfo()) is None

    async def no(ctx: object, d: str) -> bool:
        return False

    assert asyncio.run(VisibleTo(no).resolve(resolver, Source("b"), FakeInfo())) is None
    assert ran == []
