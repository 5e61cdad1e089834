"""dossiers (002 Art. 8, 11-13, Annex): dossiers submitted under a procedure version, their
files (media uploads, with signature records), step log, supplements, apology letters,
overdue notices, surveys, the agencies' registers of results, applicant messages and the
statistics cells; media uploads may belong to a dossier

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-09
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = (
    "SUBMITTED",
    "INCOMPLETE",
    "RECEIVED",
    "IN_PROCESSING",
    "AWAITING_SUPPLEMENT",
    "DRAFTED",
    "SIGNED",
    "RESULT_READY",
    "DELIVERED",
    "WITHDRAWN",
)
STAGES = ("RECEPTION", "PROCESSING")
CLASSES = ("DONE_EARLY", "DONE_ON_TIME", "DONE_LATE", "OPEN_WITHIN_DEADLINE", "OPEN_OVERDUE")
MESSAGE_KINDS = (
    "SUBMITTED",
    "RECEIVED",
    "INCOMPLETE",
    "SUPPLEMENT",
    "RESULT_READY",
    "DELIVERED",
    "OVERDUE",
    "APOLOGY",
)
CRITERIA = (
    "guidance_clarity",
    "form_accuracy",
    "convenience",
    "processing_ability",
    "processing_time",
    "staff_attitude",
    "online_result",
    "online_payment",
)
COUNTERS = (
    "received",
    "online",
    "done_early",
    "done_on_time",
    "done_late",
    "open",
    "withdrawn",
    "supplemented",
    "surveyed",
    *(f"{c}_{part}" for c in CRITERIA for part in ("answers", "sum", "satisfied")),
)
OPEN_DUE = "due_at IS NOT NULL"
HELD = "holder_person_id IS NOT NULL"
UNATTACHED_BEFORE = "reflection_id IS NULL"
UNATTACHED = "reflection_id IS NULL AND dossier_id IS NULL"


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=40)


def _at(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _int(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def _id() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def upgrade() -> None:
    _dossiers()
    _parts()
    _messages_and_cells()
    op.drop_index("ix_media_uploads_unattached", table_name="media_uploads")
    with op.batch_alter_table("media_uploads") as batch:  # SQLite rebuilds the table
        batch.add_column(sa.Column("dossier_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_media_uploads_dossier_id_dossiers", "dossiers", ["dossier_id"], ["id"]
        )
    _unattached_index(UNATTACHED)
    if op.get_bind().dialect.name == "postgresql":
        _views()


def _views() -> None:
    """The reporting views of dossiers, with every column described."""
    from sqlalchemy import text

    from persistence.reporting_comments import comment_statements
    from persistence.reporting_dossier_views import DOSSIER_VIEWS
    from persistence.reporting_views import view_statements

    for statement in view_statements(views=DOSSIER_VIEWS):
        op.execute(statement)
    columns = op.get_bind().execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'reporting' AND table_name LIKE 'dossier%' "
            "ORDER BY table_name, ordinal_position"
        )
    )
    for statement in comment_statements([(r[0], r[1]) for r in columns]):
        op.execute(statement)


def _unattached_index(where: str) -> None:
    """The clean-up's partial index of uploads nothing took."""
    op.create_index(
        "ix_media_uploads_unattached",
        "media_uploads",
        ["uploaded_at"],
        postgresql_where=sa.text(where),
        sqlite_where=sa.text(where),
    )


