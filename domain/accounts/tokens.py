"""Opaque bearer tokens and API keys: random, shown once, stored as SHA-256."""

from __future__ import annotations

import hashlib
import secrets

API_KEY_PREFIX = "ggk"


def new_token() -> str:
    """A fresh session token."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The stored form of a token or key."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_api_key() -> tuple[str, str]:
    """A fresh API key and its public prefix, e.g. ("ggk_ab12cd34_...", "ab12cd34")."""
    prefix = secrets.token_hex(4)
    return f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}", prefix


def api_key_prefix(key: str) -> str | None:
    """The prefix of a well-formed key, else None."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX or len(parts[1]) != 8:
        return None
    return parts[1]
