"""Public tracking codes: random, short, easy to read aloud, and never personal."""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U, so nothing is misread."""
GROUPS = 3
GROUP = 4
PREFIX = "HS"
_CHUNK = rf"[{ALPHABET}]{{{GROUP}}}"
PATTERN = re.compile(rf"^{PREFIX}-{_CHUNK}(-{_CHUNK}){{{GROUPS - 1}}}$")
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    """A fresh code such as "HS-7K2M-9QXD-4T0B" (60 random bits)."""
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP)) for _ in range(GROUPS))
    return "-".join((PREFIX, *groups))


def normalise(text: str) -> str | None:
    """The code a person typed, in its stored form (case, spaces and misread letters
    forgiven); None when it cannot be a code."""
    compact = re.sub(r"[\s-]", "", text.upper())[:40]
    if not compact.startswith(PREFIX):
        return None
    body = compact[len(PREFIX) :].translate(_READ_AS)
    if len(body) != GROUP * GROUPS:
        return None
    code = "-".join((PREFIX, *(body[i : i + GROUP] for i in range(0, len(body), GROUP))))
    return code if PATTERN.match(code) else None