def _dossiers() -> None:
    t = "dossiers"
    op.create_table(
        t,
        _id(),
        _int("procedure_id"),
        _int("procedure_version_id"),
        _int("applicant_account_id"),
        _int("agency_unit_id"),
        _int("holder_unit_id"),
        _int("holder_person_id", True),
        _int("chain_index"),
        sa.Column("tracking_code", sa.String(24), nullable=False),
        sa.Column("channel", _enum("dossier_channel", "ONLINE", "DESK"), nullable=False),
        sa.Column("payment", _enum("dossier_payment", "DESK", "ONLINE"), nullable=False),
        sa.Column("delivery", _enum("dossier_delivery", "DESK", "POST"), nullable=False),
        sa.Column("delivery_address", sa.String(500), nullable=True),
        sa.Column("state", _enum("dossier_state", *STATES), nullable=False),
        _at("submitted_at", False),
        _at("reception_due", False),
        _int("processing_days"),
        _at("received_at"),
        _at("processing_due"),
        _at("due_at"),
        _at("paused_at"),
        _int("paused_minutes"),
        _int("refusals"),
        _int("supplement_requests"),
        sa.Column("apology_pending", _enum("guidance_stage", *STAGES), nullable=True),
        _at("promised_at"),
        sa.Column("result_kind", _enum("dossier_result_kind", "GRANTED", "DENIED"), nullable=True),
        sa.Column("result_number", sa.String(60), nullable=True),
        sa.Column("result_upload_key", sa.String(64), nullable=True),
        _at("finished_at"),
        sa.Column(
            "finish_class",
            _enum("dossier_status_class", *CLASSES),
            nullable=True,
        ),
        _at("delivered_at"),
        sa.Column("rated", sa.Boolean(), nullable=False),
        _int("version"),
        _fk(t, "procedure_id", "procedures"),
        _fk(t, "procedure_version_id", "procedure_versions"),
        _fk(t, "applicant_account_id", "accounts"),
        _fk(t, "agency_unit_id", "org_units"),
        _fk(t, "holder_unit_id", "org_units"),
        _fk(t, "holder_person_id", "persons"),
        sa.PrimaryKeyConstraint("id", name="pk_dossiers"),
        sa.UniqueConstraint("tracking_code", name="uq_dossiers_tracking_code"),
    )
    op.create_index("ix_dossiers_procedure_id", t, ["procedure_id"])
    op.create_index("ix_dossiers_agency_queue", t, ["agency_unit_id", "state", "due_at", "id"])
    op.create_index("ix_dossiers_holder_queue", t, ["holder_unit_id", "state", "due_at", "id"])
    op.create_index(
        "ix_dossiers_holder_person",
        t,
        ["holder_person_id", "state"],
        postgresql_where=sa.text(HELD),
        sqlite_where=sa.text(HELD),
    )
    op.create_index("ix_dossiers_applicant", t, ["applicant_account_id", "submitted_at"])
    op.create_index(
        "ix_dossiers_open_due",
        t,
        ["due_at"],
        postgresql_where=sa.text(OPEN_DUE),
        sqlite_where=sa.text(OPEN_DUE),
    )


