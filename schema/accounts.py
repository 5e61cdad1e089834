"""Account types: the signed-in viewer, role grants and API keys. Hashes never appear."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypeAlias

import strawberry
from strawberry.types import Info

from domain.accounts import model
from schema.common import ctx_of, encode_id
from schema.descriptions import describe_enum
from schema.org import OrgUnit
from schema.people import Person

describe_enum(
    model.AccountKind,
    "AccountKind",
    "Who an account signs in for",
    {
        model.AccountKind.PERSONAL: "A staff member's own account, tied to their Person",
        model.AccountKind.UNIT: "A unit's shared account (004 Art. 5: its login is the unit's "
        "email): it receives and answers tasks for the unit as its leaders do, and must "
        "change its password at the first sign-in",
        model.AccountKind.CITIZEN: "A citizen who submits field reports and follows their own",
    },
)
AccountKindType: TypeAlias = model.AccountKind
describe_enum(
    model.Role,
    "Role",
    "What an account may do, granted on a unit for that unit alone or for its whole subtree",
    {
        model.Role.ADMIN: "Manage accounts, roles, API keys and the working calendar; "
        "everything else too, in scope",
        model.Role.DIRECTORY_EDITOR: "Create, edit, move, merge, split and dissolve units and "
        "edit persons, leaders and committees in scope; sees persons' private fields; edits "
        "the catalog's procedures of the agencies in scope",
        model.Role.OVERSEER: "Read everything in scope: tasks, field reports, statistics "
        "(Provincial Office leaders, the Chairman and Vice-chairmen, unit heads)",
        model.Role.TASK_CREATOR: "Enter directives and create, send, track, confirm, reopen "
        "and cancel tasks as the office (Provincial Office specialists; district and commune "
        "offices for their level)",
        model.Role.LEADER: "In the unit: receive and return tasks, assign specialists, "
        "approve or return their drafts, decide extensions",
        model.Role.SPECIALIST: "In the unit: draft responses and results of the tasks "
        "assigned to them",
        model.Role.IOC_OPERATOR: "The IOC's operators: receive, classify, distribute, verify, "
        "cancel and publish field reports; the only ones who see reporters' contact data",
        model.Role.COORDINATOR: "The designated agency of the sensitive-report flow (001 Art. "
        "11): sees those reports and agrees with their results",
        model.Role.INTEGRATOR: "Read-only statistics and directory in scope (what API keys act as)",
        model.Role.RECEPTION_DESK: "The one-stop desk of an agency (002): receive dossiers, "
        "refuse them with guidance, return results to applicants",
        model.Role.CLERK: "Sign and register dossiers' results in the agency's register (002)",
        model.Role.ACCOUNT_OFFICE: "Approve, suspend, cancel and reactivate applicant "
        "accounts and read their data (002 Art. 10)",
    },
)
RoleType: TypeAlias = model.Role


@strawberry.type(description="A role held on a unit, or on its whole subtree")
class RoleGrant:
    domain: strawberry.Private[model.RoleGrant]

    @strawberry.field(description="Global id of the grant, for revokeRole")
    def id(self) -> strawberry.ID:
        return encode_id("RoleGrant", self.domain.id)

    @strawberry.field(description="The role granted")
    def role(self) -> RoleType:
        return self.domain.role

    @strawberry.field(
        description="True: the role applies to the unit and every unit under it; false: to "
        "the unit alone"
    )
    def include_subtree(self) -> bool:
        return self.domain.include_subtree

    @strawberry.field(description="The unit the role is held on")
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None


@strawberry.type(
    description="A sign-in account: the caller's own (`me`), or one an admin manages. "
    "Passwords and tokens are never readable."
)
class Account:
    domain: strawberry.Private[model.Account]

    @strawberry.field(description="Global id, for setAccountDisabled and grantRole")
    def id(self) -> strawberry.ID:
        return encode_id("Account", self.domain.id)

    @strawberry.field(
        description="What the account signs in with (a username or an email), lower case"
    )
    def login(self) -> str:
        return self.domain.login

    @strawberry.field(description="Whether it is a person's, a unit's or a citizen's account")
    def kind(self) -> AccountKindType:
        return self.domain.kind

    @strawberry.field(
        description="True while the account must change its password before anything else "
        "(a unit account's first sign-in, or the rotation period has passed)"
    )
    def must_change_password(self) -> bool:
        return self.domain.must_change_password

    @strawberry.field(
        description="When the password must be changed by (PASSWORD_ROTATION_DAYS after the "
        "last change, UTC); null when rotation is off"
    )
    def password_expires_at(self, info: Info) -> datetime | None:
        days = ctx_of(info).auth.policy.rotation_days
        return self.domain.password_changed_at + timedelta(days=days) if days else None

    @strawberry.field(
        description="True while an admin has disabled the account: it cannot sign in and "
        "its sessions were ended"
    )
    def disabled(self) -> bool:
        return self.domain.disabled

    @strawberry.field(description="The staff member of a personal account; null for others")
    async def person(self, info: Info) -> Person | None:
        if self.domain.person_id is None:
            return None
        found = await ctx_of(info).loaders.person_by_id.load(self.domain.person_id)
        return Person.from_domain(found) if found else None

    @strawberry.field(
        description="The unit the account belongs to (a unit account acts for it); null for "
        "citizens"
    )
    async def unit(self, info: Info) -> OrgUnit | None:
        if self.domain.unit_id is None:
            return None
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None

    @strawberry.field(description="Every role granted to the account, oldest grant first")
    async def roles(self, info: Info) -> list[RoleGrant]:
        grants = await ctx_of(info).loaders.grants_by_account_id.load(self.domain.id)
        return [RoleGrant(domain=g) for g in grants]


@strawberry.type(
    description="An integrator's read-only key (sent as `X-API-Key`), scoped to a unit or its "
    "subtree. The secret is shown only once, when issued; the key is stored hashed."
)
class ApiKey:
    domain: strawberry.Private[model.ApiKey]

    @strawberry.field(description="Global id, for revokeApiKey")
    def id(self) -> strawberry.ID:
        return encode_id("ApiKey", self.domain.id)

    @strawberry.field(description="What the admin called the key (the integrator or its use)")
    def name(self) -> str:
        return self.domain.name

    @strawberry.field(description="Public part of the key, to recognise it in lists")
    def prefix(self) -> str:
        return self.domain.prefix

    @strawberry.field(
        description="True: the key reads the unit and every unit under it; false: the unit alone"
    )
    def include_subtree(self) -> bool:
        return self.domain.include_subtree

    @strawberry.field(description="When the key was issued (UTC)")
    def created_at(self) -> datetime:
        return self.domain.created_at

    @strawberry.field(
        description="When the key was revoked (UTC); null while it works. A revoked key is "
        "refused at once."
    )
    def revoked_at(self) -> datetime | None:
        return self.domain.revoked_at

    @strawberry.field(description="The unit whose data the key may read")
    async def unit(self, info: Info) -> OrgUnit | None:
        unit = await ctx_of(info).loaders.unit_by_id.load(self.domain.unit_id)
        return OrgUnit.from_domain(unit) if unit else None
