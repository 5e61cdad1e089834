"""Every command has exactly one use case, and the dispatcher's registry holds them all."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import domain
from domain import use_cases
from domain.commands import Command, registered


def _public(cls: type) -> bool:
    """The class its module names (a slotted dataclass replaces the class it was made from)."""
    return getattr(sys.modules[cls.__module__], cls.__name__, None) is cls


def _all_subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    pending = [cls]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                pending.append(sub)
    return found


def test_every_command_has_a_use_case() -> None:
    for module in pkgutil.walk_packages(domain.__path__, "domain."):
        importlib.import_module(module.name)
    assert use_cases is not None
    commands = {c for c in _all_subclasses(Command) if _public(c)}
    missing = sorted(c.__name__ for c in commands if c not in registered())
    assert not missing, f"commands without a use case: {missing}"
    assert len(commands) >= 9
