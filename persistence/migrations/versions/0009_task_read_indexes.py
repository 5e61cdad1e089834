"""task read indexes: the inbox's sides in due order, and pending extension requests

* `(office_unit_id | lead_unit_id, state, deadline, id)` replace the same indexes without
  `id`: one unit's tasks in one state, in due order with ties by id, straight off the index
  (a LIMIT stops the scan; a keyset cursor starts it).
* `(state, deadline, id, office_unit_id, lead_unit_id)` replaces `(state, deadline)`: one
  state's tasks in due order across many units, and counts by state and unit, read from the
  index alone.
* A partial index lists the extension requests still waiting for a decision.

Revision ID: 0009
Revises: 0005
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = sa.text("extension_until IS NOT NULL AND extension_decision IS NULL")
NEW = {
    "ix_tasks_office_state_deadline_id": ["office_unit_id", "state", "deadline", "id"],
    "ix_tasks_lead_state_deadline_id": ["lead_unit_id", "state", "deadline", "id"],
    "ix_tasks_state_deadline_id_units": [
        "state",
        "deadline",
        "id",
        "office_unit_id",
        "lead_unit_id",
    ],
}
OLD = {
    "ix_tasks_office_state_deadline": ["office_unit_id", "state", "deadline"],
    "ix_tasks_lead_state_deadline": ["lead_unit_id", "state", "deadline"],
    "ix_tasks_state_deadline": ["state", "deadline"],
}


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        for name in OLD:
            batch_op.drop_index(name)
        for name, columns in NEW.items():
            batch_op.create_index(name, columns)
    op.create_index(
        "ix_task_progress_pending",
        "task_progress",
        ["task_id"],
        postgresql_where=PENDING,
        sqlite_where=PENDING,
    )


def downgrade() -> None:
    op.drop_index("ix_task_progress_pending", table_name="task_progress")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        for name in NEW:
            batch_op.drop_index(name)
        for name, columns in OLD.items():
            batch_op.create_index(name, columns)
