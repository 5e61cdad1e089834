"""What happened to field reports, as the projections need it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.events import DomainEvent


@dataclass(frozen=True, slots=True)
class ReflectionChanged(DomainEvent):
    """A report (or its parts or its log) was created or changed: its statistics cells and
    the public feed's counts move at commit."""

    reflection_id: int
