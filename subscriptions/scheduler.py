"""The scheduler: runs a list of timed jobs every interval, in every process that hosts it.

Jobs take their work under row locks (PostgreSQL `FOR UPDATE SKIP LOCKED`) and their effects
have once-keys, so any number of schedulers may run at once and after downtime the next run
catches up. Other features add their timed rules as jobs (`Job`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from domain.clock import Clock

log = logging.getLogger("govgraph.scheduler")


class Job(Protocol):
    """One timed rule; `run` does what is due at `now` and says how much it did."""

    name: str

    async def run(self, now: datetime) -> int: ...


class Scheduler:
    """Runs its jobs one after the other, every `interval` seconds; a failing job is logged
    and tried again next time."""

    def __init__(
        self,
        jobs: Sequence[Job],
        clock: Clock,
        *,
        interval: float = 30.0,
        on_run: Callable[[str, bool], None] | None = None,
    ) -> None:
        self.jobs = list(jobs)
        self.clock = clock
        self.interval = interval
        self.on_run = on_run  # told of every job's run and whether it succeeded (metrics)
        self._task: asyncio.Task[None] | None = None

    def add(self, job: Job) -> None:
        """Register another timed rule."""
        self.jobs.append(job)

    async def run_once(self) -> dict[str, int]:
        """Run every job once; what each did (-1 when it failed)."""
        done: dict[str, int] = {}
        for job in self.jobs:
            try:
                done[job.name] = await job.run(self.clock.now())
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("scheduled job %s failed", job.name)
                done[job.name] = -1
            if self.on_run is not None:
                self.on_run(job.name, done[job.name] >= 0)
        if any(done.values()):
            log.info("scheduler ran", extra={"jobs": done})
        return done

    async def run_forever(self) -> None:
        """Run the jobs every interval until cancelled."""
        while True:
            await self.run_once()
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        """Run in the background of this event loop."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self.run_forever())

    async def stop(self) -> None:
        """Stop the background loop."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
