"""The start-up heap is frozen out of the collector's walks."""

from __future__ import annotations

import gc

from govgraph.heap import freeze_startup_heap


def test_freezing_moves_what_is_alive_out_of_the_collectors_reach() -> None:
    alive = [[n] for n in range(1000)]  # tracked containers, alive after start-up
    try:
        frozen = freeze_startup_heap()
        assert frozen == gc.get_freeze_count() >= len(alive)
        walked = {id(o) for o in gc.get_objects()}  # what the collector still walks
        assert not any(id(item) in walked for item in alive)
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