def _parts() -> None:
    t = "dossier_components"
    op.create_table(
        t,
        _id(),
        _int("dossier_id"),
        _int("component_id"),
        sa.Column("upload_key", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=True),
        sa.Column("mime_type", sa.String(100), nullable=False),
        _int("size_bytes"),
        sa.Column("sha256", sa.String(64), nullable=False),
        _at("added_at", False),
        _int("round"),
        sa.Column("signature", sa.Text(), nullable=True),
        _fk(t, "dossier_id", "dossiers"),
        _fk(t, "component_id", "procedure_components"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index("ix_dossier_components_dossier_id", t, ["dossier_id"])
    t = "dossier_steps"
    op.create_table(
        t,
        _id(),
        _int("dossier_id"),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("from_state", _enum("dossier_state", *STATES), nullable=True),
        sa.Column("to_state", _enum("dossier_state", *STATES), nullable=False),
        _at("at", False),
        _int("actor_account_id", True),
        _int("unit_id", True),
        sa.Column("note", sa.Text(), nullable=False),
        _at("due_at"),
        sa.Column("breached", sa.Boolean(), nullable=False),
        _fk(t, "dossier_id", "dossiers"),
        _fk(t, "actor_account_id", "accounts"),
        _fk(t, "unit_id", "org_units"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index("ix_dossier_steps_dossier", t, ["dossier_id", "at", "id"])
    t = "dossier_supplements"
    op.create_table(
        t,
        _id(),
        _int("dossier_id"),
        sa.Column("stage", _enum("guidance_stage", *STAGES), nullable=False),
        _int("round"),
        sa.Column("guidance", sa.Text(), nullable=False),
        _at("requested_at", False),
        _int("requested_by", True),
        sa.Column("missing_components", sa.Text(), nullable=False),
        sa.Column("staff_at_fault", sa.Boolean(), nullable=False),
        _at("answered_at"),
        _fk(t, "dossier_id", "dossiers"),
        _fk(t, "requested_by", "accounts"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index("ix_dossier_supplements_dossier_id", t, ["dossier_id"])
    t = "dossier_apologies"
    op.create_table(
        t,
        _id(),
        _int("dossier_id"),
        sa.Column("stage", _enum("guidance_stage", *STAGES), nullable=False),
        _at("issued_at", False),
        _int("issued_by", True),
        _int("unit_id"),
        sa.Column("text", sa.Text(), nullable=False),
        _fk(t, "dossier_id", "dossiers"),
        _fk(t, "issued_by", "accounts"),
        _fk(t, "unit_id", "org_units"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index("ix_dossier_apologies_dossier_id", t, ["dossier_id"])
    t = "dossier_notices"
    op.create_table(
        t,
        _id(),
        _int("dossier_id"),
        _at("issued_at", False),
        _int("issued_by", True),
        _int("unit_id"),
        sa.Column("reason", sa.Text(), nullable=False),
        _at("new_due", False),
        _fk(t, "dossier_id", "dossiers"),
        _fk(t, "issued_by", "accounts"),
        _fk(t, "unit_id", "org_units"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index("ix_dossier_notices_dossier_id", t, ["dossier_id"])
    t = "dossier_surveys"
    op.create_table(
        t,
        _id(),
        _int("dossier_id"),
        _at("submitted_at", False),
        *(_int(c, True) for c in CRITERIA),
        sa.Column("comment", sa.Text(), nullable=False),
        _fk(t, "dossier_id", "dossiers"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.UniqueConstraint("dossier_id", name="uq_dossier_surveys_dossier_id"),
    )
    t = "dossier_registers"
    op.create_table(
        t,
        _int("unit_id"),
        _int("year"),
        _int("last_number"),
        _fk(t, "unit_id", "org_units"),
        sa.PrimaryKeyConstraint("unit_id", "year", name=f"pk_{t}"),
    )


def _messages_and_cells() -> None:
    t = "dossier_messages"
    op.create_table(
        t,
        _id(),
        _int("dossier_id"),
        sa.Column("kind", _enum("dossier_message_kind", *MESSAGE_KINDS), nullable=False),
        _at("created_at", False),
        _int("step_id", True),
        _at("dispatched_at"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        _at("next_try_at"),
        sa.Column("sent_channels", sa.String(40), nullable=False, server_default=""),
        _at("dead_at"),
        _fk(t, "dossier_id", "dossiers"),
        _fk(t, "step_id", "dossier_steps"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index("ix_dossier_messages_dossier_id", t, ["dossier_id"])
    op.create_index("ix_dossier_messages_dispatch", t, ["dispatched_at", "id"])
    t = "dossier_stat_cells"
    grains = _enum("stat_grain", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR")
    op.create_table(
        t,
        sa.Column("grain", grains, nullable=False),
        sa.Column("bucket", sa.Date(), nullable=False),
        _int("agency_unit_id"),
        _int("procedure_id"),
        *(sa.Column(c, sa.Integer(), nullable=False, server_default="0") for c in COUNTERS),
        _fk(t, "agency_unit_id", "org_units"),
        _fk(t, "procedure_id", "procedures"),
        sa.PrimaryKeyConstraint(
            "grain", "bucket", "agency_unit_id", "procedure_id", name=f"pk_{t}"
        ),
    )
    op.create_index("ix_dossier_stat_cells_agency", t, ["agency_unit_id", "grain", "bucket"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        from persistence.reporting_dossier_views import DOSSIER_VIEWS

        for view in DOSSIER_VIEWS:
            op.execute(f"DROP VIEW IF EXISTS reporting.{view}")
    op.execute("DELETE FROM media_uploads WHERE dossier_id IS NOT NULL")
    op.drop_index("ix_media_uploads_unattached", table_name="media_uploads")
    with op.batch_alter_table("media_uploads") as batch:
        batch.drop_constraint("fk_media_uploads_dossier_id_dossiers", type_="foreignkey")
        batch.drop_column("dossier_id")
    _unattached_index(UNATTACHED_BEFORE)
    for table, indexes in (
        ("dossier_stat_cells", ("ix_dossier_stat_cells_agency",)),
        ("dossier_messages", ("ix_dossier_messages_dispatch", "ix_dossier_messages_dossier_id")),
        ("dossier_registers", ()),
        ("dossier_surveys", ()),
        ("dossier_notices", ("ix_dossier_notices_dossier_id",)),
        ("dossier_apologies", ("ix_dossier_apologies_dossier_id",)),
        ("dossier_supplements", ("ix_dossier_supplements_dossier_id",)),
        ("dossier_steps", ("ix_dossier_steps_dossier",)),
        ("dossier_components", ("ix_dossier_components_dossier_id",)),
        (
            "dossiers",
            (
                "ix_dossiers_open_due",
                "ix_dossiers_applicant",
                "ix_dossiers_holder_person",
                "ix_dossiers_holder_queue",
                "ix_dossiers_agency_queue",
                "ix_dossiers_procedure_id",
            ),
        ),
    ):
        for index in indexes:
            op.drop_index(index, table_name=table)
        op.drop_table(table)
