"""Apply for a public service online and follow the dossier: a govgraph citizen-client example.

    pip install httpx
    python apply_and_follow.py                         # the demo citizen, `govgraph serve`
    python apply_and_follow.py --walk-through          # the demo desk plays the other side
    python apply_and_follow.py --register new@example.vn --password 'Mat-Khau#2026'

`--register` creates an account (`registerApplicant`), asks for the code the email or SMS
brought (`--code`, or typed in) and confirms it (`verifyApplicant`); the account office then
approves it within a working day (002 Art. 10), after which the same login applies.

Applying: sign in, find the procedure in the public catalog (`procedure(code)`), upload one
PDF per required component (`POST /media`, the file's bytes as the body), submit the dossier
(`submitDossier`: the files as the uploads answered them, payment and delivery chosen) and
keep its tracking code. Following: `dossier(id)` (the applicant's own view: every step, the
guidance of a refusal or supplement request) and `dossierByTrackingCode` (what anyone with
the code sees: the status and steps only). With `--walk-through` the demo desk of phường Vĩnh
Ninh and its chairman receive, assign, draft, sign, register and hand over the result, and
the citizen then rates the service on the 8 criteria of Art. 8 (`rateDossier`).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

import httpx

DEFAULT_URL = "http://127.0.0.1:8000/graphql"
CITIZEN = ("congdan.demo@example.vn", "DichVuCong#Hue2026")
DESK = ("motcua.vinhninh@thuathienhue.gov.vn", "MotCua#VinhNinh2026")
LEADER = ("chutich.vinhninh@thuathienhue.gov.vn", "ChuTich#VinhNinh2026")
PROCEDURE = "HT-KS.HUE-VINHNINH"  # birth registration at phường Vĩnh Ninh
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

LOGIN = """mutation($l: String!, $p: String!) { login(login: $l, password: $p) {
  token errors { code message } } }"""
REGISTER = """mutation($l: String!, $p: String!, $data: ApplicantDataInput!) {
  registerApplicant(login: $l, password: $p, kind: CITIZEN, data: $data, verifyChannel: EMAIL) {
    account { status } errors { code message field } } }"""
VERIFY = """mutation($l: String!, $c: String!) { verifyApplicant(login: $l, code: $c) {
  account { status } errors { code message } } }"""
PROCEDURE_QUERY = """query($c: String!) { procedure(code: $c) { id name
  current { processingDays components { id name required } } } }"""
SUBMIT = """mutation($input: SubmitDossierInput!) { submitDossier(input: $input) {
  dossier { id trackingCode state receptionDue version } errors { code message field } } }"""
MINE = """query($id: ID!) { dossier(id: $id) { state version statusClass processingDue
  resultNumber steps { action toState at note } } }"""
PUBLIC = """query($c: String!) { dossierByTrackingCode(code: $c) { state resultDue
  procedure { name } agency { name } steps { action at } } }"""
STEPS = [
    (DESK, "acceptDossier(id: $id, version: $version)", {}),
    (LEADER, "assignDossier(id: $id, version: $version, specialistId: $person)", {"person": None}),
    (DESK, "submitDossierDraft(id: $id, version: $version, resultKind: GRANTED)", {}),
    (LEADER, "signDossier(id: $id, version: $version)", {}),
    (DESK, "registerDossierResult(id: $id, version: $version)", {}),
    (DESK, "deliverDossierResult(id: $id, version: $version)", {}),
]
RATE = """mutation($id: ID!) { rateDossier(id: $id, survey: {guidanceClarity: 5,
  formAccuracy: 5, convenience: 4, processingAbility: 5, processingTime: 5, staffAttitude: 5})
  { dossier { rated } errors { code message } } }"""


class CitizenError(Exception):
    """The server refused a request."""


class Api:
    """GraphQL over HTTP with one bearer token."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.AsyncClient(timeout=30)
        self.token: str | None = None

    async def post(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = await self.http.post(
            self.url, json={"query": query, "variables": variables}, headers=headers
        )
        body: dict[str, Any] = response.json()
        if body.get("errors"):
            raise CitizenError(body["errors"][0]["message"])
        data: dict[str, Any] = body["data"]
        payload = next(iter(data.values()))
        if isinstance(payload, dict) and payload.get("errors"):
            raise CitizenError(repr(payload["errors"]))
        return data

    async def login(self, login: str, password: str) -> None:
        self.token = None
        self.token = (await self.post(LOGIN, {"l": login, "p": password}))["login"]["token"]

    async def upload(self, body: bytes, name: str) -> str:
        """POST the file's bytes to the media store; its URL."""
        media = self.url.rsplit("/graphql", 1)[0] + "/media"
        response = await self.http.post(
            media, content=body, params={"name": name}, headers={"Content-Type": "application/pdf"}
        )
        if response.status_code != 201:  # 413 too large, 415 not a PDF, 429 too many
            raise CitizenError(response.json()["errors"][0]["message"])
        url: str = response.json()["url"]
        return url


async def register(api: Api, login: str, password: str, code: str | None) -> None:
    """Create the account and confirm the code; the account office approves it later."""
    data = {
        "fullName": "Trần Thị Mai",
        "identityNumber": "046190004321",
        "address": "12 Lê Lợi, phường Vĩnh Ninh, thành phố Huế",
        "email": login,
        "phone": "0905 000 111",
    }
    await api.post(REGISTER, {"l": login, "p": password, "data": data})
    code = code or (await asyncio.to_thread(input, "The code your email brought: ")).strip()
    verified = await api.post(VERIFY, {"l": login, "c": code})
    print("Account:", verified["verifyApplicant"]["account"]["status"])


async def apply(api: Api, procedure_code: str) -> dict[str, Any]:
    """Upload the required files and submit the dossier; the dossier."""
    found = (await api.post(PROCEDURE_QUERY, {"c": procedure_code}))["procedure"]
    if found is None:
        raise CitizenError(f"No procedure {procedure_code}")
    files = []
    for component in found["current"]["components"]:
        if component["required"]:
            url = await api.upload(PDF, f"{component['name'][:40]}.pdf")
            print(f"Uploaded {component['name']}: {url}")
            files.append({"componentId": component["id"], "url": url})
    dossier_input = {
        "procedureId": found["id"],
        "files": files,
        "payment": "ONLINE",
        "delivery": "DESK",
    }
    dossier: dict[str, Any] = (await api.post(SUBMIT, {"input": dossier_input}))["submitDossier"][
        "dossier"
    ]
    print(
        f"Submitted for {found['name']}: {dossier['state']}, received by {dossier['receptionDue']}"
    )
    print(f"Tracking code (keep it): {dossier['trackingCode']}")
    return dossier


async def walk_through(
    url: str, dossier: dict[str, Any], desk: tuple[str, str], leader: tuple[str, str]
) -> None:
    """The desk (who also processes and registers, as at a commune) and the chairman take
    the dossier to its result, step by step."""
    staff = Api(url)
    roles = {DESK: desk, LEADER: leader}
    try:
        await staff.login(*desk)
        me = await staff.post("{ me { person { id } } }", {})
        person = me["me"]["person"]["id"]
        version = dossier["version"]
        for who, call, extra in STEPS:
            await staff.login(*roles[who])
            args = ", $person: ID!" if "person" in extra else ""
            query = f"mutation($id: ID!, $version: Int{args}) {{ m: {call} {{ dossier {{ state version }} errors {{ code message }} }} }}"  # noqa: E501
            variables = {
                "id": dossier["id"],
                "version": version,
                **({"person": person} if extra else {}),
            }
            moved = (await staff.post(query, variables))["m"]["dossier"]
            version = moved["version"]
            print(f"  {call.split('(')[0]:<24} -> {moved['state']}")
    finally:
        await staff.http.aclose()


async def main(args: argparse.Namespace) -> int:
    api = Api(args.url)
    try:
        if args.register:
            await register(api, args.register, args.password, args.code)
            return 0
        await api.login(args.login, args.password)
        dossier = await apply(api, args.procedure)
        if args.walk_through:
            await walk_through(args.url, dossier, _pair(args.desk), _pair(args.leader))
            await api.login(args.login, args.password)
            print("Rated:", (await api.post(RATE, {"id": dossier["id"]}))["rateDossier"]["dossier"])
        mine = (await api.post(MINE, {"id": dossier["id"]}))["dossier"]
        print(f"My view: {mine['state']} ({mine['statusClass']}), result {mine['resultNumber']}")
        for step in mine["steps"]:
            print(f"  {step['at'][:16]}  {step['action']:<16} {step['toState']}")
        api.token = None
        public = (await api.post(PUBLIC, {"c": dossier["trackingCode"]}))["dossierByTrackingCode"]
        print(f"Anyone with the code sees: {public['state']} at {public['agency']['name']}")
        return 0
    except CitizenError as error:
        print(f"Refused: {error}", file=sys.stderr)
        return 1
    finally:
        await api.http.aclose()


def _pair(text: str) -> tuple[str, str]:
    login, _, password = text.partition(":")
    return login, password


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=DEFAULT_URL, help="The GraphQL endpoint")
    parser.add_argument("--login", default=CITIZEN[0], help="An active applicant's login")
    parser.add_argument("--password", default=CITIZEN[1], help="Its password")
    parser.add_argument("--procedure", default=PROCEDURE, help="The catalog code applied for")
    parser.add_argument("--register", metavar="LOGIN", help="Register this login instead")
    parser.add_argument("--code", help="The verification code (else asked for)")
    parser.add_argument("--walk-through", action="store_true", help="Play the desk's side too")
    parser.add_argument("--desk", default=":".join(DESK), help="The desk's LOGIN:PASSWORD")
    parser.add_argument("--leader", default=":".join(LEADER), help="The chairman's LOGIN:PASSWORD")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse())))
