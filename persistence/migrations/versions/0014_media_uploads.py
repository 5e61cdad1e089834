"""media uploads: the media store's record of uploaded photos and videos

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


UNATTACHED = "reflection_id IS NULL"


def upgrade() -> None:
    op.create_table(
        "media_uploads",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("PHOTO", "VIDEO", name="media_kind", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("mime_type", sa.String(100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("name", sa.String(255), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("client_address", sa.String(100), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("reflection_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name="fk_media_uploads_person_id_persons"
        ),
        sa.ForeignKeyConstraint(
            ["reflection_id"], ["reflections.id"], name="fk_media_uploads_reflection_id_reflections"
        ),
        sa.PrimaryKeyConstraint("key", name="pk_media_uploads"),
    )
    op.create_index(
        "ix_media_uploads_client_address",
        "media_uploads",
        ["client_address", "uploaded_at"],
    )
    op.create_index(
        "ix_media_uploads_unattached",
        "media_uploads",
        ["uploaded_at"],
        postgresql_where=sa.text(UNATTACHED),
        sqlite_where=sa.text(UNATTACHED),
    )


def downgrade() -> None:
    op.drop_index("ix_media_uploads_unattached", table_name="media_uploads")
    op.drop_index("ix_media_uploads_client_address", table_name="media_uploads")
    op.drop_table("media_uploads")
