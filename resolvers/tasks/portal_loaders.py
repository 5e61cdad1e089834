"""Per-request DataLoaders of occurrences and press items: one statement per list."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from domain.tasks.periods import TaskOccurrence
from domain.tasks.portal_model import PressItem
from domain.tasks.portal_reading import PortalReader
from resolvers.loaders import _many


class PortalLoaders:
    """Occurrences by task and items by digest, batched."""

    def __init__(self, reader: PortalReader) -> None:
        self.occurrences_by_task_id = DataLoader[int, list[TaskOccurrence]](
            load_fn=_many(reader.occurrences_of, lambda o: o.task_id)
        )
        self.items_by_digest_id = DataLoader[int, list[PressItem]](
            load_fn=_many(reader.items_of, lambda i: i.digest_id)
        )
