"""Sign-in on fakes: back-off per login and per address, tokens, rotation, unit accounts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.accounts import services
from domain.accounts.commands import (
    ChangePassword,
    CountSignIn,
    CreateAccount,
    GrantRole,
    LoginOutcome,
    SignIn,
)
from domain.accounts.config import AuthConfig
from domain.accounts.model import AccountKind, Role
from domain.accounts.passwords import PasswordPolicy
from domain.accounts.throttle import ThrottlePolicy
from domain.errors import ErrorCode
from domain.org.commands import CreateUnit, NewUnit
from domain.org.fields import UnitInfo
from domain.org.model import UnitKind
from domain.org.services import create_unit
from domain.permissions import ANONYMOUS, PrincipalKind
from tests.callers import caller
from tests.unit.fakes import FakeUnitOfWork, with_levels

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
GOOD = "Sông Hương 2026 xanh"


class PlainHasher:
    """Test double: 'hashes' by prefixing."""

    def hash(self, password: str) -> str:
        return "plain$" + password

    def verify(self, password: str, password_hash: str) -> bool:
        return password_hash == "plain$" + password

    def needs_update(self, password_hash: str) -> bool:
        return False


CONFIG = AuthConfig(
    hasher=PlainHasher(),
    policy=PasswordPolicy(),
    throttle=ThrottlePolicy(max_per_login=3, max_per_address=5),
    token_ttl=timedelta(hours=12),
)


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    uow = with_levels(FakeUnitOfWork())
    unit = await create_unit(
        uow,
        caller(ANONYMOUS, NOW),
        CreateUnit(
            parent_id=None,
            new=NewUnit("P", "PROVINCE", UnitKind.GOVERNMENT, UnitInfo(name="Tỉnh")),
            effective=date(2020, 1, 1),
            system=True,
        ),
    )
    for login, kind in (("office@hue.gov.vn", AccountKind.UNIT), ("admin", AccountKind.UNIT)):
        await services.create_account(
            uow,
            caller(ANONYMOUS, NOW),
            CreateAccount(
                config=CONFIG,
                login_name=login,
                kind=kind,
                password=GOOD,
                person_id=None,
                unit_id=unit.id,
                system=True,
            ),
        )
    admin = await uow.accounts.get_by_login("admin")
    assert admin is not None
    admin.must_change_password = False
    await services.grant_role(
        uow,
        caller(ANONYMOUS, NOW),
        GrantRole(
            account_id=admin.id, role=Role.ADMIN, unit_id=unit.id, include_subtree=True, system=True
        ),
    )
    return uow


async def _login(
    uow: FakeUnitOfWork, login: str, password: str, address: str = "10.0.0.1", now: datetime = NOW
) -> LoginOutcome:
    """Sign in as the mutation does: count the attempt and commit, then check the password."""
    anonymous = caller(ANONYMOUS, now)
    attempt = await services.count_sign_in(uow, anonymous, CountSignIn(login, address, CONFIG))
    await uow.commit()
    outcome = await services.login(
        uow, anonymous, SignIn(login, password, address, attempt, CONFIG)
    )
    await uow.commit()
    return outcome


async def test_token_resolves_to_a_principal_with_grants(uow: FakeUnitOfWork) -> None:
    outcome = await _login(uow, "ADMIN", GOOD)
    assert outcome.error is None
    assert outcome.token
    principal = await services.principal_for_token(uow, outcome.token, NOW)
    assert principal is not None
    assert principal.kind is PrincipalKind.UNIT_ACCOUNT
    assert [g.role for g in principal.grants] == [Role.ADMIN]
    assert await services.principal_for_token(uow, outcome.token, NOW + timedelta(hours=13)) is None


async def test_unknown_login_and_wrong_password_look_the_same(uow: FakeUnitOfWork) -> None:
    unknown = await _login(uow, "nobody", GOOD)
    wrong = await _login(uow, "admin", "wrong password")
    assert unknown.error is not None
    assert wrong.error is not None
    assert (unknown.error.code, unknown.error.message) == (wrong.error.code, wrong.error.message)


async def test_a_login_is_locked_after_repeated_failures(uow: FakeUnitOfWork) -> None:
    for _ in range(3):
        await _login(uow, "admin", "wrong", address="10.0.0.2")
    locked = await _login(uow, "admin", GOOD, address="10.0.0.3")
    assert locked.error is not None
    assert locked.error.code is ErrorCode.RATE_LIMITED
    later = await _login(uow, "admin", GOOD, address="10.0.0.3", now=NOW + timedelta(minutes=16))
    assert later.error is None


async def test_an_address_is_locked_across_logins(uow: FakeUnitOfWork) -> None:
    for n in range(5):
        await _login(uow, f"guess{n}", "wrong", address="10.9.9.9")
    blocked = await _login(uow, "admin", GOOD, address="10.9.9.9")
    assert blocked.error is not None
    assert blocked.error.code is ErrorCode.RATE_LIMITED
    elsewhere = await _login(uow, "admin", GOOD, address="10.0.0.4")
    assert elsewhere.error is None


async def test_unit_accounts_must_change_password_first(uow: FakeUnitOfWork) -> None:
    outcome = await _login(uow, "office@hue.gov.vn", GOOD)
    assert outcome.account is not None
    assert outcome.account.must_change_password
    assert outcome.token is not None
    restricted = await services.principal_for_token(uow, outcome.token, NOW)
    assert restricted is not None
    assert restricted.kind is PrincipalKind.ANONYMOUS
    await services.change_password(
        uow,
        caller(restricted, NOW),
        ChangePassword(config=CONFIG, current=GOOD, new="Núi Ngự Bình 1975"),
    )
    # changing the password ends every session, including this one
    assert await services.principal_for_token(uow, outcome.token, NOW) is None
    fresh = await _login(uow, "office@hue.gov.vn", "Núi Ngự Bình 1975")
    assert fresh.account is not None
    assert not fresh.account.must_change_password


async def test_passwords_older_than_the_rotation_period_must_be_changed(
    uow: FakeUnitOfWork,
) -> None:
    outcome = await _login(uow, "admin", GOOD, now=NOW + timedelta(days=31))
    assert outcome.account is not None
    assert outcome.account.must_change_password


async def test_attempts_count_before_any_password_is_checked(uow: FakeUnitOfWork) -> None:
    anonymous = caller(ANONYMOUS, NOW)
    for _ in range(3):  # counted and committed, the passwords never sent
        await services.count_sign_in(uow, anonymous, CountSignIn("Admin", "10.0.0.5", CONFIG))
    refused = await _login(uow, "admin", GOOD, address="10.0.0.6")
    assert refused.error is not None
    assert refused.error.code is ErrorCode.RATE_LIMITED
    assert refused.token is None
