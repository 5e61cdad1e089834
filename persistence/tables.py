"""Tables of govgraph. Domain classes are mapped onto them in `persistence.mapping`."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from domain.accounts.model import AccountKind, Role
from domain.directory.model import ArticleKind, CommitteeRole
from domain.org.model import LeaderRank, LineageKind, UnitKind, UnitStatus
from domain.people.model import Gender, MembershipEnd, PersonStatus
from persistence.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _enum(cls: type, name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=40, validate_strings=True)


org_levels = Table(
    "org_levels",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("name", String(120), nullable=False),
    Column("rank", Integer, nullable=False),
    Column("description", Text, nullable=False, server_default=""),
)

org_units = Table(
    "org_units",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(255), nullable=False),
    Column("level_code", ForeignKey("org_levels.code"), nullable=False),
    Column("kind", _enum(UnitKind, "unit_kind"), nullable=False),
    Column("parent_id", ForeignKey("org_units.id"), index=True),
    Column("path", String(1000), nullable=False, server_default=""),
    Column("depth", Integer, nullable=False, server_default="0"),
    Column("short_name", String(80)),
    Column("address", String(500)),
    Column("phone", String(20)),
    Column("fax", String(20)),
    Column("email", String(254)),
    Column("website", String(500)),
    Column("introduction", Text),
    Column("functions", Text),
    Column("duties", Text),
    Column("status", _enum(UnitStatus, "unit_status"), nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),
    Column("member_count", Integer, nullable=False, server_default="0"),
    Column("subtree_member_count", Integer, nullable=False, server_default="0"),
    Column("version", Integer, nullable=False),
    Index("ix_org_units_path", "path"),
    Index("ix_org_units_level_code", "level_code"),
)

unit_placements = Table(
    "unit_placements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("parent_id", ForeignKey("org_units.id")),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),
)

unit_lineage = Table(
    "unit_lineage",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("predecessor_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("successor_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("kind", _enum(LineageKind, "lineage_kind"), nullable=False),
    Column("effective_date", Date, nullable=False),
)

unit_events = Table(
    "unit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("action", String(40), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor_account_id", Integer),
    Column("note", Text, nullable=False, server_default=""),
)

persons = Table(
    "persons",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("full_name", String(120), nullable=False),
    Column("search_name", String(120), nullable=False),
    Column("gender", _enum(Gender, "gender"), nullable=False),
    Column("unit_id", ForeignKey("org_units.id")),
    Column("position", String(255)),
    Column("duties", Text),
    Column("date_of_birth", Date),
    Column("birth_month_day", String(5)),
    Column("home_address", String(500)),
    Column("work_phone", String(20)),
    Column("personal_phone", String(20)),
    Column("fax", String(20)),
    Column("email", String(254)),
    Column("civil_servant_code", String(30)),
    Column("id_photo_url", String(1000)),
    Column("status", _enum(PersonStatus, "person_status"), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_persons_unit_name", "unit_id", "search_name", "id"),
    Index("ix_persons_search_name", "search_name", "id"),
    Index("ix_persons_birth_month_day", "birth_month_day"),
)

memberships = Table(
    "memberships",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", ForeignKey("persons.id"), nullable=False, index=True),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("position", String(255)),
    Column("duties", Text),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),
    Column("end_reason", _enum(MembershipEnd, "membership_end")),
)

leaderships = Table(
    "leaderships",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("person_id", ForeignKey("persons.id"), nullable=False, index=True),
    Column("title", String(255), nullable=False),
    Column("rank", _enum(LeaderRank, "leader_rank"), nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),
    Index("ix_leaderships_unit_current", "unit_id", "valid_to"),
)

committees = Table(
    "committees",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(255), nullable=False),
    Column("search_name", String(255), nullable=False),
    Column("functions", Text),
    Column("standing_unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("established_on", Date, nullable=False),
    Column("dissolved_on", Date),
    Column("version", Integer, nullable=False),
    Index(
        "uq_committees_active_name",
        "search_name",
        unique=True,
        sqlite_where=text("dissolved_on IS NULL"),
        postgresql_where=text("dissolved_on IS NULL"),
    ),
)

committee_members = Table(
    "committee_members",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("committee_id", ForeignKey("committees.id"), nullable=False),
    Column("person_id", ForeignKey("persons.id"), nullable=False, index=True),
    Column("role", _enum(CommitteeRole, "committee_role"), nullable=False),
    Column("duties", Text),
    UniqueConstraint("committee_id", "person_id", name="uq_committee_members_seat"),
)

committee_documents = Table(
    "committee_documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("committee_id", ForeignKey("committees.id"), nullable=False, index=True),
    Column("title", String(500), nullable=False),
    Column("number", String(60)),
    Column("issued_on", Date),
    Column("url", String(1000)),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("author_id", ForeignKey("persons.id"), nullable=False, index=True),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("kind", _enum(ArticleKind, "article_kind"), nullable=False),
    Column("title", String(500), nullable=False),
    Column("body", Text, nullable=False),
    Column("published_at", UTCDateTime, nullable=False, index=True),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("login", String(254), nullable=False, unique=True),
    Column("kind", _enum(AccountKind, "account_kind"), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("person_id", ForeignKey("persons.id"), index=True),
    Column("unit_id", ForeignKey("org_units.id"), index=True),
    Column("must_change_password", Boolean, nullable=False),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("locked_until", UTCDateTime),
    Column("disabled", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("password_changed_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

role_grants = Table(
    "role_grants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False, index=True),
    Column("role", _enum(Role, "role"), nullable=False),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False, index=True),
    Column("include_subtree", Boolean, nullable=False),
    Column("granted_at", UTCDateTime, nullable=False),
    Column("granted_by", Integer),
)

session_tokens = Table(
    "session_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ForeignKey("accounts.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(120), nullable=False),
    Column("prefix", String(8), nullable=False, unique=True),
    Column("key_hash", String(64), nullable=False),
    Column("unit_id", ForeignKey("org_units.id"), nullable=False),
    Column("include_subtree", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", Integer),
    Column("revoked_at", UTCDateTime),
)

login_throttles = Table(
    "login_throttles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, unique=True),
    Column("failures", Integer, nullable=False),
    Column("window_start", UTCDateTime, nullable=False),
    Column("locked_until", UTCDateTime),
)

revisions = Table(
    "revisions",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)
"""Counters bumped by every committed change of a data set (cache validation)."""
