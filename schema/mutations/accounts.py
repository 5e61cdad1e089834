"""Sign-in and account administration mutations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

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
from schema.descriptions import ERRORS


@strawberry.type(description="A bearer token for the Authorization header, or errors")
class LoginPayload:
    token: str | None = strawberry.field(
        description="The session's bearer token (`Authorization: Bearer <token>`); shown "
        "once, stored hashed; null when refused"
    )
    expires_at: datetime | None = strawberry.field(
        description="When the token stops working (TOKEN_TTL_HOURS after sign-in, UTC)"
    )
    account: Account | None = strawberry.field(description="The account signed in")
    must_change_password: bool = strawberry.field(
        description="True when the token works only for public data, `me` and "
        "`changePassword` until the password is changed (PASSWORD_CHANGE_REQUIRED elsewhere)"
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)

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


@strawberry.type(description="The account after the change, or why it was refused")
class AccountPayload:
    account: Account | None = strawberry.field(description="The account as it is now")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: model.Account | DomainError) -> AccountPayload:
        """The account after the change, or why not."""
        found = None if isinstance(result, DomainError) else Account(domain=result)
        return cls(account=found, errors=errors_of(result))


@strawberry.type(description="Whether the session was ended")
class LogoutPayload:
    ok: bool = strawberry.field(description="True when the token of this request is revoked")
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: object) -> LogoutPayload:
        """Done, or why not."""
        return cls(ok=not isinstance(result, DomainError), errors=errors_of(result))


@strawberry.type(description="The role grant given or taken back, or why it was refused")
class RoleGrantPayload:
    grant: RoleGrant | None = strawberry.field(
        description="The grant given (grantRole) or the one revoked (revokeRole)"
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)

    @classmethod
    def of(cls, result: model.RoleGrant | DomainError) -> RoleGrantPayload:
        """The grant given or taken back, or why not."""
        found = None if isinstance(result, DomainError) else RoleGrant(domain=result)
        return cls(grant=found, errors=errors_of(result))


@strawberry.type(description="The new key's secret appears here once and never again")
class ApiKeyPayload:
    api_key: ApiKey | None = strawberry.field(description="The key issued or revoked")
    secret: str | None = strawberry.field(
        description="The whole key to send as `X-API-Key`: only in createApiKey's answer, "
        "null afterwards and in revokeApiKey's (it is stored hashed, so keep it safe now)"
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)

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
    async def login(
        self,
        info: Info,
        login: Annotated[
            str, strawberry.argument(description="Username or email; case does not matter")
        ],
        password: Annotated[str, strawberry.argument(description="The account's password")],
    ) -> LoginPayload:
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
    async def change_password(
        self,
        info: Info,
        current: Annotated[
            str,
            strawberry.argument(description="The password now (INVALID_CREDENTIALS if wrong)"),
        ],
        new: Annotated[
            str,
            strawberry.argument(
                description="The new password: PASSWORD_MIN_LENGTH to PASSWORD_MAX_LENGTH "
                "characters, not a common one, not containing the login (WEAK_PASSWORD)"
            ),
        ],
    ) -> AccountPayload:
        return AccountPayload.of(
            await dispatch(info, lambda: ChangePassword(current, new, ctx_of(info).auth))
        )

    @strawberry.mutation(description="Create a personal or unit account (admins in scope)")
    async def create_account(
        self,
        info: Info,
        login: Annotated[
            str,
            strawberry.argument(
                description="Username or email to sign in with, unique (DUPLICATE_LOGIN)"
            ),
        ],
        kind: Annotated[AccountKindType, strawberry.argument(description="Whose account")],
        password: Annotated[
            str,
            strawberry.argument(
                description="First password, under the password policy; a unit account must "
                "change it at its first sign-in"
            ),
        ],
        unit_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="The unit the account belongs to, inside the admin's scope (a "
                "personal account: the person's own unit)"
            ),
        ],
        person_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The person of a PERSONAL account; else ignored"),
        ] = None,
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
        self,
        info: Info,
        account_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The account, of a unit in the admin's scope"),
        ],
        disabled: Annotated[
            bool,
            strawberry.argument(
                description="True to disable (not one's own account, nor the last enabled "
                "province admin: INVALID_STATE), false to enable again"
            ),
        ],
    ) -> AccountPayload:
        return AccountPayload.of(
            await dispatch(info, lambda: SetAccountDisabled(_account_id(account_id), disabled))
        )

    @strawberry.mutation(description="Grant a role on a unit (and its subtree)")
    async def grant_role(
        self,
        info: Info,
        account_id: Annotated[
            strawberry.ID, strawberry.argument(description="The account that gets the role")
        ],
        role: Annotated[RoleType, strawberry.argument(description="The role to grant")],
        unit_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The unit it is held on, inside the admin's scope"),
        ],
        include_subtree: Annotated[
            bool,
            strawberry.argument(
                description="True: on the unit and every unit under it; false: the unit alone"
            ),
        ] = False,
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
    async def revoke_role(
        self,
        info: Info,
        grant_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="The grant (RoleGrant.id); the province's last enabled admin grant "
                "is kept (INVALID_STATE)"
            ),
        ],
    ) -> RoleGrantPayload:
        return RoleGrantPayload.of(
            await dispatch(info, lambda: RevokeRole(decode_id(grant_id, "RoleGrant", "grantId")))
        )

    @strawberry.mutation(description="Issue a read-only integrator key scoped to a unit")
    async def create_api_key(
        self,
        info: Info,
        name: Annotated[
            str, strawberry.argument(description="A name to recognise the key by (who uses it)")
        ],
        unit_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The unit whose data the key may read"),
        ],
        include_subtree: Annotated[
            bool,
            strawberry.argument(description="True: the unit and everything under it"),
        ] = True,
    ) -> ApiKeyPayload:
        return ApiKeyPayload.of(
            await dispatch(info, lambda: CreateApiKey(name, _unit_id(unit_id), include_subtree))
        )

    @strawberry.mutation(description="Revoke an integrator key at once")
    async def revoke_api_key(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The key (ApiKey.id)")],
    ) -> ApiKeyPayload:
        return ApiKeyPayload.of(await dispatch(info, lambda: RevokeApiKey(decode_id(id, "ApiKey"))))
