"""Sign-in and account administration mutations."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from domain.accounts import model
from domain.accounts.commands import (
    ChangePassword,
    CountSignIn,
    CreateAccount,
    CreateApiKey,
    GrantRole,
    IssuedKey,
    LoginOutcome,
    Logout,
    RevokeApiKey,
    RevokeRole,
    SetAccountDisabled,
    SignIn,
)
from domain.errors import DomainError
from schema.accounts import Account, AccountKindType, ApiKey, RoleGrant, RoleType
from schema.common import UserError, ctx_of, decode_id, dispatch, errors_of


@strawberry.type(description="A bearer token for the Authorization header, or errors")
class LoginPayload:
    token: str | None
    expires_at: datetime | None
    account: Account | None
    must_change_password: bool
    errors: list[UserError]

    @classmethod
    def of(cls, result: LoginOutcome | DomainError) -> LoginPayload:
        """The token and the account, or why not (a refused sign-in is an outcome too)."""
        outcome = LoginOutcome(error=result) if isinstance(result, DomainError) else result
        if outcome.error is not None or outcome.account is None:
            return cls(
                token=None,
                expires_at=None,
                account=None,
                must_change_password=False,
                errors=errors_of(outcome.error),
            )
        return cls(
            token=outcome.token,
            expires_at=outcome.expires_at,
            account=Account(domain=outcome.account),
            must_change_password=outcome.account.must_change_password,
            errors=[],
        )


@strawberry.type
class AccountPayload:
    account: Account | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: model.Account | DomainError) -> AccountPayload:
        """The account after the change, or why not."""
        found = None if isinstance(result, DomainError) else Account(domain=result)
        return cls(account=found, errors=errors_of(result))


@strawberry.type
class LogoutPayload:
    ok: bool
    errors: list[UserError]

    @classmethod
    def of(cls, result: object) -> LogoutPayload:
        """Done, or why not."""
        return cls(ok=not isinstance(result, DomainError), errors=errors_of(result))


@strawberry.type
class RoleGrantPayload:
    grant: RoleGrant | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: model.RoleGrant | DomainError) -> RoleGrantPayload:
        """The grant given or taken back, or why not."""
        found = None if isinstance(result, DomainError) else RoleGrant(domain=result)
        return cls(grant=found, errors=errors_of(result))


@strawberry.type(description="The new key's secret appears here once and never again")
class ApiKeyPayload:
    api_key: ApiKey | None
    secret: str | None
    errors: list[UserError]

    @classmethod
    def of(cls, result: IssuedKey | model.ApiKey | DomainError) -> ApiKeyPayload:
        """The key (with its secret when just issued), or why not."""
        if isinstance(result, DomainError):
            return cls(api_key=None, secret=None, errors=errors_of(result))
        if isinstance(result, IssuedKey):
            return cls(api_key=ApiKey(domain=result.key), secret=result.secret, errors=[])
        return cls(api_key=ApiKey(domain=result), secret=None, errors=[])


def _account_id(value: strawberry.ID) -> int:
    return decode_id(value, "Account", "accountId")


def _unit_id(value: strawberry.ID) -> int:
    return decode_id(value, "OrgUnit", "unitId")


@strawberry.type
class AccountMutations:
    @strawberry.mutation(
        description="Sign in with login (username or email) and password; repeated failures "
        "lock the login and the client address for a while"
    )
    async def login(self, info: Info, login: str, password: str) -> LoginPayload:
        ctx = ctx_of(info)
        attempt = await dispatch(info, lambda: CountSignIn(login, ctx.client_address, ctx.auth))
        if isinstance(attempt, DomainError):
            return LoginPayload.of(attempt)
        return LoginPayload.of(
            await dispatch(
                info, lambda: SignIn(login, password, ctx.client_address, attempt, ctx.auth)
            )
        )

    @strawberry.mutation(description="Revoke the token of this request")
    async def logout(self, info: Info) -> LogoutPayload:
        return LogoutPayload.of(await dispatch(info, lambda: Logout(ctx_of(info).raw_token)))

    @strawberry.mutation(
        description="Change your password; every session of the account ends, "
        "this one included (sign in again)"
    )
    async def change_password(self, info: Info, current: str, new: str) -> AccountPayload:
        return AccountPayload.of(
            await dispatch(info, lambda: ChangePassword(current, new, ctx_of(info).auth))
        )

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
        return AccountPayload.of(
            await dispatch(
                info,
                lambda: CreateAccount(
                    login,
                    kind,
                    password,
                    _unit_id(unit_id),
                    ctx_of(info).auth,
                    decode_id(person_id, "Person", "personId") if person_id else None,
                ),
            )
        )

    @strawberry.mutation(description="Disable (ending every session) or re-enable an account")
    async def set_account_disabled(
        self, info: Info, account_id: strawberry.ID, disabled: bool
    ) -> AccountPayload:
        return AccountPayload.of(
            await dispatch(info, lambda: SetAccountDisabled(_account_id(account_id), disabled))
        )

    @strawberry.mutation(description="Grant a role on a unit (and its subtree)")
    async def grant_role(
        self,
        info: Info,
        account_id: strawberry.ID,
        role: RoleType,
        unit_id: strawberry.ID,
        include_subtree: bool = False,
    ) -> RoleGrantPayload:
        return RoleGrantPayload.of(
            await dispatch(
                info,
                lambda: GrantRole(
                    _account_id(account_id), role, _unit_id(unit_id), include_subtree
                ),
            )
        )

    @strawberry.mutation(description="Revoke a role grant; effective on the holder's next request")
    async def revoke_role(self, info: Info, grant_id: strawberry.ID) -> RoleGrantPayload:
        return RoleGrantPayload.of(
            await dispatch(info, lambda: RevokeRole(decode_id(grant_id, "RoleGrant", "grantId")))
        )

    @strawberry.mutation(description="Issue a read-only integrator key scoped to a unit")
    async def create_api_key(
        self, info: Info, name: str, unit_id: strawberry.ID, include_subtree: bool = True
    ) -> ApiKeyPayload:
        return ApiKeyPayload.of(
            await dispatch(info, lambda: CreateApiKey(name, _unit_id(unit_id), include_subtree))
        )

    @strawberry.mutation(description="Revoke an integrator key at once")
    async def revoke_api_key(self, info: Info, id: strawberry.ID) -> ApiKeyPayload:
        return ApiKeyPayload.of(await dispatch(info, lambda: RevokeApiKey(decode_id(id, "ApiKey"))))
