"""The province cannot lock itself out: nobody disables their own account, and the last
enabled admin of the province is neither disabled nor stripped of the role."""

from __future__ import annotations

from typing import Any

from tests.factories import Api, Province, gid

ME = "{ me { id roles { id role includeSubtree unit { code } } } }"
SET_DISABLED = """mutation($id: ID!, $disabled: Boolean!) {
  setAccountDisabled(accountId: $id, disabled: $disabled) {
    account { disabled } errors { code field } } }"""
GRANT = """mutation($id: ID!, $unit: ID!) {
  grantRole(accountId: $id, role: ADMIN, unitId: $unit, includeSubtree: true) {
    grant { id } errors { code field } } }"""
REVOKE = "mutation($id: ID!) { revokeRole(grantId: $id) { grant { id } errors { code field } } }"


def refusals(payload: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["code"], e["field"]) for e in payload["errors"]]


async def test_an_admin_cannot_disable_itself(api: Api, province: Province) -> None:
    await api.login("admin@hue.gov.vn")
    me = (await api.data(ME))["me"]
    payload = (await api.data(SET_DISABLED, {"id": me["id"], "disabled": True}))[
        "setAccountDisabled"
    ]
    assert refusals(payload) == [("INVALID_STATE", "accountId")]
    assert (await api.data(ME))["me"]["id"] == me["id"]  # still signed in


async def test_the_last_admin_of_the_province_stays(api: Api, province: Province) -> None:
    await api.login("admin@hue.gov.vn")
    [grant] = [r for r in (await api.data(ME))["me"]["roles"] if r["role"] == "ADMIN"]
    alone = (await api.data(REVOKE, {"id": grant["id"]}))["revokeRole"]
    assert refusals(alone) == [("INVALID_STATE", "grantId")]

    second = gid("Account", province.accounts["editor"])
    province_unit = gid("OrgUnit", province.units["PROV"])
    granted = (await api.data(GRANT, {"id": second, "unit": province_unit}))["grantRole"]
    assert granted["errors"] == []
    # two admins: one may go, then the other is the last one again
    disabled = (await api.data(SET_DISABLED, {"id": second, "disabled": True}))[
        "setAccountDisabled"
    ]
    assert disabled["errors"] == []
    still_alone = (await api.data(REVOKE, {"id": grant["id"]}))["revokeRole"]
    assert refusals(still_alone) == [("INVALID_STATE", "grantId")]
    enabled = (await api.data(SET_DISABLED, {"id": second, "disabled": False}))[
        "setAccountDisabled"
    ]
    assert enabled["errors"] == []
    revoked = (await api.data(REVOKE, {"id": granted["grant"]["id"]}))["revokeRole"]
    assert revoked["errors"] == []
