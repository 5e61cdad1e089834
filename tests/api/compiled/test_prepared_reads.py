"""A body the compiled path answered before is answered again without the pipeline, with the
same answer, per caller, fresh after a directory change and refused to a revoked token."""

from __future__ import annotations

import httpx
import orjson
from starlette.applications import Starlette

from govgraph.container import Container
from tests.factories import PASSWORD, Api, Province

TREE = b'{"query":"{ orgTree { code children { code leaders { title person { fullName } } } } }"}'
PEOPLE = b'{"query":"{ people(first: 5) { totalCount edges { node { fullName } } } }"}'
RENAME = """mutation($id: ID!, $v: Int!) { updateOrgUnit(id: $id, version: $v,
  changes: { name: "Sở Nội vụ (mới)" }) { errors { code } } }"""


def _view(app: Starlette) -> object:
    for route in app.routes:
        endpoint = getattr(route, "app", None) or getattr(route, "endpoint", None)
        if hasattr(endpoint, "prepared"):
            return endpoint
    raise AssertionError("no GraphQL view")


async def _post(api: Api, body: bytes, token: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await api.client.post("/graphql", content=body, headers=headers)


async def test_the_same_body_again_takes_the_prepared_path(
    app: Starlette, api: Api, province: Province, container: Container
) -> None:
    view = _view(app)
    prepared = view.prepared  # type: ignore[attr-defined]
    an = (await api.login("an.nv", PASSWORD))["token"]
    first = await _post(api, TREE, an)
    again = await _post(api, TREE, an)
    assert prepared.hits == 1
    assert orjson.loads(first.content) == orjson.loads(again.content)
    assert again.headers["content-type"].startswith("application/json")
    public = await _post(api, TREE, None)  # another caller: its own rules, its own answer
    names = [
        p
        for u in orjson.loads(public.content)["data"]["orgTree"]["children"]
        for lead in u["leaders"]
        for p in [lead["person"]]
        if p
    ]
    assert names == []
    people = [await _post(api, PEOPLE, an) for _ in range(2)]
    assert prepared.hits >= 2
    assert people[0].json() == people[1].json()
    refused = await _post(api, PEOPLE, None)  # the public: the pipeline refuses persons
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_directory_change_is_seen_at_once(
    app: Starlette, api: Api, province: Province
) -> None:
    admin = (await api.login("admin@hue.gov.vn", PASSWORD))["token"]
    await _post(api, TREE, admin)
    await _post(api, TREE, admin)
    snv = (await api.data('{ orgUnit(code: "SNV") { id version } }'))["orgUnit"]
    api.token = admin
    changed = await api.data(RENAME, {"id": snv["id"], "v": snv["version"]})
    assert changed["updateOrgUnit"]["errors"] == []
    after = orjson.loads((await _post(api, TREE, admin)).content)
    assert "Sở Nội vụ (mới)" not in str(after)  # names are not in this selection...
    named = b'{"query":"{ orgTree { children { name } } }"}'
    await _post(api, named, admin)
    again = orjson.loads((await _post(api, named, admin)).content)
    assert "Sở Nội vụ (mới)" in str(again)


async def test_a_revoked_token_is_refused_on_the_prepared_path(
    app: Starlette, api: Api, province: Province
) -> None:
    token = (await api.login("an.nv", PASSWORD))["token"]
    assert (await _post(api, PEOPLE, token)).status_code == 200
    assert (await _post(api, PEOPLE, token)).status_code == 200
    api.token = token
    out = await api.data("mutation { logout { errors { code } } }")
    assert out["logout"]["errors"] == []
    refused = await _post(api, PEOPLE, token)
    assert refused.status_code == 401
