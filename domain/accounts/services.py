"""Sign-in, tokens, password changes, accounts, role grants and API keys."""

from __future__ import annotations

from datetime import datetime

from domain import permissions
from domain.accounts import throttle
from domain.accounts.admins import keep_an_admin
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
from domain.accounts.model import Account, AccountKind, ApiKey, Role, RoleGrant, SessionToken
from domain.accounts.passwords import PasswordHasher
from domain.accounts.tokens import api_key_prefix, digest, new_api_key, new_token
from domain.commands import Caller, handles
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound
from domain.events import ACCESS_CHANGED
from domain.org.services import load_active
from domain.permissions import Grant, Principal, PrincipalKind
from domain.ports import UnitOfWork
from domain.text import clean_text

_BAD_CREDENTIALS = DomainError(ErrorCode.INVALID_CREDENTIALS, "Wrong login or password")
_THROTTLED = DomainError(
    ErrorCode.RATE_LIMITED, "Too many failed sign-ins; wait a few minutes and try again"
)


def normalize_login(login: str) -> str:
    """Logins are case-insensitive."""
    return login.strip().lower()


def _sign_in_name(login_name: str) -> str:
    return normalize_login(login_name)[:254]


@handles(CountSignIn)
async def count_sign_in(uow: UnitOfWork, caller: Caller, command: CountSignIn) -> throttle.Attempt:
    """Count the attempt against its login and address, before any password is checked; an
    attempt beyond a limit locks the key that reached it. Committed on its own (the first of
    the two commands of a sign-in), so attempts sent in parallel cannot get past the limits."""
    policy, now = command.config.throttle, caller.now
    name, address = _sign_in_name(command.login_name), command.address
    if await throttle.is_locked(uow, policy, name, address, now):
        return throttle.LOCKED_OUT
    attempt = await throttle.count_attempt(uow, policy, name, address, now)
    if not attempt.allowed:
        await throttle.record_failure(uow, policy, attempt, now)
    return attempt


@handles(SignIn)
async def login(uow: UnitOfWork, caller: Caller, command: SignIn) -> LoginOutcome:
    """Check the credentials of a counted attempt; the outcome's error says nothing about which
    part failed. A refusal is returned, not raised, so that the failure it records commits."""
    config, now, password = command.config, caller.now, command.password
    name, attempt = _sign_in_name(command.login_name), command.attempt
    if not attempt.allowed:
        return LoginOutcome(error=_THROTTLED)
    account = await uow.accounts.get_by_login(name)
    if account is None:
        config.hasher.verify(password[:1024], _DUMMY_HASH.get(config.hasher))
    ok = (
        account is not None
        and not account.disabled
        and config.hasher.verify(password[:1024], account.password_hash)
    )
    if not ok or account is None:
        await throttle.record_failure(uow, config.throttle, attempt, now)
        return LoginOutcome(error=_BAD_CREDENTIALS)
    await throttle.record_success(uow, config.throttle, name, command.address)
    if config.hasher.needs_update(account.password_hash):
        account.password_hash = config.hasher.hash(password)
        uow.record(ACCESS_CHANGED)
    if account.kind is not AccountKind.CITIZEN and config.policy.expired(
        account.password_changed_at, now
    ):  # the rotation rule is the staff's (000); applicants are not forced to rotate
        account.must_change_password = True
        uow.record(ACCESS_CHANGED)
    raw = new_token()
    expires = now + config.token_ttl
    await uow.accounts.add_token(SessionToken(account.id, digest(raw), now, expires))
    return LoginOutcome(token=raw, account=account, expires_at=expires)


class _DummyHash:
    """A hash to verify against for unknown logins, so timing does not reveal them."""

    def __init__(self) -> None:
        self._cache: dict[int, str] = {}

    def get(self, hasher: PasswordHasher) -> str:
        key = id(hasher)
        if key not in self._cache:
            self._cache[key] = hasher.hash("govgraph-dummy-password")
        return self._cache[key]


_DUMMY_HASH = _DummyHash()


