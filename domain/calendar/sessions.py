"""Working sessions: the local wall-clock periods of a working day (e.g. 07:30-11:30)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_DASHES = ("-", "\u2013", "\u2014")  # hyphen, en dash, em dash


@dataclass(frozen=True, order=True)
class Session:
    """One working period of a day, in local time: working from ``start`` up to ``end``.

    A session is the half-open interval [start, end): 11:30 is not inside 07:30-11:30,
    although a due time may fall exactly on it (see ``WorkingCalendar``).
    """

    start: time
    end: time

    def __post_init__(self) -> None:
        for value in (self.start, self.end):
            if not isinstance(value, time) or value.tzinfo is not None:
                raise ValueError(f"session times must be naive local times, got {value!r}")
        if self.start >= self.end:
            raise ValueError(
                f"session {_hhmm(self.start)}-{_hhmm(self.end)} must end after it starts"
                " (sessions cannot cross midnight)"
            )

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"


DEFAULT_SESSIONS: tuple[Session, ...] = (
    Session(time(7, 30), time(11, 30)),
    Session(time(13, 30), time(17, 0)),
)


def parse_sessions(text: str) -> tuple[Session, ...]:
    """Parse ``"07:30-11:30,13:30-17:00"`` into validated, ordered sessions."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError('working sessions are empty; expected e.g. "07:30-11:30,13:30-17:00"')
    sessions = [_parse_one(part.strip()) for part in text.split(",")]
    return validate_sessions(sessions)


def validate_sessions(sessions: Iterable[Session]) -> tuple[Session, ...]:
    """Sort sessions and refuse an empty list or sessions that overlap or touch."""
    ordered = tuple(sorted(sessions))
    if not ordered:
        raise ValueError("at least one working session is required")
    for earlier, later in itertools.pairwise(ordered):
        if later.start <= earlier.end:
            raise ValueError(
                f"working sessions {earlier} and {later} overlap or touch; "
                "merge them into one session"
            )
    return ordered


def _parse_one(part: str) -> Session:
    dash = next((d for d in _DASHES if d in part), None)
    if dash is None:
        raise ValueError(f'working session "{part}" must look like "07:30-11:30"')
    start_text, _, end_text = part.partition(dash)
    return Session(_parse_clock(start_text.strip(), part), _parse_clock(end_text.strip(), part))


def _parse_clock(text: str, part: str) -> time:
    match = _CLOCK.match(text)
    if match is None:
        raise ValueError(f'"{text}" in working session "{part}" is not a HH:MM time')
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(f'"{text}" in working session "{part}" is not a valid time of day')
    return time(hour, minute)


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")
