"""Tables of the field-report statistics kept on write (domain.stats.reflection_rollup)."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, PrimaryKeyConstraint, Table

from domain.reflections.model import Channel, SlaStep
from domain.stats.periods import Grain
from domain.stats.reflection_rollup import COUNTERS, STEP_COUNTERS, Side
from persistence.tables import _enum, metadata

CELL_KEYS = ("grain", "bucket", "side", "unit_id", "commune_unit_id", "category_id", "channel")


def _keys() -> list[Column[object]]:
    return [
        Column("grain", _enum(Grain, "stat_grain"), nullable=False),
        Column("bucket", Date, nullable=False),
        Column("side", _enum(Side, "reflection_stat_side"), nullable=False),
        # the commune (area side) or the handling agency (agency side)
        Column("unit_id", ForeignKey("org_units.id"), nullable=False),
        Column("commune_unit_id", Integer, nullable=False),
        Column("category_id", Integer, nullable=False),  # 0: not classified
        Column("channel", _enum(Channel, "reflection_channel"), nullable=False),
    ]


reflection_stat_cells = Table(
    "reflection_stat_cells",
    metadata,
    *_keys(),
    *(Column(name, Integer, nullable=False, server_default="0") for name in COUNTERS),
    PrimaryKeyConstraint(*CELL_KEYS, name="pk_reflection_stat_cells"),
    # a subtree's units joined first (a district), or one bucket of a side (the province)
    Index("ix_reflection_stat_cells_unit", "unit_id", "side", "grain", "bucket"),
)

reflection_stat_steps = Table(
    "reflection_stat_steps",
    metadata,
    *_keys(),
    Column("step", _enum(SlaStep, "reflection_step"), nullable=False),
    *(Column(name, Integer, nullable=False, server_default="0") for name in STEP_COUNTERS),
    PrimaryKeyConstraint(*CELL_KEYS, "step", name="pk_reflection_stat_steps"),
    Index("ix_reflection_stat_steps_unit", "unit_id", "side", "grain", "bucket"),
)
