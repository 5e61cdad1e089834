"""What signing in and setting passwords depend on, chosen by the deployment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.accounts.passwords import PasswordHasher, PasswordPolicy
from domain.accounts.throttle import ThrottlePolicy


@dataclass(frozen=True)
class AuthConfig:
    """Everything sign-in depends on."""

    hasher: PasswordHasher
    policy: PasswordPolicy
    throttle: ThrottlePolicy
    token_ttl: timedelta
