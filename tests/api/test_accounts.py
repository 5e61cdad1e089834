"""Accounts end to end: sign-in, back-off, sessions, passwords, roles, API keys, secrecy."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from domain.clock import FixedClock
from tests.factories import ACCOUNTS, PASSWORD, Api, Province, gid

LOGINS = {key: login for key, login, *_rest in ACCOUNTS}
MAX_PER_LOGIN = 5  # Settings.login_max_failures
MAX_PER_ADDRESS = 20  # Settings.login_max_failures_per_address
NEW_PASSWORD = "Sông Hương 2026 xanh"

LOGIN = """
mutation Login($login: String!, $password: String!) {
  login(login: $login, password: $password) {
    token expiresAt mustChangePassword
    account { login kind }
    errors { code field message }
  }
}
"""

ME = """
query Me {
  me {
    id login kind mustChangePassword disabled passwordExpiresAt
    person { fullName }
    unit { code }
    roles { id role includeSubtree unit { code } }
  }
}
"""

LOGOUT = "mutation { logout { ok errors { code } } }"

CHANGE_PASSWORD = """
mutation Change($current: String!, $new: String!) {
  changePassword(current: $current, new: $new) {
    account { login mustChangePassword }
    errors { code field message }
  }
}
"""

SET_DISABLED = """
mutation Disable($id: ID!, $disabled: Boolean!) {
  setAccountDisabled(accountId: $id, disabled: $disabled) {
    account { login disabled }
    errors { code field message }
  }
}
"""

GRANT = """
mutation Grant($accountId: ID!, $role: Role!, $unitId: ID!, $subtree: Boolean! = false) {
  grantRole(accountId: $accountId, role: $role, unitId: $unitId, includeSubtree: $subtree) {
    grant { id role includeSubtree unit { code } }
    errors { code field message }
  }
}
"""

REVOKE = """
mutation Revoke($id: ID!) {
  revokeRole(grantId: $id) { grant { id } errors { code field message } }
}
"""

CREATE_KEY = """
mutation Key($name: String!, $unitId: ID!, $subtree: Boolean! = true) {
  createApiKey(name: $name, unitId: $unitId, includeSubtree: $subtree) {
    secret
    apiKey { id name prefix includeSubtree revokedAt unit { code } }
    errors { code field message }
  }
}
"""

REVOKE_KEY = """
mutation RevokeKey($id: ID!) {
  revokeApiKey(id: $id) { secret apiKey { revokedAt } errors { code field message } }
}
"""

API_KEYS = "query { apiKeys { id name prefix revokedAt } }"

PEOPLE = "query { people(first: 50) { totalCount edges { node { fullName } } } }"

TREE = "query { orgTree(depth: 1) { code children { code } } }"

CREATE_PERSON = """
mutation Hire($unitId: ID!) {
  createPerson(unitId: $unitId, person: { fullName: "Ngô Văn Mới", gender: MALE }) {
    person { fullName }
    errors { code }
  }
}
"""

UPDATE_UNIT = """
mutation Edit($id: ID!) {
  updateOrgUnit(id: $id, changes: { website: "https://example.vn" }) { errors { code } }
}
"""

INTROSPECTION = """
query {
  __schema {
    types {
      name kind
      fields(includeDeprecated: true) { name args { name } }
      inputFields { name }
    }
  }
}
"""


async def sign_in(api: Api, who: str) -> str:
    payload = await api.login(LOGINS[who])
    assert payload["errors"] == [], payload
    token: str = payload["token"]
    return token


async def attempt(api: Api, login: str, password: str) -> dict[str, Any]:
    payload: dict[str, Any] = (await api.post(LOGIN, {"login": login, "password": password}))[
        "data"
    ]["login"]
    return payload


def codes(payload: dict[str, Any]) -> list[str]:
    return [e["code"] for e in payload["errors"]]


def error_codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors", [])]


async def raw(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, **headers: str
) -> httpx.Response:
    return await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Accept": "application/json", **headers},
    )


async def refused_credentials(client: httpx.AsyncClient, token: str) -> bool:
    """True when a request with this bearer token is answered as unauthenticated."""
    response = await raw(client, PEOPLE, Authorization=f"Bearer {token}")
    if response.status_code == 401:
        return True
    return error_codes(response.json()) == ["UNAUTHENTICATED"]


@pytest.fixture
async def other_address(app: Starlette) -> AsyncIterator[Api]:
    """A client calling from another address than the `api` fixture."""
    transport = httpx.ASGITransport(app=app, client=("10.9.8.7", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://govgraph.test") as client:
        yield Api(client)


# --- sign-in --------------------------------------------------------------------------------


async def test_login_returns_a_token_and_me(api: Api, province: Province) -> None:
    assert (await api.data(ME))["me"] is None
    payload = await attempt(api, "  AN.NV ", PASSWORD)  # logins are case-insensitive
    assert payload["errors"] == []
    assert len(payload["token"]) >= 32
    assert payload["mustChangePassword"] is False
    assert payload["account"] == {"login": "an.nv", "kind": "PERSONAL"}
    assert payload["expiresAt"].startswith("2026-11-20T15:00:00")  # 12 hours
    api.token = payload["token"]
    me = (await api.data(ME))["me"]
    assert (me["login"], me["kind"], me["mustChangePassword"], me["disabled"]) == (
        "an.nv",
        "PERSONAL",
        False,
        False,
    )
    assert me["person"] == {"fullName": "Nguyễn Văn An"}
    assert me["unit"] == {"code": "SNV"}
    assert [(r["role"], r["includeSubtree"], r["unit"]["code"]) for r in me["roles"]] == [
        ("LEADER", False, "SNV")
    ]
    assert me["passwordExpiresAt"].startswith("2026-12-20")


async def test_wrong_password_does_not_reveal_whether_the_login_exists(
    api: Api, province: Province
) -> None:
    wrong = await attempt(api, "an.nv", "Not-the-password-1")
    unknown = await attempt(api, "nobody.here", "Not-the-password-1")
    for payload in (wrong, unknown):
        assert payload["token"] is None
        assert payload["account"] is None
        assert payload["mustChangePassword"] is False
    assert wrong["errors"] == unknown["errors"]
    assert codes(wrong) == ["INVALID_CREDENTIALS"]
    assert "an.nv" not in wrong["errors"][0]["message"]
    empty = await attempt(api, "", "")
    assert codes(empty) == ["INVALID_CREDENTIALS"]


async def test_lockout_per_login(
    api: Api, other_address: Api, province: Province, clock: FixedClock
) -> None:
    for _ in range(MAX_PER_LOGIN):
        assert codes(await attempt(api, "dung.pt", "wrong password 1")) == ["INVALID_CREDENTIALS"]
    assert codes(await attempt(api, "dung.pt", "wrong password 1")) == ["RATE_LIMITED"]
    locked = await attempt(api, "dung.pt", PASSWORD)
    assert (codes(locked), locked["token"]) == (["RATE_LIMITED"], None)
    from_elsewhere = await attempt(other_address, "DUNG.PT", PASSWORD)
    assert codes(from_elsewhere) == ["RATE_LIMITED"]  # the login is locked, wherever from
    assert (await attempt(api, "an.nv", PASSWORD))["errors"] == []  # others are not
    for _ in range(MAX_PER_LOGIN):
        await attempt(api, "ghost.login", "wrong password 1")
    assert codes(await attempt(api, "ghost.login", "x")) == ["RATE_LIMITED"]  # unknown too
    clock.instant += timedelta(minutes=16)
    assert (await attempt(api, "dung.pt", PASSWORD))["errors"] == []


async def test_lockout_per_client_address(
    api: Api, other_address: Api, province: Province, clock: FixedClock
) -> None:
    for n in range(MAX_PER_ADDRESS):
        assert codes(await attempt(api, f"guess{n}@hue.gov.vn", "wrong password 1")) == [
            "INVALID_CREDENTIALS"
        ]
    assert codes(await attempt(api, "an.nv", PASSWORD)) == ["RATE_LIMITED"]
    assert (await attempt(other_address, "an.nv", PASSWORD))["errors"] == []
    clock.instant += timedelta(minutes=16)
    assert (await attempt(api, "an.nv", PASSWORD))["errors"] == []


async def _batched(api: Api, logins: list[str], password: str) -> list[str]:
    """Send every attempt as an alias of one document; the codes of the answers."""
    fields = " ".join(
        f'a{n}: login(login: "{login}", password: "{password}") {{ token errors {{ code }} }}'
        for n, login in enumerate(logins)
    )
    response = await raw(api.client, f"mutation {{ {fields} }}")
    body = response.json()
    found: list[str] = []
    for payload in (body.get("data") or {}).values():
        if payload is None:
            continue
        assert payload["token"] is None
        found += [e["code"] for e in payload["errors"]]
    return found + [c for c in error_codes(body) if c]


async def test_aliased_logins_cannot_exceed_the_login_lockout(api: Api, province: Province) -> None:
    answered = await _batched(api, ["dung.pt"] * 12, "wrong password 1")
    answered += [
        c for _ in range(MAX_PER_LOGIN + 1) for c in codes(await attempt(api, "dung.pt", "wrong 2"))
    ]
    assert answered.count("INVALID_CREDENTIALS") <= MAX_PER_LOGIN
    assert "RATE_LIMITED" in answered
    assert codes(await attempt(api, "dung.pt", PASSWORD)) == ["RATE_LIMITED"]


async def test_aliased_logins_cannot_exceed_the_address_lockout(
    api: Api, province: Province
) -> None:
    logins = [f"guess{n}@hue.gov.vn" for n in range(25)]
    answered = await _batched(api, logins, "wrong password 1")
    for n in range(MAX_PER_ADDRESS + 1):
        answered += codes(await attempt(api, f"single{n}@hue.gov.vn", "wrong password 1"))
    assert answered.count("INVALID_CREDENTIALS") <= MAX_PER_ADDRESS
    assert codes(await attempt(api, "an.nv", PASSWORD)) == ["RATE_LIMITED"]


async def test_parallel_attempts_cannot_exceed_the_login_lockout(
    api: Api, province: Province
) -> None:
    guesses = [f"guess number {n}" for n in range(12)]
    answers = await asyncio.gather(
        *(api.post(LOGIN, {"login": "dung.pt", "password": g}) for g in guesses)
    )
    answered: list[str] = []
    for body in answers:
        assert "errors" not in body, body  # no request falls over on a conflict
        answered += codes(body["data"]["login"])
    assert answered.count("INVALID_CREDENTIALS") <= MAX_PER_LOGIN
    assert answered.count("RATE_LIMITED") >= len(guesses) - MAX_PER_LOGIN
    assert codes(await attempt(api, "dung.pt", PASSWORD)) == ["RATE_LIMITED"]


async def test_parallel_attempts_cannot_exceed_the_address_lockout(
    api: Api, province: Province
) -> None:
    answers = await asyncio.gather(
        *(
            api.post(LOGIN, {"login": f"guess{n}", "password": "wrong password 1"})
            for n in range(30)
        )
    )
    answered = [c for body in answers for c in codes(body["data"]["login"])]
    assert answered.count("INVALID_CREDENTIALS") <= MAX_PER_ADDRESS
    assert codes(await attempt(api, "an.nv", PASSWORD)) == ["RATE_LIMITED"]


async def test_successful_sign_ins_from_one_address_do_not_lock_it(
    api: Api, province: Province
) -> None:
    for _ in range(MAX_PER_ADDRESS + 5):  # an office behind one NAT address
        assert (await attempt(api, "an.nv", PASSWORD))["errors"] == []
    for _ in range(MAX_PER_LOGIN - 1):  # a few typos do not add up with the successes
        assert codes(await attempt(api, "dung.pt", "typo password")) == ["INVALID_CREDENTIALS"]
    assert (await attempt(api, "dung.pt", PASSWORD))["errors"] == []
    for _ in range(MAX_PER_LOGIN - 1):  # success cleared the login's count
        assert codes(await attempt(api, "dung.pt", "typo password")) == ["INVALID_CREDENTIALS"]
    assert (await attempt(api, "dung.pt", PASSWORD))["errors"] == []


# --- sessions -------------------------------------------------------------------------------


async def test_logout_revokes_the_token(api: Api, province: Province) -> None:
    anonymous = (await api.data(LOGOUT))["logout"]
    assert anonymous == {"ok": False, "errors": [{"code": "UNAUTHENTICATED"}]}
    first = await sign_in(api, "an")
    second = (await attempt(api, "an.nv", PASSWORD))["token"]
    assert (await api.data(LOGOUT))["logout"] == {"ok": True, "errors": []}
    assert await refused_credentials(api.client, first)
    assert not await refused_credentials(api.client, second)  # other sessions live on


async def test_expired_token_is_refused(api: Api, province: Province, clock: FixedClock) -> None:
    token = await sign_in(api, "an")
    clock.instant += timedelta(hours=12, seconds=1)
    assert await refused_credentials(api.client, token)


async def test_unit_account_changes_its_password_at_first_login(
    api: Api, province: Province
) -> None:
    first = await attempt(api, LOGINS["phuhoi"], PASSWORD)
    assert first["errors"] == []
    assert first["mustChangePassword"] is True
    api.token = first["token"]
    other_session = (await attempt(api, LOGINS["phuhoi"], PASSWORD))["token"]
    body = await api.post(PEOPLE)
    assert error_codes(body) == ["PASSWORD_CHANGE_REQUIRED"]  # only public data before
    assert body["errors"][0]["message"] == "Change your password first (changePassword)"
    assert "Nguyễn" not in str(body)
    assert (await api.data(TREE))["orgTree"]["code"] == "PROV"
    me = (await api.data(ME))["me"]
    assert (me["login"], me["mustChangePassword"], me["roles"]) == (LOGINS["phuhoi"], True, [])
    hire = await api.data(CREATE_PERSON, {"unitId": gid("OrgUnit", province.units["HUE-PHUHOI"])})
    assert hire["createPerson"]["person"] is None
    assert codes(hire["createPerson"]) == ["PASSWORD_CHANGE_REQUIRED"]
    bearer = {"Authorization": f"Bearer {api.token}"}
    for path in (
        "/export/tasks.csv?unit=PROV&from=2026-11-01&to=2026-11-30",
        "/events/notifications",
    ):
        refused = await api.client.get(path, headers=bearer)
        assert refused.status_code == 403, path
        assert error_codes(refused.json()) == ["PASSWORD_CHANGE_REQUIRED"], path
    changed = (await api.data(CHANGE_PASSWORD, {"current": PASSWORD, "new": NEW_PASSWORD}))[
        "changePassword"
    ]
    assert changed["errors"] == []
    assert changed["account"]["mustChangePassword"] is False
    assert await refused_credentials(api.client, other_session)  # every session ends,
    assert await refused_credentials(api.client, first["token"])  # this one included
    api.token = None
    assert codes(await attempt(api, LOGINS["phuhoi"], PASSWORD)) == ["INVALID_CREDENTIALS"]
    again = await attempt(api, LOGINS["phuhoi"], NEW_PASSWORD)
    assert (again["errors"], again["mustChangePassword"]) == ([], False)
    api.token = again["token"]
    assert (await api.data(PEOPLE))["people"]["totalCount"] == 5


@pytest.mark.parametrize(
    "new",
    [
        "Ab1!xyz",  # too short
        "x1!" * 43,  # too long (129)
        "12345678",  # common
        "password",  # common
        "aaaaaaaaaaaa",  # too few distinct characters
        "dung.pt-2026-Hue",  # contains the login
        PASSWORD,  # unchanged
    ],
)
async def test_weak_passwords_are_refused(api: Api, province: Province, new: str) -> None:
    await sign_in(api, "dung")
    payload = (await api.data(CHANGE_PASSWORD, {"current": PASSWORD, "new": new}))["changePassword"]
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("WEAK_PASSWORD", "password")]
    assert new not in payload["errors"][0]["message"]
    api.token = None
    assert (await attempt(api, "dung.pt", PASSWORD))["errors"] == []


async def test_change_password_checks_the_current_one(api: Api, province: Province) -> None:
    anonymous = await api.data(CHANGE_PASSWORD, {"current": PASSWORD, "new": NEW_PASSWORD})
    assert codes(anonymous["changePassword"]) == ["UNAUTHENTICATED"]
    await sign_in(api, "dung")
    wrong = await api.data(CHANGE_PASSWORD, {"current": "guess", "new": NEW_PASSWORD})
    assert codes(wrong["changePassword"]) == ["INVALID_CREDENTIALS"]
    assert (await attempt(api, "dung.pt", PASSWORD))["errors"] == []


async def test_password_rotation_after_thirty_days(
    api: Api, province: Province, clock: FixedClock
) -> None:
    clock.instant += timedelta(days=29)
    assert (await attempt(api, "an.nv", PASSWORD))["mustChangePassword"] is False
    clock.instant += timedelta(days=2)
    expired = await attempt(api, "an.nv", PASSWORD)
    assert (expired["errors"], expired["mustChangePassword"]) == ([], True)
    api.token = expired["token"]
    assert error_codes(await api.post(PEOPLE)) == ["PASSWORD_CHANGE_REQUIRED"]
    assert (await api.data(ME))["me"]["mustChangePassword"] is True
    changed = await api.data(CHANGE_PASSWORD, {"current": PASSWORD, "new": NEW_PASSWORD})
    assert changed["changePassword"]["errors"] == []
    assert await refused_credentials(api.client, expired["token"])
    api.token = None
    fresh = await attempt(api, "an.nv", NEW_PASSWORD)
    assert fresh["mustChangePassword"] is False
    api.token = fresh["token"]
    assert (await api.data(PEOPLE))["people"]["totalCount"] == 5


# --- administration -------------------------------------------------------------------------


async def test_disabling_an_account_ends_its_sessions(api: Api, province: Province) -> None:
    dung_token = await sign_in(api, "dung")
    dung = gid("Account", province.accounts["dung"])
    refused = (await api.data(SET_DISABLED, {"id": dung, "disabled": True}))["setAccountDisabled"]
    assert codes(refused) == ["NOT_FOUND"]  # not an admin: as if the account did not exist
    await sign_in(api, "admin")
    disabled = (await api.data(SET_DISABLED, {"id": dung, "disabled": True}))["setAccountDisabled"]
    assert disabled["errors"] == []
    assert disabled["account"] == {"login": "dung.pt", "disabled": True}
    assert await refused_credentials(api.client, dung_token)
    assert codes(await attempt(api, "dung.pt", PASSWORD)) == ["INVALID_CREDENTIALS"]
    enabled = (await api.data(SET_DISABLED, {"id": dung, "disabled": False}))["setAccountDisabled"]
    assert enabled["errors"] == []
    assert await refused_credentials(api.client, dung_token)  # the old session stays ended
    assert (await attempt(api, "dung.pt", PASSWORD))["errors"] == []
    unknown = await api.data(SET_DISABLED, {"id": gid("Account", 999_999), "disabled": True})
    assert codes(unknown["setAccountDisabled"]) == ["NOT_FOUND"]
    wrong_type = await api.data(SET_DISABLED, {"id": gid("Person", 1), "disabled": True})
    assert codes(wrong_type["setAccountDisabled"]) == ["INVALID_INPUT"]


async def test_grant_and_revoke_take_effect_on_the_next_request(
    api: Api, province: Province
) -> None:
    pkt = gid("OrgUnit", province.units["HUE-PKT"])
    dung_token = await sign_in(api, "dung")
    assert codes((await api.data(CREATE_PERSON, {"unitId": pkt}))["createPerson"]) == ["FORBIDDEN"]
    await sign_in(api, "admin")
    granted = (
        await api.data(
            GRANT,
            {
                "accountId": gid("Account", province.accounts["dung"]),
                "role": "DIRECTORY_EDITOR",
                "unitId": pkt,
            },
        )
    )["grantRole"]
    assert granted["errors"] == []
    assert (granted["grant"]["role"], granted["grant"]["unit"]) == (
        "DIRECTORY_EDITOR",
        {"code": "HUE-PKT"},
    )
    api.token = dung_token  # the same session, next request
    hired = (await api.data(CREATE_PERSON, {"unitId": pkt}))["createPerson"]
    assert (hired["errors"], hired["person"]) == ([], {"fullName": "Ngô Văn Mới"})
    assert [r["role"] for r in (await api.data(ME))["me"]["roles"]] == ["DIRECTORY_EDITOR"]
    await sign_in(api, "admin")
    revoked = (await api.data(REVOKE, {"id": granted["grant"]["id"]}))["revokeRole"]
    assert revoked["errors"] == []
    api.token = dung_token
    assert codes((await api.data(CREATE_PERSON, {"unitId": pkt}))["createPerson"]) == ["FORBIDDEN"]
    assert (await api.data(ME))["me"]["roles"] == []
    again = (await api.data(REVOKE, {"id": granted["grant"]["id"]}))["revokeRole"]
    assert codes(again) == ["NOT_FOUND"]


async def test_admins_grant_only_inside_their_scope(api: Api, province: Province) -> None:
    cuong = gid("Account", province.accounts["cuong"])
    dung = gid("Account", province.accounts["dung"])
    hue = gid("OrgUnit", province.units["HUE"])
    await sign_in(api, "dung")
    not_admin = (await api.data(GRANT, {"accountId": dung, "role": "ADMIN", "unitId": hue}))[
        "grantRole"
    ]
    assert codes(not_admin) == ["FORBIDDEN"]
    await sign_in(api, "admin")
    made = await api.data(
        GRANT, {"accountId": cuong, "role": "ADMIN", "unitId": hue, "subtree": True}
    )
    assert made["grantRole"]["errors"] == []
    await sign_in(api, "cuong")  # now ADMIN of the city and everything under it
    inside = (
        await api.data(
            GRANT,
            {
                "accountId": dung,
                "role": "SPECIALIST",
                "unitId": gid("OrgUnit", province.units["HUE-PKT"]),
            },
        )
    )["grantRole"]
    assert inside["errors"] == []
    for unit in ("PD", "PROV", "SNV"):
        outside = (
            await api.data(
                GRANT,
                {
                    "accountId": dung,
                    "role": "SPECIALIST",
                    "unitId": gid("OrgUnit", province.units[unit]),
                },
            )
        )["grantRole"]
        assert codes(outside) == ["FORBIDDEN"], unit
    foreign_account = (
        await api.data(
            GRANT,
            {"accountId": gid("Account", province.accounts["an"]), "role": "LEADER", "unitId": hue},
        )
    )["grantRole"]
    assert codes(foreign_account) == ["NOT_FOUND"]
    # The province admin's own grant is out of the city admin's reach.
    await sign_in(api, "admin")
    admin_roles = (await api.data(ME))["me"]["roles"]
    await sign_in(api, "cuong")
    not_his = (await api.data(REVOKE, {"id": admin_roles[0]["id"]}))["revokeRole"]
    assert codes(not_his) == ["NOT_FOUND"]
    keys = await api.data(
        CREATE_KEY, {"name": "Province stats", "unitId": gid("OrgUnit", province.units["PROV"])}
    )
    assert codes(keys["createApiKey"]) == ["FORBIDDEN"]


async def test_narrow_admin_cannot_widen_a_grant_to_a_subtree(api: Api, province: Province) -> None:
    await sign_in(api, "admin")
    hue = gid("OrgUnit", province.units["HUE"])
    cuong = gid("Account", province.accounts["cuong"])
    made = await api.data(
        GRANT, {"accountId": cuong, "role": "ADMIN", "unitId": hue, "subtree": False}
    )
    assert made["grantRole"]["errors"] == []
    await sign_in(api, "cuong")
    dung = gid("Account", province.accounts["dung"])
    wider = await api.data(
        GRANT, {"accountId": cuong, "role": "ADMIN", "unitId": hue, "subtree": True}
    )
    assert codes(wider["grantRole"]) == ["FORBIDDEN"]
    below = await api.data(
        GRANT,
        {
            "accountId": dung,
            "role": "SPECIALIST",
            "unitId": gid("OrgUnit", province.units["HUE-PKT"]),
        },
    )
    assert codes(below["grantRole"]) == ["FORBIDDEN"]


# --- API keys -------------------------------------------------------------------------------


async def test_api_key_is_a_read_only_integrator(api: Api, province: Province) -> None:
    await sign_in(api, "admin")
    created = (
        await api.data(
            CREATE_KEY, {"name": "Thống kê", "unitId": gid("OrgUnit", province.units["PROV"])}
        )
    )["createApiKey"]
    assert created["errors"] == []
    secret = created["secret"]
    assert secret.startswith("ggk_")
    key = created["apiKey"]
    assert (key["name"], key["includeSubtree"], key["revokedAt"], key["unit"]) == (
        "Thống kê",
        True,
        None,
        {"code": "PROV"},
    )
    assert secret.split("_")[1] == key["prefix"]
    listed = await api.post(API_KEYS)
    assert [k["id"] for k in listed["data"]["apiKeys"]] == [key["id"]]
    assert secret not in str(listed)  # shown once, never again
    client = api.client
    tree = await raw(client, TREE, **{"X-API-Key": secret})
    assert tree.status_code == 200
    assert tree.json()["data"]["orgTree"]["code"] == "PROV"
    people = (await raw(client, PEOPLE, **{"X-API-Key": secret})).json()
    assert people["data"]["people"]["totalCount"] == 5
    me = (await raw(client, ME, **{"X-API-Key": secret})).json()
    assert me["data"]["me"] is None
    snv = gid("OrgUnit", province.units["SNV"])
    for query, variables, name in (
        (UPDATE_UNIT, {"id": snv}, "updateOrgUnit"),
        (CREATE_PERSON, {"unitId": snv}, "createPerson"),
        (CREATE_KEY, {"name": "more", "unitId": snv}, "createApiKey"),
        (CHANGE_PASSWORD, {"current": "a", "new": NEW_PASSWORD}, "changePassword"),
        (LOGOUT, {}, "logout"),
        (LOGIN, {"login": "an.nv", "password": PASSWORD}, "login"),
        (
            GRANT,
            {
                "accountId": gid("Account", province.accounts["dung"]),
                "role": "ADMIN",
                "unitId": snv,
            },
            "grantRole",
        ),
    ):
        body = (await raw(client, query, variables, **{"X-API-Key": secret})).json()
        assert [e["code"] for e in body["data"][name]["errors"]] == ["FORBIDDEN"], name
    revoked = (await api.data(REVOKE_KEY, {"id": key["id"]}))["revokeApiKey"]
    assert revoked["errors"] == []
    assert revoked["secret"] is None
    assert revoked["apiKey"]["revokedAt"] is not None
    after = await raw(client, TREE, **{"X-API-Key": secret})
    assert after.status_code == 401 or error_codes(after.json()) == ["UNAUTHENTICATED"]
    forged = await raw(client, TREE, **{"X-API-Key": secret[:-2] + "xx"})
    assert forged.status_code == 401 or error_codes(forged.json()) == ["UNAUTHENTICATED"]


SCOPED = """
query Scoped($an: ID!, $dung: ID!, $snv: ID!) {
  people(first: 50) { totalCount edges { node { fullName } } }
  inSnv: people(unitId: $snv) { totalCount }
  an: person(id: $an) { fullName }
  dung: person(id: $dung) { fullName workPhone homeAddress dateOfBirth }
  node(id: $an) { id }
  snv: orgUnit(id: $snv) { name leaders { title person { fullName } } }
}
"""


async def test_api_key_reads_persons_only_inside_its_scope(api: Api, province: Province) -> None:
    await sign_in(api, "admin")
    secrets = {}
    for subtree in (True, False):
        created = (
            await api.data(
                CREATE_KEY,
                {
                    "name": f"City {subtree}",
                    "unitId": gid("OrgUnit", province.units["HUE"]),
                    "subtree": subtree,
                },
            )
        )["createApiKey"]
        secrets[subtree] = created["secret"]
    variables = {
        "an": gid("Person", province.people["an"]),
        "dung": gid("Person", province.people["dung"]),
        "snv": gid("OrgUnit", province.units["SNV"]),
    }
    body = (await raw(api.client, SCOPED, variables, **{"X-API-Key": secrets[True]})).json()
    assert "errors" not in body, body
    data = body["data"]
    assert sorted(e["node"]["fullName"] for e in data["people"]["edges"]) == [
        "Lê Văn Cường",
        "Phạm Thị Dung",
        "Trần Thị Bình",
    ]
    assert data["people"]["totalCount"] == 3
    assert data["inSnv"]["totalCount"] == 0
    assert data["an"] is None
    assert data["node"] is None
    assert data["dung"] == {
        "fullName": "Phạm Thị Dung",
        "workPhone": "0234 3822 001",
        "homeAddress": None,
        "dateOfBirth": None,
    }
    assert data["snv"]["name"] == "Sở Nội vụ"  # units are public
    assert data["snv"]["leaders"] == [{"title": "Giám đốc Sở", "person": None}]
    assert "Nguyễn Văn An" not in str(body)
    unit_only = (await raw(api.client, SCOPED, variables, **{"X-API-Key": secrets[False]})).json()
    assert [e["node"]["fullName"] for e in unit_only["data"]["people"]["edges"]] == ["Lê Văn Cường"]
    assert unit_only["data"]["dung"] is None


async def test_admins_list_the_keys_of_their_scope_only(api: Api, province: Province) -> None:
    await sign_in(api, "admin")
    for name, unit in (("City", "HUE"), ("Office", "HUE-PKT"), ("Department", "SNV")):
        created = await api.data(
            CREATE_KEY, {"name": name, "unitId": gid("OrgUnit", province.units[unit])}
        )
        assert created["createApiKey"]["errors"] == []
    everything = (await api.data(API_KEYS))["apiKeys"]
    assert sorted(k["name"] for k in everything) == ["City", "Department", "Office"]
    made = await api.data(
        GRANT,
        {
            "accountId": gid("Account", province.accounts["cuong"]),
            "role": "ADMIN",
            "unitId": gid("OrgUnit", province.units["HUE"]),
        },
    )
    assert made["grantRole"]["errors"] == []
    await sign_in(api, "cuong")  # ADMIN of the city unit itself, not of its offices
    assert [k["name"] for k in (await api.data(API_KEYS))["apiKeys"]] == ["City"]


CREATE_ACCOUNT = """
mutation Account(
  $login: String!, $kind: AccountKind!, $password: String!, $unitId: ID!, $personId: ID
) {
  createAccount(
    login: $login, kind: $kind, password: $password, unitId: $unitId, personId: $personId
  ) {
    account { login kind mustChangePassword person { fullName } unit { code } }
    errors { code field message }
  }
}
"""


async def test_admins_create_accounts_in_scope(api: Api, province: Province) -> None:
    binh = {
        "login": "Binh.TT@HueCity.gov.vn",
        "kind": "PERSONAL",
        "password": NEW_PASSWORD,
        "unitId": gid("OrgUnit", province.units["HUE-PHUHOI"]),
        "personId": gid("Person", province.people["binh"]),
    }
    await sign_in(api, "hue_editor")
    not_admin = (await api.data(CREATE_ACCOUNT, binh))["createAccount"]
    assert codes(not_admin) == ["FORBIDDEN"]
    await sign_in(api, "admin")
    for changes, expected in (
        ({"password": "short"}, ("WEAK_PASSWORD", "password")),
        ({"login": "an.nv"}, ("DUPLICATE_LOGIN", "login")),
        ({"personId": gid("Person", province.people["an"])}, ("INVALID_INPUT", "unitId")),
        ({"personId": None}, ("NOT_FOUND", "personId")),
    ):
        refused = (await api.data(CREATE_ACCOUNT, {**binh, **changes}))["createAccount"]
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [expected], changes
    created = (await api.data(CREATE_ACCOUNT, binh))["createAccount"]
    assert created["errors"] == []
    assert created["account"] == {
        "login": "binh.tt@huecity.gov.vn",
        "kind": "PERSONAL",
        "mustChangePassword": False,
        "person": {"fullName": "Trần Thị Bình"},
        "unit": {"code": "HUE-PHUHOI"},
    }
    api.token = None
    assert (await attempt(api, "binh.tt@huecity.gov.vn", NEW_PASSWORD))["errors"] == []
    office = (
        await api.data(
            CREATE_ACCOUNT,
            {
                "login": "pkt@huecity.gov.vn",
                "kind": "UNIT",
                "password": NEW_PASSWORD,
                "unitId": gid("OrgUnit", province.units["HUE-PKT"]),
            },
        )
    )["createAccount"]
    assert codes(office) == ["UNAUTHENTICATED"]
    await sign_in(api, "admin")
    office = (
        await api.data(
            CREATE_ACCOUNT,
            {
                "login": "pkt@huecity.gov.vn",
                "kind": "UNIT",
                "password": NEW_PASSWORD,
                "unitId": gid("OrgUnit", province.units["HUE-PKT"]),
            },
        )
    )["createAccount"]
    assert (office["errors"], office["account"]["mustChangePassword"]) == ([], True)


async def test_only_admins_issue_and_list_keys(api: Api, province: Province) -> None:
    await sign_in(api, "editor")
    refused = await api.data(
        CREATE_KEY, {"name": "x", "unitId": gid("OrgUnit", province.units["PROV"])}
    )
    assert (codes(refused["createApiKey"]), refused["createApiKey"]["secret"]) == (
        ["FORBIDDEN"],
        None,
    )
    assert error_codes(await api.post(API_KEYS)) == ["FORBIDDEN"]


# --- secrets never leave --------------------------------------------------------------------


def _press_digest(owner: str, name: str) -> bool:
    """The daily press digest (000 Annex IV) is a news digest, not a hash."""
    return "pressdigest" in name.lower() or (owner == "PressDigestPayload" and name == "digest")


async def test_no_hash_or_token_anywhere_in_the_schema(api: Api) -> None:
    types = (await api.data(INTROSPECTION))["__schema"]["types"]
    suspicious = []
    for t in types:
        if t["name"].startswith("__"):
            continue
        names = [(t["name"], f["name"]) for f in t["fields"] or []]
        names += [
            (t["name"], f"{f['name']}({a['name']})") for f in t["fields"] or [] for a in f["args"]
        ]
        names += [(t["name"], f["name"]) for f in t["inputFields"] or []]
        suspicious += [
            (owner, name)
            for owner, name in names
            if any(word in name.lower() for word in ("hash", "token", "salt", "digest"))
            and not _press_digest(owner, name)
        ]
    assert suspicious == [("LoginPayload", "token")]
    account = next(t for t in types if t["name"] == "Account")
    assert "password" not in {f["name"].lower() for f in account["fields"]}
    api_key = next(t for t in types if t["name"] == "ApiKey")
    assert {f["name"] for f in api_key["fields"]} <= {
        "id",
        "name",
        "prefix",
        "includeSubtree",
        "createdAt",
        "revokedAt",
        "unit",
    }
