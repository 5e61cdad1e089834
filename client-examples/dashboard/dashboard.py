"""Print the province's org tree with leaders and member counts: a govgraph client example.

    pip install "gql[httpx]"
    python dashboard.py                      # the demo Chairman against govgraph serve
    python dashboard.py --url http://127.0.0.1:8000/graphql \\
        --login chutich@thuathienhue.gov.vn --password 'UyBan#TTH2026' --depth 2

It signs in with the `login` mutation, then asks for the whole tree in one request:
`orgTree` loads the subtree in one SQL statement and batches leaders and counts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import Any

from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXAsyncTransport

DEFAULT_URL = "http://127.0.0.1:8000/graphql"
DEMO_LOGIN = "chutich@thuathienhue.gov.vn"  # the demo Chairman (docs/demo-accounts.md)
DEMO_PASSWORD = "UyBan#TTH2026"

LOGIN = """
mutation Login($login: String!, $password: String!) {
  login(login: $login, password: $password) {
    token
    mustChangePassword
    errors { code message }
  }
}
"""

CARD = """
fragment Card on OrgUnit {
  code
  name
  levelCode
  memberCount
  subtreeMemberCount
  leaders { title rank person { fullName } }
}
"""


def tree_query(levels: int) -> str:
    """The tree query with `levels` nested levels of children under the root."""
    body = "...Card"
    for _ in range(levels):
        body = f"...Card children {{ {body} }}"
    return f"query Dashboard($depth: Int!) {{ orgTree(depth: $depth) {{ {body} }} }}\n{CARD}"


class DashboardError(Exception):
    """The server refused the sign-in or the query."""


async def fetch_tree(
    url: str, login: str, password: str, *, levels: int = 3, **httpx_options: Any
) -> dict[str, Any] | None:
    """Sign in, then fetch the tree `levels` deep. `httpx_options` go to httpx.AsyncClient."""
    async with Client(transport=HTTPXAsyncTransport(url=url, **httpx_options)) as session:
        result = await session.execute(
            GraphQLRequest(LOGIN, variable_values={"login": login, "password": password})
        )
    payload = result["login"]
    if payload["errors"]:
        raise DashboardError("; ".join(e["message"] for e in payload["errors"]))
    if payload["mustChangePassword"]:
        raise DashboardError("This account must change its password first (changePassword)")
    headers = {"Authorization": f"Bearer {payload['token']}"}
    transport = HTTPXAsyncTransport(url=url, headers=headers, **httpx_options)
    async with Client(transport=transport) as session:
        result = await session.execute(
            GraphQLRequest(tree_query(levels), variable_values={"depth": levels})
        )
    tree: dict[str, Any] | None = result["orgTree"]
    return tree


def render(unit: dict[str, Any], indent: int = 0) -> list[str]:
    """Indented lines: name, code, members of the unit and of its subtree, leaders."""
    leaders = "; ".join(
        f"{lead['title']} {lead['person']['fullName'] if lead['person'] else '(hidden)'}"
        for lead in unit["leaders"]
    )
    line = (
        f"{'    ' * indent}{unit['name']} [{unit['code']}] "
        f"{unit['memberCount']}/{unit['subtreeMemberCount']} people"
    )
    lines = [f"{line} | {leaders}" if leaders else line]
    for child in unit.get("children") or []:
        lines.extend(render(child, indent + 1))
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Print the org tree of a govgraph server")
    parser.add_argument("--url", default=os.environ.get("GOVGRAPH_URL", DEFAULT_URL))
    parser.add_argument("--login", default=os.environ.get("GOVGRAPH_LOGIN", DEMO_LOGIN))
    parser.add_argument("--password", default=os.environ.get("GOVGRAPH_PASSWORD", DEMO_PASSWORD))
    parser.add_argument(
        "--depth", type=int, default=3, choices=(1, 2, 3), help="Levels under the root"
    )
    return parser.parse_args(argv)


async def main(argv: list[str] | None = None, **httpx_options: Any) -> int:
    """Print the tree; the exit status is 0 on success."""
    args = parse_args(argv)
    try:
        tree = await fetch_tree(
            args.url, args.login, args.password, levels=args.depth, **httpx_options
        )
    except DashboardError as error:
        print(f"govgraph refused: {error}", file=sys.stderr)
        return 1
    if tree is None:
        print("The server has no org tree yet (load the demo: govgraph demo-data)")
        return 1
    print("Unit [code] members of the unit/of its subtree | leaders")
    print("\n".join(render(tree)))
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
