"""Progress of long commands on the terminal (rich, as typer uses it): one line per step,
a bar and a count when the step knows its size, a spinner when it does not, and the time
each step took. Written to stderr, so the commands' output stays clean."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

Advance = Callable[[int], None]


class Steps:
    """The steps of one command; `quiet` shows nothing."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.progress = Progress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            disable=quiet,
        )

    def __enter__(self) -> Steps:
        self.progress.start()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _trace: TracebackType | None,
    ) -> None:
        self.progress.stop()

    @contextmanager
    def step(self, description: str, total: int | None = None) -> Iterator[Advance]:
        """A step of `total` units (None: unknown); yields the function that advances it."""
        task = self.progress.add_task(description, total=total)

        def advance(done: int = 1) -> None:
            self.progress.advance(task, done)

        yield advance
        state = self.progress.tasks[task]
        size: float = state.total if state.total is not None else max(state.completed, 1)
        self.progress.update(task, total=size, completed=size)
