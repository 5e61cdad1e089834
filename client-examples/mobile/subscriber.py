"""A mobile-style subscriber in Python: sign in, then follow `myNotifications` over
graphql-transport-ws with `gql`, resuming from the last cursor after any disconnect.

    pip install "gql[websockets,httpx]"
    python subscriber.py --url http://127.0.0.1:8000/graphql \
        --login an.nv@... --password ... [--state last-cursor.txt] [--count N]

The last cursor is written to the state file after each notification, so a restarted app
resumes where it stopped: the server replays what was missed, then streams live, each
notification once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
from gql import Client, gql
from gql.transport.exceptions import TransportError
from gql.transport.websockets import WebsocketsTransport
from websockets.exceptions import ConnectionClosed

LOGIN = """
mutation($login: String!, $password: String!) {
  login(login: $login, password: $password) { token errors { code message } }
}
"""

MINE = gql(
    """
    subscription Mine($after: String) {
      myNotifications(after: $after) {
        cursor kind subjectId createdAt
        summary { title action dueAt threshold }
      }
    }
    """
)


def sign_in(url: str, login: str, password: str) -> str:
    """A bearer token (over plain HTTP POST)."""
    response = httpx.post(
        url, json={"query": LOGIN, "variables": {"login": login, "password": password}}
    )
    payload = response.json()["data"]["login"]
    if payload["errors"]:
        raise SystemExit(f"sign-in refused: {payload['errors']}")
    token: str = payload["token"]
    return token


class Cursor:
    """The last cursor seen, kept in a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.value: str | None = path.read_text().strip() or None if path.exists() else None

    def save(self, value: str) -> None:
        self.value = value
        self.path.write_text(value)


async def follow(url: str, token: str, cursor: Cursor, count: int | None) -> int:
    """Receive notifications until `count` arrived (None: forever); reconnect with back-off."""
    received, delay = 0, 0.5
    ws_url = url.replace("http", "ws", 1)
    while count is None or received < count:
        transport = WebsocketsTransport(
            url=ws_url,
            init_payload={"token": token},
            subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],  # graphql-transport-ws
        )
        try:
            async with Client(transport=transport) as session:
                delay = 0.5
                stream = session.subscribe(MINE, variable_values={"after": cursor.value})
                async for result in stream:
                    notification: dict[str, Any] = result["myNotifications"]
                    print(json.dumps(notification, ensure_ascii=False), flush=True)
                    cursor.save(notification["cursor"])
                    received += 1
                    if count is not None and received >= count:
                        break
        except (TransportError, ConnectionClosed, OSError) as exc:
            # 4403: the token ended; sign in again in a real app
            print(f"# disconnected ({exc}); resuming from {cursor.value}", flush=True)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30)
    return received


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--state", type=Path, default=Path("last-cursor.txt"))
    parser.add_argument("--count", type=int, default=None, help="stop after N notifications")
    args = parser.parse_args()
    token = sign_in(args.url, args.login, args.password)
    asyncio.run(follow(args.url, token, Cursor(args.state), args.count))


if __name__ == "__main__":
    main()
