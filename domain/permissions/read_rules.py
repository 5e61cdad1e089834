"""Every field and row rule of one caller as data, for the compiled read path: the key its
statements are kept under, so two callers share a statement only when every rule agrees."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from domain.permissions.field_rules import (
    DirectoryFieldRules,
    Paths,
    directory_field_rules,
    stats_paths,
)
from domain.permissions.principal import Principal
from domain.permissions.reflection_field_rules import ReflectionFieldRules, reflection_field_rules
from domain.tasks.field_rules import TaskFieldRules, task_field_rules


@dataclass(frozen=True)
class ReadRules:
    """The directory's, the task chain's, the field reports' and the statistics' rules of
    one caller."""

    directory: DirectoryFieldRules
    tasks: TaskFieldRules
    reflections: ReflectionFieldRules
    stats: Paths
    """Where aggregated figures may be read (stats_paths)."""


@lru_cache(maxsize=1024)
def read_rules(principal: Principal) -> ReadRules:
    """The rules of one caller (a principal is immutable: worked out once)."""
    return ReadRules(
        directory=directory_field_rules(principal),
        tasks=task_field_rules(principal),
        reflections=reflection_field_rules(principal),
        stats=stats_paths(principal),
    )
