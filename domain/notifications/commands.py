"""The commands of the inbox; each is handled by one use case (domain/notifications/services.py)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.commands import Command


@dataclass(frozen=True, slots=True)
class MarkNotificationsRead(Command[int]):
    """Mark some of the caller's notifications read; the unread count after."""

    ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class MarkAllNotificationsRead(Command[int]):
    """Mark every notification of the caller read (up to an id); the unread count after."""

    up_to_id: int | None = None
