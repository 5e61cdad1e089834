"""procedure catalog and applicant accounts (002 Art. 5, 7, 10, 14): procedures and their
versions, dossier components and chains of agencies; applicant profiles, the account
office's requests, messages owed to applicants

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=40)


def _at(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}"
    )


def upgrade() -> None:
    _catalog()
    _applicants()


def _catalog() -> None:
    op.create_table(
        "procedures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("agency_unit_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(200), nullable=False),
        sa.Column("field_key", sa.String(200), nullable=False),
        sa.Column("current_number", sa.Integer(), nullable=False),
        _at("created_at", False),
        _at("updated_at", False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("agency_unit_id", "procedures", "org_units"),
        sa.PrimaryKeyConstraint("id", name="pk_procedures"),
        sa.UniqueConstraint("code", name="uq_procedures_code"),
    )
    op.create_index("ix_procedures_agency_unit_id", "procedures", ["agency_unit_id"])
    op.create_index("ix_procedures_field_key", "procedures", ["field_key"])
    op.create_table(
        "procedure_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("agency_unit_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(200), nullable=False),
        sa.Column("service_level", sa.Integer(), nullable=False),
        sa.Column("processing_days", sa.Integer(), nullable=False),
        sa.Column("steps", sa.Text(), nullable=False),
        sa.Column("methods", sa.Text(), nullable=False),
        sa.Column("target_subjects", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("hours", sa.Text(), nullable=False),
        sa.Column("issuing_document", sa.String(255), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        _at("recorded_at", False),
        sa.Column("update_due_on", sa.Date(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("fees", sa.Text(), nullable=True),
        sa.Column("fee_amount", sa.Integer(), nullable=True),
        sa.Column("requirements", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        _fk("procedure_id", "procedure_versions", "procedures"),
        _fk("agency_unit_id", "procedure_versions", "org_units"),
        _fk("recorded_by", "procedure_versions", "accounts"),
        sa.PrimaryKeyConstraint("id", name="pk_procedure_versions"),
        sa.UniqueConstraint("procedure_id", "number", name="uq_procedure_versions_number"),
    )
    op.create_index(
        "ix_procedure_versions_agency_unit_id", "procedure_versions", ["agency_unit_id"]
    )
    op.create_table(
        "procedure_components",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(1000), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(500), nullable=True),
        sa.Column("form_url", sa.String(1000), nullable=True),
        _fk("version_id", "procedure_components", "procedure_versions"),
        sa.PrimaryKeyConstraint("id", name="pk_procedure_components"),
    )
    op.create_index(
        "ix_procedure_components_version_id", "procedure_components", ["version_id"]
    )
    op.create_table(
        "procedure_agencies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("task", sa.String(500), nullable=True),
        _fk("version_id", "procedure_agencies", "procedure_versions"),
        _fk("unit_id", "procedure_agencies", "org_units"),
        sa.PrimaryKeyConstraint("id", name="pk_procedure_agencies"),
        sa.UniqueConstraint("version_id", "position", name="uq_procedure_agencies_position"),
    )
    op.create_index("ix_procedure_agencies_unit_id", "procedure_agencies", ["unit_id"])


def _applicants() -> None:
    op.create_table(
        "applicants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("applicant_kind", "CITIZEN", "ORGANISATION", "BUSINESS"),
                  nullable=False),
        sa.Column(
            "status",
            _enum(
                "applicant_status",
                "UNVERIFIED",
                "PENDING_APPROVAL",
                "ACTIVE",
                "SUSPENDED",
                "CANCELLED",
                "REFUSED",
            ),
            nullable=False,
        ),
        sa.Column("full_name", sa.String(255), nullable=False),
        sa.Column("search_name", sa.String(255), nullable=False),
        sa.Column("identity_number", sa.String(20), nullable=False),
        sa.Column("address", sa.String(500), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("verify_channel", _enum("verify_channel", "EMAIL", "SMS"), nullable=False),
        _at("registered_at", False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("representative", sa.String(255), nullable=True),
        sa.Column("code_hash", sa.String(64), nullable=True),
        _at("code_sent_at"),
        sa.Column("code_attempts", sa.Integer(), nullable=False),
        _at("verified_at"),
        _at("approved_at"),
        _at("status_changed_at"),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("account_id", "applicants", "accounts"),
        sa.PrimaryKeyConstraint("id", name="pk_applicants"),
        sa.UniqueConstraint("account_id", name="uq_applicants_account_id"),
    )
    op.create_index(
        "ix_applicants_status_registered", "applicants", ["status", "registered_at"]
    )
    op.create_table(
        "applicant_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            _enum(
                "applicant_request_kind",
                "REGISTRATION",
                "EDIT",
                "SUSPEND",
                "CANCEL",
                "REACTIVATE",
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            _enum("applicant_request_status", "OPEN", "APPROVED", "REFUSED"),
            nullable=False,
        ),
        _at("submitted_at", False),
        _at("due_at", False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=True),
        _at("decided_at"),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk("applicant_id", "applicant_requests", "applicants"),
        _fk("decided_by", "applicant_requests", "accounts"),
        sa.PrimaryKeyConstraint("id", name="pk_applicant_requests"),
    )
    op.create_index(
        "ix_applicant_requests_applicant_id", "applicant_requests", ["applicant_id"]
    )
    op.create_index(
        "ix_applicant_requests_queue", "applicant_requests", ["status", "due_at", "id"]
    )
    op.create_table(
        "applicant_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            _enum(
                "applicant_message_kind",
                "VERIFY_CODE",
                "APPROVED",
                "REFUSED",
                "EDIT_APPLIED",
                "EDIT_REFUSED",
                "SUSPENDED",
                "CANCELLED",
                "REACTIVATED",
                "REQUEST_REFUSED",
            ),
            nullable=False,
        ),
        _at("created_at", False),
        sa.Column("secret", sa.String(12), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        _at("dispatched_at"),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        _at("next_try_at"),
        sa.Column("sent_channels", sa.String(40), nullable=False, server_default=""),
        _at("dead_at"),
        _fk("applicant_id", "applicant_messages", "applicants"),
        _fk("request_id", "applicant_messages", "applicant_requests"),
        sa.PrimaryKeyConstraint("id", name="pk_applicant_messages"),
    )
    op.create_index(
        "ix_applicant_messages_applicant_id", "applicant_messages", ["applicant_id"]
    )
    op.create_index(
        "ix_applicant_messages_dispatch", "applicant_messages", ["dispatched_at", "id"]
    )


def downgrade() -> None:
    for table, indexes in (
        ("applicant_messages", ("dispatch", "applicant_id")),
        ("applicant_requests", ("queue", "applicant_id")),
        ("applicants", ("status_registered",)),
        ("procedure_agencies", ("unit_id",)),
        ("procedure_components", ("version_id",)),
        ("procedure_versions", ("agency_unit_id",)),
        ("procedures", ("field_key", "agency_unit_id")),
    ):
        for index in indexes:
            op.drop_index(f"ix_{table}_{index}", table_name=table)
        op.drop_table(table)
