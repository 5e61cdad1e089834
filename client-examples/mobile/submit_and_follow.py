"""Send a field report as a citizen, then follow it: a govgraph mobile-client example.

    pip install "gql[httpx]"
    python submit_and_follow.py                      # against `govgraph serve` with the demo
    python submit_and_follow.py --url http://127.0.0.1:8000/graphql --walk-through

Nobody signs in: a photo is uploaded to the media store (`POST /media`, the file's bytes as
the body), and the report is sent anonymously (`submitReflection`, rate-limited per address)
with that photo, as the upload answered it, and the reporter's name, phone and email, which
stay confidential. The answer holds a
tracking code, shown once: the app keeps it and follows the report with
`reflectionByTrackingCode` (the reporter's own view, every step). Once the report is
published, anyone sees it and its public timeline with `reflection(id)` and
`publicReflections`, without reporter data.

`--walk-through` plays the other side with the demo staff accounts (the IOC operator and the
Department of Home Affairs' director, public demo passwords in docs/demo-accounts.md), so the
report goes all the way to publication and its public timeline can be printed.
"""

from __future__ import annotations

import argparse
import asyncio
import struct
import sys
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXAsyncTransport

DEFAULT_URL = "http://127.0.0.1:8000/graphql"
IOC = ("vanhanh.ioc@thuathienhue.gov.vn", "GiamSat#DoThi2026")
AGENCY_LEADER = ("giamdoc.snv@thuathienhue.gov.vn", "NoiVu#SoTTH2026")

CATEGORIES = "{ reflectionCategories { id code name } }"
SUBMIT = """
mutation Submit($input: SubmitReflectionInput!) {
  submitReflection(input: $input) {
    trackingCode
    reflection { id state version submittedAt stepDue commune { name } }
    errors { code field message }
  }
}
"""
MINE = """
query Mine($code: String!) {
  reflectionByTrackingCode(code: $code) {
    id state version result
    media { kind url mimeType sizeBytes name }
    timeline { action at agency { name } }
  }
}
"""
PUBLIC = """
query Public($id: ID!) {
  reflection(id: $id) {
    state content publishedAt result reporterPhone
    timeline { action at agency { name } }
  }
}
"""
LOGIN = """
mutation Login($login: String!, $password: String!) {
  login(login: $login, password: $password) { token errors { code message } }
}
"""


class MobileError(Exception):
    """The server refused a request."""


async def run(
    url: str, document: str, variables: dict[str, Any], token: str | None = None, **options: Any
) -> dict[str, Any]:
    """One GraphQL request."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    transport = HTTPXAsyncTransport(url=url, headers=headers, **options)
    async with Client(transport=transport) as session:
        result: dict[str, Any] = await session.execute(
            GraphQLRequest(document, variable_values=variables)
        )
        return result


def tiny_png() -> bytes:
    """A valid 1x1 PNG (one orange pixel), made here so that the example needs no file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x80\x00")  # filter byte, then R G B
    signature = b"\x89PNG\r\n\x1a\n"
    return signature + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


async def upload(url: str, photo: bytes, name: str, **options: Any) -> dict[str, Any]:
    """POST the photo's bytes to the media store; the answer is the `media` item to submit."""
    media_url = url.rsplit("/graphql", 1)[0] + "/media"
    async with httpx.AsyncClient(**options) as client:
        response = await client.post(
            media_url, content=photo, params={"name": name}, headers={"Content-Type": "image/png"}
        )
    if response.status_code != 201:  # 413 too large, 415 not what it claims, 429 too many
        raise MobileError(response.json()["errors"][0]["message"])
    media: dict[str, Any] = response.json()
    return media


