"""Where a page of a list starts and which way it reads: a keyset position both ways."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")
L = TypeVar("L")


@dataclass(frozen=True)
class Seek(Generic[K]):
    """The rows of a list strictly after `after` and strictly before `before` (sort keys
    of the list's order; None: no bound on that side). A forward read returns them from
    the `after` side in the list's order; a `backward` one from the `before` side, in
    reverse order (the nearest to `before` first), so a LIMIT keeps the rows next to it."""

    after: K | None = None
    before: K | None = None
    backward: bool = False

    def map(self, convert: Callable[[K, str], L]) -> Seek[L]:
        """The same seek with each bound converted; `convert` gets the bound and the name
        of the argument it came from ("after" or "before"), to name in its errors."""
        return Seek(
            after=None if self.after is None else convert(self.after, "after"),
            before=None if self.before is None else convert(self.before, "before"),
            backward=self.backward,
        )
