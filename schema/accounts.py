"""Account types: the signed-in viewer, role grants and API keys. Hashes never appear."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypeAlias

import strawberry
from strawberry.types import Info

from domain.accounts import model
from schema.common import ctx_of, encode_id
from schema.enums import described
from schema.org import OrgUnit
from schema.people import Person

strawberry.enum(model.AccountKind, name="AccountKind")
AccountKindType: TypeAlias = model.AccountKind
R = model.Role
described(
    R,
    name="Role",
    description="Roles of PERMISSIONS.md",
    values={
        R.ADMIN: "Manage accounts, roles and settings; everything in scope",
        R.DIRECTORY_EDITOR: "Edit units and persons in scope; the catalog's procedures of "
        "the agencies in scope",
        R.OVERSEER: "Read everything in scope",
        R.TASK_CREATOR: "Create directives and tasks, assign units, track, confirm",
        R.LEADER: "In the own unit: receive work, assign, approve, return",
        R.SPECIALIST: "In the own unit: draft responses and results of assigned work",
        R.IOC_OPERATOR: "Receive, classify, distribute, verify and publish field reports",
        R.COORDINATOR: "The designated agency in the sensitive-report flow",
        R.INTEGRATOR: "Stats and directory, read-only, in scope",
        R.RECEPTION_DESK: "The one-stop desk of an agency: receive dossiers, refuse with "
        "guidance, return results (002)",
        R.CLERK: "Sign and register results in the agency's register (002)",
        R.ACCOUNT_OFFICE: "Approve, suspend, cancel and reactivate applicant accounts; read "
        "their data (002 Art. 10)",
    },
)
RoleType: TypeAlias = model.Role


@strawberry.type(description="A role held on a unit, or on its whole subtree")
class RoleGrant:
    domain: strawberry.Private[model.RoleGrant]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return encode_id("RoleGrant", self.domain.id)

    @strawberry.field
    def role(self) -> RoleType:
        return self.domain.role

    @strawberry.field
    def include_subtree(self) -> bool:
        return self.domain.include_subtree

    @strawberry.field
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(description="A sign-in account")
class Account:
    domain: strawberry.Private[model.Account]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return encode_id("Account", self.domain.id)

    @strawberry.field
    def login(self) -> str:
        return self.domain.login

    @strawberry.field
    def kind(self) -> AccountKindType:
        return self.domain.kind

    @strawberry.field(description="True until the password is changed (first login, rotation)")
    def must_change_password(self) -> bool:
        return self.domain.must_change_password

    @strawberry.field(description="When the password must be changed by (rotation policy)")
    def password_expires_at(self, info: Info) -> datetime | None:
        days = ctx_of(info).auth.policy.rotation_days
        return self.domain.password_changed_at + timedelta(days=days) if days else None

    @strawberry.field
    def disabled(self) -> bool:
        return self.domain.disabled

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        if self.domain.person_id is None:
            return None
        found = await ctx_of(info).loaders.person_by_id.load(self.domain.person_id)
        return Person.from_domain(found) if found else None

    @strawberry.field
    async def unit(self, info: Info) -> OrgUnit | None:
        if self.domain.unit_id is None:
            return None
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field
    async def roles(self, info: Info) -> list[RoleGrant]:
        grants = await ctx_of(info).loaders.grants_by_account_id.load(self.domain.id)
        return [RoleGrant(domain=g) for g in grants]


@strawberry.type(description="An integrator's read-only key. The secret is shown only once.")
class ApiKey:
    domain: strawberry.Private[model.ApiKey]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return encode_id("ApiKey", self.domain.id)

    @strawberry.field
    def name(self) -> str:
        return self.domain.name

    @strawberry.field(description="Public part of the key, to recognise it in lists")
    def prefix(self) -> str:
        return self.domain.prefix

    @strawberry.field
    def include_subtree(self) -> bool:
        return self.domain.include_subtree

    @strawberry.field
    def created_at(self) -> datetime:
        return self.domain.created_at

    @strawberry.field
    def revoked_at(self) -> datetime | None:
        return self.domain.revoked_at

    @strawberry.field
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None