async def submit(
    url: str,
    category_code: str = "CONG_VU",
    media: list[dict[str, Any]] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Send the report anonymously; the payload (with the tracking code)."""
    categories = (await run(url, CATEGORIES, {}, **options))["reflectionCategories"]
    category = next((c for c in categories if c["code"] == category_code), None)
    occurred = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    report = {
        "channel": "APP",
        "content": "Cán bộ một cửa hẹn trả hồ sơ đã quá hạn ba ngày mà chưa có giải thích",
        "occurredAt": occurred,
        "latitude": 16.4637,
        "longitude": 107.5909,
        "address": "Trung tâm Phục vụ hành chính công, Huế",
        "reporterName": "Nguyễn Thị Hoa",
        "reporterPhone": "0905 123 789",
        "reporterEmail": "hoa.nguyen@example.vn",
        "consentContact": False,
        "categoryId": category["id"] if category else None,
        "media": media or [],  # as POST /media answered, unchanged
    }
    payload: dict[str, Any] = (await run(url, SUBMIT, {"input": report}, **options))[
        "submitReflection"
    ]
    if payload["errors"]:
        raise MobileError("; ".join(e["message"] for e in payload["errors"]))
    return payload


async def follow(url: str, code: str, **options: Any) -> dict[str, Any]:
    """The reporter's own view of the report."""
    mine: dict[str, Any] = (await run(url, MINE, {"code": code}, **options))[
        "reflectionByTrackingCode"
    ]
    return mine


async def public_view(url: str, reflection_id: str, **options: Any) -> dict[str, Any] | None:
    """What anyone sees (None until it is published)."""
    found: dict[str, Any] | None = (await run(url, PUBLIC, {"id": reflection_id}, **options))[
        "reflection"
    ]
    return found


async def _token(url: str, login: str, password: str, **options: Any) -> str:
    payload = (await run(url, LOGIN, {"login": login, "password": password}, **options))["login"]
    if payload["errors"]:
        raise MobileError(payload["errors"][0]["message"])
    token: str = payload["token"]
    return token


STEPS = (
    (IOC, "distributeReflection", ""),
    (AGENCY_LEADER, "acceptReflection", ""),
    (
        AGENCY_LEADER,
        "submitReflectionResult",
        ', result: "Sở đã làm việc với bộ phận một cửa; hồ sơ được trả ngày hôm sau, cán bộ '
        'liên quan đã được nhắc nhở."',
    ),
    (AGENCY_LEADER, "approveReflectionResult", ""),
    (IOC, "publishReflection", ""),
)


async def walk_through(url: str, reflection_id: str, version: int, **options: Any) -> None:
    """Play the IOC and the agency with the demo accounts, up to publication."""
    for (login, password), name, args in STEPS:
        token = await _token(url, login, password, **options)
        document = (
            f"mutation($id: ID!, $v: Int) {{ {name}(id: $id, version: $v{args}) "
            "{ reflection { version state } errors { code message } } }"
        )
        payload = (await run(url, document, {"id": reflection_id, "v": version}, token, **options))[
            name
        ]
        if payload["errors"]:
            raise MobileError(f"{name}: {payload['errors'][0]['message']}")
        version = payload["reflection"]["version"]
        print(f"  {name:<24} -> {payload['reflection']['state']}")


def show(title: str, report: dict[str, Any]) -> None:
    """Print a report's timeline."""
    print(title)
    for item in report.get("media") or ():
        print(f"  {item['kind']} {item['url']} ({item['mimeType']}, {item['sizeBytes']} bytes)")
    for event in report["timeline"]:
        agency = f"  ({event['agency']['name']})" if event.get("agency") else ""
        print(f"  {event['at'][:16]}  {event['action']}{agency}")


async def main(url: str, *, walk: bool, **options: Any) -> int:
    """Upload a photo, submit, follow, and (with --walk-through) show the public timeline."""
    photo = await upload(url, tiny_png(), "đèn hỏng.png", **options)
    print(f"Uploaded: {photo['url']} ({photo['mimeType']}, {photo['sizeBytes']} bytes)")
    sent = await submit(url, media=[photo], **options)
    report = sent["reflection"]
    print(f"Sent: {report['id']} ({report['state']}, {report['commune']['name']})")
    print(f"Tracking code (keep it): {sent['trackingCode']}")
    print("Public view before publication:", await public_view(url, report["id"], **options))
    if walk:
        await walk_through(url, report["id"], report["version"], **options)
    show("My report:", await follow(url, sent["trackingCode"], **options))
    public = await public_view(url, report["id"], **options)
    if public is not None:
        show(f"Public timeline (reporter phone visible: {public['reporterPhone']}):", public)
        print(public["result"])
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--walk-through", action="store_true")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.url, walk=args.walk_through)))
