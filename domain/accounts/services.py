"""Sign-in, tokens, password changes, accounts, role grants and API keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain import permissions
from domain.accounts import throttle
from domain.accounts.admins import keep_an_admin
from domain.accounts.model import Account, AccountKind, ApiKey, Role, RoleGrant, SessionToken
from domain.accounts.passwords import PasswordHasher, PasswordPolicy
from domain.accounts.tokens import api_key_prefix, digest, new_api_key, new_token
from domain.errors import DomainError, ErrorCode, Forbidden, NotFound
from domain.events import ACCESS_CHANGED
from domain.org.services import load_active
from domain.permissions import Grant, Principal, PrincipalKind
from domain.ports import UnitOfWork
from domain.text import clean_text


@dataclass(frozen=True)
class AuthConfig:
    """Everything sign-in depends on."""

    hasher: PasswordHasher
    policy: PasswordPolicy
    throttle: throttle.ThrottlePolicy
    token_ttl: timedelta


@dataclass(frozen=True)
class LoginOutcome:
    """A token and the account, or the error the caller sees."""

    token: str | None = None
    account: Account | None = None
    expires_at: datetime | None = None
    error: DomainError | None = None


_BAD_CREDENTIALS = DomainError(ErrorCode.INVALID_CREDENTIALS, "Wrong login or password")
_THROTTLED = DomainError(
    ErrorCode.RATE_LIMITED, "Too many failed sign-ins; wait a few minutes and try again"
)


def normalize_login(login: str) -> str:
    """Logins are case-insensitive."""
    return login.strip().lower()


async def login(
    *,
    uow: UnitOfWork,
    config: AuthConfig,
    login_name: str,
    password: str,
    address: str,
    now: datetime,
) -> LoginOutcome:
    """Check credentials under back-off; the outcome's error says nothing about which part failed.

    The attempt is counted and committed before the password is checked, so that attempts
    sent in parallel cannot get past the limits. The caller commits in every case.
    """
    name = normalize_login(login_name)[:254]
    if await throttle.is_locked(uow, config.throttle, name, address, now):
        return LoginOutcome(error=_THROTTLED)
    attempt = await throttle.count_attempt(uow, config.throttle, name, address, now)
    if not attempt.allowed:
        await throttle.record_failure(uow, config.throttle, attempt, now)
        return LoginOutcome(error=_THROTTLED)
    await uow.commit()
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
    await throttle.record_success(uow, config.throttle, name, address)
    if config.hasher.needs_update(account.password_hash):
        account.password_hash = config.hasher.hash(password)
        uow.record(ACCESS_CHANGED)
    if config.policy.expired(account.password_changed_at, now):
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


async def logout(*, uow: UnitOfWork, actor: Principal, raw_token: str, now: datetime) -> None:
    """Revoke the token of this request."""
    token = await uow.accounts.get_token(digest(raw_token))
    if token is None or token.account_id != actor.account_id:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "Sign in first")
    token.revoked_at = now
    uow.record(ACCESS_CHANGED)


async def change_password(
    *,
    uow: UnitOfWork,
    config: AuthConfig,
    actor: Principal,
    current: str,
    new: str,
    now: datetime,
) -> Account:
    """Change one's own password; every session of the account ends, this one included."""
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


async def create_account(
    *,
    uow: UnitOfWork,
    config: AuthConfig,
    actor: Principal | None,
    login_name: str,
    kind: AccountKind,
    password: str,
    person_id: int | None,
    unit_id: int,
    now: datetime,
) -> Account:
    """Create a personal or unit account (admins in scope; actor None is the system CLI)."""
    unit = await load_active(uow, unit_id, field="unitId")
    if actor is not None and not permissions.can_administer(actor, unit.path):
        raise Forbidden("You may not create accounts for this unit")
    name = normalize_login(clean_text(login_name, field="login", max_length=254, required=True))
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


async def set_account_disabled(
    *, uow: UnitOfWork, actor: Principal, account_id: int, disabled: bool, now: datetime
) -> Account:
    """Disable (revoking every session) or re-enable an account. Nobody disables their own
    account, and the province keeps at least one enabled admin."""
    account = await _administered_account(uow, actor, account_id)
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
        await uow.accounts.revoke_tokens(account.id, now)
    uow.record(ACCESS_CHANGED)
    return account


async def _administered_account(uow: UnitOfWork, actor: Principal, account_id: int) -> Account:
    account = await uow.accounts.get(account_id)
    unit = await uow.units.get(account.unit_id) if account and account.unit_id else None
    if account is None or unit is None or not permissions.can_administer(actor, unit.path):
        raise NotFound("Account", "accountId")
    return account


async def grant_role(
    *,
    uow: UnitOfWork,
    actor: Principal | None,
    account_id: int,
    role: Role,
    unit_id: int,
    include_subtree: bool,
    now: datetime,
) -> RoleGrant:
    """Grant a role on a unit; admins grant within their own scope (actor None: the CLI)."""
    unit = await load_active(uow, unit_id, field="unitId")
    if actor is not None:
        if not permissions.can_grant(actor, unit_path=unit.path, include_subtree=include_subtree):
            raise Forbidden("You may not grant roles there")
        await _administered_account(uow, actor, account_id)
    elif await uow.accounts.get(account_id) is None:
        raise NotFound("Account", "accountId")
    uow.record(ACCESS_CHANGED)
    return await uow.accounts.add_grant(
        RoleGrant(
            account_id, role, unit.id, include_subtree, now, actor.account_id if actor else None
        )
    )


async def revoke_role(*, uow: UnitOfWork, actor: Principal, grant_id: int) -> RoleGrant:
    """Take a role back; it stops working on the holder's next request."""
    grant = await uow.accounts.get_grant(grant_id)
    unit = await uow.units.get(grant.unit_id) if grant else None
    if grant is None or unit is None or not permissions.can_administer(actor, unit.path):
        raise NotFound("Role grant", "grantId")
    holder = await uow.accounts.get(grant.account_id)
    if holder is not None and not holder.disabled:
        await keep_an_admin(uow, [grant], lambda g: g.id == grant.id, "grantId")
    await uow.accounts.delete_grant(grant)
    uow.record(ACCESS_CHANGED)
    return grant


async def create_api_key(
    *,
    uow: UnitOfWork,
    actor: Principal,
    name: str,
    unit_id: int,
    include_subtree: bool,
    now: datetime,
) -> tuple[ApiKey, str]:
    """Issue an integrator key scoped to a unit (and subtree). The raw key is shown once."""
    unit = await load_active(uow, unit_id, field="unitId")
    if not permissions.can_grant(actor, unit_path=unit.path, include_subtree=include_subtree):
        raise Forbidden("You may not issue keys for this unit")
    raw, prefix = new_api_key()
    key = ApiKey(
        name=clean_text(name, field="name", max_length=120, required=True),
        prefix=prefix,
        key_hash=digest(raw),
        unit_id=unit.id,
        include_subtree=include_subtree,
        created_at=now,
        created_by=actor.account_id,
    )
    return await uow.accounts.add_api_key(key), raw


async def revoke_api_key(
    *, uow: UnitOfWork, actor: Principal, key_id: int, now: datetime
) -> ApiKey:
    """Revoke an integrator key at once."""
    key = await uow.accounts.get_api_key_by_id(key_id)
    unit = await uow.units.get(key.unit_id) if key else None
    if key is None or unit is None or not permissions.can_administer(actor, unit.path):
        raise NotFound("API key", "id")
    key.revoked_at = key.revoked_at or now
    uow.record(ACCESS_CHANGED)
    return key
