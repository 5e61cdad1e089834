"""What happened to dossiers, as the projections need it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.events import DomainEvent


@dataclass(frozen=True, slots=True)
class DossierChanged(DomainEvent):
    """A dossier (or its survey) was created or changed: its statistics cells move at commit."""

    dossier_id: int
