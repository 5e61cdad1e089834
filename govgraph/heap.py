"""The process heap after start-up: what the cyclic garbage collector need not walk again."""

from __future__ import annotations

import gc


def freeze_startup_heap() -> int:
    """Move everything alive after start-up (modules, the schema, the calendar) out of the
    collector's reach, so full collections walk only what requests create.

    Without it a full collection walks about 250,000 start-up objects (about 120 ms on the
    benchmark machine) and lands on whichever request is running: it was the whole p99.
    Returns how many objects were frozen.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
