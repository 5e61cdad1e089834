"""Reads the walk-through of docs/demo-accounts.md into steps and runs them, so the document
and its test cannot drift apart.

A step is a `####` heading ending in "— as `<login>`" (or "— as anyone"), one ```graphql
block, at most one ```json block of variables, and "Keep:" and "Expect:" lines of
`name` = `path` pairs. A path is dotted field names; `list[key=value]` picks the element of a
list whose `key` (itself a dotted path) equals `value`. A variable written "<name>" takes a
kept value; "<today>" and "<now>" the caller's date and time."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DOC = Path(__file__).parents[2] / "docs" / "demo-accounts.md"
SECTION = "## Walk-through"
_HEADING = re.compile(r"^#### (\d+)\. (.+?) — as (?:`([^`]+)`|anyone)\s*$", re.M)
_BLOCK = re.compile(r"```(graphql|json)\n(.*?)```", re.S)
_PAIR = re.compile(r"`([^`]+)` = `([^`]+)`")
_PICK = re.compile(r"^(\w+)\[([\w.]+)=([^\]]+)\]$")

Post = Callable[[str, dict[str, Any], str | None], Awaitable[dict[str, Any]]]


@dataclass
class Step:
    """One documented operation."""

    number: int
    title: str
    login: str | None
    query: str
    variables: dict[str, Any] = field(default_factory=dict)
    keep: list[tuple[str, str]] = field(default_factory=list)
    expect: list[tuple[str, str]] = field(default_factory=list)


def steps(text: str | None = None) -> list[Step]:
    """The walk-through's steps, in order."""
    source = text if text is not None else DOC.read_text(encoding="utf-8")
    section = source[source.index(SECTION) :]
    heads = list(_HEADING.finditer(section))
    found = []
    for n, head in enumerate(heads):
        body = section[head.end() : heads[n + 1].start() if n + 1 < len(heads) else None]
        blocks = dict(_BLOCK.findall(body))
        step = Step(int(head.group(1)), head.group(2), head.group(3), blocks["graphql"])
        if "json" in blocks:
            step.variables = json.loads(blocks["json"])
        for line in body.splitlines():
            if line.startswith("Keep:"):
                step.keep = _PAIR.findall(line)
            elif line.startswith("Expect:"):
                step.expect = _PAIR.findall(line)
        found.append(step)
    return found


def pick(data: Any, path: str) -> Any:
    """The value at a path of an answer (see the module docstring)."""
    for part in _split(path):
        chosen = _PICK.match(part)
        if chosen:
            name, key, wanted = chosen.groups()
            data = next(item for item in data[name] if str(pick(item, key)) == wanted)
        else:
            data = data[part]
    return data


def _split(path: str) -> list[str]:
    """Dotted parts; dots inside brackets belong to the part."""
    parts, depth, current = [], 0, ""
    for ch in path:
        depth += (ch == "[") - (ch == "]")
        if ch == "." and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def fill(value: Any, kept: dict[str, Any]) -> Any:
    """The variables with "<name>" values replaced by kept ones."""
    if isinstance(value, dict):
        return {k: fill(v, kept) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, kept) for v in value]
    if isinstance(value, str) and value.startswith("<") and value.endswith(">"):
        return kept[value[1:-1]]
    return value


async def walk(post: Post, *, today: str, now: str) -> dict[str, Any]:
    """Run every step in order as its account; fail on any error or unmet expectation.
    Returns what was kept."""
    kept: dict[str, Any] = {"today": today, "now": now}
    tokens: dict[str, str] = {}
    for step in steps():
        token = tokens[step.login] if step.login else None
        variables = fill(step.variables, kept)
        body = await post(step.query, variables, token)
        label = f"step {step.number} ({step.title})"
        assert not body.get("errors"), (label, body)
        data = body["data"]
        for payload in data.values():
            if isinstance(payload, dict) and "errors" in payload:
                assert payload["errors"] == [], (label, payload)
        if "login" in data and data["login"]["token"]:
            assert not data["login"]["mustChangePassword"], label
            tokens[variables["login"]] = data["login"]["token"]
        for name, path in step.keep:
            kept[name] = pick(data, path)
        for path, wanted in step.expect:
            assert str(pick(data, path)) == wanted, (label, path, pick(data, path))
    return kept
