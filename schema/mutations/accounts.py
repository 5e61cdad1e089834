"""Sign-in and account administration mutations."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from domain.errors import DomainError
from resolvers import accounts as run
from schema.accounts import Account, AccountKindType, ApiKey, RoleGrant, RoleType
from schema.common import UserError, attempt, ctx_of, decode_id, errors_of


@strawberry.type(description="A bearer token for the Authorization header, or errors")
class LoginPayload:
    token: str | None
    expires_at: datetime | None
    account: Account | None
    must_change_password: bool
    errors: list[UserError]


@strawberry.type
class AccountPayload:
    account: Account | None
    errors: list[UserError]


@strawberry.type
class LogoutPayload:
    ok: bool
    errors: list[UserError]


@strawberry.type
class RoleGrantPayload:
    grant: RoleGrant | None
    errors: list[UserError]


@strawberry.type(description="The new key's secret appears here once and never again")
class ApiKeyPayload:
    api_key: ApiKey | None
    secret: str | None
    errors: list[UserError]


def _account_payload(result: object) -> AccountPayload:
    if isinstance(result, DomainError):
        return AccountPayload(account=None, errors=errors_of(result))
    return AccountPayload(account=Account(domain=result), errors=[])  # type: ignore[arg-type]


def _grant_payload(result: object) -> RoleGrantPayload:
    if isinstance(result, DomainError):
        return RoleGrantPayload(grant=None, errors=errors_of(result))
    return RoleGrantPayload(grant=RoleGrant(domain=result), errors=[])  # type: ignore[arg-type]


@strawberry.type
class AccountMutations:
    @strawberry.mutation(
        description="Sign in with login (username or email) and password; repeated failures "
        "lock the login and the client address for a while"
    )
    async def login(self, info: Info, login: str, password: str) -> LoginPayload:
        outcome = await run.login(ctx_of(info), login_name=login, password=password)
        if outcome.error is not None or outcome.account is None:
            return LoginPayload(
                token=None,
                expires_at=None,
                account=None,
                must_change_password=False,
                errors=errors_of(outcome.error),
            )
        return LoginPayload(
            token=outcome.token,
            expires_at=outcome.expires_at,
            account=Account(domain=outcome.account),
            must_change_password=outcome.account.must_change_password,
            errors=[],
        )

    @strawberry.mutation(description="Revoke the token of this request")
    async def logout(self, info: Info) -> LogoutPayload:
        result = await run.logout(ctx_of(info))
        return LogoutPayload(ok=result is True, errors=errors_of(result))

    @strawberry.mutation(
        description="Change your password; every session of the account ends, "
        "this one included (sign in again)"
    )
    async def change_password(self, info: Info, current: str, new: str) -> AccountPayload:
        return _account_payload(await run.change_password(ctx_of(info), current=current, new=new))

    @strawberry.mutation(description="Create a personal or unit account (admins in scope)")
    async def create_account(
        self,
        info: Info,
        login: str,
        kind: AccountKindType,
        password: str,
        unit_id: strawberry.ID,
        person_id: strawberry.ID | None = None,
    ) -> AccountPayload:
        result = await attempt(
            lambda: run.create_account(
                ctx_of(info),
                login_name=login,
                kind=kind,
                password=password,
                person_id=decode_id(person_id, "Person", "personId") if person_id else None,
                unit_id=decode_id(unit_id, "OrgUnit", "unitId"),
            )
        )
        return _account_payload(result)

    @strawberry.mutation(description="Disable (ending every session) or re-enable an account")
    async def set_account_disabled(
        self, info: Info, account_id: strawberry.ID, disabled: bool
    ) -> AccountPayload:
        result = await attempt(
            lambda: run.set_account_disabled(
                ctx_of(info),
                account_id=decode_id(account_id, "Account", "accountId"),
                disabled=disabled,
            )
        )
        return _account_payload(result)

    @strawberry.mutation(description="Grant a role on a unit (and its subtree)")
    async def grant_role(
        self,
        info: Info,
        account_id: strawberry.ID,
        role: RoleType,
        unit_id: strawberry.ID,
        include_subtree: bool = False,
    ) -> RoleGrantPayload:
        result = await attempt(
            lambda: run.grant_role(
                ctx_of(info),
                account_id=decode_id(account_id, "Account", "accountId"),
                role=role,
                unit_id=decode_id(unit_id, "OrgUnit", "unitId"),
                include_subtree=include_subtree,
            )
        )
        return _grant_payload(result)

    @strawberry.mutation(description="Revoke a role grant; effective on the holder's next request")
    async def revoke_role(self, info: Info, grant_id: strawberry.ID) -> RoleGrantPayload:
        result = await attempt(
            lambda: run.revoke_role(
                ctx_of(info), grant_id=decode_id(grant_id, "RoleGrant", "grantId")
            )
        )
        return _grant_payload(result)

    @strawberry.mutation(description="Issue a read-only integrator key scoped to a unit")
    async def create_api_key(
        self, info: Info, name: str, unit_id: strawberry.ID, include_subtree: bool = True
    ) -> ApiKeyPayload:
        result = await attempt(
            lambda: run.create_api_key(
                ctx_of(info),
                name=name,
                unit_id=decode_id(unit_id, "OrgUnit", "unitId"),
                include_subtree=include_subtree,
            )
        )
        if isinstance(result, DomainError):
            return ApiKeyPayload(api_key=None, secret=None, errors=errors_of(result))
        key, secret = result
        return ApiKeyPayload(api_key=ApiKey(domain=key), secret=secret, errors=[])

    @strawberry.mutation(description="Revoke an integrator key at once")
    async def revoke_api_key(self, info: Info, id: strawberry.ID) -> ApiKeyPayload:
        result = await attempt(
            lambda: run.revoke_api_key(ctx_of(info), key_id=decode_id(id, "ApiKey"))
        )
        if isinstance(result, DomainError):
            return ApiKeyPayload(api_key=None, secret=None, errors=errors_of(result))
        return ApiKeyPayload(api_key=ApiKey(domain=result), secret=None, errors=[])
