"""Sign-in and account administration."""

from __future__ import annotations

from domain import permissions
from domain.accounts import services
from domain.accounts.model import Account, AccountKind, ApiKey, Role, RoleGrant
from domain.accounts.services import LoginOutcome
from domain.errors import DomainError, ErrorCode, Forbidden
from domain.ports import UnitOfWork
from resolvers.context import RequestContext, run_use_case


async def login(ctx: RequestContext, *, login_name: str, password: str) -> LoginOutcome:
    """Check credentials; failures are counted (committed) too."""
    if not permissions.can_write(ctx.principal):
        return LoginOutcome(error=Forbidden("API keys are read-only"))
    async with ctx.uow() as uow:
        outcome = await services.login(
            uow=uow,
            config=ctx.auth,
            login_name=login_name,
            password=password,
            address=ctx.client_address,
            now=ctx.now(),
        )
        await uow.commit()
    return outcome


async def logout(ctx: RequestContext) -> bool | DomainError:
    """Revoke the current token."""
    token = ctx.raw_token

    async def use_case(uow: UnitOfWork) -> bool:
        if token is None:
            raise DomainError(ErrorCode.UNAUTHENTICATED, "Sign in first")
        await services.logout(uow=uow, actor=ctx.principal, raw_token=token, now=ctx.now())
        return True

    return await run_use_case(ctx, use_case)


async def change_password(ctx: RequestContext, *, current: str, new: str) -> Account | DomainError:
    """Change one's own password."""
    return await run_use_case(
        ctx,
        lambda uow: services.change_password(
            uow=uow, config=ctx.auth, actor=ctx.principal, current=current, new=new, now=ctx.now()
        ),
    )


async def create_account(
    ctx: RequestContext,
    *,
    login_name: str,
    kind: AccountKind,
    password: str,
    person_id: int | None,
    unit_id: int,
) -> Account | DomainError:
    """Create an account (admins)."""
    return await run_use_case(
        ctx,
        lambda uow: services.create_account(
            uow=uow,
            config=ctx.auth,
            actor=ctx.principal,
            login_name=login_name,
            kind=kind,
            password=password,
            person_id=person_id,
            unit_id=unit_id,
            now=ctx.now(),
        ),
    )


async def set_account_disabled(
    ctx: RequestContext, *, account_id: int, disabled: bool
) -> Account | DomainError:
    """Disable or re-enable an account."""
    return await run_use_case(
        ctx,
        lambda uow: services.set_account_disabled(
            uow=uow, actor=ctx.principal, account_id=account_id, disabled=disabled, now=ctx.now()
        ),
    )


async def grant_role(
    ctx: RequestContext, *, account_id: int, role: Role, unit_id: int, include_subtree: bool
) -> RoleGrant | DomainError:
    """Grant a role on a unit."""
    return await run_use_case(
        ctx,
        lambda uow: services.grant_role(
            uow=uow,
            actor=ctx.principal,
            account_id=account_id,
            role=role,
            unit_id=unit_id,
            include_subtree=include_subtree,
            now=ctx.now(),
        ),
    )


async def revoke_role(ctx: RequestContext, *, grant_id: int) -> RoleGrant | DomainError:
    """Revoke a role grant."""
    return await run_use_case(
        ctx, lambda uow: services.revoke_role(uow=uow, actor=ctx.principal, grant_id=grant_id)
    )


async def api_keys(ctx: RequestContext) -> list[ApiKey]:
    """Integrator keys of the units the caller administers."""
    paths = permissions.administered_paths(ctx.principal)
    if not paths:
        raise Forbidden("Only admins list API keys")
    keys = await ctx.reader.api_keys(paths)
    units = await ctx.loaders.unit_by_id.load_many([k.unit_id for k in keys])
    return [
        key
        for key, unit in zip(keys, units, strict=True)
        if unit is not None and permissions.can_administer(ctx.principal, unit.path)
    ]


async def create_api_key(
    ctx: RequestContext, *, name: str, unit_id: int, include_subtree: bool
) -> tuple[ApiKey, str] | DomainError:
    """Issue an integrator key."""
    return await run_use_case(
        ctx,
        lambda uow: services.create_api_key(
            uow=uow,
            actor=ctx.principal,
            name=name,
            unit_id=unit_id,
            include_subtree=include_subtree,
            now=ctx.now(),
        ),
    )


async def revoke_api_key(ctx: RequestContext, *, key_id: int) -> ApiKey | DomainError:
    """Revoke an integrator key."""
    return await run_use_case(
        ctx,
        lambda uow: services.revoke_api_key(
            uow=uow, actor=ctx.principal, key_id=key_id, now=ctx.now()
        ),
    )