async def principal_for_token(uow: UnitOfWork, raw_token: str, now: datetime) -> Principal | None:
    """Resolve a bearer token to its principal; None when unknown, expired or revoked."""
    token = await uow.accounts.get_token(digest(raw_token))
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        return None
    account = await uow.accounts.get(token.account_id)
    if account is None or account.disabled:
        return None
    if account.must_change_password:
        return Principal(
            kind=PrincipalKind.ANONYMOUS,
            account_id=account.id,
            token_id=token.id,
            expires_at=token.expires_at,
            password_change_required=True,
        )
    grants = await uow.accounts.grants_of(account.id)
    own = [account.unit_id] if account.unit_id else []
    paths = {u.id: u.path for u in await uow.units.get_many([*own, *(g.unit_id for g in grants)])}
    kind = {
        AccountKind.PERSONAL: PrincipalKind.STAFF,
        AccountKind.UNIT: PrincipalKind.UNIT_ACCOUNT,
        AccountKind.CITIZEN: PrincipalKind.CITIZEN,
    }[account.kind]
    return Principal(
        kind=kind,
        account_id=account.id,
        person_id=account.person_id,
        unit_id=account.unit_id,
        unit_path=paths.get(account.unit_id) if account.unit_id else None,
        grants=tuple(
            Grant(g.role, paths[g.unit_id], g.include_subtree) for g in grants if g.unit_id in paths
        ),
        token_id=token.id,
        expires_at=token.expires_at,
    )


async def principal_for_api_key(uow: UnitOfWork, raw_key: str) -> Principal | None:
    """Resolve an integrator's API key; None when malformed, unknown or revoked."""
    prefix = api_key_prefix(raw_key)
    key = await uow.accounts.get_api_key(prefix) if prefix else None
    if key is None or key.revoked_at is not None or key.key_hash != digest(raw_key):
        return None
    unit = await uow.units.get(key.unit_id)
    if unit is None:
        return None
    return Principal(
        kind=PrincipalKind.INTEGRATOR,
        grants=(Grant(Role.INTEGRATOR, unit.path, key.include_subtree),),
        api_key_id=key.id,
    )


@handles(Logout)
async def logout(uow: UnitOfWork, caller: Caller, command: Logout) -> None:
    """Revoke the token of this request."""
    raw = command.raw_token
    token = await uow.accounts.get_token(digest(raw)) if raw is not None else None
    if token is None or token.account_id != caller.actor.account_id:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "Sign in first")
    token.revoked_at = caller.now
    uow.record(ACCESS_CHANGED)


@handles(ChangePassword)
async def change_password(uow: UnitOfWork, caller: Caller, command: ChangePassword) -> Account:
    """Change one's own password; every session of the account ends, this one included."""
    actor, now, config = caller.actor, caller.now, command.config
    current, new = command.current, command.new
    if actor.account_id is None:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "Sign in first")
    account = await uow.accounts.get(actor.account_id)
    if account is None or not config.hasher.verify(current[:1024], account.password_hash):
        raise DomainError(ErrorCode.INVALID_CREDENTIALS, "Current password is wrong", "current")
    if current == new:
        raise DomainError(ErrorCode.WEAK_PASSWORD, "Choose a new password", "password")
    config.policy.check(new, login=account.login)
    account.password_hash = config.hasher.hash(new)
    account.password_changed_at, account.must_change_password = now, False
    await uow.accounts.revoke_tokens(account.id, now)
    uow.record(ACCESS_CHANGED)
    return account


@handles(CreateAccount)
async def create_account(uow: UnitOfWork, caller: Caller, command: CreateAccount) -> Account:
    """Create a personal or unit account (admins in scope, or the system itself)."""
    config, kind, now = command.config, command.kind, caller.now
    person_id, password = command.person_id, command.password
    unit = await load_active(uow, command.unit_id, field="unitId")
    if not command.system and not permissions.can_administer(caller.actor, unit.path):
        raise Forbidden("You may not create accounts for this unit")
    login_name = clean_text(command.login_name, field="login", max_length=254, required=True)
    name = normalize_login(login_name)
    if await uow.accounts.get_by_login(name) is not None:
        raise DomainError(ErrorCode.DUPLICATE_LOGIN, "This login is taken", "login")
    if kind is AccountKind.PERSONAL:
        person = await uow.people.get(person_id) if person_id else None
        if person is None:
            raise NotFound("Person", "personId")
        if person.unit_id != unit.id:
            raise DomainError(ErrorCode.INVALID_INPUT, "The person works elsewhere", "unitId")
    config.policy.check(password, login=name)
    account = Account(
        login=name,
        kind=kind,
        password_hash=config.hasher.hash(password),
        created_at=now,
        password_changed_at=now,
        person_id=person_id if kind is AccountKind.PERSONAL else None,
        unit_id=unit.id,
        must_change_password=kind is AccountKind.UNIT
        and config.policy.unit_accounts_change_at_first_login,
    )
    uow.record(ACCESS_CHANGED)
    return await uow.accounts.add(account)


