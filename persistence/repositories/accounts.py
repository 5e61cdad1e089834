"""The account repository: accounts, grants, tokens, API keys, throttles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.model import (
    Account,
    ApiKey,
    LoginThrottle,
    Role,
    RoleGrant,
    SessionToken,
)
from persistence.revisions import ACCESS, bump_revision
from persistence.tables import accounts, api_keys, login_throttles, role_grants, session_tokens
from persistence.types import UTCDateTime


class SqlAccountRepository:
    """AccountRepository on SQLAlchemy."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, account_id: int) -> Account | None:
        return await self.session.get(Account, account_id)

    async def get_by_login(self, login: str) -> Account | None:
        result = await self.session.scalars(select(Account).where(accounts.c.login == login))
        return result.first()

    async def add(self, account: Account) -> Account:
        self.session.add(account)
        await self.session.flush()
        return account

    async def grants_of(self, account_id: int) -> list[RoleGrant]:
        result = await self.session.scalars(
            select(RoleGrant).where(role_grants.c.account_id == account_id)
        )
        return list(result)

    async def get_grant(self, grant_id: int) -> RoleGrant | None:
        return await self.session.get(RoleGrant, grant_id)

    async def admin_grants_on(self, unit_id: int) -> list[RoleGrant]:
        g = role_grants.c
        query = (
            select(RoleGrant)
            .where(g.unit_id == unit_id, g.role == Role.ADMIN, g.include_subtree.is_(True))
            .order_by(g.id)
            .with_for_update(of=role_grants)  # two admins disabling each other: one waits
        )
        return list(await self.session.scalars(query))

    async def add_grant(self, grant: RoleGrant) -> RoleGrant:
        self.session.add(grant)
        await self.session.flush()
        return grant

    async def delete_grant(self, grant: RoleGrant) -> None:
        await self.session.delete(grant)

    async def add_token(self, token: SessionToken) -> SessionToken:
        self.session.add(token)
        await self.session.flush()
        return token

    async def get_token(self, token_hash: str) -> SessionToken | None:
        result = await self.session.scalars(
            select(SessionToken).where(session_tokens.c.token_hash == token_hash)
        )
        return result.first()

    async def revoke_tokens(self, account_id: int, at: datetime) -> None:
        await self.session.execute(
            update(session_tokens)
            .where(session_tokens.c.account_id == account_id, session_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
            .execution_options(synchronize_session="fetch")
        )
        await bump_revision(self.session, ACCESS)  # a bulk update: the session does not see it

    async def add_api_key(self, key: ApiKey) -> ApiKey:
        self.session.add(key)
        await self.session.flush()
        return key

    async def get_api_key(self, prefix: str) -> ApiKey | None:
        result = await self.session.scalars(select(ApiKey).where(api_keys.c.prefix == prefix))
        return result.first()

    async def get_api_key_by_id(self, key_id: int) -> ApiKey | None:
        return await self.session.get(ApiKey, key_id)

    async def throttle(self, key: str) -> LoginThrottle | None:
        result = await self.session.scalars(
            select(LoginThrottle).where(login_throttles.c.key == key)
        )
        return result.first()

    async def add_throttle(self, throttle: LoginThrottle) -> None:
        self.session.add(throttle)
        await self.session.flush()

    async def count_attempt(self, key: str, now: datetime, restart_before: datetime) -> int:
        # Insert-if-missing, then one UPDATE: concurrent attempts queue on the row and each
        # counts on top of the others (a read-modify-write would lose counts).
        t = login_throttles.c
        insert = sqlite_insert if self.session.get_bind().dialect.name == "sqlite" else pg_insert
        await self.session.execute(
            insert(login_throttles)
            .values(key=key, failures=0, window_start=now)
            .on_conflict_do_nothing(index_elements=["key"])
        )
        restart = t.window_start < restart_before
        counted = await self.session.execute(
            update(login_throttles)
            .where(t.key == key)
            .values(
                failures=case((restart, 1), else_=t.failures + 1),
                window_start=case((restart, literal(now, UTCDateTime())), else_=t.window_start),
            )
            .returning(t.failures)
        )
        return int(counted.scalar_one())

    async def lock(self, key: str, until: datetime) -> None:
        await self.session.execute(
            update(login_throttles).where(login_throttles.c.key == key).values(locked_until=until)
        )

    async def clear_attempts(self, key: str) -> None:
        await self.session.execute(
            update(login_throttles)
            .where(login_throttles.c.key == key)
            .values(failures=0, locked_until=None)
        )

    async def refund_attempt(self, key: str) -> None:
        t = login_throttles.c
        await self.session.execute(
            update(login_throttles)
            .where(t.key == key, t.failures > 0)
            .values(failures=t.failures - 1)
        )