@handles(SetAccountDisabled)
async def set_account_disabled(
    uow: UnitOfWork, caller: Caller, command: SetAccountDisabled
) -> Account:
    """Disable (revoking every session) or re-enable an account. Nobody disables their own
    account, and the province keeps at least one enabled admin."""
    actor, disabled = caller.actor, command.disabled
    account = await _administered_account(uow, actor, command.account_id)
    if disabled and not account.disabled:
        if account.id == actor.account_id:
            raise DomainError(
                ErrorCode.INVALID_STATE,
                "You cannot disable your own account; another admin can",
                "accountId",
            )
        grants = await uow.accounts.grants_of(account.id)
        await keep_an_admin(uow, grants, lambda g: g.account_id == account.id, "accountId")
    account.disabled = disabled
    if disabled:
        await uow.accounts.revoke_tokens(account.id, caller.now)
    uow.record(ACCESS_CHANGED)
    return account


async def _administered_account(uow: UnitOfWork, actor: Principal, account_id: int) -> Account:
    account = await uow.accounts.get(account_id)
    unit = await uow.units.get(account.unit_id) if account and account.unit_id else None
    if account is None or unit is None or not permissions.can_administer(actor, unit.path):
        raise NotFound("Account", "accountId")
    return account


@handles(GrantRole)
async def grant_role(uow: UnitOfWork, caller: Caller, command: GrantRole) -> RoleGrant:
    """Grant a role on a unit; admins grant within their own scope (or the system itself)."""
    account_id, include_subtree = command.account_id, command.include_subtree
    unit = await load_active(uow, command.unit_id, field="unitId")
    actor = None if command.system else caller.actor
    if actor is not None:
        if not permissions.can_grant(actor, unit_path=unit.path, include_subtree=include_subtree):
            raise Forbidden("You may not grant roles there")
        await _administered_account(uow, actor, account_id)
    elif await uow.accounts.get(account_id) is None:
        raise NotFound("Account", "accountId")
    uow.record(ACCESS_CHANGED)
    granted_by = actor.account_id if actor else None
    return await uow.accounts.add_grant(
        RoleGrant(account_id, command.role, unit.id, include_subtree, caller.now, granted_by)
    )


@handles(RevokeRole)
async def revoke_role(uow: UnitOfWork, caller: Caller, command: RevokeRole) -> RoleGrant:
    """Take a role back; it stops working on the holder's next request."""
    grant = await uow.accounts.get_grant(command.grant_id)
    unit = await uow.units.get(grant.unit_id) if grant else None
    if grant is None or unit is None or not permissions.can_administer(caller.actor, unit.path):
        raise NotFound("Role grant", "grantId")
    holder = await uow.accounts.get(grant.account_id)
    if holder is not None and not holder.disabled:
        await keep_an_admin(uow, [grant], lambda g: g.id == grant.id, "grantId")
    await uow.accounts.delete_grant(grant)
    uow.record(ACCESS_CHANGED)
    return grant


@handles(CreateApiKey)
async def create_api_key(uow: UnitOfWork, caller: Caller, command: CreateApiKey) -> IssuedKey:
    """Issue an integrator key scoped to a unit (and subtree). The raw key is shown once."""
    actor, include_subtree = caller.actor, command.include_subtree
    unit = await load_active(uow, command.unit_id, field="unitId")
    if not permissions.can_grant(actor, unit_path=unit.path, include_subtree=include_subtree):
        raise Forbidden("You may not issue keys for this unit")
    raw, prefix = new_api_key()
    key = ApiKey(
        name=clean_text(command.name, field="name", max_length=120, required=True),
        prefix=prefix,
        key_hash=digest(raw),
        unit_id=unit.id,
        include_subtree=include_subtree,
        created_at=caller.now,
        created_by=actor.account_id,
    )
    return IssuedKey(await uow.accounts.add_api_key(key), raw)


@handles(RevokeApiKey)
async def revoke_api_key(uow: UnitOfWork, caller: Caller, command: RevokeApiKey) -> ApiKey:
    """Revoke an integrator key at once."""
    key = await uow.accounts.get_api_key_by_id(command.key_id)
    unit = await uow.units.get(key.unit_id) if key else None
    if key is None or unit is None or not permissions.can_administer(caller.actor, unit.path):
        raise NotFound("API key", "id")
    key.revoked_at = key.revoked_at or caller.now
    uow.record(ACCESS_CHANGED)
    return key
